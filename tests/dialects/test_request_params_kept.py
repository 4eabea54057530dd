"""Each dialect keeps every request field it does not read into messages, tools or the model
among the request's parameters: nothing the client sent vanishes, not even a field it reads
when it comes in a shape it cannot read (`"tools": null`, a second spelling, a second model)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tui_replay.dialects import anthropic, bedrock, bedrock_converse, cohere, gemini, ollama
from tui_replay.dialects.openai_messages import decode_request as openai_chat_request
from tui_replay.dialects.openai_responses_items import decode_request as responses_request
from tui_replay.model import LLMRequest

SETTINGS = {"temperature": 0.2, "top_p": 1, "seed": 7, "x_vendor": {"nested": [1, 2]}}
"""Parameters every dialect must keep as sent, whatever their names."""

TOOL = {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}

Decode = Callable[[dict[str, Any]], LLMRequest]

CASES: list[tuple[str, Decode, dict[str, Any], dict[str, Any]]] = [
    # (dialect, decode, body besides SETTINGS, the parameters besides SETTINGS)
    (
        "openai-chat",
        openai_chat_request,
        {
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "hi"}],
            "tools": [TOOL],
            "response_format": {"type": "json_object"},
            "functions": None,
        },
        {"response_format": {"type": "json_object"}, "functions": None},
    ),
    (
        "openai-responses",
        responses_request,
        {
            "model": "gpt-5",
            "input": "hi",
            "instructions": None,
            "reasoning": {"effort": "high", "summary": "auto"},
            "store": False,
            "include": ["reasoning.encrypted_content"],
        },
        {
            "instructions": None,
            "reasoning": {"effort": "high", "summary": "auto"},
            "store": False,
            "include": ["reasoning.encrypted_content"],
        },
    ),
    (
        "anthropic",
        lambda body: anthropic.decode_request(body, None),
        {
            "model": "claude",
            "system": "be brief",
            "messages": [{"role": "user", "content": "hi"}],
            "tools": None,
            "thinking": {"type": "enabled", "budget_tokens": 1024},
        },
        {"tools": None, "thinking": {"type": "enabled", "budget_tokens": 1024}},
    ),
    (
        "gemini",
        lambda body: gemini.decode_request(body, "gemini-2.5-flash"),
        {
            "model": "gemini-2.5-pro",  # not the URL's: shown, not silently replaced
            "contents": [{"role": "user", "parts": [{"text": "hi"}]}],
            "systemInstruction": {"parts": [{"text": "be brief"}]},
            "system_instruction": {"parts": [{"text": "the other spelling"}]},
            "generationConfig": {"thinkingConfig": {"thinkingBudget": 1024}},
        },
        {
            "model": "gemini-2.5-pro",
            "system_instruction": {"parts": [{"text": "the other spelling"}]},
            "generationConfig": {"thinkingConfig": {"thinkingBudget": 1024}},
        },
    ),
    (
        "bedrock-converse",
        lambda body: bedrock_converse.converse_request(body, "amazon.nova-lite"),
        {
            "modelId": "amazon.nova-pro",
            "messages": [{"role": "user", "content": [{"text": "hi"}]}],
            "system": [{"text": "be brief"}],
            "toolConfig": {"tools": [], "toolChoice": {"auto": {}}},
            "inferenceConfig": {"maxTokens": 200},
        },
        {
            "modelId": "amazon.nova-pro",
            "toolConfig": {"toolChoice": {"auto": {}}},
            "inferenceConfig": {"maxTokens": 200},
        },
    ),
    (
        "bedrock-invoke",
        lambda body: bedrock.invoke_request(body, "amazon.titan"),
        {"inputText": "hi", "textGenerationConfig": {"maxTokenCount": 50}},
        {"textGenerationConfig": {"maxTokenCount": 50}},
    ),
    (
        "cohere",
        cohere.decode_request,
        {
            "model": "command-a",
            "messages": [{"role": "user", "content": "hi"}],
            "tools": TOOL,  # one tool not in a list: not read, so kept
            "safety_mode": "OFF",
        },
        {"tools": TOOL, "safety_mode": "OFF"},
    ),
    (
        "ollama",
        ollama.decode_request,
        {
            "model": "qwen3",
            "messages": [{"role": "user", "content": "hi"}],
            "think": True,
            "options": {"num_ctx": 8},
        },
        {"think": True, "options": {"num_ctx": 8}},
    ),
]


@pytest.mark.parametrize(("decode", "body", "params"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_field_not_read_is_a_parameter(
    decode: Decode, body: dict[str, Any], params: dict[str, Any]
) -> None:
    request = decode({**body, **SETTINGS})
    assert request.params == {**params, **SETTINGS}
    assert request.messages, "the conversation itself is still read"
