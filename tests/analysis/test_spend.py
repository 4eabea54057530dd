"""Tokens, reported cost and wasted work per interaction, turn and cassette.

Every expected number was read by hand from the cassette files (usage fields, `code:` and
`duration:` lines), not produced by the code under test."""

from __future__ import annotations

import dataclasses

import pytest

from tests.helpers.analysis_builders import assistant, exchange, text, user
from tests.helpers.paths import CASSETTES, corpus_files, corpus_new_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.cost import cost_text
from tui_replay.analysis.spend import (
    Tokens,
    Wasted,
    at_least,
    cassette_spend,
    compact,
    duration_text,
    exchange_spend,
    failure,
    spend_line,
    tokens_line,
    wasted_line,
)
from tui_replay.model import Problem

# openrouter_kimi_tool_wandb.yaml: #0 #1 429, #2 200, #3..#10 429, #11 200; durations in ms
WANDB_FAILED_MS = (
    342.70525,
    350.212084,
    292.170042,
    639.975709,
    331.185459,
    388.843792,
    274.267875,
    287.460666,
    639.49075,
    365.366208,
)


def test_wandb_seed_totals_and_wasted_retries() -> None:
    spend = cassette_spend(open_cassette(CASSETTES / "openrouter_kimi_tool_wandb.yaml"))
    assert spend is not None
    # #2: prompt 97, completion 31, cost 0.00025495; #11: prompt 171, completion 35, cost 0.00037085
    assert (spend.tokens.input, spend.tokens.output, spend.tokens.total) == (268, 66, 334)
    assert spend.tokens.cached == 0  # both report cached_tokens 0: known, and zero
    assert spend.tokens.reasoning == 0  # completion_tokens_details.reasoning_tokens 0 in both
    assert spend.tokens.cost == pytest.approx(0.00025495 + 0.00037085)
    assert (spend.tokens.reported, spend.tokens.unreported, spend.tokens.cost_reported) == (2, 10, 2)
    assert spend.wasted.attempts == 10
    assert spend.wasted.duration_ms == pytest.approx(sum(WANDB_FAILED_MS))
    assert not spend.wasted.tokens.known  # a 429 reports no usage: unknown, not 0
    assert [s.failure for s in spend.interactions] == ["HTTP 429"] * 2 + [None] + ["HTTP 429"] * 8 + [None]
    assert spend.duration_ms == pytest.approx(sum(WANDB_FAILED_MS) + 656.026875 + 728.093708)


def test_wandb_seed_per_turn() -> None:
    spend = cassette_spend(open_cassette(CASSETTES / "openrouter_kimi_tool_wandb.yaml"))
    assert spend is not None
    first, second = spend.turns
    assert (first.turn, first.interactions) == (1, (0, 1, 2))
    assert (second.turn, second.interactions) == (2, tuple(range(3, 12)))
    assert (first.tokens.input, first.tokens.output) == (97, 31)
    assert (second.tokens.input, second.tokens.output) == (171, 35)
    assert first.wasted.attempts == 2
    assert first.wasted.duration_ms == pytest.approx(sum(WANDB_FAILED_MS[:2]))
    assert second.wasted.attempts == 8
    assert second.wasted.duration_ms == pytest.approx(sum(WANDB_FAILED_MS[2:]))


def test_anthropic_500_then_retry() -> None:
    spend = cassette_spend(open_cassette(CASSETTES / "anthropic_500_retry.yaml"))
    assert spend is not None
    failed, answered = spend.interactions
    assert failed.failure == "HTTP 500" and not failed.usage
    assert failed.wasted.duration_ms == pytest.approx(412.907125)
    # input_tokens 27 + cache_read 0 + cache_creation 0, output_tokens 14
    assert (answered.usage.input, answered.usage.output, answered.failure) == (27, 14, None)
    assert len(spend.turns) == 1 and spend.turns[0].interactions == (0, 1)
    assert spend.tokens.cost is None  # Anthropic reports no cost: none is invented
    assert "cost not reported" in tokens_line(spend.tokens)
    assert "usage unknown for 1 of 2" in tokens_line(spend.tokens)


def test_gemini_thoughts_count_as_reasoning_output() -> None:
    spend = cassette_spend(open_cassette(CASSETTES / "gemini_stream.yaml"))
    assert spend is not None
    # #0 last usageMetadata: prompt 61, candidates 24, thoughts 31; #1: prompt 140, candidates 19
    assert (spend.tokens.input, spend.tokens.output, spend.tokens.reasoning) == (201, 24 + 31 + 19, 31)
    assert not spend.wasted
    assert spend.duration_ms == pytest.approx(1934.117208 + 842.503291)


def test_session_that_dropped_after_a_completed_turn_wasted_nothing() -> None:
    path = corpus_new_file(
        "vcrpy/pydantic-ai/realtime/cassettes/test_xai_ws/test_session_resumption_after_drop.yaml"
    )
    spend = cassette_spend(open_cassette(path))
    assert spend is not None
    # turn 1: input_tokens 13, output_tokens 113 (response.done "completed", then the socket
    # dropped); turn 2: 10 and 198 in the resumed session
    assert (spend.tokens.input, spend.tokens.output) == (23, 311)
    assert [s.failure for s in spend.interactions] == [None, None]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"status": None, "body": b""}, "no response"),
        ({"problems": (Problem(0, "error", "stream-unterminated", "cut"),)}, "stream cut short"),
        ({"problems": (Problem(0, "warning", "session-dropped", "closed"),)}, "session dropped mid-turn"),
        ({"problems": (Problem(0, "warning", "session-dropped", "closed"),), "finish": "stop"}, None),
        ({}, None),
    ],
)
def test_what_counts_as_a_failed_attempt(changes: dict[str, object], reason: str | None) -> None:
    base = exchange(0, [user("hi")], assistant(text("hello")))
    raw = base.raw
    if "status" in changes:
        raw = dataclasses.replace(raw, status=None, response_body=b"")
        base = dataclasses.replace(base, response=dataclasses.replace(base.response, message=None))
    else:
        raw = dataclasses.replace(raw, response_body=b"{}")
    response = dataclasses.replace(base.response, finish_reason=changes.get("finish"))  # type: ignore[arg-type]
    built = dataclasses.replace(base, raw=raw, response=response, problems=changes.get("problems", ()))  # type: ignore[arg-type]
    assert failure(built) == reason


def test_usage_and_cost_are_summed_without_inventing_zeros() -> None:
    base = exchange(0, [user("hi")], assistant(text("hello")))
    priced = dataclasses.replace(
        base,
        response=dataclasses.replace(
            base.response, usage={"prompt_tokens": 10, "completion_tokens": 5, "cost": 0.5}
        ),
    )
    tokens = Tokens().plus(exchange_spend(priced).usage).plus(exchange_spend(base).usage)
    assert (tokens.input, tokens.output, tokens.total, tokens.cost) == (10, 5, 15, 0.5)
    assert (tokens.reported, tokens.unreported, tokens.cost_reported) == (1, 1, 1)
    assert tokens.cached is None
    assert tokens_line(tokens) == "in 10 · out 5 · cost 0.5 (1 of 2 reported) · usage unknown for 1 of 2"
    assert tokens_line(Tokens(unreported=3)) == "tokens unknown"


def test_numbers_read_well() -> None:
    assert [compact(n) for n in (950, 1234, 12_345, 3_400_000)] == ["950", "1.2k", "12k", "3.4M"]
    assert cost_text(0.00025495 + 0.00037085) == "0.0006258"
    assert [duration_text(ms) for ms in (412.9, 3911.7, 125_000)] == ["413 ms", "3.9 s", "2 min 5 s"]
    wasted = Wasted(2, Tokens(unreported=2), 692.9, 0)
    assert wasted_line(wasted) == "wasted: 2 failed attempts · 693 ms · tokens unknown"
    assert wasted_line(Wasted()) == "no wasted work"


def test_a_failed_attempt_without_a_recorded_duration_is_untimed_not_instant() -> None:
    wasted = exchange_spend(exchange(0, [user("hi")], status=429)).wasted
    assert (wasted.attempts, wasted.duration_ms, wasted.untimed) == (1, None, 1)
    assert wasted_line(wasted) == "wasted: 1 failed attempt · time unknown · tokens unknown"


def test_tight_words_mark_a_floor_and_say_unknown() -> None:
    assert at_least(Tokens(total=334, reported=2, unreported=10)) == "≥334 tok"
    assert at_least(Tokens(total=1234, reported=2)) == "1.2k tok"
    assert at_least(Tokens(unreported=3)) == "tokens unknown"


def test_spend_line_of_a_turn_that_only_failed_reads_as_unknown_not_empty() -> None:
    wasted = Wasted(1, Tokens(unreported=1), 412.907125, 0)
    line = spend_line(Tokens(unreported=1), wasted)
    assert line == "tokens unknown · cost not reported · wasted: 1 failed attempt · 413 ms · tokens unknown"
    assert spend_line(Tokens(input=3, output=4, total=7, reported=1), Wasted()) == (
        "tokens: in 3 · out 4 · cost not reported"
    )


def test_every_retried_attempt_in_the_corpus_counts_as_wasted() -> None:
    """The definition's promise: an attempt the client retried is a failed attempt."""
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus is not present")
    retried = 0
    for path in files:
        cassette = open_cassette(path)
        spend = cassette_spend(cassette)
        assert spend is not None
        for index in range(1, len(cassette)):
            if cassette.turn_index.retries(index):
                retried += 1
                assert spend.interactions[index - 1].failure is not None, f"{path} #{index - 1}"
    assert retried > 0  # the corpus has retries: the loop above checked something
