"""Nothing a provider sent disappears: every kind of item, block, part and event in a
recording is modelled by its dialect or kept as an unrecognised part, and reported.

The kinds are read from the recorded bytes by `tests.helpers.completeness`, which knows
no dialect; each dialect names what it models in its `Dialect.modelled`.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.completeness import decoded_exchanges, dropped_kinds, response_kinds
from tests.helpers.dialect_builders import posted
from tests.helpers.paths import SHARED
from tui_replay import dialects
from tui_replay.dialects import DIALECTS, unrecognised_parts
from tui_replay.model import Exchange, UnrecognisedPart

MODELLED = {d.name: d.modelled for d in DIALECTS}


def test_every_dialect_names_what_it_models() -> None:
    """A dialect added without `modelled` would make the corpus check report all its kinds."""
    assert {d.name for d in DIALECTS} >= {"openai-chat", "openai-realtime", "gemini-live", "bedrock-invoke"}
    assert [d.name for d in DIALECTS if not d.modelled] == []


def dropped_in(exchange: Exchange) -> set[str]:
    reported = {part.kind for part in unrecognised_parts(exchange)}
    return dropped_kinds(exchange, MODELLED[exchange.dialect], reported)


@pytest.mark.parametrize("folder", ["corpus", "corpus-new", "seeds"])
def test_every_kind_in_the_shared_cassettes_is_modelled_or_reported(folder: str) -> None:
    root = SHARED / folder
    if not root.is_dir():
        pytest.skip(f"../shared/{folder} is not present")
    dropped: dict[tuple[str, str], str] = {}
    checked = 0
    for where, exchange in decoded_exchanges(root):
        if exchange.dialect == "http":
            continue  # plain HTTP models nothing: its whole body is what is shown
        checked += 1
        for kind in dropped_in(exchange):
            dropped.setdefault((exchange.dialect, kind), where)
    assert checked > 0
    assert dropped == {}, "kinds dropped without being modelled or reported: " + "; ".join(
        f"{dialect} `{kind}` (first in {where})" for (dialect, kind), where in sorted(dropped.items())
    )


def test_the_check_sees_a_kind_a_dialect_does_not_model() -> None:
    """The check itself can fail: a kind in the recording outside `modelled` and not kept counts."""
    stream = b'data: {"type":"response.created","response":{"id":"r"}}\n\n'
    raw = posted(
        "https://api.openai.com/v1/responses",
        {"input": "hi"},
        stream,
        status=200,
        content_type="text/event-stream",
    )
    exchange = dialects.decode(raw)
    assert "response.created" in response_kinds(exchange)
    assert dropped_kinds(exchange, frozenset(), set()) >= {"response.created"}
    assert dropped_in(exchange) == set()


def _sse(*events: dict[str, object]) -> bytes:
    return b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events)


UNKNOWN_IN_EACH_DIALECT = {
    "openai-responses": (
        "https://api.openai.com/v1/responses",
        {"model": "m", "input": "hi", "stream": True},
        _sse(
            {"type": "response.created", "response": {"id": "r"}},
            {"type": "response.hologram.delta", "delta": "x"},
            {"type": "response.completed", "response": {"id": "r", "status": "completed"}},
        ),
        "response.hologram.delta",
    ),
    "openai-chat": (
        "https://api.mistral.ai/v1/chat/completions",
        {"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        json.dumps(
            {"choices": [{"message": {"role": "assistant", "content": [{"type": "hologram", "x": 1}]}}]}
        ).encode(),
        "hologram",
    ),
    "anthropic": (
        "https://api.anthropic.com/v1/messages",
        {"model": "m", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 5},
        json.dumps({"type": "message", "content": [{"type": "hologram", "x": 1}]}).encode(),
        "hologram",
    ),
    "gemini": (
        "https://generativelanguage.googleapis.com/v1beta/models/g:generateContent",
        {"contents": [{"role": "user", "parts": [{"text": "hi"}]}]},
        json.dumps(
            {"candidates": [{"content": {"role": "model", "parts": [{"hologram": {"x": 1}}]}}]}
        ).encode(),
        "hologram",
    ),
    "cohere": (
        "https://api.cohere.com/v2/chat",
        {"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": True},
        b'event: message-start\ndata: {"type":"message-start","id":"x"}\n\n'
        b'event: hologram\ndata: {"type":"hologram","x":1}\n\n'
        b'event: message-end\ndata: {"type":"message-end","delta":{"finish_reason":"COMPLETE"}}\n\n',
        "hologram",
    ),
}


@pytest.mark.parametrize("dialect", sorted(UNKNOWN_IN_EACH_DIALECT))
def test_an_unknown_kind_is_kept_in_its_place_and_reported(dialect: str) -> None:
    url, body, response, kind = UNKNOWN_IN_EACH_DIALECT[dialect]
    content_type = "text/event-stream" if response.startswith((b"data:", b"event:")) else "application/json"
    exchange = dialects.decode(posted(url, body, response, status=200, content_type=content_type))
    assert exchange.dialect == dialect
    assert exchange.response.message is not None
    kept = [p for p in exchange.response.message.parts if isinstance(p, UnrecognisedPart)]
    assert [p.kind for p in kept] == [kind]
    assert kept[0].data != {}
    problems = [p for p in exchange.problems if p.code == "undecoded-item"]
    assert [p.severity for p in problems] == ["info"]
    assert f"`{kind}`" in problems[0].message
    if exchange.streamed:  # the event that carried it points at it, so a replay shows it in order
        index = exchange.response.message.parts.index(kept[0])
        assert any(event.part == index for event in exchange.response.chunks)


# -- kinds the completeness rule found in ../shared, now modelled ------------------------------


def test_responses_additional_tools_join_the_request_tools() -> None:
    tool = {"type": "function", "name": "lookup", "description": "L", "parameters": {"type": "object"}}
    body = {
        "input": [
            {"role": "user", "content": "hi"},
            {"type": "additional_tools", "role": "developer", "tools": [tool]},
        ]
    }
    raw = posted(
        "https://api.openai.com/v1/responses",
        body,
        b'{"output": []}',
        status=200,
        content_type="application/json",
    )
    exchange = dialects.decode(raw)
    assert [t.name for t in exchange.request.tools] == ["lookup"]
    assert [m.role for m in exchange.request.messages] == ["user"]
    assert dropped_in(exchange) == set()


def test_a_perplexity_file_url_block_is_an_attachment() -> None:
    block = {"type": "file_url", "file_url": {"url": "UEsDBBQACAgI"}, "file_name": "a.docx"}
    body = {"model": "sonar", "messages": [{"role": "user", "content": [block]}]}
    raw = posted(
        "https://api.perplexity.ai/chat/completions",
        body,
        b'{"choices": []}',
        status=200,
        content_type="application/json",
    )
    (message,) = dialects.decode(raw).request.messages
    assert [(p.type, getattr(p, "bytes", None)) for p in message.parts] == [("image", 9)]
