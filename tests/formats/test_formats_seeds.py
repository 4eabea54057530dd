"""The seeds (go-vcr v2) load with the facts a person reads in the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_replay.formats.load import load_cassette

# name -> (interactions, status codes in order, first duration as written)
SEED_FACTS = {
    "openrouter_kimi_multi_tool.yaml": (3, [429, 200, 200], 1817.364708),
    "openrouter_kimi_multi_tool_streaming.yaml": (2, [200, 200], 1091.2445),
    "openrouter_kimi_tool_siliconflow.yaml": (3, [200, 429, 200], 1689.778459),
    "openrouter_kimi_tool_together.yaml": (2, [200, 200], 832.583),
    "openrouter_kimi_tool_wandb.yaml": (12, [429, 429, 200] + [429] * 8 + [200], 342.70525),
}


@pytest.mark.parametrize("name", sorted(SEED_FACTS))
def test_seed_counts_statuses_and_first_duration(seeds_dir: Path, name: str) -> None:
    count, codes, first_duration = SEED_FACTS[name]
    file = load_cassette(seeds_dir / name)
    assert file.format == "go-vcr"
    assert file.format_version == 2
    assert len(file) == count
    assert [file.raw(i).status for i in range(len(file))] == codes
    assert file.raw(0).duration_ms == pytest.approx(first_duration, abs=1e-9)
    assert [raw.index for raw in file] == list(range(count))


def test_wandb_first_interaction_is_a_rate_limit(seeds_dir: Path) -> None:
    raw = load_cassette(seeds_dir / "openrouter_kimi_tool_wandb.yaml").raw(0)
    assert raw.method == "POST"
    assert raw.url == "https://openrouter.ai/api/v1/chat/completions"
    assert raw.status == 429
    assert raw.status_text == "Too Many Requests"
    assert raw.duration_ms == pytest.approx(342.70525)
    assert raw.line == 4  # `  - id: 0` is the file's fourth line
    assert ("User-Agent", "OpenAI/Go 2.3.0") in raw.request_headers
    assert raw.request_content_type == "application/json"
    assert raw.request_body.startswith(b'{"messages":[{"content":"You are a helpful assistant"')
    assert b"What's the weather in Florence,Italy?" in raw.request_body  # '' unescaped
    assert b"temporarily rate-limited upstream" in raw.response_body


def test_streamed_seed_keeps_the_sse_text(seeds_dir: Path) -> None:
    file = load_cassette(seeds_dir / "openrouter_kimi_multi_tool_streaming.yaml")
    first, second = file.raw(0), file.raw(1)
    assert first.response_content_type == "text/event-stream"
    assert first.response_body.startswith(b'data: {"id":"gen-1758792034-4DFG24Xt5SzxfAVIPAsj"')
    assert b"\n\ndata: " in first.response_body
    assert second.line == 117
    data_lines = first.response_body.count(b"data: ") + second.response_body.count(b"data: ")
    assert data_lines == 73  # `grep -c '^            data: '` on the file


def test_raw_is_cached(seeds_dir: Path) -> None:
    file = load_cassette(seeds_dir / "openrouter_kimi_tool_together.yaml")
    assert file.raw(1) is file.raw(1)


def test_out_of_range_is_an_index_error(seeds_dir: Path) -> None:
    file = load_cassette(seeds_dir / "openrouter_kimi_tool_together.yaml")
    with pytest.raises(IndexError):
        file.raw(2)
