"""`tui-replay match`: the nearest recorded interactions, what differs, vcrpy's exit-code rule."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.helpers.cassette_edits import SEED

URL = "https://api.openai.com/v1/chat/completions"


def recorded_body(index: int) -> dict[str, Any]:
    document = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    body: dict[str, Any] = json.loads(document["interactions"][index]["request"]["body"])
    return body


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui_replay", "match", str(SEED), *args]
    return subprocess.run(command, capture_output=True, text=True, input=stdin)


def test_the_recorded_body_matches_exactly_even_on_body() -> None:
    body = json.dumps(recorded_body(1))
    done = run("--request", "-", "--method", "POST", "--url", URL, "--match-on", "body", stdin=body)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("#1  exact match")


def test_an_edited_question_ranks_its_turn_first_and_names_the_change(tmp_path: Path) -> None:
    body = recorded_body(1)
    body["messages"][1]["content"] = "How much is 150 euros in US dollars?"
    request = tmp_path / "request.json"
    request.write_text(json.dumps(body), encoding="utf-8")
    on_body = run("--request", str(request), "--method", "POST", "--url", URL, "--match-on", "body", "--json")
    assert on_body.returncode == 1
    [first, second, *_] = json.loads(on_body.stdout) + [None]
    assert first["interaction"] == 1 and first["matchers"]["body"] is False
    assert [c["recorded"] for c in first["changes"]] == ["How much is 120 euros in US dollars?"]
    assert second["interaction"] == 0 and len(second["changes"]) > 1
    # vcrpy's default matchers do not look at the body: the same request matches
    assert run("--request", str(request), "--method", "POST", "--url", URL).returncode == 0


def test_a_different_path_or_query_is_named() -> None:
    body = json.dumps(recorded_body(0))
    done = run(
        "--request",
        "-",
        "--method",
        "POST",
        "--url",
        URL.replace("chat/completions", "responses") + "?x=1",
        stdin=body,
    )
    assert done.returncode == 1
    assert "differs: path, query" in done.stdout


def test_a_missing_request_file_is_exit_2() -> None:
    done = run("--request", "/nonexistent/request.json")
    assert done.returncode == 2 and "request.json" in done.stderr


def test_a_body_that_is_not_json_is_said_and_compared_as_text() -> None:
    done = run("--request", "-", stdin="not json\n")
    assert done.returncode == 1
    assert (
        done.stderr == "tui-replay match: the request body (standard input) is not JSON: compared as text\n"
    )
    # not decoded as an empty request: no message, tool or parameter "removed"
    assert " removed: " not in done.stdout and "message 1" not in done.stdout
    assert '      body: {"messages":' in done.stdout and "→ not json" in done.stdout


def test_a_body_that_is_the_recorded_text_matches(tmp_path: Path) -> None:
    form = tmp_path / "form.yaml"
    form.write_text(
        "interactions:\n- request: {method: POST, uri: 'http://x/', body: 'a=1&b=2'}\n"
        "  response: {status: {code: 200}}\n"
    )
    command = [sys.executable, "-m", "tui_replay", "match", str(form), "--request", "-"]
    done = subprocess.run(command, capture_output=True, text=True, input="a=1&b=2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "not JSON: compared as text" in done.stderr
    assert done.stdout.startswith("#0  exact match") and "body:" not in done.stdout


def test_messages_are_numbered_on_each_side() -> None:
    body = recorded_body(0)
    del body["messages"][0]  # the system message
    body["messages"][0]["content"] = "How much is 150 euros in US dollars?"
    done = run("--request", "-", stdin=json.dumps(body))
    first = done.stdout.split("#1 ")[0]
    assert "      recorded message 1 (system) removed: You help travellers with money." in first
    assert (
        "      recorded message 2 = your message 1 (user) part 1 text: "
        "How much is 120 euros in US dollars? → How much is 150 euros in US dollars?"
    ) in first
    assert "    what differs, recorded → yours:" in first


def test_an_added_message_is_numbered_as_yours() -> None:
    body = recorded_body(0)
    body["messages"].append({"role": "user", "content": "And in yen?"})
    done = run("--request", "-", "--json", stdin=json.dumps(body))
    [first, *_] = json.loads(done.stdout)
    assert [c["where"] for c in first["changes"]] == ["your message 3 (user)"]


def test_what_was_compared_is_said_never_agrees_nothing() -> None:
    body = json.dumps(recorded_body(0) | {"temperature": 1})
    done = run("--request", "-", stdin=body)
    assert "agrees: nothing" not in done.stdout
    assert "    compared: body\n    differs: body\n" in done.stdout
    given = run("--request", "-", "--method", "POST", "--url", URL, stdin=body)
    assert "    compared: method, scheme, host, port, path, query\n" in given.stdout
    assert "    agrees: method, scheme, host, port, path, query\n" in given.stdout
