"""`inspect` and `inspect --json` show tokens, reported cost and wasted work.

Expected numbers read by hand from the seed files (see `tests/analysis/test_spend.py`)."""

from __future__ import annotations

import json

import pytest

from tests.helpers.paths import CASSETTES, DATA
from tui_replay.cli.main import main

WANDB = str(CASSETTES / "openrouter_kimi_tool_wandb.yaml")


def test_inspect_text_shows_cassette_turn_and_interaction_spend(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", WANDB]) == 0
    lines = capsys.readouterr().out.splitlines()
    # usage 97/31 (#2) + 171/35 (#11); costs 0.00025495 + 0.00037085; ten 429s without usage
    assert (
        lines[1] == "tokens: in 268 · out 66 · cost 0.0006258 (2 of 12 reported) · usage unknown for 10 of 12"
    )
    # ten 429 durations: 342.7 + 350.2 + ... + 365.4 ms = 3911.7 ms
    assert lines[3] == "wasted: 10 failed attempts · 3.9 s · tokens unknown"
    assert lines[4] == "turns of several interactions (retries, polls):"
    assert "  turn 1 (#0–#2): in 97 · out 31" in lines[5]
    assert "wasted: 2 failed attempts · 693 ms" in lines[5]
    assert "  turn 2 (#3–#11): in 171 · out 35" in lines[6]
    assert lines.count("  usage: not reported · failed attempt (HTTP 429): wasted") == 10


def test_inspect_text_says_cost_not_reported_rather_than_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(CASSETTES / "gemini_stream.yaml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    # promptTokenCount 61 + 140; candidates 24 + thoughts 31 + candidates 19
    assert lines[1] == "tokens: in 201 · out 74 (reasoning 31) · cost not reported"
    assert lines[3] == "wasted: nothing (no failed attempt)"
    assert lines[4] == ""  # two turns of one interaction each: no turn lines, each shows below


def test_inspect_json_has_spend_with_unknowns_as_null(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--json", str(CASSETTES / "anthropic_500_retry.yaml")]) == 0
    doc = json.loads(capsys.readouterr().out)
    spend = doc["spend"]
    # #1: input_tokens 27 (+ cache 0 + 0), output 14; #0 is a 500 after 412.907125 ms
    assert spend["tokens"]["input"] == 27 and spend["tokens"]["output"] == 14
    assert spend["tokens"]["cost"] is None and spend["tokens"]["reasoning"] is None
    assert spend["tokens"]["interactions_without_usage"] == 1
    assert spend["wasted"]["failed_attempts"] == 1
    assert spend["wasted"]["duration_ms"] == pytest.approx(412.907125)
    assert spend["wasted"]["tokens"]["total"] is None
    assert [t["interactions"] for t in spend["turns"]] == [[0, 1]]
    assert [i["failed_attempt"] for i in doc["interactions"]] == ["HTTP 500", None]


def test_inspect_json_of_one_interaction_says_whether_it_failed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--json", "-i", "0", WANDB]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["interactions"][0]["failed_attempt"] == "HTTP 429"
    assert "spend" not in doc  # the cassette's totals would need reading all of it


def test_inspect_text_of_a_cassette_without_usage_says_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    # no response in the file carries a usage field
    assert main(["inspect", str(DATA / "govcr_v1_sample.yaml")]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "tokens unknown · cost not reported"
