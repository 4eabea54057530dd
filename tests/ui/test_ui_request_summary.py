"""The request summary line shows parameters as the client sent them (JSON), not Python reprs."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from tui_replay.ui.widgets.conversation_view import param_text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("auto", "auto"),
        (True, "true"),
        (False, "false"),
        (None, "null"),
        (4000, "4000"),
        (0.7, "0.7"),
        (
            {"disable_parallel_tool_use": False, "type": "auto"},
            '{"disable_parallel_tool_use":false,"type":"auto"}',
        ),
        (
            {"type": "function", "function": {"name": "météo"}},
            '{"type":"function","function":{"name":"météo"}}',
        ),
    ],
)
def test_param_text_is_compact_json(value: object, shown: str) -> None:
    assert param_text(value) == shown


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
    assert "False" not in screen and "'type'" not in screen
