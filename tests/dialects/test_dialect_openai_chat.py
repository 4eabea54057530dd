"""OpenAI chat-completions dialect: the seeds' facts as a person reads them, corpus shapes, odd data.

Expected values were read from the cassette YAML, not copied from decoder output.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest

from tests.helpers.dialect_builders import posted
from tests.helpers.paths import CASSETTES, corpus_file, corpus_files
from tui_replay.analysis.cassette import open_cassette
from tui_replay.dialects import decode, openai_chat
from tui_replay.model import (
    Exchange,
    ImagePart,
    RawInteraction,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
)

# paths under the corpus: `corpus_file` reads the vendored copy, else ../shared, else skips
FANTASY = PurePosixPath("go-vcr/fantasy")
PYDANTIC = PurePosixPath("vcrpy/pydantic-ai")
RATE_LIMITED = "moonshotai/kimi-k2-0905 is temporarily rate-limited upstream"


def exchanges(path: Path) -> list[Exchange]:
    return open_cassette(path).exchanges()


def raw(
    body: object,
    response: object | str,
    *,
    status: int = 200,
    url: str = "https://api.example.com/v1/chat/completions",
    content_type: str = "application/json",
) -> RawInteraction:
    response_bytes = response.encode() if isinstance(response, str) else json.dumps(response).encode()
    return posted(url, body, response_bytes, status=status, content_type=content_type)


def sse(*chunks: object) -> str:
    return "".join(f"data: {c if isinstance(c, str) else json.dumps(c)}\n\n" for c in chunks)


def codes(exchange: Exchange) -> list[str]:
    return [p.code for p in exchange.problems]


# -- seeds ---------------------------------------------------------------------


def test_wandb_seed_rate_limits_then_tool_call_then_answer() -> None:
    found = exchanges(CASSETTES / "openrouter_kimi_tool_wandb.yaml")
    assert len(found) == 12
    assert all(e.dialect == "openai-chat" and not e.streamed for e in found)
    statuses = [e.raw.status for e in found]
    assert statuses == [429, 429, 200] + [429] * 8 + [200]
    for e in (found[0], found[1], *found[3:11]):
        error = e.response.error
        assert error is not None
        assert error.status == 429
        assert error.provider == "WandB"
        assert RATE_LIMITED in error.message  # OpenRouter's metadata.raw, not "Provider returned error"
        assert e.response.message is None
        assert codes(e) == ["http-error"]
        assert "429" in e.problems[0].message and "WandB" in e.problems[0].message

    tool_turn = found[2]
    assert tool_turn.request.model == "moonshotai/kimi-k2-0905"
    assert [m.role for m in tool_turn.request.messages] == ["system", "user"]
    assert tool_turn.request.messages[1].text == "What's the weather in Florence,Italy?"
    (tool,) = tool_turn.request.tools
    assert (tool.name, tool.description) == ("weather", "Get weather information for a location")
    assert tool.parameters["required"] == ["location"]
    assert tool_turn.request.params["max_tokens"] == 4000
    assert tool_turn.request.params["provider"] == {"only": ["wandb"]}
    assert tool_turn.request.params["tool_choice"] == "auto"
    message = tool_turn.response.message
    assert message is not None
    assert message.text == "I'll get the current weather for Florence, Italy."
    (call,) = message.tool_calls
    assert (call.id, call.name, call.arguments) == (
        "functions.weather:0",
        "weather",
        {"location": "Florence, Italy"},
    )
    assert tool_turn.response.finish_reason == "tool_calls"
    assert tool_turn.response.provider == "WandB"
    assert tool_turn.response.usage["prompt_tokens"] == 97
    assert tool_turn.response.usage["cost"] == 0.00025495
    assert tool_turn.problems == ()

    answer = found[11]
    assert [m.role for m in answer.request.messages] == ["system", "user", "assistant", "tool"]
    sent_call = answer.request.messages[2].tool_calls[0]
    assert sent_call.arguments == {"location": "Florence, Italy"}
    (result,) = answer.request.messages[3].parts
    assert result == ToolResultPart("functions.weather:0", "40 C")
    assert answer.response.message is not None
    assert "Florence" in answer.response.message.text and "40 °C" in answer.response.message.text
    assert answer.response.finish_reason == "stop"
    assert answer.response.usage["total_tokens"] == 206
    assert answer.response.usage["cost"] == 0.00037085
    assert answer.response.id == "gen-1758647941-NW3HEsmEglvjRUGHwSgD"


def test_streaming_seed_assembles_add_and_multiply() -> None:
    first, second = exchanges(CASSETTES / "openrouter_kimi_multi_tool_streaming.yaml")
    assert first.streamed and second.streamed
    assert first.request.params["stream"] is True
    assert [t.name for t in first.request.tools] == ["add", "multiply"]
    message = first.response.message
    assert message is not None
    assert message.text == "I'll add and multiply the numbers 2 and 3 for you."
    calls = message.tool_calls
    assert [(c.id, c.name, c.arguments) for c in calls] == [
        ("functions.add:0", "add", {"a": 2, "b": 3}),
        ("functions.multiply:1", "multiply", {"a": 2, "b": 3}),
    ]
    assert calls[0].arguments_raw == '{"a": 2, "b": 3}'  # fragments joined in order, spacing kept
    assert first.response.finish_reason == "tool_calls"
    assert first.response.provider == "Chutes"
    assert first.response.usage["prompt_tokens"] == 197
    assert first.response.usage["completion_tokens"] == 55
    assert first.response.usage["cost"] == 0.00015846
    kinds = [c.kind for c in first.response.chunks]
    assert kinds[-1] == "done" and kinds.count("done") == 1
    assert kinds.count("tool_call") == 2
    assert "finish" in kinds and "usage" in kinds
    # every delta lands in the part it builds, and the deltas rebuild the parts
    for index, part in enumerate(message.parts):
        deltas = "".join(c.delta for c in first.response.chunks if c.part == index and c.kind != "tool_call")
        expected = part.arguments_raw if isinstance(part, ToolCallPart) else getattr(part, "text", "")
        assert deltas == expected
    assert first.problems == ()

    assert second.response.message is not None
    assert (
        second.response.message.text == "The results are:\n- Addition: 2 + 3 = 5\n- Multiplication: 2 × 3 = 6"
    )
    assert second.response.provider == "BaseTen"
    assert second.response.finish_reason == "stop"
    tool_messages = [m for m in second.request.messages if m.role == "tool"]
    assert [m.parts[0].content for m in tool_messages if isinstance(m.parts[0], ToolResultPart)] == ["5", "6"]


def test_streamed_turn_matches_what_the_client_sent_back() -> None:
    first, second = exchanges(CASSETTES / "openrouter_kimi_multi_tool_streaming.yaml")
    sent = [m for m in second.request.messages if m.role == "assistant"][-1]
    got = first.response.message
    assert got is not None
    assert sent.text == got.text
    assert [(c.name, c.arguments) for c in sent.tool_calls] == [(c.name, c.arguments) for c in got.tool_calls]


def test_other_seeds_read_as_written() -> None:
    multi = exchanges(CASSETTES / "openrouter_kimi_multi_tool.yaml")
    assert [e.raw.status for e in multi] == [429, 200, 200]
    assert multi[0].response.error is not None and multi[0].response.error.provider == "WandB"
    assert multi[1].response.message is not None
    assert (
        multi[1].response.message.text
        == "I'll perform both addition and multiplication on the numbers 2 and 3."
    )
    assert [(c.id, c.name) for c in multi[1].response.message.tool_calls] == [("0", "add"), ("1", "multiply")]
    assert multi[1].response.provider == "DeepInfra"
    assert multi[1].response.usage["prompt_tokens"] == 171

    silicon = exchanges(CASSETTES / "openrouter_kimi_tool_siliconflow.yaml")
    assert [e.raw.status for e in silicon] == [200, 429, 200]
    assert silicon[0].response.message is not None
    assert silicon[0].response.message.text == ""  # content "" with a tool call: not an empty turn
    assert silicon[0].response.message.tool_calls[0].arguments == {"location": "Florence,Italy"}
    assert "empty-turn" not in codes(silicon[0])
    assert silicon[1].response.error is not None and silicon[1].response.error.provider == "SiliconFlow"
    assert silicon[2].response.message is not None and "40 °C in Florence" in silicon[2].response.message.text

    together = exchanges(CASSETTES / "openrouter_kimi_tool_together.yaml")
    assert together[0].response.message is not None
    assert together[0].response.message.tool_calls[0].id == "call_s46a1jsh61wi8iquvxby0ygp"
    assert together[0].response.provider == "Together"
    assert together[1].response.usage["cost"] == 0.000234


# -- streams: joining, termination, errors ------------------------------------------


def chunk(delta: dict[str, object], finish: str | None = None, **extra: object) -> dict[str, object]:
    return {
        "id": "c1",
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }


def test_fragments_join_by_index_when_ids_and_names_are_resent_or_missing() -> None:
    body = sse(
        chunk(
            {
                "role": "assistant",
                "tool_calls": [{"index": 0, "id": "a", "function": {"name": "f", "arguments": ""}}],
            }
        ),
        chunk({"tool_calls": [{"index": 1, "id": "b", "function": {"name": "g", "arguments": '{"y"'}}]}),
        chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"x":'}}]}),
        chunk({"tool_calls": [{"index": 0, "id": "a", "function": {"name": "f", "arguments": " 1}"}}]}),
        chunk({"tool_calls": [{"index": 1, "function": {"arguments": ": 2}"}}]}),
        chunk({}, "tool_calls"),
        "[DONE]",
    )
    exchange = openai_chat.decode(raw({"model": "m", "messages": [], "stream": True}, body))
    assert exchange.response.message is not None
    calls = exchange.response.message.tool_calls
    assert [(c.id, c.name, c.arguments) for c in calls] == [("a", "f", {"x": 1}), ("b", "g", {"y": 2})]
    assert exchange.problems == ()


def test_gemini_style_reused_index_with_new_id_starts_a_new_call() -> None:
    body = sse(
        chunk({"tool_calls": [{"index": 0, "id": "one", "function": {"name": "f", "arguments": "{}"}}]}),
        chunk(
            {"tool_calls": [{"index": 0, "id": "two", "function": {"name": "g", "arguments": '{"k": 1}'}}]}
        ),
        chunk({}, "tool_calls"),
        "[DONE]",
    )
    message = openai_chat.decode(raw({"model": "m", "messages": []}, body)).response.message
    assert message is not None
    assert [(c.id, c.name, c.arguments) for c in message.tool_calls] == [
        ("one", "f", {}),
        ("two", "g", {"k": 1}),
    ]


def test_stream_without_done_or_finish_is_unterminated() -> None:
    body = sse(chunk({"role": "assistant", "content": "Hel"}), chunk({"content": "lo"}))
    exchange = openai_chat.decode(raw({"model": "m", "messages": []}, body))
    assert exchange.response.message is not None and exchange.response.message.text == "Hello"
    assert codes(exchange) == ["stream-unterminated"]


def test_stream_with_finish_but_no_done_is_not_unterminated() -> None:
    body = sse(chunk({"content": "Hi"}), chunk({}, "stop"))
    assert "stream-unterminated" not in codes(openai_chat.decode(raw({"model": "m", "messages": []}, body)))


def test_mid_stream_error_chunk_becomes_an_error_event() -> None:
    error = {
        "error": {"message": "Provider returned error", "code": 502, "metadata": {"raw": "upstream died"}}
    }
    body = sse(chunk({"content": "partial"}), error)
    exchange = openai_chat.decode(raw({"model": "m", "messages": []}, body))
    assert exchange.response.error is not None
    assert exchange.response.error.message == "upstream died"
    assert exchange.response.error.status == 502
    assert exchange.response.chunks[-1].kind == "error"
    assert "stream-unterminated" not in codes(exchange)


def test_invalid_arguments_truncation_and_empty_turn() -> None:
    bad_args = {
        "choices": [
            {"message": {"tool_calls": [{"id": "x", "function": {"name": "f", "arguments": '{"a":'}}]}}
        ]
    }
    assert "tool-args-invalid-json" in codes(
        openai_chat.decode(raw({"model": "m", "messages": []}, bad_args))
    )
    truncated = {"choices": [{"message": {"content": "The answer is"}, "finish_reason": "length"}]}
    assert codes(openai_chat.decode(raw({"model": "m", "messages": []}, truncated))) == ["truncated"]
    empty = {"choices": [{"message": {"content": ""}, "finish_reason": "stop"}]}
    assert codes(openai_chat.decode(raw({"model": "m", "messages": []}, empty))) == ["empty-turn"]


def test_http_error_without_json_body() -> None:
    exchange = openai_chat.decode(raw({"model": "m", "messages": []}, "<html>Bad Gateway</html>", status=502))
    assert exchange.response.error is not None
    assert exchange.response.error.status == 502
    assert codes(exchange) == ["http-error"]
    assert "empty-turn" not in codes(exchange)


# -- request shapes ----------------------------------------------------------------


def test_request_content_parts_images_audio_reasoning_and_legacy_roles() -> None:
    png = "data:image/png;base64,iVBORw0KGgo="  # 8 bytes
    body = {
        "model": "m",
        "messages": [
            {"role": "developer", "content": "Be brief."},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is this?"},
                    {"type": "image_url", "image_url": {"url": png}},
                    {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}},
                    {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
                ],
            },
            {"role": "assistant", "content": "A cat.", "reasoning_content": "It has whiskers."},
            {"role": "function", "name": "lookup", "content": "ok"},
        ],
        "temperature": 0.2,
    }
    request = openai_chat.decode_request(body)
    system, user, assistant, function = request.messages
    assert system.role == "system" and system.text == "Be brief."
    assert user.parts[0] == TextPart("What is this?")
    assert user.parts[1] == ImagePart("image/png", 8)
    assert user.parts[2] == ImagePart("image/*", 0, "https://example.com/cat.jpg")
    assert user.parts[3] == ImagePart("audio/wav", 3)
    assert assistant.parts == (ThinkingPart("It has whiskers."), TextPart("A cat."))
    assert function.role == "tool" and function.name == "lookup"
    assert request.params == {"temperature": 0.2}


def test_odd_shapes_degrade_instead_of_raising() -> None:
    body = {
        "model": 7,
        "messages": [
            {"role": 5, "content": 12},
            "not a message",
            {"role": "assistant", "tool_calls": "nope", "content": None},
            {"role": "user", "content": [None, 3, {"type": "text", "text": None}]},
        ],
        "tools": [None, {"function": "x"}, {"type": "function", "function": {"name": "ok"}}],
    }
    response = {"choices": [{"message": {"content": ["a", {"type": "text", "text": "b"}], "tool_calls": {}}}]}
    exchange = openai_chat.decode(raw(body, response))
    assert exchange.request.model == "7"
    roles = [m.role for m in exchange.request.messages]
    assert roles == ["5", "assistant", "user"]
    assert exchange.request.messages[0].text == "12"
    assert [t.name for t in exchange.request.tools] == ["ok"]
    assert exchange.response.message is not None and exchange.response.message.text == "ab"
    for junk in ("[1, 2]", "null", '"text"', "{"):
        assert openai_chat.decode(raw(body, junk)).dialect == "openai-chat"
    weird_stream = sse({"choices": "x"}, {"choices": [{"delta": "y"}]}, [1], "not json", "[DONE]")
    assert openai_chat.decode(raw(body, weird_stream)).response.chunks[-1].kind == "done"


def test_detect_claims_chat_urls_and_message_bodies_but_not_other_apis() -> None:
    assert openai_chat.detect(raw({"model": "m", "messages": []}, {}))
    assert openai_chat.detect(raw({"x": 1}, {}, url="https://openrouter.ai/api/v1/chat/completions"))
    assert openai_chat.detect(raw({"model": "m", "messages": []}, {}, url="http://localhost/v1/generate"))
    assert not openai_chat.detect(
        raw({"model": "m", "messages": []}, {}, url="https://api.anthropic.com/v1/messages")
    )
    assert not openai_chat.detect(
        raw({"model": "m", "input": "hi"}, {}, url="https://api.openai.com/v1/responses")
    )


# -- corpus ---------------------------------------------------------------------------


def test_openrouter_reasoning_stream_keeps_reasoning_and_signature() -> None:
    path = corpus_file(FANTASY / "TestOpenRouterThinking" / "anthropic" / "thinking-streaming.yaml")
    first, second = exchanges(path)[:2]
    message = first.response.message
    assert message is not None
    thinking = message.parts[0]
    assert isinstance(thinking, ThinkingPart)
    assert thinking.text.startswith("The user is asking for weather information in Florence, Italy.")
    assert thinking.signature is not None and thinking.signature.startswith("Eq0ECkgIDRABGAIqQM/zwzd9")
    (call,) = message.tool_calls
    assert (call.id, call.arguments) == (
        "toolu_bdrk_01N8hD5cYDw4WfvnjKXAkA2W",
        {"location": "Florence, Italy"},
    )
    assert first.response.provider == "Amazon Bedrock"
    assert first.response.usage["cost"] == 0.001322
    sent = [m for m in second.request.messages if m.role == "assistant"][-1]
    assert isinstance(sent.parts[0], ThinkingPart) and sent.parts[0].text == thinking.text
    assert sent.parts[0].signature == thinking.signature


def test_openrouter_error_file_names_google() -> None:
    path = PYDANTIC / "models" / "cassettes" / "test_openrouter" / "test_openrouter_errors_raised.yaml"
    first = exchanges(corpus_file(path))[0]
    assert first.response.error is not None
    assert first.response.error.provider == "Google"
    assert first.response.error.message.startswith(
        "google/gemini-2.0-flash-exp:free is temporarily rate-limited"
    )


def test_groq_error_keeps_its_type() -> None:
    path = PYDANTIC / "models" / "cassettes" / "test_groq" / "test_tool_use_failed_error_with_text.yaml"
    first = exchanges(corpus_file(path))[0]
    assert first.response.error is not None
    assert first.response.error.type == "invalid_request_error"
    assert first.response.error.message == "Tool choice is required, but model did not call a tool"
    assert first.response.error.status == 400


def test_every_chat_interaction_in_the_corpus_decodes(corpus_dir: Path) -> None:
    claimed = 0
    for path in corpus_files():
        try:
            cassette = open_cassette(path)
        except Exception:  # loading is the formats' business; unreadable files are tested there
            continue
        for index in range(len(cassette)):
            item = cassette.file.raw(index)
            if not openai_chat.detect(item):
                continue
            exchange = decode(item)
            if exchange.dialect != "openai-chat":
                continue  # a more specific dialect claimed it first
            claimed += 1
            direct = openai_chat.decode(item)
            assert "decode-failed" not in codes(direct), (path, index)
            if not exchange.is_error and exchange.streamed:
                assert exchange.response.chunks, (path, index)
    assert claimed > 300


# -- thinking in the content, provider-run calls ---------------------------------------------


BODY = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": True}


def _streamed(*contents: str) -> Exchange:
    chunks = [{"choices": [{"delta": {"content": c}}]} for c in contents]
    response = sse(*chunks, {"choices": [{"delta": {}, "finish_reason": "stop"}]}, "[DONE]")
    return decode(raw(BODY, response, content_type="text/event-stream"))


@pytest.mark.parametrize(
    "contents",
    [
        ("<think>\nI add.\n</think>\n\nFour.",),
        ("<thi", "nk>I a", "dd.</th", "ink>", "\n\nFo", "ur."),  # tags split across chunks
        ("  <think>", "I add.", "<", "/think>Four."),
    ],
)
def test_inline_think_tags_that_open_the_answer_are_thinking(contents: tuple[str, ...]) -> None:
    exchange = _streamed(*contents)
    assert exchange.response.message is not None
    thinking, text = exchange.response.message.parts
    assert isinstance(thinking, ThinkingPart) and thinking.text.strip() == "I add."
    assert text == TextPart("Four.")
    assert codes(exchange) == []


def test_think_tags_elsewhere_are_text_and_an_unclosed_block_is_thinking() -> None:
    exchange = _streamed("Use <think>", " tags.")
    assert exchange.response.message is not None
    assert exchange.response.message.parts == (TextPart("Use <think> tags."),)
    cut = _streamed("<think>still going", " on")
    assert cut.response.message is not None
    assert [p.type for p in cut.response.message.parts] == ["thinking"]
    plain = decode(
        raw(BODY, {"choices": [{"message": {"role": "assistant", "content": "<think>a</think>b"}}]})
    )
    assert plain.response.message is not None
    assert plain.response.message.parts == (ThinkingPart("a"), TextPart("b"))


def test_mistral_thinking_chunks_are_thinking_streamed_and_whole() -> None:
    chunk = {"type": "thinking", "thinking": [{"type": "text", "text": "Hmm."}]}
    streamed = decode(
        raw(
            BODY,
            sse(
                {"choices": [{"delta": {"content": [chunk]}}]},
                {
                    "choices": [
                        {"delta": {"content": [{"type": "text", "text": "Yes."}]}, "finish_reason": "stop"}
                    ]
                },
            ),
            content_type="text/event-stream",
        )
    )
    assert streamed.response.message is not None
    assert streamed.response.message.parts == (ThinkingPart("Hmm."), TextPart("Yes."))
    whole = decode(
        raw(
            BODY,
            {
                "choices": [
                    {"message": {"role": "assistant", "content": [chunk, {"type": "text", "text": "Yes."}]}}
                ]
            },
        )
    )
    assert whole.response.message is not None
    assert whole.response.message.parts == (ThinkingPart("Hmm."), TextPart("Yes."))


def test_a_streamed_provider_run_call_is_marked_server() -> None:
    call = {
        "index": 0,
        "id": "c1",
        "type": "TOOL_CALL_TYPE_MCP_TOOL",
        "function": {"name": "wiki.ask", "arguments": "{}"},
    }
    exchange = decode(
        raw(
            BODY,
            sse({"choices": [{"delta": {"tool_calls": [call]}, "finish_reason": "stop"}]}),
            content_type="text/event-stream",
        )
    )
    assert exchange.response.message is not None
    (part,) = exchange.response.message.tool_calls
    assert part.server
