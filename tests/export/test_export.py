"""Exports: the Markdown transcript and HTML page tell the story of a cassette, masked."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui_replay.analysis.cassette import open_cassette
from tui_replay.export.html import export_html
from tui_replay.export.markdown import export_markdown

ROOT = Path(__file__).resolve().parents[2]
STREAMING = ROOT / "cassettes" / "openrouter_kimi_multi_tool_streaming.yaml"
WANDB = ROOT / "cassettes" / "openrouter_kimi_tool_wandb.yaml"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", "export", *args], capture_output=True, text=True, check=False
    )


def test_markdown_transcript_of_the_multi_tool_stream_reads_as_a_story() -> None:
    md = export_markdown(open_cassette(STREAMING))
    # the two tool calls with their arguments as fenced JSON, in order
    add = md.index("**Tool call** `add`")
    multiply = md.index("**Tool call** `multiply`")
    assert add < multiply
    fenced = re.findall(r"```json\n(.*?)\n```", md, re.S)
    assert {"a": 2, "b": 3} in [json.loads(block) for block in fenced]
    # their results (5 and 6) come after the calls, then the final answer
    result_add = md.index("**Tool result** for `add`")
    result_multiply = md.index("**Tool result** for `multiply`")
    assert multiply < result_add < result_multiply
    assert md[result_add:].split("\n")[0].endswith(": 5")
    assert md[result_multiply:].split("\n")[0].endswith(": 6")
    answer = md.rindex("#### ⮕ Assistant")
    assert answer > result_add
    assert "2 + 3 = 5" in md[answer:] and "6" in md[answer:]
    # the system prompt and the user question open the conversation, once
    assert md.count("Add and multiply the number 2 and 3") == 1


def test_markdown_calls_out_failed_attempts_before_the_answer() -> None:
    md = export_markdown(open_cassette(WANDB))
    assert md.count("failed**") >= 2 + 8  # turn 1: 2 failed of 3; turn 2: 8 failed of 9
    assert "Attempt 1 of 3 failed" in md and "Attempt 8 of 9 failed" in md
    assert "429 Too Many Requests" in md
    assert "Florence" in md


def test_html_page_is_self_contained_and_highlighted() -> None:
    page = export_html(open_cassette(STREAMING))
    assert page.startswith("<!doctype html>")
    # nothing to fetch: no external stylesheet, script or image
    assert not re.search(r"""<(link|script|img)\b""", page)
    assert not re.search(r"""src=|href=["']https?:""", page)
    assert 'class="code"' in page  # pygments-highlighted JSON
    assert "multiply" in page and "2 + 3 = 5" in page


def test_exports_mask_planted_secrets(tmp_path: Path) -> None:
    planted = STREAMING.read_text().replace(
        "Add and multiply the number 2 and 3",
        "Add and multiply the number 2 and 3 sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD",
    )
    path = tmp_path / "planted.yaml"
    path.write_text(planted)
    for fmt in ("markdown", "html", "json"):
        masked = _run(str(path), "--format", fmt)
        assert masked.returncode == 0, masked.stderr
        assert "abcdefghijklmnopqrstuvwxyz0123456789ABCD" not in masked.stdout
        shown = _run(str(path), "--format", fmt, "--no-redact")
        assert "abcdefghijklmnopqrstuvwxyz0123456789ABCD" in shown.stdout


def test_export_to_a_file_and_refuse_to_overwrite_the_cassette(tmp_path: Path) -> None:
    out = tmp_path / "t.md"
    done = _run(str(STREAMING), "-o", str(out))
    assert done.returncode == 0 and out.read_text().startswith("# openrouter_kimi_multi_tool_streaming.yaml")
    refused = _run(str(STREAMING), "-o", str(STREAMING))
    assert refused.returncode == 2 and "refusing" in refused.stderr


def test_export_of_a_bad_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("interactions: [\n")
    done = _run(str(bad), "--format", "markdown")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and str(bad) in done.stderr


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_export_one_interaction(fmt: str) -> None:
    done = _run(str(WANDB), "--format", fmt, "--interaction", "0")
    assert done.returncode == 0, done.stderr
    assert "429" in done.stdout
    assert "Florence" in done.stdout  # the user's question is part of that request
