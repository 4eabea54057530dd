"""`inspect` text mode lists every request parameter, not only the model."""

from __future__ import annotations

import pytest

from tests.helpers.paths import CASSETTES
from tui_replay.cli.main import main


def test_inspect_shows_the_thinking_parameter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "-i", "0", str(CASSETTES / "anthropic_thinking_tool_stream.yaml")]) == 0
    out = capsys.readouterr().out.splitlines()
    start = next(n for n, line in enumerate(out) if line.startswith("  params: "))
    assert out[start : start + 3] == [
        '  params: max_tokens 2048 · thinking {"type":"enabled","budget_tokens":1024}',
        "          stream true",  # wrapped at 80 columns, under its label
        "  conversation (2 messages):",
    ]
