"""A reported cost reads as a plain decimal everywhere, and sums carry no float noise.

The grok cassette reports `"cost":0.0000919` (one interaction); the wandb seed 0.00025495 and
0.00037085, which float addition sums to 0.0006257999999999999."""

from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest

from tests.helpers.paths import CASSETTES, corpus_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.cost import add_costs, cost_text
from tui_replay.analysis.spend import cassette_spend, exchange_spend, interaction_words, tokens_line
from tui_replay.analysis.usage import normalized_usage, usage_line
from tui_replay.cli.inspect import render
from tui_replay.export.html import export_html
from tui_replay.export.markdown import export_markdown
from tui_replay.export.model_json import cassette_json

GROK = "go-vcr/fantasy/TestOpenRouterCommon/grok/simple_streaming.yaml"
WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"


@pytest.mark.parametrize(
    ("cost", "text", "tight"),
    [
        (0.0000919, "0.0000919", "0.000092"),
        (0.00025495 + 0.00037085, "0.0006258", "0.00063"),
        (0.00015846, "0.00015846", "0.00016"),
        (1.5, "1.5", "1.5"),
        (1200.0, "1200", "1200"),
        (0.0, "0", "0"),
        (1e-9, "0.000000001", "0.000000001"),
    ],
)
def test_cost_text_is_a_plain_decimal(cost: float, text: str, tight: str) -> None:
    assert (cost_text(cost), cost_text(cost, tight=True)) == (text, tight)


def test_no_magnitude_gives_an_exponent_and_the_value_survives() -> None:
    for exponent in range(-12, 7):
        for mantissa in (1.0, 1.23456789, 9.19, 9.999999):
            cost = mantissa * 10.0**exponent
            for tight, digits in ((False, 6), (True, 2)):
                text = cost_text(cost, tight=tight)
                assert "e" not in text.lower(), (cost, text)
                assert math.isclose(float(Decimal(text)), cost, rel_tol=10 ** (1 - digits)), (cost, text)


def test_sums_are_the_decimals_the_provider_wrote() -> None:
    assert 0.00025495 + 0.00037085 != 0.0006258  # the noise this removes
    assert add_costs(0.00025495, 0.00037085) == 0.0006258
    assert add_costs(0.1, 0.2) == 0.3
    total = 0.0
    for _ in range(1000):
        total = add_costs(total, 0.0000919)
    assert total == 0.0919


def test_grok_cost_reads_plainly_in_every_text() -> None:
    cassette = open_cassette(corpus_file(GROK))
    spend = cassette_spend(cassette)
    assert spend is not None and spend.tokens.cost == 0.0000919
    assert tokens_line(spend.tokens).endswith("· cost 0.0000919")
    assert usage_line(normalized_usage(cassette.exchange(0).response)).endswith("· cost 0.0000919")
    assert interaction_words(exchange_spend(cassette.exchange(0))).endswith("· cost 0.000092")
    for shown in (render(cassette), export_markdown(cassette), export_html(cassette)):
        assert "cost 0.0000919" in shown
        assert "e-05" not in shown


def test_wandb_json_sum_has_no_float_noise() -> None:
    doc = cassette_json(open_cassette(WANDB))
    assert doc["spend"]["tokens"]["cost"] == 0.0006258
    assert '"cost": 0.0006258,' in json.dumps(doc["spend"]["tokens"], indent=1)
    spend = cassette_spend(open_cassette(WANDB))
    assert spend is not None and tokens_line(spend.tokens, tight=True).endswith("· cost 0.00063")
