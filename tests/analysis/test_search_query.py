"""The app's search line: text plus filters, answered by `search.search_exchange`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.paths import CASSETTES, CORPUS
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.search import Pattern, search_file
from tui_replay.analysis.search_query import Query, parse_query, query_cassette, query_file
from tui_replay.formats.scan import iter_cassette_files

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"  # 12 interactions: 10 answered 429, 2 answered 200
ANTHROPIC = CASSETTES / "anthropic_thinking_tool_stream.yaml"


def test_filters_come_out_of_the_line_and_the_rest_is_the_text() -> None:
    query = parse_query("get weather  tool:Get_Weather errors model:Kimi problems dialect:anthropic")
    assert query == Query(
        Pattern("get weather", ignore_case=True),
        errors=True,
        problems=True,
        dialect="anthropic",
        model="kimi",
        tool="get_weather",
    )


def test_smart_case_a_capital_letter_makes_the_text_match_case() -> None:
    assert parse_query("Florence").pattern == Pattern("Florence", ignore_case=False)
    assert parse_query("florence").pattern == Pattern("florence", ignore_case=True)


def test_a_word_with_an_unknown_key_or_no_value_is_searched_as_text() -> None:
    assert parse_query("https://x tool:").pattern == Pattern("https://x tool:", ignore_case=True)


def test_nothing_asked_finds_nothing() -> None:
    assert parse_query("   ").empty
    assert list(query_cassette(open_cassette(WANDB), parse_query(""))) == []


def test_errors_alone_lists_each_failed_interaction_once() -> None:
    hits = list(query_cassette(open_cassette(WANDB), parse_query("errors")))
    assert [h.interaction for h in hits] == [0, 1, 3, 4, 5, 6, 7, 8, 9, 10]
    assert all(h.where == "interaction" and h.snippet.startswith("429 openai-chat") for h in hits)


def test_text_and_a_filter_both_hold() -> None:
    cassette = open_cassette(WANDB)
    everywhere = {h.interaction for h in query_cassette(cassette, parse_query("Florence"))}
    in_errors = {h.interaction for h in query_cassette(cassette, parse_query("Florence errors"))}
    assert everywhere == set(range(12))
    assert in_errors == {0, 1, 3, 4, 5, 6, 7, 8, 9, 10}


def test_problems_filter_uses_the_cassettes_problems() -> None:
    cassette = open_cassette(WANDB)
    flagged = {p.interaction for p in cassette.problems()}
    hits = {h.interaction for h in query_cassette(cassette, parse_query("problems"))}
    assert hits == flagged and hits  # the 429s are problems; the two 200s are not


def test_tool_model_and_dialect_filters() -> None:
    anthropic = open_cassette(ANTHROPIC)
    assert {h.interaction for h in query_cassette(anthropic, parse_query("tool:weather"))} == {0, 1}
    assert list(query_cassette(anthropic, parse_query("tool:calculator"))) == []
    assert list(query_cassette(anthropic, parse_query("dialect:anthropic")))
    assert list(query_cassette(anthropic, parse_query("dialect:gemini"))) == []
    wandb = open_cassette(WANDB)
    assert len(list(query_cassette(wandb, parse_query("model:kimi-k2")))) == 12
    assert list(query_cassette(wandb, parse_query("model:gpt"))) == []


def test_stop_ends_the_search_between_interactions() -> None:
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 3

    hits = list(query_cassette(open_cassette(WANDB), parse_query("errors"), stop))
    assert [h.interaction for h in hits] == [0, 1]  # interaction 2 passed no filter; 3 was not reached


def test_an_unreadable_file_is_one_hit_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("interactions: [\n  - request: {oops\n")
    hits = list(query_file(broken, parse_query("errors")))
    assert len(hits) == 1 and hits[0].interaction is None and hits[0].where == "unreadable"
    assert "broken.yaml" in hits[0].snippet


def test_a_file_that_cannot_hold_the_text_is_not_opened(tmp_path: Path) -> None:
    # Not a cassette at all: had it been opened, it would be reported unreadable.
    (tmp_path / "notes.yaml").write_text("nothing: here\n")
    assert list(query_file(tmp_path / "notes.yaml", parse_query("zebra"))) == []


@pytest.mark.parametrize("word", ["weather", "Paris", "error", "content-type", "gpt-4o", "Lisbon"])
def test_text_alone_finds_what_tui_replay_search_finds(word: str) -> None:
    """The app's search skips interactions whose bytes cannot hold the text; it must still
    find every hit the CLI's `search_file` finds (bundled cassettes, and the corpus when present)."""
    roots = [CASSETTES, *([CORPUS] if CORPUS.is_dir() else [])]
    files = list(iter_cassette_files(roots))
    pattern = Pattern(word, ignore_case=word == word.lower())
    ours = [hit for path in files for hit in query_file(path, parse_query(word))]
    theirs = [hit for path in files for hit in search_file(path, pattern)]
    assert ours == theirs
