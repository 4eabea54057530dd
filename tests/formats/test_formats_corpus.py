"""The whole shared corpus loads (every interaction), plus facts read from a few of its files.

The facts are read with `corpus_file`: the copy vendored in tests/data/corpus when there is one.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers.paths import corpus_file, corpus_files
from tui_replay.formats.load import load_cassette

FILES = corpus_files()


@pytest.mark.skipif(not FILES, reason="../shared/corpus is not present")
def test_every_corpus_cassette_loads_every_interaction(corpus_dir: Path) -> None:
    formats: Counter[str] = Counter()
    interactions = 0
    for path in FILES:
        file = load_cassette(path)
        file.validate()
        formats[file.format] += 1
        interactions += len(file)
        for raw in file:
            assert raw.status is not None, f"{path}: interaction {raw.index} has no status"
            assert raw.url, f"{path}: interaction {raw.index} has no url"
            assert raw.line is not None and raw.line >= 1
    # 350 go-vcr files under go-vcr/, 125 under vcrpy/ of which 15 are xAI gRPC recordings.
    assert formats == Counter({"go-vcr": 350, "vcrpy": 110, "xai-grpc": 15})
    assert interactions > 700


def test_corpus_go_vcr_durations_are_read(corpus_dir: Path) -> None:
    paths = sorted((corpus_dir / "go-vcr").rglob("*.yaml"))
    durations = [raw.duration_ms for path in paths for raw in load_cassette(path)]
    assert durations and all(d is not None and d >= 0 for d in durations)


def test_bedrock_binary_headers_and_parsed_body() -> None:
    path = corpus_file(
        "vcrpy/pydantic-ai/models/bedrock/cassettes/test_strict_tool_calls"
        "/test_bedrock_strict_tool_supported_model.yaml"
    )
    file = load_cassette(path)
    assert file.format == "vcrpy" and len(file) == 2
    raw = file.raw(0)
    # `content-type: [!!binary YXBwbGljYXRpb24vanNvbg==]` in the file
    assert raw.request_content_type == "application/json"
    assert ("amz-sdk-request", "attempt=1") in raw.request_headers
    assert raw.status == 200 and raw.status_text == "OK"
    tool_use = raw.response_json["output"]["message"]["content"][0]["toolUse"]
    assert tool_use["name"] == "get_weather" and tool_use["input"] == {"city": "Paris"}
    assert json.loads(raw.response_body) == raw.response_json


def test_xai_stream_chunks() -> None:
    path = corpus_file(
        "vcrpy/pydantic-ai/models/xai/cassettes/test_search_tools"
        "/test_xai_builtin_x_search_tool_stream.xai.yaml"
    )
    file = load_cassette(path)
    assert file.format == "xai-grpc" and len(file) == 1
    raw = file.raw(0)
    assert raw.url == "grpc://xai/grok-4-fast-reasoning"
    assert raw.request_json["messages"][0]["content"][0]["text"].startswith(
        "Search X for the latest PydanticAI"
    )
    assert len(raw.extra["grpc_chunks"]) == 21  # `    - chunk:` lines in the file
    assert len(raw.response_body.splitlines()) == 21
    first = json.loads(raw.response_body.splitlines()[0])
    assert first["chunk"]["outputs"][0]["delta"]["tool_calls"][0]["function"]["name"] == "x_keyword_search"


def test_xai_collections_methods() -> None:
    path = corpus_file(
        "vcrpy/pydantic-ai/models/xai/cassettes/test_search_tools/test_xai_builtin_file_search_tool.xai.yaml"
    )
    file = load_cassette(path)
    urls = [raw.url for raw in file]
    assert urls[:2] == ["grpc://xai/collections/create", "grpc://xai/collections/upload_document"]
    assert urls[-1] == "grpc://xai/collections/delete"
    assert file.raw(0).response_json["collection_name"] == "pydantic-ai-test-8a7e057d"
