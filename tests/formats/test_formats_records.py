"""Each record format other than the seeds' go-vcr v2: detection from content and the facts in the files."""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import zlib
from pathlib import Path

import brotli
import pytest
import yaml

from tui_replay.formats.load import load_cassette
from tui_replay.formats.shape import go_duration_ms

DATA = Path(__file__).resolve().parents[1] / "data"


def test_ruby_vcr_sample(tmp_path: Path) -> None:
    # A misleading extension on purpose: detection reads the content.
    path = tmp_path / "recording.json"
    shutil.copy(DATA / "ruby_vcr_sample.yml", path)
    file = load_cassette(path)
    assert file.format == "ruby-vcr"
    assert len(file) == 3
    first, second, third = file
    assert (first.method, first.url, first.status, first.status_text) == (
        "POST",
        "https://api.openai.com/v1/chat/completions",
        200,
        "OK",
    )
    assert json.loads(first.request_body)["messages"][0]["content"] == "Say hi"
    assert json.loads(first.response_body)["choices"][0]["message"]["content"] == "Hi!"
    assert first.extra["recorded_at"] == "Tue, 07 Jan 2025 10:00:00 GMT"
    assert first.line == 3
    # `!ruby/struct`, `!ruby/hash` read as plain data; `!binary` as bytes.
    assert (second.method, second.status, second.status_text) == ("GET", 404, "Not Found")
    assert second.response_headers == (("Content-Type", "application/octet-stream"),)
    assert second.response_body == bytes([0, 1, 2, 3, 0xFF, 0xFE])
    assert third.response_body == b"hello world"  # base64_string


def test_ruby_vcr_1_top_level_list(tmp_path: Path) -> None:
    path = tmp_path / "old.yml"
    path.write_text(
        "---\n"
        "- !ruby/struct:VCR::HTTPInteraction\n"
        "  request: !ruby/struct:VCR::Request\n"
        "    method: :get\n"
        "    uri: http://localhost:7777/foo\n"
        "    body:\n"
        "    headers:\n"
        "  response: !ruby/struct:VCR::Response\n"
        "    status: !ruby/struct:VCR::ResponseStatus\n"
        "      code: 200\n"
        "      message: OK\n"
        "    headers:\n"
        "      content-type:\n"
        "      - text/html;charset=utf-8\n"
        "    body: Hello foo\n"
        '    http_version: "1.1"\n'
    )
    file = load_cassette(path)
    assert file.format == "ruby-vcr"
    raw = file.raw(0)
    assert (raw.method, raw.url, raw.status, raw.response_body) == (
        "GET",
        "http://localhost:7777/foo",
        200,
        b"Hello foo",
    )


def test_har_sample() -> None:
    file = load_cassette(DATA / "har_sample.har")
    assert file.format == "har"
    assert len(file) == 2
    first, second = file
    assert (first.method, first.url, first.status, first.status_text) == (
        "POST",
        "https://api.anthropic.com/v1/messages",
        200,
        "OK",
    )
    assert first.duration_ms == 812.5
    assert json.loads(first.request_body)["model"] == "claude-3-5-haiku-latest"
    assert json.loads(first.response_body)["content"][0]["text"] == "Hi there"
    assert [v for k, v in first.response_headers if k == "set-cookie"] == ["a=1", "b=2"]
    assert second.response_body == b"\x89PNG\r\n\x1a\n"  # base64 content decoded
    assert second.duration_ms == 20.0


def test_govcr_v1_sample() -> None:
    file = load_cassette(DATA / "govcr_v1_sample.yaml")
    assert (file.format, file.format_version) == ("go-vcr", 1)
    first, second = file
    assert (first.method, first.url, first.status, first.status_text) == (
        "POST",
        "http://localhost:11434/api/chat",
        200,
        "OK",
    )
    assert first.duration_ms == 62_500.0  # 1m2.5s
    assert (second.status, second.status_text, second.duration_ms) == (404, "Not Found", None)


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("1.0912445s", 1091.2445),
        ("823.611583ms", 823.611583),
        ("1m2.5s", 62_500.0),
        ("350µs", 0.35),
        ("350μs", 0.35),  # Greek mu, as some writers emit
        ("42us", 0.042),
        ("1500ns", 0.0015),
        ("1h0m1s", 3_601_000.0),
        ("0s", 0.0),
        (1_500_000, 1.5),  # a bare number is nanoseconds
        ("", None),
        ("fast", None),
        ("1.5", None),
        ("10 ms", None),
    ],
)
def test_go_durations(text: object, ms: float | None) -> None:
    assert go_duration_ms(text) == (pytest.approx(ms) if ms is not None else None)


def _vcrpy(path: Path, responses: list[tuple[dict[str, list[str]], object]]) -> Path:
    interactions = [
        {
            "request": {"body": None, "headers": {}, "method": "GET", "uri": f"https://example.com/{i}"},
            "response": {
                "status": {"code": 200, "message": "OK"},
                "headers": headers,
                "body": {"string": body},
            },
        }
        for i, (headers, body) in enumerate(responses)
    ]
    path.write_text(yaml.safe_dump({"interactions": interactions, "version": 1}))
    return path


PAYLOAD = b'{"answer":"compressed bodies come back as the bytes the API meant"}'


def test_vcrpy_bodies_decompressed_per_content_encoding(tmp_path: Path) -> None:
    deflate = zlib.compressobj(wbits=-15)
    raw_deflate = deflate.compress(PAYLOAD) + deflate.flush()
    path = _vcrpy(
        tmp_path / "c.yaml",
        [
            ({"Content-Encoding": ["gzip"]}, gzip.compress(PAYLOAD)),
            ({"content-encoding": ["deflate"]}, zlib.compress(PAYLOAD)),
            ({"Content-Encoding": ["deflate"]}, raw_deflate),
            ({"Content-Encoding": ["br"]}, brotli.compress(PAYLOAD)),
            ({"Content-Encoding": ["gzip"]}, PAYLOAD.decode()),  # recorded already decoded
            ({"Content-Encoding": ["gzip"]}, b"\x1f\x8b\x08broken"),  # not really gzip: kept
            ({"Content-Encoding": ["br"]}, PAYLOAD),  # plain text despite the header: kept
            ({}, bytes(range(256))),  # !!binary, no encoding: as is
        ],
    )
    assert b"!!binary" in path.read_bytes()
    file = load_cassette(path)
    assert file.format == "vcrpy"
    bodies = [raw.response_body for raw in file]
    assert bodies[:5] == [PAYLOAD] * 5
    assert bodies[5] == b"\x1f\x8b\x08broken"
    assert bodies[6] == PAYLOAD
    assert bodies[7] == bytes(range(256))


def test_vcrpy_plain_uppercase_headers_and_string_status(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(
        "interactions:\n"
        "- request:\n"
        "    body: '{\"q\": 1}'\n"
        "    headers:\n"
        "      Content-Type: [application/json]\n"
        "    method: post\n"
        "    uri: https://api.example.com/v1/x\n"
        "  response:\n"
        "    body: {string: '{\"a\": 2}'}\n"
        "    headers: {Content-Type: [application/json]}\n"
        "    status: {code: 201, message: Created}\n"
        "version: 1\n"
    )
    raw = load_cassette(path).raw(0)
    assert (raw.method, raw.status, raw.status_text) == ("POST", 201, "Created")
    assert raw.request_body == b'{"q": 1}' and raw.response_body == b'{"a": 2}'
    assert raw.request_json is None


def test_pydantic_ai_parsed_body(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "interactions:\n"
        "- request:\n"
        "    headers:\n"
        "      content-type:\n"
        "      - !!binary |\n"
        "        YXBwbGljYXRpb24vanNvbg==\n"
        "    method: POST\n"
        "    parsed_body:\n"
        "      model: m-1\n"
        "      messages:\n"
        "      - {role: user, content: héllo}\n"
        "    uri: https://api.example.com/v1/chat/completions\n"
        "  response:\n"
        "    headers:\n"
        "      content-type:\n"
        "      - application/json\n"
        "    parsed_body:\n"
        "      choices: [{message: {role: assistant, content: hi}}]\n"
        "    status:\n"
        "      code: 200\n"
        "      message: OK\n"
        "version: 1\n"
    )
    raw = load_cassette(path).raw(0)
    assert raw.request_content_type == "application/json"  # !!binary header value decoded
    assert raw.request_json == {"model": "m-1", "messages": [{"role": "user", "content": "héllo"}]}
    assert raw.request_body == '{"model":"m-1","messages":[{"role":"user","content":"héllo"}]}'.encode()
    assert raw.response_json["choices"][0]["message"]["content"] == "hi"
    assert json.loads(raw.response_body) == raw.response_json


def test_xai_grpc_items(tmp_path: Path) -> None:
    path = tmp_path / "x.xai.yaml"
    raw_request = base64.b64encode(b"\x0a\x02hi").decode()
    path.write_text(
        "version: 1\n"
        "interactions:\n"
        "- request_sample:\n"
        "    json: {model: grok-3-mini, messages: [{role: ROLE_USER, content: [{text: hi}]}]}\n"
        f"    raw: !!binary {raw_request}\n"
        "  response_sample:\n"
        "    json: {id: r1, outputs: [{finish_reason: REASON_STOP, message: {content: hello}}]}\n"
        "    raw: !!binary AA==\n"
        "- request_stream:\n"
        "    json: {model: grok-4, messages: []}\n"
        "  response_stream:\n"
        "    chunks_json:\n"
        "    - chunk: {id: s1, outputs: [{delta: {content: Hel}}]}\n"
        "    - chunk: {id: s1, outputs: [{delta: {content: lo}, finish_reason: REASON_STOP}]}\n"
        "    chunks_raw: [!!binary AA==, !!binary AA==]\n"
        "- collections_method:\n"
        "    method: create\n"
        "    response_proto_type: CollectionMetadata\n"
        "    request_json: {name: c}\n"
        "    response_json: {collection_id: c-1}\n"
    )
    file = load_cassette(path)
    assert file.format == "xai-grpc"
    sample, stream, collection = file
    assert (sample.method, sample.url, sample.status) == ("GRPC", "grpc://xai/grok-3-mini", 200)
    assert sample.request_json["model"] == "grok-3-mini"
    assert sample.response_json["outputs"][0]["message"]["content"] == "hello"
    assert sample.extra["request_proto"] == b"\x0a\x02hi"
    assert stream.url == "grpc://xai/grok-4"
    assert stream.response_content_type == "application/x-ndjson"
    lines = stream.response_body.decode().splitlines()
    assert [json.loads(line)["chunk"]["outputs"][0]["delta"]["content"] for line in lines] == ["Hel", "lo"]
    assert len(stream.extra["grpc_chunks"]) == 2
    assert collection.url == "grpc://xai/collections/create"
    assert collection.response_json == {"collection_id": "c-1"}


def test_json_that_is_not_har_says_what_was_expected(tmp_path: Path) -> None:
    from tui_replay.model import CassetteError

    path = tmp_path / "package.json"
    path.write_text('{"name": "x", "version": "1.0.0"}')
    with pytest.raises(CassetteError) as info:
        load_cassette(path)
    text = str(info.value)
    assert str(path) in text and "HAR `log.entries`" in text and "`name`" in text


def test_decompression_is_capped_and_cut_bodies_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_replay.formats import bodies

    monkeypatch.setattr(bodies, "MAX_DECOMPRESSED", 10_000)
    bomb = gzip.compress(b"\0" * 1_000_000)
    gz = (("Content-Encoding", "gzip"),)
    assert bodies.decode_content(bomb, gz) == bomb  # would inflate past the cap: kept as recorded
    deflate_bomb = zlib.compress(b"\0" * 1_000_000)
    assert bodies.decode_content(deflate_bomb, (("Content-Encoding", "deflate"),)) == deflate_bomb
    assert bodies.decode_content(gzip.compress(PAYLOAD)[:-6], gz) == gzip.compress(PAYLOAD)[:-6]  # cut short
    assert bodies.decode_content(gzip.compress(PAYLOAD), gz) == PAYLOAD
