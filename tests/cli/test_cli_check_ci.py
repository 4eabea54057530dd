"""`check` for CI: `--json`, `-v`, `--fail-on`, `--secrets` (placeholders are not secrets)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers.cassette_edits import ROOT, SEED, replaced, seed_text, write

RETRY = ROOT / "cassettes" / "anthropic_500_retry.yaml"
"""A 500 `api_error` on interaction 0, then the retry that worked."""
KEY = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", "check", *args], capture_output=True, text=True
    )


def with_auth(value: str) -> str:
    agent = "      User-Agent:\n      - OpenAI/Python 1.109.1\n"
    return replaced(seed_text(), agent, agent + f"      Authorization:\n      - {value}\n", 1)


def test_json_lists_each_file_with_its_problems() -> None:
    done = run("--json", str(RETRY), str(SEED))
    assert done.returncode == 0, done.stderr
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    retry = files["anthropic_500_retry.yaml"]
    assert (retry["format"], retry["interactions"], retry["dialects"]) == ("go-vcr", 2, {"anthropic": 2})
    assert [(p["interaction"], p["severity"], p["code"]) for p in retry["problems"]] == [
        (0, "error", "http-error")
    ]
    assert files["vcrpy_openai_chat.yaml"]["problems"] == []


def test_verbose_lists_problems_and_fail_on_sets_the_exit_code() -> None:
    verbose = run("-v", str(RETRY))
    assert f"{RETRY}:0: error http-error" in verbose.stdout
    assert verbose.returncode == 0
    assert run("--fail-on", "error", str(RETRY)).returncode == 1
    assert run("--fail-on", "info", str(SEED)).returncode == 0


def test_secrets_names_the_file_interaction_and_where(tmp_path: Path) -> None:
    leaky = write(tmp_path, "leaky.yaml", with_auth(f"Bearer {KEY}"))
    done = run("--secrets", str(leaky))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"{leaky}:0: request header Authorization"]
    assert KEY not in done.stdout + done.stderr


def test_placeholders_are_not_secrets(tmp_path: Path) -> None:
    for n, value in enumerate(("<OPENAI_API_KEY>", "Bearer REDACTED", "Bearer <OPENAI_API_KEY>")):
        path = write(tmp_path, f"clean{n}.yaml", with_auth(value))
        done = run("--secrets", str(path))
        assert done.returncode == 0 and done.stdout == "", value


def test_a_key_in_a_body_or_query_is_found(tmp_path: Path) -> None:
    text = replaced(seed_text(), "How much is 120 euros", f"My key is {KEY}, how much is 120 euros", 1)
    text = replaced(
        text,
        "uri: https://api.openai.com/v1/chat/completions",
        "uri: https://api.openai.com/v1/chat/completions?api_key=abc123secret",
        1,
    )
    done = run("--secrets", str(write(tmp_path, "body.yaml", text)))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any(line.endswith(":0: url query api_key") for line in lines)
    assert any(":0: request body messages[1].content (openai key)" in line for line in lines)
