"""Helpers the dialects share: tool calls from JSON text or objects, HTTP status wording."""

from __future__ import annotations

from tui_replay.dialects.parts import tool_call
from tui_replay.dialects.raw_http import status_reason
from tui_replay.model import RawInteraction, ToolCallPart


def test_tool_call_parses_json_text_and_keeps_it_as_sent() -> None:
    assert tool_call(call_id="c1", name="add", arguments='{"a": 1}') == ToolCallPart(
        "c1", "add", '{"a": 1}', {"a": 1}, True
    )


def test_tool_call_with_blank_or_broken_arguments() -> None:
    assert tool_call(call_id=None, name="f", arguments="  ").arguments == {}
    broken = tool_call(call_id="c", name="f", arguments='{"a":')
    assert (broken.arguments, broken.arguments_valid, broken.arguments_raw) == (None, False, '{"a":')


def test_tool_call_from_an_object_serialises_it() -> None:
    part = tool_call(call_id="c", name="f", arguments={"city": "Zürich"})
    assert part.arguments_raw == '{"city": "Zürich"}' and part.arguments == {"city": "Zürich"}


def status(code: int | None, text: str) -> RawInteraction:
    return RawInteraction(0, "GET", "https://example.com", (), b"", code, text, (), b"", None)


def test_status_reason_drops_the_code_whichever_way_it_was_recorded() -> None:
    assert status_reason(status(429, "429 Too Many Requests")) == "Too Many Requests"
    assert status_reason(status(429, "Too Many Requests")) == "Too Many Requests"
    assert status_reason(status(429, "")) == ""
    assert status_reason(status(None, " odd ")) == "odd"
