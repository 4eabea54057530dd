"""The one stream assembler every dialect uses: parts in the order they started, tool calls
that learn their id or name late, thinking with signatures, parts that arrive whole."""

from __future__ import annotations

from tui_replay.dialects.assembly import MessageAssembler
from tui_replay.model import Message, TextPart, ThinkingPart, ToolCallPart, ToolResultPart


def test_parts_keep_the_order_they_started_in_and_keys_find_them_again() -> None:
    out = MessageAssembler()
    out.append("thinking", "Let me ", key=0)
    out.append("text", "Hello", key=1)
    out.append("thinking", "think.", key=0)
    out.append("text", ", world", key=1)
    assert out.parts() == (ThinkingPart("Let me think."), TextPart("Hello, world"))


def test_unkeyed_deltas_join_the_last_part_of_their_kind_but_never_a_tool_call() -> None:
    out = MessageAssembler()
    out.append("text", "a")
    out.append("text", "b")
    first_call = out.append("tool_call", '{"x":')
    second_call = out.append("tool_call", "1}")
    out.append("text", "c")
    assert first_call != second_call
    assert [type(p).__name__ for p in out.parts()] == ["TextPart", "ToolCallPart", "ToolCallPart", "TextPart"]
    assert out.parts()[0] == TextPart("ab") and out.parts()[3] == TextPart("c")


def test_a_tool_call_learns_its_id_and_name_after_it_started() -> None:
    out = MessageAssembler()
    index = out.open("tool_call", ("tool", 0))
    out.append("tool_call", '{"city": ', ("tool", 0))
    out.set_tool(index, call_id="call_1")
    out.set_tool(index, name="weather")
    out.set_tool(index, call_id=None, name="")  # blanks never erase what is known
    out.append("tool_call", '"Paris"}', ("tool", 0))
    assert out.parts() == (ToolCallPart("call_1", "weather", '{"city": "Paris"}', {"city": "Paris"}, True),)


def test_arguments_given_whole_at_the_start_are_used_unless_deltas_follow() -> None:
    whole = MessageAssembler()
    whole.open("tool_call", 0, call_id="t1", name="f", initial_args={"a": 1})
    assert whole.parts() == (ToolCallPart("t1", "f", '{"a": 1}', {"a": 1}, True),)
    streamed = MessageAssembler()
    streamed.open("tool_call", 0, call_id="t1", name="f", initial_args={})
    streamed.append("tool_call", '{"b": 2}', 0)
    assert streamed.parts() == (ToolCallPart("t1", "f", '{"b": 2}', {"b": 2}, True),)


def test_broken_streamed_arguments_stay_as_sent_and_are_marked_invalid() -> None:
    out = MessageAssembler()
    out.open("tool_call", 0, call_id="t", name="f")
    out.append("tool_call", '{"a": ', 0)
    (part,) = out.parts()
    assert isinstance(part, ToolCallPart)
    assert (part.arguments_raw, part.arguments, part.arguments_valid) == ('{"a": ', None, False)


def test_thinking_signatures_join_and_opaque_thinking_is_redacted_until_text_arrives() -> None:
    out = MessageAssembler()
    signed = out.append("thinking", "hmm", key=0)
    out.add_signature(signed, "sig-")
    out.add_signature(signed, "part2")
    opaque = out.open("thinking", 1, redacted=True)
    out.add_signature(opaque, "ENCRYPTED")
    out.open("thinking", 2, redacted=True)
    out.append("thinking", "visible after all", 2)
    assert out.parts() == (
        ThinkingPart("hmm", "sig-part2", False),
        ThinkingPart("", "ENCRYPTED", True),
        ThinkingPart("visible after all", None, False),
    )


def test_whole_parts_and_server_tool_results_sit_among_streamed_parts() -> None:
    out = MessageAssembler()
    out.append("text", "Searching.")
    out.add(ToolCallPart("s1", "web_search", "{}", {}, True))
    result = out.open("tool_result", "r", call_id="s1", name="web_search")
    out.append("tool_result", "no ", "r")
    out.append("tool_result", "hits", "r")
    out.set_failed(result)
    assert out.parts() == (
        TextPart("Searching."),
        ToolCallPart("s1", "web_search", "{}", {}, True),
        ToolResultPart("s1", "no hits", True, "web_search"),
    )


def test_events_are_numbered_and_the_message_exists_once_anything_arrived() -> None:
    out = MessageAssembler()
    assert out.message() is None and out.last_index() is None
    out.event("start", data="{}")
    assert out.message() == Message("assistant", ())
    part = out.append("text", "hi")
    out.event("text", "hi", part, "delta", '{"t":"hi"}')
    assert [(e.index, e.kind, e.part) for e in out.events] == [(0, "start", None), (1, "text", 0)]
    assert out.last_index() == 0 and out.slot("missing") is None
