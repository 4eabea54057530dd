"""Named app states drawn from `cassettes/` and `tests/data/` (vendored and built cassettes): the
snapshot tests and `scripts/make_screenshots.py` use the same list, so the committed pictures and
the tested screens never drift apart.

Every scenario builds `ReplayApp(paths, autoplay=False)` (no timer runs) and reaches its state
by pressing keys, waiting for the app's workers after each one.
"""

from __future__ import annotations

from dataclasses import dataclass

WANDB = "cassettes/openrouter_kimi_tool_wandb.yaml"
MULTI = "cassettes/openrouter_kimi_multi_tool.yaml"
STREAMING = "cassettes/openrouter_kimi_multi_tool_streaming.yaml"
SILICONFLOW = "cassettes/openrouter_kimi_tool_siliconflow.yaml"
TOGETHER = "cassettes/openrouter_kimi_tool_together.yaml"
REALTIME = "tests/data/corpus-new/vcrpy/pydantic-ai/realtime/cassettes"
REALTIME_TOOL = f"{REALTIME}/test_openai_ws/test_tool_call_round.yaml"
REALTIME_DROPPED = f"{REALTIME}/test_xai_ws/test_session_resumption_after_drop.yaml"
PROVIDER_TOOLS = "tests/data/built/provider_tools.yaml"
"""Hand-made: a provider-run code interpreter and web search, and an item no dialect models."""


@dataclass(frozen=True)
class Scenario:
    name: str
    paths: tuple[str, ...]
    """Relative to the project root (the app is started from there)."""
    keys: tuple[str, ...] = ()
    size: tuple[int, int] = (120, 40)


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("cassette_list", ("cassettes",)),
    Scenario("wandb_opened_429", (WANDB,)),
    Scenario("wandb_last_turn", (WANDB,), ("G",)),
    Scenario("multi_tool_opened", (MULTI,)),
    Scenario("multi_tool_call_and_result", (MULTI,), ("G",)),
    Scenario("streaming_opened", (STREAMING,)),
    Scenario("stream_half_replayed", (STREAMING,), ("G", *(["full_stop"] * 12))),
    Scenario("stream_finished", (STREAMING,), ("G", "end")),
    Scenario("siliconflow_opened", (SILICONFLOW,)),
    Scenario("together_opened", (TOGETHER,)),
    Scenario("tool_definitions", (WANDB,), ("t",)),
    Scenario("raw_exchange", (WANDB,), ("G", "r")),
    Scenario("headers", (WANDB,), ("h",)),
    Scenario("help", (WANDB,), ("question_mark",)),
    Scenario("diff_attempts", (WANDB,), ("G", "d")),
    Scenario("diff_previous_turn", (WANDB,), ("G", "d", "a")),
    Scenario("wandb_80x24", (WANDB,), (), (80, 24)),
    Scenario("cassette_list_80x24", ("cassettes",), (), (80, 24)),
    Scenario("browser_preview", ("cassettes",), ("down",) * 11),  # onto the wandb seed
    Scenario("present_wandb_last_turn", (WANDB,), ("G", "P")),
    Scenario("present_multi_tool_stream", (STREAMING,), ("G", "end", "P")),
    Scenario("present_step", (WANDB,), ("P",)),
    Scenario("search_in_cassette", (WANDB,), ("s", *"Florence", "enter", "right_square_bracket")),
    Scenario(
        "browser_content_search",
        ("cassettes",),
        ("s", *"weather", "space", *"tool", "colon", *"weather", "enter"),
    ),
    Scenario("realtime_tool_call", (REALTIME_TOOL,), ("end",)),
    Scenario("realtime_session_dropped", (REALTIME_DROPPED,)),
    Scenario("provider_run_tools", (PROVIDER_TOOLS,), (), (120, 60)),
    Scenario("palette_app_commands", (WANDB,), ("ctrl+p", *"toggle")),
    Scenario("streaming_80x24", (STREAMING,), ("G",), (80, 24)),
    Scenario("wandb_last_paged_80x24", (WANDB,), ("G", "pagedown"), (80, 24)),
    Scenario("wandb_80x24_collapsed", (WANDB,), ("z",), (80, 24)),
    Scenario("wandb_last_turn_200x60", (WANDB,), ("G",), (200, 60)),
)


async def settle(app: object, pilot: object) -> None:
    """Wait until workers are done and Markdown has rendered (no clock involved)."""
    await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def play(app: object, pilot: object, keys: tuple[str, ...]) -> None:
    await settle(app, pilot)
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
        await settle(app, pilot)
