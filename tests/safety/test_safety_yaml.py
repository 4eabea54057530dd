"""Safe YAML only: Python tags are refused and never run; Ruby VCR's tags are read as plain data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.safety_fuzz import SAMPLES
from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import CassetteError

# Each payload, if it were ever constructed, creates the file named {target}.
PAYLOADS = {
    "apply-os-system": '!!python/object/apply:os.system ["touch {target}"]',
    "apply-subprocess": '!!python/object/apply:subprocess.check_output [["touch", "{target}"]]',
    "new-subprocess-popen": "!!python/object/new:subprocess.Popen [[touch, {target}]]",
    "apply-eval": "!!python/object/apply:eval [\"open('{target}', 'w').close()\"]",
    "name-builtin": "!!python/name:os.system",
    "module": "!!python/module:os",
    "long-tag-form": '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {target}"]',
    "tag-directive": '!py!object/apply:os.system ["touch {target}"]',
}

PLACES = {
    "whole-document": "{payload}\n",
    "interaction": "interactions:\n  - {payload}\n",
    "request": (
        "interactions:\n  - request: {payload}\n"
        "    response: {{status: {{code: 200}}, body: {{string: ''}}}}\n"
    ),
    "body": (
        "version: 2\ninteractions:\n  - id: 0\n    request:\n      url: https://api.openai.com/v1/chat/completions\n"
        "      method: POST\n      body: {payload}\n    response:\n      code: 200\n      status: 200 OK\n"
        "      body: '{{}}'\n"
    ),
    "header": (
        "version: 2\ninteractions:\n  - id: 0\n    request:\n      url: https://x.test/\n      method: GET\n"
        "      headers:\n        X-Evil:\n          - {payload}\n    response:\n      code: 200\n"
        "      status: 200 OK\n      body: ''\n"
    ),
}


def _cassette(tmp_path: Path, payload: str, place: str, target: Path) -> Path:
    text = PLACES[place].format(payload=payload.format(target=target))
    if payload.startswith("!py!"):
        text = "%TAG !py! tag:yaml.org,2002:python/\n---\n" + text
    path = tmp_path / f"evil-{place}.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_python_tags_are_rejected_and_never_executed(tmp_path: Path, payload: str, place: str) -> None:
    target = tmp_path / "pwned"
    path = _cassette(tmp_path, PAYLOADS[payload], place, target)
    with pytest.raises(CassetteError) as info:
        cassette = open_cassette(path)
        for i in range(len(cassette)):
            cassette.exchange(i)
        cassette.problems()
    assert not target.exists(), "the YAML payload was executed"
    assert str(path) in str(info.value)
    assert "python" in str(info.value)  # the message names the refused tag


@pytest.mark.parametrize("command", ["inspect", "check"])
def test_the_cli_refuses_python_tags_in_one_line(tmp_path: Path, command: str) -> None:
    target = tmp_path / "pwned"
    path = _cassette(tmp_path, PAYLOADS["apply-os-system"], "request", target)
    result = subprocess.run(
        [sys.executable, "-m", "tui_replay", command, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not target.exists()
    message = result.stderr if command == "inspect" else result.stdout
    assert f"{path}:" in message and "python/object/apply" in message


def test_ruby_vcr_tags_are_read_as_plain_data() -> None:
    """The sample uses `!binary`, `!ruby/object:VCR::Request`, `!ruby/struct:...` and `!ruby/hash:...`."""
    path = SAMPLES / "ruby_vcr_anthropic.yml"
    text = path.read_text()
    for tag in ("!binary", "!ruby/object:VCR::Request", "!ruby/struct:VCR::Request::Body", "!ruby/hash:"):
        assert tag in text
    cassette = open_cassette(path)
    assert cassette.format == "ruby-vcr"
    assert len(cassette) == 2

    first = cassette.exchange(0)  # body stored as `!binary` base64
    assert first.dialect == "anthropic"
    assert first.raw.status == 200
    assert first.response.message is not None
    assert first.response.message.text == "I'll add them."
    assert [c.name for c in first.response.message.tool_calls] == ["add"]

    second = cassette.exchange(
        1
    )  # request wrapped in !ruby/object, body in !ruby/struct, headers in !ruby/hash
    assert second.raw.method.upper() == "POST"
    assert second.raw.url == "https://api.anthropic.com/v1/messages"
    assert second.raw.status == 529
    assert second.raw.request_content_type == "application/json"
    assert second.request.messages[0].text == "What is 2+3? Use the add tool."
    assert second.is_error


def test_unknown_local_tags_are_data_not_code(tmp_path: Path) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text(
        "version: 2\ninteractions:\n  - id: 0\n    request: !custom/thing\n"
        "      url: https://x.test/\n      method: GET\n      body: !weird ''\n"
        "    response: !ruby/object:Net::HTTPOK\n      code: 200\n      status: 200 OK\n      body: ok\n"
    )
    cassette = open_cassette(path)
    assert cassette.exchange(0).raw.status == 200
    assert cassette.exchange(0).raw.response_body == b"ok"
