"""OpenAI Responses API dialect: corpus recordings read by hand, synthetic edge cases, odd data.

Expected values were read from the cassette YAML, not copied from decoder output.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from tests.helpers.dialect_builders import posted
from tests.helpers.paths import corpus_file, corpus_files
from tui_replay.analysis.cassette import open_cassette
from tui_replay.dialects import decode, openai_responses
from tui_replay.model import (
    Exchange,
    ImagePart,
    Message,
    RawInteraction,
    TextPart,
    ThinkingPart,
    ToolResultPart,
    UnrecognisedPart,
)

# paths under the corpus: `corpus_file` reads the vendored copy, else ../shared, else skips
FANTASY = PurePosixPath("go-vcr/fantasy")
PYDANTIC = PurePosixPath("vcrpy/pydantic-ai/models/cassettes")
URL = "https://api.openai.com/v1/responses"


def exchanges(path: PurePosixPath) -> list[Exchange]:
    return open_cassette(corpus_file(path)).exchanges()


def raw(body: object, response: object | str, *, status: int = 200, url: str = URL) -> RawInteraction:
    response_bytes = response.encode() if isinstance(response, str) else json.dumps(response).encode()
    content_type = (
        "text/event-stream" if isinstance(response, str) and "data:" in response else "application/json"
    )
    return posted(url, body, response_bytes, status=status, content_type=content_type)


def events(*items: dict[str, object]) -> str:
    return "".join(f"event: {item['type']}\ndata: {json.dumps(item)}\n\n" for item in items)


def codes(exchange: Exchange) -> list[str]:
    return [p.code for p in exchange.problems]


def last_assistant(messages: tuple[Message, ...]) -> Message:
    return [m for m in messages if m.role == "assistant"][-1]


# -- corpus recordings ------------------------------------------------------------


def test_plain_reasoning_summary_and_function_call() -> None:
    first, second = exchanges(
        FANTASY / "TestOpenAIResponsesWithSummaryThinking" / "openai-gpt-5" / "thinking.yaml"
    )
    assert first.dialect == "openai-responses" and not first.streamed
    request = first.request
    assert request.model == "gpt-5"
    assert [m.role for m in request.messages] == ["system", "user"]
    assert request.messages[0].text == "You are a helpful assistant"
    assert request.messages[1].text == "What's the weather in Florence, Italy?"
    (tool,) = request.tools
    assert (tool.name, tool.description) == ("weather", "Get weather information for a location")
    assert request.params["reasoning"] == {"effort": "high", "summary": "auto"}
    message = first.response.message
    assert message is not None
    thinking, call, billing = message.parts
    # what the response says beside the output is shown as fields; the tier is a header fact
    assert (billing.kind, billing.data) == ("billing", {"payer": "developer"})  # type: ignore[union-attr]
    assert first.response.service_tier == "default"
    assert isinstance(thinking, ThinkingPart)
    assert thinking.text.startswith("**Checking weather in Florence**\n\nI need to provide a weather update")
    assert message.tool_calls == (call,)
    assert (call.id, call.name, call.arguments) == (
        "call_4QfIn5gPKIOWzKqBb5D2uuh4",
        "weather",
        {"location": "Florence, Italy"},
    )
    assert first.response.finish_reason == "completed"
    assert first.response.model == "gpt-5-2025-08-07"
    assert [p.message for p in first.problems] == [
        "response field `billing` not modelled: shown with its JSON"
    ]

    # the next request replays the call and its result
    assert [m.role for m in second.request.messages] == ["system", "user", "assistant", "tool"]
    assert second.request.messages[2].tool_calls[0].id == "call_4QfIn5gPKIOWzKqBb5D2uuh4"
    assert second.request.messages[3].parts == (ToolResultPart("call_4QfIn5gPKIOWzKqBb5D2uuh4", "40 C"),)


def test_streamed_reasoning_call_then_answer() -> None:
    path = FANTASY / "TestOpenAIResponsesWithSummaryThinking" / "openai-gpt-5" / "thinking-streaming.yaml"
    first, second = exchanges(path)
    assert first.streamed
    message = first.response.message
    assert message is not None
    thinking = message.parts[0]
    assert isinstance(thinking, ThinkingPart)
    assert thinking.text.startswith("**Getting weather info**\n\nI need to respond to the user's question")
    (call,) = message.tool_calls
    assert (call.id, call.name, call.arguments_raw) == (
        "call_zgUaIBRPTwxxOusyyKw5NVMH",
        "weather",
        '{"location":"Florence, Italy"}',
    )
    assert first.response.usage["input_tokens"] == 63
    assert first.response.usage["output_tokens_details"] == {"reasoning_tokens": 64}
    assert first.response.finish_reason == "completed"
    kinds = [c.kind for c in first.response.chunks]
    assert kinds[0] == "start" and kinds[-1] == "done"
    assert "thinking" in kinds and "tool_call" in kinds and "tool_args" in kinds
    assert first.problems == () and first.response.service_tier == "default"

    answer = second.response.message
    assert answer is not None
    assert answer.text == (
        "Right now in Florence, Italy, it’s about 40°C (104°F). "
        "Would you like a forecast or details like wind and humidity?"
    )
    assert second.response.usage["total_tokens"] == 548
    # the text deltas rebuild the text part they point at
    text_index = next(i for i, p in enumerate(answer.parts) if isinstance(p, TextPart))
    rebuilt = "".join(c.delta for c in second.response.chunks if c.part == text_index)
    assert rebuilt == answer.text


def test_web_search_is_a_builtin_tool() -> None:
    (only,) = exchanges(FANTASY / "TestOpenAIWebSearch" / "generate.yaml")
    (tool,) = only.request.tools
    assert (tool.name, tool.description, tool.parameters) == ("web_search", "built-in", None)
    assert only.request.params["max_output_tokens"] == 4000
    assert only.response.message is not None
    assert only.response.message.text.startswith(
        "Here are the most reliable and up-to-date figures for Tokyo"
    )
    assert only.response.usage["input_tokens"] == 17432
    assert only.response.usage["output_tokens"] == 438


def test_http_error_names_type_and_message() -> None:
    (only,) = exchanges(PYDANTIC / "test_openai_responses" / "test_openai_responses_model_http_error.yaml")
    error = only.response.error
    assert error is not None
    assert (error.status, error.type) == (400, "invalid_request_error")
    assert error.message.startswith("Invalid 'temperature': decimal below minimum value")
    assert codes(only) == ["http-error"]


def test_deepseek_reasoning_text_stream_matches_the_replayed_reasoning_item() -> None:
    first, second = exchanges(
        PYDANTIC / "test_deepseek_responses" / "test_deepseek_responses[function_tool_stream].yaml"
    )
    message = first.response.message
    assert message is not None
    thinking = message.parts[0]
    assert isinstance(thinking, ThinkingPart)
    assert thinking.text == "The user asks about temperature in Tokyo. I'll call the tool."
    assert message.tool_calls[0].arguments == {"city": "Tokyo"}
    sent = last_assistant(second.request.messages)
    assert sent.parts[0] == ThinkingPart("The user asks about temperature in Tokyo. I'll call the tool.")


def test_streamed_turns_equal_what_the_client_sent_next(corpus_dir: Path) -> None:
    pairs = 0
    for path in corpus_files():
        cassette = open_cassette(path)
        found = [cassette.exchange(i) for i in range(len(cassette))]
        for current, following in zip(found, found[1:], strict=False):
            if current.dialect != "openai-responses" or following.dialect != "openai-responses":
                continue
            if not current.streamed or current.response.message is None:
                continue
            assistants = [m for m in following.request.messages if m.role == "assistant"]
            if not assistants:
                continue
            got, sent = current.response.message, assistants[-1]
            pairs += 1
            assert got.text == sent.text, (path, current.index)
            assert [(c.name, c.arguments) for c in got.tool_calls] == [
                (c.name, c.arguments) for c in sent.tool_calls
            ], (path, current.index)
    assert pairs >= 10


def test_every_responses_interaction_in_the_corpus_decodes(corpus_dir: Path) -> None:
    claimed = 0
    for path in corpus_files():
        cassette = open_cassette(path)
        for index in range(len(cassette)):
            item = cassette.file.raw(index)
            if not openai_responses.detect(item):
                continue
            claimed += 1
            exchange = decode(item)
            assert exchange.dialect == "openai-responses", (path, index)
            assert "decode-failed" not in codes(exchange), (path, index)
    assert claimed >= 90


# -- synthetic edge cases -------------------------------------------------------------


def test_incomplete_answer_is_truncated() -> None:
    body = {
        "status": "incomplete",
        "incomplete_details": {"reason": "max_output_tokens"},
        "output": [
            {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Par"}]}
        ],
    }
    exchange = openai_responses.decode(raw({"model": "m", "input": "hi"}, body))
    assert exchange.response.finish_reason == "max_output_tokens"
    assert codes(exchange) == ["truncated"]


def test_stream_without_terminal_event_is_unterminated() -> None:
    stream = events(
        {"type": "response.created", "response": {"id": "r1", "model": "m"}},
        {"type": "response.output_text.delta", "output_index": 0, "delta": "Hel"},
        {"type": "response.output_text.delta", "output_index": 0, "delta": "lo"},
    )
    exchange = openai_responses.decode(raw({"model": "m", "input": "hi", "stream": True}, stream))
    assert exchange.response.message is not None and exchange.response.message.text == "Hello"
    assert codes(exchange) == ["stream-unterminated"]
    assert exchange.response.id == "r1"


def test_error_event_and_failed_response() -> None:
    stream = events({"type": "error", "code": "server_error", "message": "The server had an error"})
    exchange = openai_responses.decode(raw({"model": "m", "input": "hi"}, stream))
    assert exchange.response.error is not None
    assert (exchange.response.error.type, exchange.response.error.message) == (
        "server_error",
        "The server had an error",
    )
    assert exchange.response.chunks[-1].kind == "error"
    assert "stream-unterminated" not in codes(exchange)

    failed = events(
        {
            "type": "response.failed",
            "response": {
                "status": "failed",
                "error": {"code": "rate_limit_exceeded", "message": "Slow down"},
            },
        }
    )
    exchange = openai_responses.decode(raw({"model": "m", "input": "hi"}, failed))
    assert exchange.response.error is not None and exchange.response.error.message == "Slow down"
    assert exchange.response.chunks[-1].kind == "done"


def test_call_arguments_without_deltas_come_from_the_done_item() -> None:
    item = {"type": "function_call", "call_id": "c1", "name": "f", "arguments": ""}
    done = dict(item, arguments='{"q": 1}')
    stream = events(
        {"type": "response.output_item.added", "output_index": 0, "item": item},
        {"type": "response.output_item.done", "output_index": 0, "item": done},
        {"type": "response.completed", "response": {"status": "completed", "usage": {"total_tokens": 9}}},
    )
    exchange = openai_responses.decode(raw({"model": "m", "input": "hi"}, stream))
    assert exchange.response.message is not None
    (call,) = exchange.response.message.tool_calls
    assert (call.id, call.name, call.arguments) == ("c1", "f", {"q": 1})
    assert exchange.response.usage == {"total_tokens": 9}


def test_input_items_instructions_images_and_odd_shapes() -> None:
    body = {
        "model": "m",
        "instructions": "Be brief.",
        "input": [
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "Look"},
                    {"type": "input_image", "image_url": "data:image/jpeg;base64,AAAA"},
                ],
            },
            {"type": "reasoning", "summary": [], "encrypted_content": "gAAA"},
            {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "A cat."}]},
            {"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{bad"},
            {
                "type": "function_call_output",
                "call_id": "c1",
                "output": [{"type": "input_text", "text": "x"}],
            },
            {"type": "item_reference", "id": "rs_1"},
            "junk",
            {"role": 5, "content": 3},
        ],
        "tools": [
            {"type": "function", "name": "f", "description": "F", "parameters": {"type": "object"}},
            {"type": "file_search"},
            None,
        ],
    }
    request = openai_responses.decode_request(body)
    roles = [m.role for m in request.messages]
    assert roles == ["system", "user", "assistant", "tool", "user", "5"]
    # an item the dialect does not model is kept whole, as the client sent it
    assert request.messages[4].parts == (
        UnrecognisedPart("item_reference", {"type": "item_reference", "id": "rs_1"}),
    )
    assert request.messages[0].text == "Be brief."
    assert request.messages[1].parts[1] == ImagePart("image/jpeg", 3)
    assistant = request.messages[2]
    assert assistant.parts[0] == ThinkingPart("", None, redacted=True)
    assert assistant.text == "A cat."
    assert assistant.tool_calls[0].arguments_valid is False
    assert request.messages[3].parts == (ToolResultPart("c1", [{"type": "input_text", "text": "x"}]),)
    assert request.messages[5].text == "3"
    assert [(t.name, t.description) for t in request.tools] == [("f", "F"), ("file_search", "built-in")]
    for junk in ("[1]", "null", "{", events({"type": "response.output_text.delta", "delta": None})):
        assert openai_responses.decode(raw(body, junk)).dialect == "openai-responses"
