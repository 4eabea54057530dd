"""What a response carries beside the message is shown as a "not modelled" field and reported:
Perplexity's `citations` and `search_results` (which the answer cites as [1][3]), a choice's
`seed`, Gemini's grounding, a Responses object's `billing`... never dropped.

The corpus check reads each response's top-level and choice keys from the recorded JSON and
asserts every one is read by its dialect (its declared key set) or kept as a field part."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.completeness import decoded_exchanges, payloads
from tests.helpers.dialect_builders import posted
from tests.helpers.paths import SHARED, corpus_new_file
from tui_replay import dialects
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.playback import Playback
from tui_replay.cli.main import main
from tui_replay.dialects import anthropic, gemini, openai_chat, openai_responses
from tui_replay.model import Exchange, TextPart, UnrecognisedPart

PERPLEXITY = "ruby-vcr/ruby_llm/chat_citations_with_perplexity_sonar_returns_search_result_citations.yml"

SOURCES = ["https://en.wikipedia.org/wiki/Ruby", "https://www.ruby-lang.org/en/"]
RESULTS = [{"title": "Ruby - Wikipedia", "url": SOURCES[0], "date": "2001-10-17"}]


def _perplexity_body(**extra: Any) -> dict[str, Any]:
    return {
        "id": "r1",
        "model": "sonar",
        "created": 1,
        "object": "chat.completion",
        "usage": {"prompt_tokens": 8, "completion_tokens": 3},
        "citations": SOURCES,
        "search_results": RESULTS,
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "native_finish_reason": "end_turn",
                "message": {"role": "assistant", "content": "Ruby.[1]", "refusal": None, "annotations": []},
                "delta": {"role": "assistant", "content": ""},
            }
        ],
        **extra,
    }


PERPLEXITY_URL = "https://api.perplexity.ai/chat/completions"


def _decode(body: object, status: int = 200) -> Exchange:
    request = {"model": "sonar", "messages": [{"role": "user", "content": "Ruby?"}]}
    raw = posted(
        PERPLEXITY_URL, request, json.dumps(body).encode(), status=status, content_type="application/json"
    )
    return dialects.decode(raw)


def fields_of(exchange: Exchange) -> dict[str, Any]:
    message = exchange.response.message
    assert message is not None
    return {p.kind: p.data for p in message.parts if isinstance(p, UnrecognisedPart) and p.field}


def test_perplexity_citations_and_search_results_follow_the_answer_and_are_reported() -> None:
    exchange = _decode(_perplexity_body())
    message = exchange.response.message
    assert message is not None
    assert isinstance(message.parts[0], TextPart) and message.parts[0].text == "Ruby.[1]"
    # in the order sent; empty values (`refusal: null`, `annotations: []`, the empty `delta`) carry nothing
    assert fields_of(exchange) == {"citations": SOURCES, "search_results": RESULTS}
    assert [(p.code, p.severity, p.message) for p in exchange.problems] == [
        (
            "undecoded-item",
            "info",
            "response fields `citations`, `search_results` not modelled: shown with their JSON",
        )
    ]
    # a router's own finish reason is modelled: shown beside the normalized one
    assert exchange.response.native_finish_reason == "end_turn"
    assert exchange.response.finish_label == "stop (native end_turn)"


def test_a_delta_beside_a_whole_answer_is_shown_when_it_says_something_else() -> None:
    body = _perplexity_body()
    body["choices"][0]["delta"] = {"role": "assistant", "content": "other words"}
    assert fields_of(_decode(body))["choices[0].delta"] == {"role": "assistant", "content": "other words"}
    body["choices"][0]["delta"] = {"role": "assistant", "content": "Ruby.[1]"}  # the message again
    assert "choices[0].delta" not in fields_of(_decode(body))


def test_an_error_body_gets_no_made_up_assistant_message() -> None:
    exchange = _decode({"error": {"message": "rate limited", "code": 429}, "user_id": "u1"}, status=429)
    assert exchange.response.message is None
    assert [p.code for p in exchange.problems] == ["http-error"]


def test_a_message_of_fields_only_is_still_an_empty_turn() -> None:
    body = _perplexity_body()
    body["choices"][0]["message"] = {"role": "assistant", "content": ""}
    assert "empty-turn" in [p.code for p in _decode(body).problems]


def _sse(*events: dict[str, Any]) -> bytes:
    return b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + b"data: [DONE]\n\n"


def test_stream_fields_are_kept_once_per_distinct_value_and_shown_when_the_replay_ends() -> None:
    chunk = {"id": "c", "object": "chat.completion.chunk", "model": "sonar", "citations": SOURCES}
    body = _sse(
        {**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Ruby"}}]},
        {
            **chunk,
            "choices": [{"index": 0, "delta": {"content": ".[1]"}, "seed": 7}],
        },
        {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "timings": {"ms": 1}},
        {**chunk, "choices": [], "timings": {"ms": 2}},
    )
    request = {"model": "sonar", "messages": [{"role": "user", "content": "Ruby?"}], "stream": True}
    raw = posted(
        "https://api.perplexity.ai/chat/completions",
        request,
        body,
        status=200,
        content_type="text/event-stream",
    )
    exchange = dialects.decode(raw)
    assert exchange.streamed
    assert fields_of(exchange) == {
        "citations": SOURCES,  # repeated by every chunk, kept once
        "choices[0].seed": 7,
        "timings": [{"ms": 1}, {"ms": 2}],  # values that changed: each kept, in order
    }
    playback = Playback(exchange)
    playback.seek(playback.total - 1)
    assert not any(isinstance(p, UnrecognisedPart) for p in playback.message().parts)
    playback.seek(playback.total)
    assert [p.kind for p in playback.message().parts if isinstance(p, UnrecognisedPart)] == [
        "citations",
        "choices[0].seed",
        "timings",
    ]


OTHER_DIALECTS: dict[str, tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]] = {
    "anthropic": (
        "https://api.anthropic.com/v1/messages",
        {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]},
        {
            "id": "msg",
            "type": "message",
            "role": "assistant",
            "model": "m",
            "content": [{"type": "text", "text": "hello"}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1},
            "container": {"id": "container_1"},
        },
        {"container": {"id": "container_1"}},
    ),
    "gemini": (
        "https://generativelanguage.googleapis.com/v1beta/models/g:generateContent",
        {"contents": [{"role": "user", "parts": [{"text": "hi"}]}]},
        {
            "candidates": [
                {
                    "content": {"role": "model", "parts": [{"text": "hello"}]},
                    "finishReason": "STOP",
                    "groundingMetadata": {"webSearchQueries": ["hi"]},
                }
            ],
            "promptFeedback": {"safetyRatings": [{"category": "x"}]},
            "modelVersion": "g",
        },
        {
            "candidates[0].groundingMetadata": {"webSearchQueries": ["hi"]},
            "promptFeedback.safetyRatings": [{"category": "x"}],
        },
    ),
    "openai-responses": (
        "https://api.openai.com/v1/responses",
        {"model": "m", "input": "hi", "temperature": 1},
        {
            "id": "resp",
            "object": "response",
            "status": "completed",
            "model": "m",
            "temperature": 1,
            "output": [
                {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "hi"}]}
            ],
            "billing": {"payer": "developer"},
        },
        {"billing": {"payer": "developer"}},  # `temperature` repeats the request's: shown there
    ),
    "bedrock-converse": (
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse",
        {"messages": [{"role": "user", "content": [{"text": "hi"}]}]},
        {
            "output": {"message": {"role": "assistant", "content": [{"text": "hello"}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 1, "outputTokens": 1},
            "metrics": {"latencyMs": 420},
        },
        {"metrics": {"latencyMs": 420}},
    ),
    "cohere": (
        "https://api.cohere.com/v2/chat",
        {"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        {
            "id": "c",
            "finish_reason": "COMPLETE",
            "message": {
                "role": "assistant",
                "content": [{"type": "text", "text": "hello"}],
                "citations": [{"start": 0, "end": 5, "text": "hello"}],
            },
        },
        {"message.citations": [{"start": 0, "end": 5, "text": "hello"}]},
    ),
    "ollama": (
        "http://localhost:11434/api/chat",
        {"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": False},
        {
            "model": "m",
            "message": {"role": "assistant", "content": "hello"},
            "done": True,
            "done_reason": "stop",
            "eval_count": 1,
            "context": [1, 2, 3],
        },
        {"context": [1, 2, 3]},
    ),
}


@pytest.mark.parametrize("dialect", sorted(OTHER_DIALECTS))
def test_every_dialect_shows_the_fields_it_does_not_model(dialect: str) -> None:
    url, request, response, expected = OTHER_DIALECTS[dialect]
    raw = posted(url, request, json.dumps(response).encode(), status=200, content_type="application/json")
    exchange = dialects.decode(raw)
    assert exchange.dialect == dialect
    assert fields_of(exchange) == expected
    assert any(p.code == "undecoded-item" and "not modelled" in p.message for p in exchange.problems)


def test_inspect_shows_perplexity_citations_under_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus_new_file(PERPLEXITY)
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    answer = out.index("A key idea behind Ruby")
    citations = out.index("[not modelled: citations] [")
    assert answer < citations < out.index("[not modelled: search_results] [")
    assert "https://www.ruby-lang.org/en/" in out[citations:]
    assert '"title": "Ruby (programming language) - Wikipedia"' in out
    assert "response fields `citations`, `search_results` not modelled" in out
    assert "cost 0.00519" in out.splitlines()[1]


def test_markdown_and_json_exports_keep_the_fields() -> None:
    from tui_replay.export.markdown import export_markdown
    from tui_replay.export.model_json import cassette_json

    cassette = open_cassette(corpus_new_file(PERPLEXITY))
    text = export_markdown(cassette)
    assert "**Not modelled** `citations`:" in text and "https://www.ruby-lang.org/en/" in text
    parts = cassette_json(cassette)["interactions"][0]["response"]["message"]["parts"]
    assert [(p["kind"], p.get("field")) for p in parts[1:]] == [("citations", True), ("search_results", True)]


# -- the corpus: every top-level and choice key is read or shown ---------------------------------

READ_TOP_LEVEL = {
    "openai-chat": openai_chat.TOP_LEVEL | {"x_groq"},
    "anthropic": anthropic.TOP_LEVEL,
    "gemini": gemini.TOP_LEVEL | {"promptFeedback"},
    "openai-responses": openai_responses.READ | openai_responses.ECHOED,
}
READ_IN_CHOICE = {"openai-chat": ("choices", openai_chat.CHOICE), "gemini": ("candidates", gemini.CANDIDATE)}


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


def dropped_keys(exchange: Exchange) -> set[str]:
    """Top-level and choice keys with a value, in a whole (not streamed, not failed) response,
    that its dialect neither reads nor shows as a field."""
    read = READ_TOP_LEVEL.get(exchange.dialect)
    if read is None or exchange.streamed or exchange.response.error is not None:
        return set()
    ((_, body),) = payloads(exchange)
    if not isinstance(body, dict):
        return set()
    shown = set(fields_of(exchange)) if exchange.response.message is not None else set()
    found = {k for k, v in body.items() if not _empty(v) and k not in read}
    name, choice_keys = READ_IN_CHOICE.get(exchange.dialect, ("", frozenset()))
    for position, choice in enumerate((body.get(name) or []) if name else []):
        if isinstance(choice, dict):
            where = f"{name}[{choice.get('index', position)}]."
            found |= {
                where + k for k, v in choice.items() if v not in (None, "", [], {}) and k not in choice_keys
            }
    # a `delta` beside a whole answer that repeats its message (Perplexity) is left out on purpose
    return {key for key in found - shown if not key.endswith(".delta")}


@pytest.mark.parametrize("folder", ["corpus", "corpus-new"])
def test_no_response_field_in_the_shared_cassettes_is_dropped(folder: str) -> None:
    root = SHARED / folder
    if not root.is_dir():
        pytest.skip(f"../shared/{folder} is not present")
    dropped: dict[tuple[str, str], str] = {}
    for where, exchange in decoded_exchanges(root):
        for key in dropped_keys(exchange):
            dropped.setdefault((exchange.dialect, key), where)
    assert dropped == {}, "; ".join(f"{d} `{k}` (first in {w})" for (d, k), w in sorted(dropped.items()))


def test_the_corpus_check_sees_a_dropped_key() -> None:
    exchange = _decode(_perplexity_body())
    assert dropped_keys(exchange) == set()
    message = exchange.response.message
    assert message is not None
    stripped = replace(message, parts=message.parts[:1])  # as the dialect did before
    assert dropped_keys(replace(exchange, response=replace(exchange.response, message=stripped))) == {
        "citations",
        "search_results",
    }


def test_inspect_shows_a_routers_native_finish_reason_beside_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = {"model": "sonar", "messages": [{"role": "user", "content": "Ruby?"}]}
    interaction = {
        "request": {"method": "POST", "uri": PERPLEXITY_URL, "body": json.dumps(request)},
        "response": {
            "status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["application/json"]},
            "body": {"string": json.dumps(_perplexity_body())},
        },
    }
    path = tmp_path / "routed.yaml"
    path.write_text(json.dumps({"interactions": [interaction]}))  # JSON is YAML
    assert main(["inspect", str(path)]) == 0
    assert "  finish: stop (native end_turn) · usage: in 8 · out 3" in capsys.readouterr().out.splitlines()
    assert main(["inspect", "--json", str(path)]) == 0
    response = json.loads(capsys.readouterr().out)["interactions"][0]["response"]
    assert (response["finish_reason"], response["native_finish_reason"]) == ("stop", "end_turn")


def test_the_service_tier_is_a_header_fact_not_a_field() -> None:
    # on nearly every OpenAI answer: a card and an info problem on each was noise
    body = _perplexity_body(service_tier="default")
    exchange = _decode(body)
    assert exchange.response.service_tier == "default"
    message = exchange.response.message
    assert message is not None
    assert "service_tier" not in [p.kind for p in message.parts if isinstance(p, UnrecognisedPart)]
    assert all("service_tier" not in p.message for p in exchange.problems)
