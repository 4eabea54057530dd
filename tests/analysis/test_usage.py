"""One normalized usage per response, from every provider's own field names."""

from __future__ import annotations

import pytest

from tui_replay.analysis.usage import Usage, normalize, usage_line

CASES = {
    "openai chat": (
        {
            "prompt_tokens": 100,
            "completion_tokens": 50,
            "total_tokens": 150,
            "prompt_tokens_details": {"cached_tokens": 80},
            "completion_tokens_details": {"reasoning_tokens": 30},
            "cost": 0.0012,
        },
        Usage(input=100, output=50, cached_input=80, reasoning=30, total=150, cost=0.0012),
    ),
    "openai responses": (
        {
            "input_tokens": 19,
            "output_tokens": 164,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens_details": {"reasoning_tokens": 128},
            "total_tokens": 183,
        },
        Usage(input=19, output=164, cached_input=0, reasoning=128, total=183),
    ),
    "anthropic, cache counted beside the input": (
        {
            "input_tokens": 7,
            "cache_read_input_tokens": 500,
            "cache_creation_input_tokens": 20,
            "output_tokens": 9,
        },
        Usage(input=527, output=9, cached_input=500, cache_creation=20),
    ),
    "gemini, thoughts counted beside the output": (
        {
            "promptTokenCount": 125,
            "candidatesTokenCount": 36,
            "thoughtsTokenCount": 73,
            "totalTokenCount": 234,
        },
        Usage(input=125, output=109, reasoning=73, total=234),
    ),
    "bedrock": (
        {"inputTokens": 433, "outputTokens": 16, "cacheReadInputTokens": 2752, "totalTokens": 3201},
        Usage(input=3185, output=16, cached_input=2752, total=3201),
    ),
    "cohere": (
        {"billed_units": {"input_tokens": 13, "output_tokens": 61}, "tokens": {"input_tokens": 500}},
        Usage(input=13, output=61),
    ),
    "ollama": ({"prompt_eval_count": 26, "eval_count": 290}, Usage(input=26, output=290)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_providers_usage_normalizes(name: str) -> None:
    raw, expected = CASES[name]
    assert normalize(raw) == expected


def test_unknown_or_odd_usage_is_empty() -> None:
    assert not normalize({})
    assert not normalize({"prompt_tokens": "12", "flag": True})
    assert normalize({"prompt_tokens": True}).input is None


def test_the_usage_line() -> None:
    line = usage_line(normalize(CASES["openai chat"][0]))
    assert line == "in 100 (cached 80) · out 50 (reasoning 30) · cost 0.0012"
    assert usage_line(Usage(total=5)) == "total 5"
    assert usage_line(Usage()) == ""


# -- a reported cost, in each shape the corpus holds -----------------------------------------

COSTS = {
    "OpenRouter: a number": ({"cost": 0.0003287}, 0.0003287),
    "Perplexity: an object with its total": (
        {
            "prompt_tokens": 8,
            "cost": {
                "input_tokens_cost": 1e-05,
                "output_tokens_cost": 0.00018,
                "request_cost": 0.005,
                "total_cost": 0.00519,
            },
        },
        0.00519,
    ),
    "xAI: ticks, 10^10 to a dollar": ({"cost_in_usd_ticks": 46116500}, 0.00461165),
    "xAI gRPC: ticks as text": ({"cost_in_usd_ticks": "1043500"}, 0.00010435),
    "Vercel: market_cost when no cost": ({"market_cost": 0.002187}, 0.002187),
    "OpenRouter BYOK: the upstream cost when no cost": (
        {"cost_details": {"upstream_inference_cost": 0.00129, "upstream_inference_prompt_cost": 0.00069}},
        0.00129,
    ),
    "the cost wins over the other spellings": (
        {"cost": 0.002, "market_cost": 0.003, "cost_details": {"upstream_inference_cost": 0.001}},
        0.002,
    ),
    "an object without a total": ({"cost": {"request_cost": 0.005}}, None),
    "ticks that are not a number": ({"cost_in_usd_ticks": "lots"}, None),
    "an upstream cost of null": ({"cost_details": {"upstream_inference_cost": None}}, None),
}


@pytest.mark.parametrize("name", sorted(COSTS))
def test_each_shape_of_a_reported_cost_is_read(name: str) -> None:
    usage, cost = COSTS[name]
    assert normalize(usage).cost == cost


def test_an_object_cost_is_shown_in_the_usage_line() -> None:
    line = usage_line(
        normalize({"prompt_tokens": 8, "completion_tokens": 178, "cost": {"total_cost": 0.00519}})
    )
    assert line.endswith("cost 0.00519")
