"""The README's "What it reads" names every record format the loader detects and every LLM
dialect it decodes, and calls none of them unread."""

from __future__ import annotations

import re
from pathlib import Path

from tui_replay.dialects import DIALECTS

ROOT = Path(__file__).resolve().parents[1]

FORMAT_WORDS = {
    "go-vcr": "go-vcr",
    "vcrpy": "vcrpy",
    "xai-grpc": "xAI SDK gRPC",
    "ruby-vcr": "Ruby VCR",
    "har": "HAR",
    "websocket": "WebSocket sessions",
}
DIALECT_WORDS = {
    "openai-realtime": "OpenAI Realtime",
    "gemini-live": "Gemini Live",
    "bedrock-converse": "Bedrock (Converse",
    "bedrock-invoke": "InvokeModel",
    "anthropic": "Anthropic Messages",
    "gemini": "Google Gemini",
    "openai-responses": "OpenAI Responses",
    "cohere": "Cohere v2",
    "ollama": "Ollama native",
    "openai-chat": "OpenAI chat completions",
}


def what_it_reads() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("## What it reads") : text.index("## Use")]


def test_every_detected_format_is_named() -> None:
    detected = set(re.findall(r'Format\("([a-z-]+)"', (ROOT / "tui_replay/formats/detect.py").read_text()))
    assert detected == set(FORMAT_WORDS)
    section = what_it_reads()
    assert [name for name, words in FORMAT_WORDS.items() if words not in section] == []


def test_every_dialect_is_named() -> None:
    assert {d.name for d in DIALECTS} == set(DIALECT_WORDS)
    section = what_it_reads()
    assert [name for name, words in DIALECT_WORDS.items() if words not in section] == []


def test_nothing_is_said_to_be_unread() -> None:
    assert "not read" not in what_it_reads().lower()
