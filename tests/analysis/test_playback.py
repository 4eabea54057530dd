"""Playback: a clock-free cursor over stream chunks, its recorded timing and the assembled message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.paths import CASSETTES, corpus_files
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.playback import DEFAULT_MS_PER_CHUNK, Playback
from tui_replay.model import CassetteError, Message, StreamEvent, TextPart, ThinkingPart, ToolCallPart

FINAL = Message(
    "assistant",
    (
        ThinkingPart("Need both.", "sig-AB"),
        TextPart("I'll add and multiply."),
        ToolCallPart("call_1", "add", '{"a": 2, "b": 3}', {"a": 2, "b": 3}),
        ToolCallPart("call_2", "multiply", '{"a":2,"b":3}', {"a": 2, "b": 3}),
    ),
)

EVENTS = [
    StreamEvent(0, "start"),
    StreamEvent(1, "thinking", "Need ", part=0),
    StreamEvent(2, "thinking", "both.", part=0),
    StreamEvent(3, "signature", "sig-", part=0),
    StreamEvent(4, "signature", "AB", part=0),
    StreamEvent(5, "text", "I'll add", part=1),
    StreamEvent(6, "text", " and multiply.", part=1),
    StreamEvent(7, "tool_call", "add", part=2),  # dialects put the tool's name in the delta
    StreamEvent(8, "tool_args", '{"a": 2', part=2),
    StreamEvent(9, "tool_args", ', "b": 3}', part=2),
    StreamEvent(10, "tool_call", "multiply", part=3),
    StreamEvent(11, "tool_args", '{"a":2,', part=3),
    StreamEvent(12, "tool_args", '"b":3}', part=3),
    StreamEvent(13, "usage", data='{"prompt_tokens": 10}'),
    StreamEvent(14, "finish", data="tool_calls"),
    StreamEvent(15, "done"),
]
N = len(EVENTS)


def make(duration_ms: float | None = 1500.0) -> Playback:
    return Playback(EVENTS, duration_ms, final=FINAL)


# -- stepping ---------------------------------------------------------------


def test_starts_at_zero_and_steps_forward_and_back() -> None:
    pb = make()
    assert (pb.total, pb.position, pb.finished) == (16, 0, False)
    assert pb.advance() == 1
    assert pb.advance(3) == 4
    assert pb.back() == 3
    assert pb.back(10) == 0
    assert pb.current is None


def test_finish_and_restart_clamp_to_the_ends() -> None:
    pb = make()
    assert pb.advance(100) == 16
    assert pb.finished
    assert pb.current == EVENTS[-1]
    pb.restart()
    assert (pb.position, pb.finished) == (0, False)
    pb.finish()
    assert pb.position == pb.total


def test_empty_stream_is_finished_at_once() -> None:
    pb = Playback([], 500.0)
    assert (pb.total, pb.position, pb.finished) == (0, 0, True)
    assert pb.position_at(1000) == 0
    assert pb.message().parts == ()


# -- recorded time ------------------------------------------------------------


def test_recorded_duration_is_spread_evenly_over_the_chunks() -> None:
    pb = make(1600.0)  # 16 chunks: one every 100 ms
    assert pb.recorded_ms_at(0) == 0
    assert pb.recorded_ms_at(1) == pytest.approx(100)
    assert pb.recorded_ms_at(16) == pytest.approx(1600)
    assert pb.recorded_ms_at(99) == pytest.approx(1600)
    assert pb.position_at(0) == 0
    assert pb.position_at(99.9) == 0
    assert pb.position_at(100) == 1
    assert pb.position_at(750) == 7
    assert pb.position_at(1599) == 15
    assert pb.position_at(1600) == 16
    assert pb.position_at(10_000) == 16
    assert not pb.paced_by_default


@pytest.mark.parametrize("speed", [0.25, 0.5, 1, 2, 4, 8, 16])
def test_position_at_scales_with_speed(speed: float) -> None:
    """Wall time w at speed s is recorded time w*s: the end lands at D/s of wall time."""
    pb = make(1600.0)
    wall_end_ms = 1600.0 / speed
    assert pb.position_at(wall_end_ms * speed) == 16
    assert pb.position_at(wall_end_ms * 0.99 * speed) == 15
    assert pb.position_at(wall_end_ms / 2 * speed) == 8


def test_without_recorded_duration_the_default_pace_applies() -> None:
    pb = make(None)
    assert pb.paced_by_default
    assert pb.duration_ms == DEFAULT_MS_PER_CHUNK * 16
    assert pb.position_at(DEFAULT_MS_PER_CHUNK * 3) == 3


def test_zero_duration_shows_everything_at_once() -> None:
    pb = make(0.0)
    assert pb.position_at(0) == 16
    assert pb.recorded_ms_at(16) == 0


@given(
    total=st.integers(min_value=1, max_value=5000),
    duration=st.floats(min_value=0.001, max_value=1e7, allow_nan=False),
    data=st.data(),
)
def test_position_at_inverts_recorded_ms_at(total: int, duration: float, data: st.DataObject) -> None:
    pb = Playback([StreamEvent(i, "other") for i in range(total)], duration)
    k = data.draw(st.integers(min_value=0, max_value=total))
    assert pb.position_at(pb.recorded_ms_at(k)) == k
    if k > 0:
        before = pb.recorded_ms_at(k) - duration / total / 2
        assert pb.position_at(before) == k - 1


# -- assembled message ----------------------------------------------------------


def test_message_grows_part_by_part() -> None:
    pb = make()
    assert pb.message().parts == ()
    pb.seek(2)
    assert pb.message().parts == (ThinkingPart("Need ", None),)
    pb.seek(6)
    msg = pb.message()
    assert msg.parts[0] == ThinkingPart("Need both.", "sig-AB")
    assert msg.text == "I'll add"
    pb.seek(8)
    call = pb.message().tool_calls[0]
    assert (call.id, call.name, call.arguments_raw) == ("call_1", "add", "")
    pb.advance()
    call = pb.message().tool_calls[0]
    assert call.arguments_raw == '{"a": 2'
    assert not call.arguments_valid and call.arguments is None


def test_message_at_total_equals_final_and_back_rebuilds() -> None:
    pb = make()
    pb.finish()
    assert pb.message() == FINAL
    pb.back(5)  # the second tool call has started, its arguments not yet
    msg = pb.message()
    assert [c.name for c in msg.tool_calls] == ["add", "multiply"]
    assert msg.tool_calls[0].arguments == {"a": 2, "b": 3}
    assert msg.tool_calls[1].arguments_raw == ""
    pb.finish()
    assert pb.message() == FINAL


def test_a_tool_call_that_arrives_whole_shows_whole() -> None:
    """Gemini sends a call with its arguments in one chunk: no tool_args events follow."""
    call = ToolCallPart("c1", "weather", '{"city":"Florence"}', {"city": "Florence"})
    final = Message("assistant", (TextPart("Let me look."), call))
    events = [StreamEvent(0, "text", "Let me look.", part=0), StreamEvent(1, "tool_call", "weather", part=1)]
    pb = Playback(events, 100.0, final=final)
    pb.advance()
    assert pb.message().tool_calls == ()
    pb.advance()
    assert pb.message() == final


def test_without_a_final_message_the_tool_call_delta_names_the_tool() -> None:
    events = [StreamEvent(0, "tool_call", "add", part=0), StreamEvent(1, "tool_args", "{}", part=0)]
    pb = Playback(events, 10.0)
    pb.finish()
    assert pb.message().tool_calls == (ToolCallPart(None, "add", "{}", {}, True),)


def test_playback_of_an_exchange_takes_duration_and_final_from_it() -> None:
    cassette = open_cassette(CASSETTES / "openrouter_kimi_multi_tool_streaming.yaml")
    exchange = cassette.exchange(0)
    pb = Playback(exchange)
    assert pb.total == len(exchange.response.chunks)
    assert pb.recorded_duration_ms == exchange.raw.duration_ms
    assert pb.final is exchange.response.message


# -- property over real recordings -------------------------------------------


def _same_content(assembled: Message, final: Message) -> None:
    assert assembled.text == final.text
    got = [(c.id, c.name, c.arguments_raw, c.arguments) for c in assembled.tool_calls]
    want = [(c.id, c.name, c.arguments_raw, c.arguments) for c in final.tool_calls]
    assert got == want
    thinking = [p.text for p in assembled.parts if isinstance(p, ThinkingPart)]
    assert thinking == [p.text for p in final.parts if isinstance(p, ThinkingPart)]


def _streamed_exchanges(paths: list[Path]) -> list[tuple[str, int]]:
    found = []
    for path in paths:
        try:
            cassette = open_cassette(path)
        except CassetteError:
            continue
        for i in range(len(cassette)):
            ex = cassette.exchange(i)
            if ex.streamed and ex.response.chunks and ex.response.message is not None:
                found.append((str(path), i))
    return found


def test_message_at_total_equals_final_over_the_seeds() -> None:
    seeds = sorted(CASSETTES.glob("*.yaml"))
    streamed = _streamed_exchanges(seeds)
    if not streamed:
        pytest.skip("no streamed seed decodes into chunks yet (openai_chat dialect missing)")
    for path, i in streamed:
        exchange = open_cassette(path).exchange(i)
        pb = Playback(exchange)
        pb.finish()
        _same_content(pb.message(), exchange.response.message)  # type: ignore[arg-type]


def test_message_at_total_equals_final_over_the_corpus() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus is not present")
    streamed = _streamed_exchanges(files)
    if not streamed:
        pytest.skip("no streamed corpus interaction decodes into chunks yet")
    failures = []
    for path, i in streamed:
        exchange = open_cassette(path).exchange(i)
        pb = Playback(exchange)
        pb.finish()
        try:
            _same_content(pb.message(), exchange.response.message)  # type: ignore[arg-type]
        except AssertionError as exc:
            failures.append(f"{path}#{i}: {str(exc)[:200]}")
    assert not failures, f"{len(failures)}/{len(streamed)} differ:\n" + "\n".join(failures[:10])
