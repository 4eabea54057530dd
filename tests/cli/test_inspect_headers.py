"""`inspect --json` carries the request and response headers, masked as the app shows them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.handoff_cassettes import KEY, planted
from tui_replay.cli.main import main


def _inspected(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["inspect", "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_headers_in_recorded_order_with_the_key_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = planted(tmp_path)
    doc = _inspected(capsys, str(path), "-i", "0")
    (item,) = doc["interactions"]  # type: ignore[misc]
    request = item["request"]["headers"]
    assert [h["name"] for h in request] == ["Accept", "Authorization", "Content-Type", "User-Agent"]
    authorization = request[1]["value"]
    assert authorization.startswith("Bearer sk-proj-") and "masked" in authorization
    assert KEY[8:] not in json.dumps(doc)
    assert item["response"]["headers"] == [{"name": "Content-Type", "value": "application/json"}]


def test_no_redact_shows_the_header_as_recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _inspected(capsys, str(planted(tmp_path)), "--no-redact")
    item = doc["interactions"][0]  # type: ignore[index]
    assert {"name": "Authorization", "value": f"Bearer {KEY}"} in item["request"]["headers"]


def test_a_repeated_header_is_kept_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = planted(tmp_path)
    text = path.read_text()
    answer = "    headers:\n      Content-Type:\n      - application/json\n    status: 200 OK"
    assert answer in text
    path.write_text(
        text.replace(answer, answer.replace("json\n", "json\n      Set-Cookie:\n      - a=1\n      - b=2\n"))
    )
    item = _inspected(capsys, str(path))["interactions"][0]  # type: ignore[index]
    cookies = [h["value"] for h in item["response"]["headers"] if h["name"] == "Set-Cookie"]
    assert len(cookies) == 2


def test_a_token_count_and_a_rate_limit_bucket_are_shown_a_key_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = planted(tmp_path)
    text = path.read_text()
    answer = "    headers:\n      Content-Type:\n      - application/json\n    status: 200 OK"
    added = (
        "      X-Amzn-Bedrock-Input-Token-Count:\n      - '8'\n"
        "      X-Ratelimit-Key:\n      - gpt-5-nano\n"
        "      X-Api-Key:\n      - s3cr3tv4lu3\n"
    )
    path.write_text(text.replace(answer, answer.replace("json\n", "json\n" + added)))
    headers = _inspected(capsys, str(path), "-i", "0")["interactions"][0]["response"]["headers"]  # type: ignore[index]
    assert headers[1:3] == [
        {"name": "X-Amzn-Bedrock-Input-Token-Count", "value": "8"},
        {"name": "X-Ratelimit-Key", "value": "gpt-5-nano"},
    ]
    assert headers[3] == {"name": "X-Api-Key", "value": "…(masked, 11 chars)"}
