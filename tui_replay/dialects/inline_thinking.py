"""Reasoning sent inline as `<think>…</think>` at the start of an answer's text.

Groq, the Hugging Face router, DeepSeek-R1 served by others, Ollama's and llama.cpp's
OpenAI-compatible endpoints put a reasoning model's thinking in `content`, wrapped in
`<think>` tags. Only a block that opens the answer counts (the tag elsewhere is text the
model wrote). Streamed, the tags may be split across chunks: `InlineThinking` holds back
the few characters that could be the start of a tag until the next chunk tells.
"""

from __future__ import annotations

OPEN = "<think>"
CLOSE = "</think>"


def split_inline(text: str) -> tuple[str | None, str]:
    """(thinking, answer) of a whole text; thinking is None when the text does not open with it."""
    stripped = text.lstrip()
    if not stripped.startswith(OPEN):
        return None, text
    inner = stripped[len(OPEN) :]
    end = inner.find(CLOSE)
    if end < 0:  # cut short while thinking
        return inner.strip(), ""
    return inner[:end].strip(), inner[end + len(CLOSE) :].lstrip()


def _partial_tag(text: str, tag: str) -> int:
    """Length of the longest end of `text` that is a beginning of `tag` (and not all of it)."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:size]):
            return size
    return 0


class InlineThinking:
    """Routes streamed text deltas to `thinking` while inside a leading `<think>` block."""

    def __init__(self) -> None:
        self.state = "start"  # start -> inside -> after -> text, or start -> text
        self.pending = ""

    def feed(self, delta: str) -> list[tuple[str, str]]:
        """(kind, text) pieces, kind `thinking` or `text`, that this delta adds."""
        if self.state == "text":
            return [("text", delta)]
        text = self.pending + delta
        self.pending = ""
        if self.state == "start":
            stripped = text.lstrip()
            if not stripped or (len(stripped) < len(OPEN) and OPEN.startswith(stripped)):
                self.pending = text  # cannot tell yet
                return []
            if not stripped.startswith(OPEN):
                self.state = "text"
                return [("text", text)]
            self.state = "inside"
            text = stripped[len(OPEN) :]
        if self.state == "inside":
            end = text.find(CLOSE)
            if end < 0:
                keep = _partial_tag(text, CLOSE)
                self.pending = text[len(text) - keep :] if keep else ""
                thought = text[: len(text) - keep]
                return [("thinking", thought)] if thought else []
            thought, text = text[:end], text[end + len(CLOSE) :]
            self.state = "after"
            return ([("thinking", thought)] if thought else []) + self.feed_after(text)
        return self.feed_after(text)

    def feed_after(self, text: str) -> list[tuple[str, str]]:
        """Whitespace between the closing tag and the answer is not part of the answer."""
        text = text.lstrip()
        if not text:
            return []
        self.state = "text"
        return [("text", text)]

    def flush(self) -> list[tuple[str, str]]:
        """What is still held back when the stream ends."""
        held, self.pending = self.pending, ""
        if not held:
            return []
        return [("thinking" if self.state == "inside" else "text", held)]
