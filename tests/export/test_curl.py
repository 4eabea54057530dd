"""A recorded request as a `curl` command (`c` in the app, `export --format curl`): the shell
reads back the very words, secrets are masked unless `--no-redact`."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.handoff_cassettes import KEY, planted
from tui_replay.analysis.cassette import open_cassette
from tui_replay.cli.main import main
from tui_replay.export.curl import curl_command, curl_words
from tui_replay.model import RawInteraction

NASTY = 'it\'s "quoted", $HOME `uname` \\n and a\nnewline; rm -rf / # ünïcode'


def _raw(method: str, body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> RawInteraction:
    return RawInteraction(
        0, method, "https://api.example.test/v1/x?a=1&b=2", headers, body, 200, "OK", (), b"", None
    )


def test_the_words_come_back_through_shlex_whatever_the_body_holds() -> None:
    body = json.dumps({"messages": [{"role": "user", "content": NASTY}]}).encode()
    raw = _raw("POST", body, (("Content-Type", "application/json"), ("Content-Length", "999")))
    command = curl_command(raw)
    assert "\n" not in command  # one line to paste
    words = shlex.split(command)
    assert words == curl_words(raw)
    assert words[words.index("--data-raw") + 1].encode() == body
    assert "Content-Length: 999" not in words  # curl counts the body itself (a masked one is shorter)
    assert words[1] == raw.url and "-X" not in words  # POST with a body is what curl does anyway


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_runs_it_with_the_same_arguments() -> None:
    body = json.dumps({"content": NASTY}).encode()
    raw = _raw("PUT", body, (("X-Note", "a 'b' $c"),))
    # `curl` replaced by a function printing each argument it gets, NUL-separated
    script = "curl() { printf '%s\\0' \"$@\"; }; " + curl_command(raw)
    out = subprocess.run(["bash", "-c", script], capture_output=True, check=True).stdout
    assert out.split(b"\0")[:-1] == [w.encode() for w in curl_words(raw)[1:]]
    assert curl_words(raw)[1:3] == ["-X", "PUT"]


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("base64") is None, reason="needs bash")
def test_a_binary_body_is_piped_in_from_base64() -> None:
    body = bytes(range(256))
    raw = _raw("POST", body)
    command = curl_command(raw)
    shlex.split(command)  # still plain words
    script = 'curl() { cat > "$OUT"; }; ' + command
    out = subprocess.run(
        ["bash", "-c", f'OUT=$(mktemp); {script}; cat "$OUT"; rm "$OUT"'], capture_output=True, check=True
    )
    assert out.stdout == body


def test_get_without_a_body_and_compression() -> None:
    raw = _raw(
        "GET", b"", (("Accept-Encoding", "gzip, br"), (":authority", "x"), ("Host", "api.example.test"))
    )
    assert curl_words(raw) == ["curl", raw.url, "--compressed"]
    assert curl_words(_raw("DELETE", b"")) == ["curl", "-X", "DELETE", raw.url]


def test_the_key_in_a_header_is_masked_unless_no_redact(tmp_path: Path) -> None:
    path = planted(tmp_path)
    masked = curl_command(open_cassette(path).raw(0))
    assert KEY not in masked and KEY[-6:] not in masked
    assert any(w.startswith("Authorization: Bearer ") for w in shlex.split(masked))
    shown = curl_command(open_cassette(path, redact=False).raw(0))
    assert f"Authorization: Bearer {KEY}" in shlex.split(shown)
    body = shlex.split(shown)[shlex.split(shown).index("--data-raw") + 1]
    assert json.loads(body)["model"] == "gpt-5"  # the recorded body, whole


def test_export_format_curl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = planted(tmp_path)
    assert main(["export", str(path), "--format", "curl", "-i", "0"]) == 0
    out = capsys.readouterr().out
    assert shlex.split(out) == curl_words(open_cassette(path).raw(0))
    assert KEY not in out
    assert main(["export", str(path), "--format", "curl", "--no-redact"]) == 0
    every = capsys.readouterr().out
    assert every.startswith("# #0 · POST https://api.openai.com/v1/chat/completions · recorded 200 OK\ncurl ")
    assert KEY in every
