"""The help names every key as a person reads it (`:`, `.`, `page down`), never by Textual's
internal key name (`colon`, `full_stop`, `pagedown`)."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.comparison_screen import ComparisonScreen
from tui_replay.ui.screens.help_screen import HelpScreen, key_text

WORDS = {"space", "enter", "escape", "tab", "home", "end", "page up", "page down"}
"""Keys the help spells out; every other key is the character it types or an arrow."""
MODIFIERS = {"ctrl", "shift", "alt"}


def _every_key_in_the_help() -> list[str]:
    sections = ReplayApp([]).help_sections()
    bindings = [b for _title, group in sections for b in group] + list(ComparisonScreen.BINDINGS)
    return sorted({key.strip() for b in bindings if isinstance(b, Binding) for key in b.key.split(",")})


@pytest.mark.parametrize(
    ("keys", "shown"),
    [
        ("colon", ":"),
        ("full_stop", "."),
        ("comma", ","),
        ("question_mark", "?"),
        ("slash", "/"),
        ("left_square_bracket,right_square_bracket", "[ / ]"),
        ("plus,equals_sign", "+ / ="),
        ("pageup,pagedown", "page up / page down"),
        ("escape,question_mark,q", "escape / ? / q"),
        ("n,right", "n / →"),
        ("s,ctrl+f", "s / ctrl+f"),
        ("ctrl+right", "ctrl+→"),
    ],
)
def test_keys_read_as_typed(keys: str, shown: str) -> None:
    assert key_text(keys) == shown


def test_no_key_in_the_help_is_shown_by_its_internal_name() -> None:
    keys = _every_key_in_the_help()
    assert "colon" in keys and "pagedown" in keys  # the help does list the keys this is about
    for key in keys:
        shown = key_text(key)
        modifiers, _, name = shown.rpartition("+") if len(shown) > 1 else ("", "", shown)
        assert all(m in MODIFIERS for m in modifiers.split("+") if m), f"{key} is shown as {shown!r}"
        assert len(name) == 1 or name in WORDS, f"{key} is shown as {shown!r}"


async def test_the_help_screen_shows_colon_as_a_colon() -> None:
    app = ReplayApp([])
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = [
            line.text
            for widget in app.screen.query("RichLines")
            for line in widget.render_lines(widget.region.reset_offset)
        ]
        goto = [line for line in lines if "replay.goto" in line]
        assert goto and goto[0].split()[0] == ":", goto
