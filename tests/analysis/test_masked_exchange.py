"""The opened cassette masks once: a streamed reply as a whole, binary bodies after decoding,
and whatever holds no secret is handed back as the very same object."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CASSETTES
from tests.dialects.test_dialect_bedrock import frame
from tests.dialects.test_dialect_bedrock import raw as bedrock_raw
from tui_replay import dialects
from tui_replay.analysis.cassette import Cassette, open_cassette
from tui_replay.analysis.masked_exchange import mask_text, masked_exchange
from tui_replay.model import RawInteraction

KEY = "sk-proj-" + "Sp1iT2oV3eR4cH5uN6kS7aB8cD9eF0gH"


def _streamed(deltas: list[str]) -> RawInteraction:
    chunks = [
        {"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": d}}]}
        for d in deltas
    ]
    sse = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    request = {"model": "gpt-4o", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    return RawInteraction(
        0, "POST", "https://api.openai.com/v1/chat/completions", (("Content-Type", "application/json"),),
        json.dumps(request).encode(), 200, "OK", (("Content-Type", "text/event-stream"),), sse.encode(), 1.0,
    )  # fmt: skip


def test_a_key_split_over_chunks_is_masked_in_every_chunk_payload_and_the_body() -> None:
    deltas = ["my key: ", KEY[:5], KEY[5:17], KEY[17:], " ok"]
    exchange = masked_exchange(dialects.decode(_streamed(deltas)))
    text_chunks = [c for c in exchange.response.chunks if c.kind == "text"]
    assert len(text_chunks) == len(deltas)
    joined = "".join(c.delta for c in text_chunks)
    assert joined == exchange.response.message.text == f"my key: sk-proj-…(masked, {len(KEY) - 8} chars) ok"  # type: ignore[union-attr]
    assert text_chunks[1].delta.endswith("(masked, 32 chars)")  # the whole mask with the first piece
    assert text_chunks[2].delta == text_chunks[3].delta == ""
    for piece in (KEY[:5] + KEY[5:9], KEY[5:17], KEY[17:]):
        assert piece not in exchange.raw.response_body.decode()
        assert not any(piece in c.data for c in exchange.response.chunks)
    # the masked body is still a stream of JSON events whose deltas are the masked ones
    events = [
        json.loads(line[6:]) for line in exchange.raw.response_body.decode().split("\n\n") if line[6:7] == "{"
    ]
    assert [e["choices"][0]["delta"]["content"] for e in events] == [c.delta for c in text_chunks]


def test_credential_named_members_of_json_text_are_masked_and_it_stays_json() -> None:
    text = json.dumps({"api_key": "hunter2hunter2", "pin_password": 1234, "max_tokens": 5, "q": KEY})
    masked = json.loads(mask_text(text))
    assert masked["api_key"].endswith("(masked, 14 chars)") and masked["pin_password"].endswith(
        "(masked, 4 chars)"
    )
    assert masked["max_tokens"] == 5 and masked["q"].startswith("sk-proj-…(masked")


def test_an_exchange_without_secrets_keeps_its_objects() -> None:
    exchange = dialects.decode(_streamed(["plain ", "words"]))
    masked = masked_exchange(exchange)
    assert masked.request is exchange.request and masked.response is exchange.response
    assert masked.raw.response_body is exchange.raw.response_body


class _OneRaw:
    """A loaded cassette file holding one interaction (what `Cassette` needs of it)."""

    format = "go-vcr"
    path = Path("memory.yaml")
    lazy = False

    def __init__(self, raw: RawInteraction) -> None:
        self._raw = raw

    def __len__(self) -> int:
        return 1

    def raw(self, index: int) -> RawInteraction:
        return self._raw

    def has(self, index: int) -> bool:
        return index == 0

    def count_up_to(self, limit: int) -> int:
        return 1

    def item_bytes(self, index: int) -> bytes | None:
        return None


def test_a_binary_eventstream_is_decoded_before_it_is_masked() -> None:
    """A key in a Bedrock frame: masking the bytes first would change the frame's length
    (its prelude and CRCs no longer match) and lose the stream."""
    delta = {"contentBlockIndex": 0, "delta": {"text": f"the key {KEY} here"}}
    body = b"".join(
        [
            frame("messageStart", {"role": "assistant"}),
            frame("contentBlockDelta", delta),
            frame("contentBlockStop", {"contentBlockIndex": 0}),
            frame("messageStop", {"stopReason": "end_turn"}),
        ]
    )
    recorded = bedrock_raw("converse-stream", {"messages": []}, body)
    exchange = Cassette(_OneRaw(recorded)).exchange(0)  # type: ignore[arg-type]
    assert exchange.dialect == "bedrock-converse" and not exchange.problems
    assert exchange.response.message is not None
    assert exchange.response.message.text == f"the key sk-proj-…(masked, {len(KEY) - 8} chars) here"
    assert not any(KEY[-10:] in c.data or KEY[-10:] in c.delta for c in exchange.response.chunks)


def test_raw_is_masked_unless_opened_unmasked(tmp_path: Path) -> None:
    text = (CASSETTES / "openrouter_kimi_tool_wandb.yaml").read_text()
    path = tmp_path / "planted.yaml"
    path.write_text(text.replace("Florence,Italy?", f"Florence,Italy? {KEY}", 1))
    assert KEY.encode() not in open_cassette(path).raw(0).request_body
    assert KEY.encode() in open_cassette(path, redact=False).raw(0).request_body


def _planted_429(tmp_path: Path) -> Path:
    text = (CASSETTES / "openrouter_kimi_tool_wandb.yaml").read_text()
    path = tmp_path / "planted_429.yaml"
    path.write_text(text.replace("Please retry shortly", f"Please retry shortly {KEY}"))
    return path


def test_problems_quoting_a_provider_error_are_masked(tmp_path: Path) -> None:
    path = _planted_429(tmp_path)
    masked = [p.message for p in open_cassette(path).problems()]
    assert any("sk-proj-…(masked" in m for m in masked) and not any(KEY[-10:] in m for m in masked)
    assert any(KEY in p.message for p in open_cassette(path, redact=False).problems())
    assert not any(KEY[-10:] in p.message for p in open_cassette(path).problems_for(0))


def test_listing_a_cassette_masks_nothing_until_an_interaction_is_shown(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Turns, problems and the rows' facts read the unmasked decode: opening costs no masking."""
    from tui_replay.analysis import cassette as cassette_module
    from tui_replay.ui.rows import timeline_rows

    masked: list[int] = []
    original = cassette_module.masked_exchange

    def counting(exchange):  # type: ignore[no-untyped-def]
        masked.append(exchange.index)
        return original(exchange)

    monkeypatch.setattr(cassette_module, "masked_exchange", counting)
    cassette = open_cassette(_planted_429(tmp_path))
    rows = timeline_rows(cassette)
    assert len(rows) == len(cassette) and any(r.problems for r in rows)
    assert masked == []
    cassette.exchange(3)
    cassette.exchange(3)
    assert masked == [3]  # once, then from the cache


def test_text_whose_lower_case_is_longer_keeps_its_offsets() -> None:
    text = json.dumps({"note": "İİİİ", "api_key": "hunter2hunter2", "after": "kept"}, ensure_ascii=False)
    masked = json.loads(mask_text(text))
    assert masked == {"note": "İİİİ", "api_key": "…(masked, 14 chars)", "after": "kept"}
