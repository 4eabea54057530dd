"""The parsing and decoding core must not import Textual or Rich (proven in a clean interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tui_replay

PACKAGE = Path(tui_replay.__file__).resolve().parent
CASSETTES = PACKAGE.parent / "cassettes"


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts
        if "ui" in parts or parts[-1] == "__main__":
            continue
        if parts[-1] in {"serve"}:  # serving the TUI in a browser needs Textual by nature
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _ui_modules_after(code: str) -> list[str]:
    probe = code + "\nimport sys\nprint(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return eval(out.stdout.strip().splitlines()[-1])  # a printed list of str


def test_core_modules_are_found() -> None:
    names = core_modules()
    assert "tui_replay.model" in names and "tui_replay.analysis.cassette" in names
    assert not any(".ui" in n for n in names)


def test_core_imports_neither_textual_nor_rich() -> None:
    imports = "\n".join(f"import {name}" for name in core_modules())
    assert _ui_modules_after(imports) == []


def test_headless_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import contextlib, io\n"
        "from tui_replay.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(CASSETTES)!r}])\n"
        f"    main(['inspect', '--json', {str(CASSETTES / 'openrouter_kimi_tool_wandb.yaml')!r}])\n"
        f"    main(['inspect', {str(CASSETTES / 'openrouter_kimi_tool_wandb.yaml')!r}])\n"
    )
    assert _ui_modules_after(code) == []


def test_the_probe_detects_a_ui_import() -> None:
    """The check above can fail: importing the UI package does pull Textual in."""
    assert "textual" in _ui_modules_after("import textual")
