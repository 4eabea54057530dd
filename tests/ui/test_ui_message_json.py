"""How cards write JSON: `card_json` keeps long lists of numbers on one line."""

from __future__ import annotations

import json

from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.ui.widgets.card_text import INLINE_NUMBERS, SHOWN_NUMBERS, card_json


def test_long_number_lists_are_one_line_cut_with_a_count_and_the_rest_is_unchanged() -> None:
    value = {
        "pages": [{"text": "Dummy PDF", "images": [{"data": list(range(200)), "mime": "image/jpeg"}]}],
        "short": [1, 2, 3],
        "flags": [True] * 40,
        "mixed": [1, "a"] * 20,
        "lookalike": "\u0000numbers-0-0\u0000",
    }
    text = card_json(value)
    assert len(text.splitlines()) < len(pretty_json(value).splitlines()) - 190
    shown = json.loads(text)
    data = shown["pages"][0]["images"][0].pop("data")
    assert data == [*range(SHOWN_NUMBERS), f"… {200 - SHOWN_NUMBERS} more numbers (r shows them)"]
    value["pages"][0]["images"][0].pop("data")
    assert shown == value
    data_lines = [line for line in text.splitlines() if '"data"' in line]
    assert len(data_lines) == 1 and data_lines[0].startswith('          "data": [0, 1, 2, ')
    assert '"short": [\n' in text  # short lists, booleans and mixed lists as pretty_json has them
    assert text.count("true") == 40 and text.count("\n    true") == 40


def test_the_threshold_is_a_list_of_inline_numbers() -> None:
    assert card_json(list(range(INLINE_NUMBERS))) == json.dumps(list(range(INLINE_NUMBERS)))
    assert json.loads(card_json(list(range(SHOWN_NUMBERS)))) == list(range(SHOWN_NUMBERS))
    assert card_json(list(range(INLINE_NUMBERS - 1))) == pretty_json(list(range(INLINE_NUMBERS - 1)))


def test_nesting_deeper_than_python_recurses_falls_back_to_pretty_json() -> None:
    deep: list[object] = []
    node = deep
    for _ in range(5000):
        child: list[object] = []
        node.append(child)
        node = child
    try:
        expected = pretty_json(deep)
    except RecursionError:
        expected = None
    if expected is not None:
        assert card_json(deep) == expected
