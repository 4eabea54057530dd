"""The bad inputs a cassette reader meets, one by one, through the headless commands.

A file that cannot be read gives one line naming the file, where (line and
column when the YAML parser knows them, else the interaction) and what was
expected, and exit 1; a readable cassette with odd contents decodes with
problems instead. Never a traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tui_replay.analysis.cassette import open_cassette
from tui_replay.cli.main import main

SEED = Path(__file__).resolve().parents[2] / "cassettes" / "openrouter_kimi_tool_together.yaml"
CHAT = "https://api.openai.com/v1/chat/completions"


def govcr(
    tmp_path: Path,
    response_body: str | bytes,
    content_type: str,
    *,
    request: object = None,
    url: str = CHAT,
    name: str = "c.yaml",
    code: int = 200,
) -> Path:
    req = request if request is not None else {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    doc = {
        "version": 2,
        "interactions": [
            {
                "id": 0,
                "request": {
                    "body": json.dumps(req),
                    "headers": {"Content-Type": ["application/json"]},
                    "url": url,
                    "method": "POST",
                },
                "response": {
                    "body": response_body,
                    "headers": {"Content-Type": [content_type]},
                    "status": f"{code} X",
                    "code": code,
                    "duration": "1s",
                },
            }
        ],
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- unreadable files: one line, exit 1

WHERE = re.compile(r":\d+(:\d+)?: |: interaction \d+: ")


def _unreadable_inputs(tmp_path: Path) -> dict[str, tuple[Path, bool]]:
    """name -> (file, whether the message must say where: line/column or interaction)."""
    seed = SEED.read_bytes()
    files: dict[str, tuple[bytes, bool]] = {
        "empty": (b"", False),
        "whitespace": (b"   \n\n", False),
        "only-document-marker": (b"---\n", False),
        "truncated-mid-string": (seed[: len(seed) // 2], True),
        "broken-indentation": (seed.replace(b"\n    response:", b"\n      response:", 1), True),
        "tab-indentation": (seed.replace(b"\n    request:", b"\n\trequest:", 1), True),
        "non-utf8-latin1": ("version: 2\ninteractions:\n  - id: café\n".encode("latin-1"), True),
        "utf16": ("version: 2\ninteractions: []\nx: [".encode("utf-16"), False),
        "binary-garbage": (bytes(range(256)) * 4, False),
        "yaml-not-a-cassette": (b"services:\n  web:\n    image: nginx\n", False),
        "yaml-list": (b"- a\n- b\n", False),
        "yaml-scalar": (b"just some text\n", False),
        "json-object": (b'{"name": "tui-replay", "version": "1.0"}', False),
        "json-array": (b"[1, 2, 3]", False),
        "json-truncated": (b'{"log": {"entries": [{"request": ', False),
        "interactions-not-a-list": (b"interactions: 5\n", False),
        "interaction-without-response": (
            b"version: 2\ninteractions:\n  - id: 0\n    request: {url: x}\n",
            True,
        ),
    }
    out = {}
    for name, (data, where) in files.items():
        path = tmp_path / f"{name}.yaml"
        path.write_bytes(data)
        out[name] = (path, where)
    return out


UNREADABLE = [
    "empty",
    "whitespace",
    "only-document-marker",
    "truncated-mid-string",
    "broken-indentation",
    "tab-indentation",
    "non-utf8-latin1",
    "utf16",
    "binary-garbage",
    "yaml-not-a-cassette",
    "yaml-list",
    "yaml-scalar",
    "json-object",
    "json-array",
    "json-truncated",
    "interactions-not-a-list",
    "interaction-without-response",
]


@pytest.mark.parametrize("name", UNREADABLE)
def test_unreadable_file_gives_one_line_naming_the_file_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path, must_say_where = _unreadable_inputs(tmp_path)[name]
    code, out, err = run_cli(capsys, "inspect", str(path))
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"tui-replay: {path}")
    if must_say_where:
        assert WHERE.search(lines[0][len(f"tui-replay: {path}") - 1 :]), lines[0]
    # check lists it as unreadable with the same message and exits 1.
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 1
    assert f"  {lines[0][len('tui-replay: ') :]}" in out.splitlines()


def test_messages_say_what_was_expected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = _unreadable_inputs(tmp_path)
    _, _, err = run_cli(capsys, "inspect", str(inputs["yaml-not-a-cassette"][0]))
    assert "interactions" in err and "services" in err  # what was expected, what was found
    _, _, err = run_cli(capsys, "inspect", str(inputs["interaction-without-response"][0]))
    assert "response" in err
    _, _, err = run_cli(capsys, "inspect", str(inputs["empty"][0]))
    assert "empty" in err


def test_missing_file_and_directory_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "inspect", str(tmp_path / "nope.yaml"))  # a usage error: exit 2
    assert code == 2 and str(tmp_path / "nope.yaml") in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "inspect", str(tmp_path))  # there, but not a file: unreadable
    assert code == 1 and str(tmp_path) in err and len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------- readable cassettes with odd contents


def _decoded(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, err = run_cli(capsys, "inspect", "--json", str(path))
    assert code == 0, err
    doc = json.loads(out)
    assert isinstance(doc, dict)
    return doc


def _problem_codes(path: Path) -> set[str]:
    return {p.code for p in open_cassette(path).problems()}


def test_body_that_is_not_the_json_its_content_type_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = govcr(tmp_path, "<html>502 Bad Gateway</html>", "application/json", code=200)
    _decoded(path, capsys)
    exchange = open_cassette(path).exchange(0)
    assert exchange.raw.response_body == b"<html>502 Bad Gateway</html>"
    assert exchange.response.message is None or exchange.response.message.text == ""
    assert _problem_codes(path)  # something is flagged: an empty turn or a decode problem


def test_sse_without_terminal_event(tmp_path: Path) -> None:
    chunk = {
        "id": "c",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": {"content": "Hel"}}],
    }
    path = govcr(
        tmp_path,
        f"data: {json.dumps(chunk)}\n\n",
        "text/event-stream",
        request={"model": "m", "stream": True, "messages": []},
    )
    exchange = open_cassette(path).exchange(0)
    assert exchange.streamed
    assert exchange.response.message is not None and exchange.response.message.text == "Hel"
    assert "stream-unterminated" in _problem_codes(path)


def test_sse_with_broken_events(tmp_path: Path) -> None:
    good = {
        "id": "c",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": {"content": "ok"}}],
    }
    body = "data: {broken json\n\nevent\n\ndata: " + json.dumps(good) + "\n\n: comment\n\ndata: [DONE]\n\n"
    path = govcr(tmp_path, body, "text/event-stream", request={"model": "m", "stream": True, "messages": []})
    exchange = open_cassette(path).exchange(0)
    assert exchange.response.message is not None
    assert exchange.response.message.text == "ok"  # the good event survives the broken one


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/octet-stream", "text/event-stream"]
)
def test_binary_bodies(tmp_path: Path, capsys: pytest.CaptureFixture[str], content_type: str) -> None:
    body = bytes(range(256)) * 8
    path = govcr(tmp_path, body, content_type)  # stored as !!binary by safe_dump
    assert b"!!binary" in path.read_bytes()
    _decoded(path, capsys)
    assert open_cassette(path).exchange(0).raw.response_body == body


def test_unknown_dialect_is_plain_http(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = govcr(
        tmp_path,
        '{"weather": "sunny"}',
        "application/json",
        request={"city": "Paris"},
        url="https://example.com/api/weather",
    )
    _decoded(path, capsys)
    assert open_cassette(path).exchange(0).dialect == "http"


def test_conversation_with_wrong_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = {"model": 5, "messages": [{"role": 5, "content": 7}, {"role": "assistant", "tool_calls": "x"}]}
    path = govcr(
        tmp_path, '{"choices": [{"message": {"role": 5, "content": 3}}]}', "application/json", request=request
    )
    doc = _decoded(path, capsys)
    assert doc  # decoded, with whatever could be read
    exchange = open_cassette(path).exchange(0)
    assert exchange.dialect in {"openai-chat", "http"}


def test_hundred_megabyte_body(tmp_path: Path) -> None:
    """A 100 MB response body: `check` reads it, in bounded time, without a traceback."""
    content = "x" * 100_000_000
    body = json.dumps(
        {
            "id": "c",
            "object": "chat.completion",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
            ],
        }
    )
    path = tmp_path / "big.yaml"
    with path.open("w") as f:
        f.write("version: 2\ninteractions:\n  - id: 0\n    request:\n")
        f.write(f"      body: {json.dumps(json.dumps({'model': 'm', 'messages': []}))}\n")
        f.write(f"      url: {CHAT}\n      method: POST\n    response:\n")
        f.write(f"      body: {json.dumps(body)}\n")
        f.write("      headers:\n        Content-Type:\n          - application/json\n")
        f.write("      status: 200 OK\n      code: 200\n      duration: 1s\n")
    del content, body
    assert path.stat().st_size > 100_000_000
    result = subprocess.run(
        [sys.executable, "-m", "tui_replay", "check", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "1 file, 1 interaction" in result.stdout
