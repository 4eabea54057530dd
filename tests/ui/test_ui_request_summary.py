"""The request summary line shows every parameter as the client sent it (JSON, not Python
reprs), wrapped at the pane's width with no value cut at its edge."""

from __future__ import annotations

import html
from pathlib import Path

from tests.helpers.paths import CASSETTES


async def test_summary_line_shows_nested_and_boolean_params_as_json(seeds_dir: Path, tmp_path: Path) -> None:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play
    from tui_replay.ui.widgets.styled_lines import StyledLines

    text = (seeds_dir / "openrouter_kimi_tool_wandb.yaml").read_text()
    assert '"tool_choice":"auto"' in text
    text = text.replace(
        '"tool_choice":"auto"', '"tool_choice":{"type":"auto","disable_parallel_tool_use":false}'
    )
    text = text.replace('"max_tokens":4000', '"max_tokens":4000,"stream":false')
    path = tmp_path / "params.yaml"
    path.write_text(text)
    app = ReplayApp([path], autoplay=False)
    async with app.run_test(size=(200, 40)) as pilot:
        await play(app, pilot, ())
        screen = html.unescape(app.export_screenshot()).replace("\u00a0", " ")
        # the summary is wrapped at the conversation's reading width: its text, whole
        summary = app.screen.query_one("#request-summary", StyledLines).plain
    assert 'tool_choice {"type":"auto","disable_parallel_tool_use":false}' in summary
    assert "stream false" in screen
    assert (
        'provider {"only":["wandb"]}' in summary and 'usage {"include":true}' in summary
    )  # OpenRouter's own
    assert "False" not in screen and "'type'" not in screen


async def test_summary_shows_thinking_whole_at_80_columns() -> None:
    """`thinking` is not among the few parameters the line once picked; at 80x24 the pane is
    narrower than the parameters, which wrap onto more lines, each value whole."""
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play

    app = ReplayApp([CASSETTES / "anthropic_thinking_tool_stream.yaml"], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())
        summary = app.screen.query_one("#request-summary")
        width = summary.content_region.width
        lines = [summary.render_line(y).text.rstrip() for y in range(summary.size.height)]
    assert 0 < width < 80
    drawn = "\n".join(lines)
    assert "max_tokens 2048" in drawn and "stream true" in drawn
    assert '{"type":"enabled","budget_tokens":1024}' in drawn.replace("\n", "")
    thinking = next(n for n, line in enumerate(lines) if "thinking" in line)
    # the value on the line of its name, or whole on the next when the two do not fit together
    assert '{"type":"enabled","budget_tokens":1024}' in lines[thinking] + lines[thinking + 1]
    assert all(len(line) <= width + 2 for line in lines)  # + the padding
