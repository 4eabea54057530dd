"""One normalized token usage per response, whatever the provider called its fields.

Every provider reports usage in its own words (`prompt_tokens`, `input_tokens`,
`promptTokenCount`, `inputTokens`, `prompt_eval_count`, ...). `normalized_usage` reads
them into one `Usage`; the raw dict stays on the response (`inspect --json` shows both).

`input` counts every input token, cached ones included. Anthropic and Bedrock report
cache reads and writes beside `input_tokens`/`inputTokens` rather than inside it, so they
are added; OpenAI, Gemini and the OpenAI-compatible APIs already include them. Likewise
`output` includes reasoning tokens: Gemini's `thoughtsTokenCount` is added to its output.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tui_replay.analysis.cost import cost_text
from tui_replay.model import LLMResponse


@dataclass(frozen=True)
class Usage:
    input: int | None = None
    output: int | None = None
    cached_input: int | None = None
    """Input tokens read from the provider's prompt cache (part of `input`)."""
    cache_creation: int | None = None
    """Input tokens written to the prompt cache (part of `input`)."""
    reasoning: int | None = None
    """Output tokens spent thinking (part of `output`)."""
    total: int | None = None
    cost: float | None = None
    """Cost as the provider reported it (`reported_cost`: OpenRouter's `cost`, Perplexity's
    `cost.total_cost`, xAI's ticks in USD), never computed from token prices."""

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.input, self.output, self.total, self.cost))


SEPARATE_CACHE_KEYS = (
    "cache_read_input_tokens",
    "cache_creation_input_tokens",
    "cacheReadInputTokens",
    "cacheWriteInputTokens",
    "cacheReadInputTokenCount",
    "cacheWriteInputTokenCount",
)
"""Keys of providers that count cached input beside the input tokens, not inside them."""


def _number(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


def _first(usage: dict[str, Any], *paths: str) -> int | None:
    """The first of the dotted `paths` that holds a number."""
    for path in paths:
        node: Any = usage
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        number = _number(node)
        if number is not None:
            return number
    return None


def _sum(*values: int | None) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _amount(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def reported_cost(usage: dict[str, Any]) -> float | None:
    """The cost a provider reported in its usage, in USD (or its credits), whichever way it wrote it:
    a number `cost` (OpenRouter, the Vercel gateway), an object with `total_cost` (Perplexity),
    xAI's `cost_in_usd_ticks` (10^10 ticks to a dollar, an integer or a numeric string), and
    only when none of those is there, `market_cost` (Vercel) or OpenRouter's
    `cost_details.upstream_inference_cost` (what the upstream provider charged)."""
    cost = usage.get("cost")
    amount = _amount(cost)
    if amount is None and isinstance(cost, dict):
        amount = _amount(cost.get("total_cost"))
    if amount is None:
        amount = ticks_to_usd(usage.get("cost_in_usd_ticks"))
    if amount is None:
        amount = _amount(usage.get("market_cost"))
    if amount is None:
        details = usage.get("cost_details")
        amount = _amount(details.get("upstream_inference_cost")) if isinstance(details, dict) else None
    return amount


USD_TICKS = 10**10
"""xAI reports cost in ticks: 1 USD is 10^10 ticks."""


def ticks_to_usd(ticks: Any) -> float | None:
    """xAI's `cost_in_usd_ticks` in dollars, divided exactly (the ticks are an integer, or
    its text in gRPC recordings)."""
    if isinstance(ticks, str) and ticks.strip().isdigit():
        ticks = int(ticks)
    if not isinstance(ticks, int) or isinstance(ticks, bool):
        return None
    return float(Decimal(ticks) / USD_TICKS)


def normalize(usage: dict[str, Any]) -> Usage:
    """The normalized reading of one raw usage dict (empty `Usage` when nothing is known)."""
    if not isinstance(usage, dict) or not usage:
        return Usage()
    cached = _first(
        usage,
        "cache_read_input_tokens",  # Anthropic
        "cacheReadInputTokens",  # Bedrock
        "cacheReadInputTokenCount",
        "prompt_tokens_details.cached_tokens",  # OpenAI chat
        "input_tokens_details.cached_tokens",  # OpenAI Responses
        "input_token_details.cached_tokens",  # OpenAI Realtime
        "cachedContentTokenCount",  # Gemini
        "prompt_cache_hit_tokens",  # DeepSeek
    )
    creation = _first(
        usage, "cache_creation_input_tokens", "cacheWriteInputTokens", "cacheWriteInputTokenCount"
    )
    separate_cache = any(key in usage for key in SEPARATE_CACHE_KEYS)
    input_tokens = _first(
        usage,
        "prompt_tokens",
        "promptTokenCount",
        "prompt_eval_count",  # Ollama
        "billed_units.input_tokens",  # Cohere
        "tokens.input_tokens",
        "input_tokens",
        "inputTokens",
        "inputTokenCount",
    )
    if separate_cache and input_tokens is not None:
        input_tokens = _sum(input_tokens, cached, creation)
    output = _first(
        usage,
        "completion_tokens",
        "candidatesTokenCount",
        "responseTokenCount",  # Gemini Live
        "eval_count",
        "billed_units.output_tokens",
        "tokens.output_tokens",
        "output_tokens",
        "outputTokens",
        "outputTokenCount",
    )
    reasoning = _first(
        usage,
        "completion_tokens_details.reasoning_tokens",
        "output_tokens_details.reasoning_tokens",
        "thoughtsTokenCount",
        "reasoning_tokens",
    )
    if "thoughtsTokenCount" in usage:  # Gemini counts thoughts beside the candidates' tokens
        output = _sum(output, reasoning)
    total = _first(usage, "total_tokens", "totalTokenCount", "totalTokens")
    return Usage(
        input=input_tokens,
        output=output,
        cached_input=cached,
        cache_creation=creation,
        reasoning=reasoning,
        total=total,
        cost=reported_cost(usage),
    )


def normalized_usage(response: LLMResponse) -> Usage:
    return normalize(response.usage)


def usage_line(usage: Usage) -> str:
    """`in 1,234 (cached 1,000) · out 56 (reasoning 40) · cost 0.0012`, or "" when unknown."""
    pieces: list[str] = []
    if usage.input is not None:
        cache = (("cached", usage.cached_input), ("cache write", usage.cache_creation))
        extra = [f"{name} {value:,}" for name, value in cache if value]
        pieces.append(f"in {usage.input:,}" + (f" ({', '.join(extra)})" if extra else ""))
    if usage.output is not None:
        thinking = f" (reasoning {usage.reasoning:,})" if usage.reasoning else ""
        pieces.append(f"out {usage.output:,}{thinking}")
    if usage.input is None and usage.output is None and usage.total is not None:
        pieces.append(f"total {usage.total:,}")
    if usage.cost is not None:
        pieces.append(f"cost {cost_text(usage.cost)}")
    return " · ".join(pieces)
