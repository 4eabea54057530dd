"""Every input that once crashed or froze tui-replay, kept as a reproducer in `tests/data/crashers/`.

Each file runs through the whole headless session (`safety_fuzz.exercise`) in
a subprocess with a time limit, so a hang fails the test instead of the suite.
A reproducer whose fix has not landed yet is listed in `KNOWN` and marked
xfail(strict=True): once the owner fixes it, the test passes, strict xfail
turns that into a failure, and the entry must be removed from `KNOWN`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.safety_fuzz import CRASHERS, ROOT

TIME_LIMIT = 8.0
"""Seconds for one file; a healthy load of these small files takes well under one."""

KNOWN: dict[str, str] = {}
"""name -> reason (owner, what breaks) for reproducers whose fix has not landed.

Fixed so far: yaml_alias_bomb_*.yaml (formats, fdca91a: aliased nodes shared, parsed bodies
capped at 5,000,000 values, header values must be text);
anchored_items_then_top_level_list.yaml (formats: a top-level key's list after the
interactions makes the whole file parsed before a count is handed out).
"""

RUNNER = """
import sys
sys.path[:0] = [sys.argv[2], sys.argv[3]]
from tests.helpers.safety_fuzz import exercise
from pathlib import Path
print(exercise(Path(sys.argv[1])))
"""


def _cases() -> list[object]:
    cases: list[object] = []
    for path in sorted(CRASHERS.glob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[path.name])] if path.name in KNOWN else []
        cases.append(pytest.param(path, id=path.name, marks=marks))
    return cases


def test_every_known_crasher_has_its_reproducer() -> None:
    missing = [name for name in KNOWN if not (CRASHERS / name).is_file()]
    assert not missing


@pytest.mark.parametrize("path", _cases())
def test_crasher_is_decoded_or_reported_in_time(path: Path) -> None:
    try:
        result = subprocess.run(
            [sys.executable, "-c", RUNNER, str(path), str(ROOT / "tests"), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: still running after {TIME_LIMIT}s")
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0
    assert result.stdout.strip() in {"decoded", "reported"}
