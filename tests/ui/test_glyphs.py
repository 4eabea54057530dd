"""Every character the UI draws is in Fira Code, the font Textual's SVG export names.

A character the font lacks is an empty box in the screenshots, the slides and any SVG a user
exports (the header icon was one). The check asks fontconfig, so it runs where Fira Code is
installed (`apt-get install fonts-firacode`) and skips elsewhere.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "tui_replay" / "ui"
FONT = "Fira Code"


@cache
def in_font(char: str) -> bool:
    listed = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True, check=True
    ).stdout
    return FONT in listed


def drawn_characters(source: str) -> set[str]:
    """Non-ASCII characters in the module's string literals other than docstrings: what it can draw."""
    tree = ast.parse(source)
    # a docstring (of a module, class, function or attribute) is a string expression on its own
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return {
        char
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        for char in node.value
        if ord(char) > 127
    }


@pytest.fixture(scope="module")
def fira_code() -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig is not installed")
    if not in_font("A"):
        pytest.skip(f"{FONT} is not installed")


def test_the_scan_sees_drawn_strings_and_not_docstrings() -> None:
    source = '"""Module ⭘."""\nMARK = "↯"\n"""About the mark ⋯."""\n'
    source += 'def f():\n    """Doc ✗."""\n    return f"{1} ⟲"\n'
    assert drawn_characters(source) == {"↯", "⟲"}


def test_a_character_fira_code_lacks_is_found(fira_code: None) -> None:
    assert not in_font("↯")  # the realtime mark first chosen
    assert in_font("◉")


def test_every_character_the_ui_draws_is_in_fira_code(fira_code: None) -> None:
    missing = sorted(
        f"{path.relative_to(UI).as_posix()}: {char} U+{ord(char):04X} {unicodedata.name(char, '?')}"
        for path in UI.rglob("*.py")
        for char in drawn_characters(path.read_text(encoding="utf-8"))
        if not in_font(char)
    )
    assert missing == [], "not in Fira Code (an empty box in exported SVGs):\n" + "\n".join(missing)
