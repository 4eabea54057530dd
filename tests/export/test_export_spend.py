"""The exports show tokens, reported cost and wasted work for the cassette and each turn.

Expected numbers read by hand from the seed files (see `tests/analysis/test_spend.py`)."""

from __future__ import annotations

import re

import pytest

from tests.helpers.paths import CASSETTES, DATA
from tui_replay.analysis.cassette import open_cassette
from tui_replay.export.html import export_html
from tui_replay.export.markdown import export_markdown
from tui_replay.export.model_json import cassette_json

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"
# ten 429s, no usage; #2 prompt 97 / completion 31 / cost 0.00025495, #11 171 / 35 / 0.00037085
CASSETTE_TOKENS = "in 268 · out 66 · cost 0.0006258 (2 of 12 reported) · usage unknown for 10 of 12"


def test_markdown_heads_with_cassette_totals_and_ends_each_turn_with_its_own() -> None:
    md = export_markdown(open_cassette(WANDB))
    head = md[: md.index("## Turn 1")]
    assert f"**Tokens:** {CASSETTE_TOKENS}" in head
    assert "**Wasted: 10 failed attempts · 3.9 s · tokens unknown**" in head
    turn_one = md[md.index("## Turn 1") : md.index("## Turn 2")]
    assert "tokens: in 97 · out 31 · cost 0.00025495" in turn_one
    assert "wasted: 2 failed attempts · 693 ms" in turn_one
    assert "tokens: in 171 · out 35 · cost 0.00037085" in md[md.index("## Turn 2") :]


def test_markdown_says_cost_not_reported_and_no_waste_for_a_clean_gemini_file() -> None:
    md = export_markdown(open_cassette(CASSETTES / "gemini_stream.yaml"))
    # promptTokenCount 61 + 140; candidates 24 + thoughts 31 + 19
    assert "**Tokens:** in 201 · out 74 (reasoning 31) · cost not reported — **No wasted work**" in md


def test_html_shows_the_same_spend_lines() -> None:
    page = export_html(open_cassette(WANDB))
    lines = re.findall(r'<div class="meta spend">([^<]*)</div>', page)
    assert len(lines) == 3  # the cassette, then turn 1 and turn 2
    assert lines[0] == f"tokens: {CASSETTE_TOKENS} · wasted: 10 failed attempts · 3.9 s · tokens unknown"
    assert lines[1].startswith("tokens: in 97 · out 31 ")
    assert lines[2].startswith("tokens: in 171 · out 35 ")


def test_model_json_export_has_spend_per_cassette_and_turn() -> None:
    doc = cassette_json(open_cassette(WANDB))
    spend = doc["spend"]
    assert (spend["tokens"]["input"], spend["tokens"]["output"]) == (268, 66)
    assert spend["tokens"]["cost"] == pytest.approx(0.00025495 + 0.00037085)
    assert [t["wasted"]["failed_attempts"] for t in spend["turns"]] == [2, 8]
    assert [t["interactions"] for t in spend["turns"]] == [[0, 1, 2], list(range(3, 12))]


def test_markdown_of_a_cassette_without_usage_says_unknown() -> None:
    # no response in the file carries a usage field; #1 is a 404 whose duration is ""
    md = export_markdown(open_cassette(DATA / "govcr_v1_sample.yaml"))
    head = (
        "**Tokens unknown** · cost not reported"
        " — **Wasted: 1 failed attempt · time unknown · tokens unknown**"
    )
    assert head in md
