"""The browser preview's facts about a whole cassette (`analysis.cassette_summary`), on real seeds."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.paths import CASSETTES, DATA
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.cassette_summary import passes_filters, recorded_duration, summarise_file
from tui_replay.analysis.search_query import parse_query
from tui_replay.analysis.spend import cassette_spend
from tui_replay.formats.load import load_cassette

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"  # 12 interactions: 10 answered 429, 2 answered 200
RETRY = CASSETTES / "anthropic_500_retry.yaml"  # a 500, then the same request answered
THINKING = CASSETTES / "anthropic_thinking_tool_stream.yaml"
HAR = DATA / "har_sample.har"  # two entries, started 10:00:00.000 and 10:00:01.000, the last took 20 ms


def go_duration_seconds(text: str) -> float:
    """The go-vcr `duration:` fields added up, read straight from the file's text."""
    total = 0.0
    for value, unit in re.findall(r"\n\s+duration: ([\d.]+)(ms|s)\b", text):
        total += float(value) / (1000 if unit == "ms" else 1)
    return total


def test_the_wandb_seed_summary() -> None:
    summary = summarise_file(WANDB)
    assert summary is not None and summary.error is None
    assert summary.format == "go-vcr"
    assert (summary.interactions, summary.errors) == (12, 10)
    assert summary.turns == 2 and summary.retries == 10  # 11 attempts for the first turn, then 1
    assert summary.dialects == (("openai-chat", 12),)
    assert summary.hosts == ("openrouter.ai",)
    assert summary.providers == ("WandB",)
    assert summary.models == ("moonshotai/kimi-k2-0905",)
    assert summary.tools == ("weather",)
    assert summary.problem_kinds == (("http-error", 10),) and summary.problem_count == 10
    assert [p.interaction for p in summary.first_problems] == [0, 1, 3]
    assert summary.first_user_message == "What's the weather in Florence,Italy?"
    assert summary.duration_basis == "durations"
    assert summary.duration_seconds is not None
    assert abs(summary.duration_seconds - go_duration_seconds(WANDB.read_text())) < 1e-6


def test_a_retry_is_one_turn_of_two_attempts() -> None:
    summary = summarise_file(RETRY)
    assert summary is not None
    assert (summary.interactions, summary.turns, summary.retries, summary.errors) == (2, 1, 1, 1)


def test_tools_and_models_in_order_of_first_use() -> None:
    summary = summarise_file(THINKING)
    assert summary is not None and summary.error is None
    assert summary.dialects == (("anthropic", 2),)
    assert summary.tools == ("get_weather",)  # defined, called and answered: named once
    assert summary.models[0].startswith("claude")


def test_har_timestamps_give_first_request_to_last_response() -> None:
    summary = summarise_file(HAR)
    assert summary is not None and summary.format == "har"
    assert summary.duration_basis == "timestamps"
    assert summary.duration_seconds is not None and abs(summary.duration_seconds - 1.02) < 1e-3


def test_one_ruby_vcr_response_time_alone_is_no_duration() -> None:
    raw = load_cassette(WANDB).raw(0)
    one = raw.__class__(
        **{**raw.__dict__, "duration_ms": None, "extra": {"recorded_at": "Mon, 10 Aug 2026 22:30:01 GMT"}}
    )
    assert recorded_duration([one]) == (None, "")
    later = one.__class__(**{**one.__dict__, "extra": {"recorded_at": "Mon, 10 Aug 2026 22:30:04 GMT"}})
    assert recorded_duration([one, later]) == (3.0, "timestamps")


def test_the_first_user_message_is_masked(tmp_path: Path) -> None:
    key = "sk-proj-" + "Hd8Kq2Lx7Vb4Nz1Mc6Pw3Rt9Ys5Gf0Aj"
    path = tmp_path / "leaky.yaml"
    path.write_text(WANDB.read_text().replace("What''s the weather in Florence,Italy?", f"my key is {key}"))
    summary = summarise_file(path)
    assert summary is not None and summary.first_user_message.startswith("my key is")
    assert key not in summary.first_user_message
    unmasked = summarise_file(path, redact=False)
    assert unmasked is not None and key in unmasked.first_user_message


def test_a_file_that_cannot_be_opened_says_why_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("interactions: [\n")
    summary = summarise_file(path)
    assert summary is not None and summary.error is not None
    assert str(path) in summary.error and "YAML" in summary.error
    assert summary.interactions == 0


def test_a_summary_asked_to_stop_gives_none() -> None:
    assert summarise_file(WANDB, stop=lambda: True) is None


def test_filter_words_pass_or_fail_a_whole_file() -> None:
    wandb = summarise_file(WANDB)
    thinking = summarise_file(THINKING)
    assert wandb is not None and thinking is not None
    for words, wandb_passes, thinking_passes in [
        ("errors", True, False),
        ("problems", True, False),
        ("dialect:openai-chat", True, False),
        ("dialect:wandb", True, False),  # the upstream provider OpenRouter reported
        ("dialect:anthropic.com", False, True),  # a host
        ("model:kimi", True, False),
        ("tool:weather", True, True),  # `weather` and `get_weather`
        ("tool:get_weather", False, True),
        ("model:kimi tool:nothing", False, False),
        ("", True, True),
    ]:
        query = parse_query(words)
        assert passes_filters(wandb, query) is wandb_passes, words
        assert passes_filters(thinking, query) is thinking_passes, words


def test_tokens_and_wasted_work_are_summed_as_spend_sums_them() -> None:
    summary = summarise_file(WANDB)
    spend = cassette_spend(open_cassette(WANDB))
    assert summary is not None and spend is not None
    assert summary.tokens == spend.tokens and summary.tokens.known
    assert summary.wasted == spend.wasted and summary.wasted.attempts == 10  # the ten 429s


def test_a_fault_found_while_reading_on_is_the_summary_error(tmp_path: Path) -> None:
    # Read lazily, this file opens; its one interaction is found broken only when decoded.
    path = tmp_path / "late.yaml"
    path.write_text("interactions:\n- request: {method: GET, uri: [\n")
    summary = summarise_file(path)
    assert summary is not None and summary.error is not None
    assert str(path) in summary.error and "interaction 0" in summary.error
