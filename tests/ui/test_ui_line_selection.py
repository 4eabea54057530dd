"""line_selection: the text a selection copies, and the selected range drawn, for Line-API widgets."""

from __future__ import annotations

from itertools import product

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Offset
from textual.selection import SELECT_ALL, Selection
from textual.strip import Strip

from tui_replay.ui.line_selection import highlighted, selected_text

LINES = ["first line", "", "third, longer line", "4th"]
SELECTED = Style(bgcolor="blue")


def copied(selection: Selection, lines: list[str] = LINES) -> str:
    text, ending = selected_text(selection, len(lines), lambda y: lines[y])
    assert ending == "\n"
    return text


def test_cuts_the_lines_as_textual_s_own_extract_does() -> None:
    whole = "\n".join(LINES)
    ends = [Offset(x, y) for y, x in product(range(len(LINES)), (0, 2, 6, 30))]
    selections = [Selection(a, b) for a, b in product(ends, ends) if a.transpose <= b.transpose]
    selections += [Selection(None, end) for end in ends] + [Selection(start, None) for start in ends]
    selections.append(SELECT_ALL)
    assert len(selections) > 100
    for selection in selections:
        assert copied(selection) == selection.extract(whole), selection


def test_a_line_break_character_inside_a_line_does_not_shift_the_lines_after_it() -> None:
    lines = ["page\x0cbreak", "para\u2028graph", "last"]
    selection = Selection(Offset(2, 1), Offset(3, 2))
    assert copied(selection, lines) == "ra\u2028graph\nlas"
    assert selection.extract("\n".join(lines)) != "ra\u2028graph\nlas"  # why it keeps its own cut


def test_asks_only_for_the_lines_selected_and_drops_the_padding() -> None:
    asked: list[int] = []

    def line(y: int) -> str:
        asked.append(y)
        return f"line {y}".ljust(40)

    text, _ = selected_text(Selection(Offset(5, 1000), Offset(3, 1002)), 20_000, line)
    assert asked == [1000, 1001, 1002]
    assert text == "1000\nline 1001\nlin"


def test_a_selection_past_the_last_line_ends_with_it() -> None:
    assert copied(Selection(Offset(0, 3), Offset(1, 9))) == "4th"
    assert copied(Selection(Offset(0, 7), None)) == ""
    assert selected_text(SELECT_ALL, 0, lambda y: "never asked") == ("", "\n")


def test_highlights_characters_not_cells() -> None:
    strip = Strip([Segment("日本", Style(color="red")), Segment("語abc")])
    assert strip.cell_length == 9
    marked = highlighted(strip, (1, 4), SELECTED)  # 本, 語, a: cells 2-7
    assert marked.text == strip.text and marked.cell_length == 9
    chosen = "".join(s.text for s in marked if s.style is not None and s.style.bgcolor == SELECTED.bgcolor)
    assert chosen == "本語a"
    kept_red = [s for s in marked if s.text == "本"][0].style
    assert kept_red is not None and kept_red.color == Style(color="red").color  # its own colour stays


def test_highlights_to_the_end_of_the_line_and_nothing_for_an_empty_span() -> None:
    strip = Strip([Segment("abcdef")])
    to_end = highlighted(strip, (2, -1), SELECTED)
    assert [s.text for s in to_end if s.style == SELECTED] == ["cdef"]
    assert highlighted(strip, (3, 3), SELECTED) is strip
    assert highlighted(strip, (9, -1), SELECTED) is strip
