"""The README's Layout section names every module of the package, and nothing that is gone:
a newcomer finds their room from it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def listed_in_readme() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text[text.index("### Layout") :]
    found: set[str] = set()
    package = None
    for line in layout.splitlines():
        heading = re.match(r"`(tui_replay/[a-z_/]*)`", line)
        if heading:
            package = heading.group(1).rstrip("/")
            continue
        item = re.match(r"- `([^`]+)`", line)
        if item and package:
            found.add(f"{package}/{item.group(1)}")
    return found


def in_package() -> set[str]:
    package = ROOT / "tui_replay"
    return {
        str(path.relative_to(ROOT))
        for path in package.rglob("*")
        if path.suffix in {".py", ".tcss", ".typed"} and "__pycache__" not in path.parts
    }


def test_the_layout_section_names_every_module_and_only_those() -> None:
    listed, present = listed_in_readme(), in_package()
    assert sorted(present - listed) == [], "modules the README's Layout section does not name"
    assert sorted(listed - present) == [], "modules the README's Layout section names but that are gone"
