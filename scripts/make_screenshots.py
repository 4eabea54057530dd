"""Write screenshots/<scenario>.svg from cassettes/, using the snapshot tests' scenarios.

python scripts/make_screenshots.py            # all scenarios
python scripts/make_screenshots.py help raw_exchange
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui_replay.ui.app import ReplayApp  # noqa: E402
from tui_replay.ui.scenarios import SCENARIOS, Scenario, play  # noqa: E402


async def shoot(scenario: Scenario, out: Path) -> None:
    app = ReplayApp(list(scenario.paths), autoplay=False)
    async with app.run_test(size=scenario.size) as pilot:
        await play(app, pilot, scenario.keys)
        await pilot.pause()
        out.write_text(app.export_screenshot(title=f"tui-replay · {scenario.name}"), encoding="utf-8")


async def shoot_comparison(out: Path) -> None:
    """`tui-replay diff a.yaml b.yaml` on two edited copies of the vcrpy seed, at the changed pair."""
    import tempfile

    from tests.helpers.comparison_app import comparison_app

    with tempfile.TemporaryDirectory() as folder:
        app = comparison_app(Path(folder))
        async with app.run_test(size=(120, 30)) as pilot:
            await play(app, pilot, ("n",))
            await pilot.pause()
            out.write_text(app.export_screenshot(title="tui-replay · comparison"), encoding="utf-8")


def main(names: list[str]) -> int:
    os.chdir(ROOT)
    folder = ROOT / "screenshots"
    folder.mkdir(exist_ok=True)
    chosen = [s for s in SCENARIOS if not names or s.name in names]
    for scenario in chosen:
        out = folder / f"{scenario.name}.svg"
        asyncio.run(shoot(scenario, out))
        print(out.relative_to(ROOT))
    if not names or "comparison" in names:
        out = folder / "comparison.svg"
        asyncio.run(shoot_comparison(out))
        print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
