"""Helpers the dialects share: tool calls from JSON text or objects, HTTP status wording,
OpenAI-style content lists (chat and Responses read the same container, each its own blocks)."""

from __future__ import annotations

from dataclasses import replace

from tui_replay.dialects import openai_messages, openai_responses
from tui_replay.dialects.parts import base64_size, image_from_url, tool_call
from tui_replay.dialects.raw_http import status_reason
from tui_replay.model import ImagePart, RawInteraction, TextPart, ThinkingPart, ToolCallPart, UnrecognisedPart


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


def test_base64_sizes_count_decoded_bytes_with_or_without_a_data_url() -> None:
    assert base64_size("QUJD") == 3  # "ABC"
    assert base64_size(" QUJDRA== ") == 4  # "ABCD", padding and spaces not counted
    assert base64_size("data:image/png;base64,QUJDRA==") == 4
    assert base64_size(None) == 0
    assert image_from_url("data:image/gif;base64,QUJDRA==") == ImagePart("image/gif", 4)
    assert image_from_url("data:text/plain,hello") == ImagePart("text/plain", 5)
    assert image_from_url("https://example.com/a.png") == ImagePart("image/*", 0, "https://example.com/a.png")


def test_chat_content_strings_blocks_and_odd_items() -> None:
    assert openai_messages.content_parts(None) == []
    assert openai_messages.content_parts("") == []
    assert openai_messages.content_parts(7) == [TextPart("7")]
    content = [
        "plain",
        5,  # neither a string nor a block: skipped
        {"type": "text", "text": "hi"},
        {"type": "refusal", "refusal": "no"},
        {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "mp3"}},
        {"type": "file", "file": {"file_data": "data:application/pdf;base64,AAAAAA=="}},
        {"type": "file", "file": {"file_data": "QUJD", "file_id": "f1"}},
        {"type": "video"},
    ]
    assert openai_messages.content_parts(content) == [
        TextPart("plain"),
        TextPart("hi"),
        TextPart("no"),
        ImagePart("audio/mp3", 3),
        ImagePart("application/pdf", 4),
        ImagePart("application/octet-stream", 3, "f1"),
        UnrecognisedPart("video", {"type": "video"}),
    ]


def test_responses_content_reads_its_own_block_types_in_the_same_container() -> None:
    content = [
        {"type": "input_text", "text": "a"},
        {"type": "output_text", "text": "b"},
        {"type": "summary_text", "text": "t"},
        {"type": "input_image", "image_url": "https://x.test/y.png"},
        {"type": "input_image", "file_id": "file-1"},
        {"type": "input_file", "file_data": "QUJDRA==", "filename": "r.pdf"},
        {"type": "input_audio", "input_audio": {"data": "AAAA"}},
        "s",
        None,
    ]
    assert openai_responses.content_parts(content) == [
        TextPart("a"),
        TextPart("b"),
        ThinkingPart("t"),
        ImagePart("image/*", 0, "https://x.test/y.png"),
        ImagePart("image/*", 0, "file-1"),
        ImagePart("application/pdf", 4, "r.pdf"),
        ImagePart("audio/*", 3),
        TextPart("s"),
    ]
    assert openai_responses.content_parts("") == [] and openai_responses.content_parts(None) == []


def test_provider_run_tool_calls_are_marked_server_side() -> None:
    from tui_replay.analysis.conversation import needs_client_result
    from tui_replay.dialects.anthropic import block_part
    from tui_replay.dialects.openai_messages import tool_call_parts

    xai = tool_call_parts(
        [
            {"id": "a", "type": "TOOL_CALL_TYPE_ATTACHMENT_SEARCH_TOOL", "function": {"name": "pdf_browse"}},
            {"id": "b", "type": "TOOL_CALL_TYPE_CLIENT_SIDE_TOOL", "function": {"name": "weather"}},
            {"id": "c", "type": "function", "function": {"name": "add", "arguments": "{}"}},
        ]
    )
    assert [c.server for c in xai] == [True, False, False]
    assert block_part({"type": "server_tool_use", "id": "s", "name": "web_search", "input": {}}).server
    assert not block_part({"type": "tool_use", "id": "t", "name": "weather", "input": {}}).server
    # a server-side call needs no client result, even when no tool is declared
    assert not needs_client_result(xai[0], {}) and needs_client_result(xai[1], {})
    # the flag is not part of equality: either side of a conversation may mark it
    assert xai[0] == replace(xai[0], server=False)
