"""Teaching captions: plain words per step, and the teacher's sidecar notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cassette_edits import multi_tool_answering
from tui_replay.analysis.captions import MAX_LINES, caption, cut, flowed, load_notes, notes_path, plain_words
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.retries import identical_retries
from tui_replay.model import CassetteError

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"
WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"
STREAMING = CASSETTES / "openrouter_kimi_multi_tool_streaming.yaml"


def test_captions_tell_the_wandb_story_in_plain_words() -> None:
    cassette = open_cassette(WANDB)
    assert caption(cassette, 0).startswith("The user asks “What's the weather in Florence,Italy?”")
    assert "the API fails with 429 Too Many Requests from WandB" in caption(cassette, 0)
    assert caption(cassette, 2).startswith("Attempt 3 of 3 after 429 Too Many Requests")
    assert "the model calls `weather` with {location: Florence, Italy}" in caption(cassette, 2)
    assert caption(cassette, 3).startswith("The tool answers 40 C")
    assert "Florence" in caption(cassette, 11) and "Attempt 9 of 9" in caption(cassette, 11)


def test_sidecar_notes_are_read_next_to_the_cassette(tmp_path: Path) -> None:
    cassette = tmp_path / "demo.yaml"
    cassette.write_bytes(WANDB.read_bytes())
    assert load_notes(cassette).notes == {}
    notes_path(cassette).write_text("title: Retries\nnotes:\n  0: First try.\n  '2': Third time lucky.\n")
    notes = load_notes(cassette)
    assert notes.title == "Retries"
    assert notes.for_interaction(0) == "First try." and notes.for_interaction(2) == "Third time lucky."
    assert notes.for_interaction(1) is None
    assert cassette.read_bytes() == WANDB.read_bytes()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("- a list\n", "mapping"),
        ("notes: [1, 2]\n", "notes"),
        ("notes:\n  first: x\n", "not an interaction"),
        ("notes: {0: [unclosed\n", "cannot read"),
    ],
)
def test_broken_sidecar_notes_name_the_file(tmp_path: Path, text: str, why: str) -> None:
    cassette = tmp_path / "demo.yaml"
    notes_path(cassette).write_text(text)
    with pytest.raises(CassetteError) as error:
        load_notes(cassette)
    assert "demo.notes.yaml" in str(error.value) and why in str(error.value)


def test_caption_drops_markdown_emphasis_from_the_model_answer() -> None:
    cassette = open_cassette(WANDB)
    # The recorded answer is "It's currently **40 °C (104 °F)** in Florence, Italy—…".
    assert "**40 °C (104 °F)**" in cassette.exchange(11).response.message.text  # type: ignore[union-attr]
    text = caption(cassette, 11)
    assert "the model answers “It's currently 40 °C (104 °F) in Florence" in text
    assert "*" not in text


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("It is **40 °C** today", "It is 40 °C today"),
        ("*hot* and __very__ _dry_, ~~cold~~", "hot and very dry, cold"),
        ("## Weather\nsunny", "Weather\nsunny"),
        ("call get_weather_now for snake_case names", "call get_weather_now for snake_case names"),
        ("2 * 3 * 4 and a lone **", "2 * 3 * 4 and a lone **"),
        ("`code_span` stays", "`code_span` stays"),
    ],
)
def test_plain_words_strips_only_emphasis_markers(markdown: str, plain: str) -> None:
    assert plain_words(markdown) == plain


def test_caption_masks_secrets_unless_opened_unmasked(tmp_path: Path) -> None:
    key = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
    cassette_path = tmp_path / "planted.yaml"
    # The key is the whole question (the YAML doubles its apostrophe): short enough to be quoted whole.
    cassette_path.write_text(WANDB.read_text().replace("What''s the weather in Florence,Italy?", key))
    masked = caption(open_cassette(cassette_path), 0)
    assert key[-10:] not in masked
    assert "sk-proj-…(masked, " in masked
    assert key in caption(open_cassette(cassette_path, redact=False), 0)


def test_a_markdown_list_in_the_answer_stays_a_list() -> None:
    cassette = open_cassette(STREAMING)
    answer = cassette.exchange(1).response.message.text  # type: ignore[union-attr]
    items = [line[2:] for line in answer.splitlines() if line.startswith("- ")]
    assert len(items) == 2  # read off the cassette: "- Addition: …", "- Multiplication: …"
    lines = caption(cassette, 1).splitlines()
    assert lines[0].endswith("the model answers “The results are:")
    assert lines[1:] == [f"• {items[0]}", f"• {items[1]}”"]


@pytest.mark.parametrize(
    ("markdown", "lines"),
    [
        ("one paragraph\nwrapped  over lines", ["one paragraph wrapped over lines"]),
        ("Steps:\n1. boil\n2) pour\n   slowly\n\nDone.", ["Steps:", "1. boil", "2) pour slowly", "Done."]),
        ("* a\n+ b\n- c", ["• a", "• b", "• c"]),
        ("2 * 3 is\n6", ["2 * 3 is 6"]),
        ("-5 degrees\ntoday", ["-5 degrees today"]),
    ],
)
def test_flowed_keeps_list_items_on_their_own_lines(markdown: str, lines: list[str]) -> None:
    assert flowed(markdown).splitlines() == lines


FORECAST = (
    "Yes, take an umbrella: light rain is expected in Lisbon until about 14:30, then `clear_sky` returns."
)


@pytest.mark.parametrize("limit", range(8, len(FORECAST) + 1))
def test_a_cut_quote_ends_at_a_word_boundary(limit: int) -> None:
    shown = cut(FORECAST, limit)
    assert len(shown) <= limit
    if limit >= len(FORECAST):
        assert shown == FORECAST
        return
    kept = shown.removesuffix("…")
    assert shown.endswith("…") and FORECAST.startswith(kept)
    assert not FORECAST[len(kept)].isalnum()  # never "until about 1…"
    assert kept.count("`") % 2 == 0  # a code span is never left open


def test_only_a_word_longer_than_the_limit_is_cut_inside() -> None:
    assert cut("x" * 30, 10) == "x" * 9 + "…"
    assert cut("a " + "x" * 30, 10) == "a…"


def test_the_model_answer_is_quoted_up_to_a_word(tmp_path: Path) -> None:
    cassette = open_cassette(multi_tool_answering(tmp_path, [FORECAST]))
    quoted = caption(cassette, 2).split("the model answers “", 1)[1]
    assert quoted.endswith("…”")
    kept = quoted.removesuffix("…”")
    assert FORECAST.startswith(kept) and not FORECAST[len(kept)].isalnum()


def list_answer(items: int) -> list[str]:
    return [
        "Here is what I found:",
        *(f"- Item {n}: a line about thing number {n}" for n in range(1, items + 1)),
    ]


def test_every_item_of_a_list_answer_is_quoted(tmp_path: Path) -> None:
    answer = list_answer(MAX_LINES - 1)  # the intro and its items fill the lines a caption has
    lines = caption(open_cassette(multi_tool_answering(tmp_path, answer)), 2).splitlines()
    assert lines[0].endswith("the model answers “Here is what I found:")
    assert lines[1:] == [line.replace("- ", "• ", 1) for line in answer[1:-1]] + [
        answer[-1].replace("- ", "• ", 1) + "”"
    ]


def test_a_long_list_answer_says_how_many_more_items(tmp_path: Path) -> None:
    answer = list_answer(MAX_LINES + 3)
    lines = caption(open_cassette(multi_tool_answering(tmp_path, answer)), 2).splitlines()
    shown = MAX_LINES - 1
    assert len(lines) == MAX_LINES
    assert lines[1:shown] == [line.replace("- ", "• ", 1) for line in answer[1:shown]]
    assert lines[-1] == f"… and {len(answer) - shown} more items”"


def test_a_long_list_item_is_cut_on_its_own_line(tmp_path: Path) -> None:
    answer = ["Two things:", "- " + FORECAST, "- Second"]
    lines = caption(open_cassette(multi_tool_answering(tmp_path, answer)), 2).splitlines()
    assert len(lines) == 3 and lines[1].endswith("…") and lines[2] == "• Second”"


def test_a_run_of_identical_retries_has_one_caption() -> None:
    cassette = open_cassette(WANDB)
    runs = identical_retries(cassette, range(len(cassette)))
    assert runs  # the seed retries twice
    for run in runs:
        said = caption(cassette, run.first, run)
        attempts = cassette.turn(run.last).attempts
        assert said.endswith(
            f"attempts {run.first_attempt}–{run.last_attempt} of {attempts}: {run.status_line}, same request"
        )
        assert "Attempt 2" not in said
    # The run that starts the second turn still says what the client sent: the tool's answer.
    assert caption(cassette, runs[-1].first, runs[-1]).startswith(
        caption(cassette, runs[-1].first).split(";")[0]
    )
