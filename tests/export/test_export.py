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


RATE_LIMITED = "is temporarily rate-limited upstream"


def test_markdown_calls_out_failed_attempts_before_the_answer() -> None:
    md = export_markdown(open_cassette(WANDB))
    # turn 1: 2 identical 429s before the 200; turn 2: 8 of them. Each run is one box.
    assert "**Attempts 1–2 of 3: 429 Too Many Requests, same request**" in md
    assert "**Attempts 1–8 of 9: 429 Too Many Requests, same request**" in md
    assert "*(interactions 3–10)*" in md
    assert md.count("⚠️") == 2
    assert md.index("Attempts 1–8 of 9") < md.index("It's currently")  # before the answer
    # the provider's message once per run, and once per run in the problems list
    assert md.count(RATE_LIMITED) == 2 + 2
    assert "(interactions 3–10) `http-error`" in md
    assert "Florence" in md


def test_different_failures_are_not_collapsed(tmp_path: Path) -> None:
    text = WANDB.read_text(encoding="utf-8")
    assert text.count(RATE_LIMITED) == 10
    at = -1
    for _ in range(6):  # the 6th failure (interaction 6, attempt 4 of turn 2) says something else
        at = text.index(RATE_LIMITED, at + 1)
    edited = tmp_path / "edited.yaml"
    edited.write_text(text[:at] + "is overloaded" + text[at + len(RATE_LIMITED) :], encoding="utf-8")
    md = export_markdown(open_cassette(edited))
    assert "**Attempts 1–3 of 9: 429 Too Many Requests, same request**" in md
    assert (
        "**Attempt 4 of 9 failed** — 429 Too Many Requests from WandB: moonshotai/kimi-k2-0905 is overloaded"
        in md
    )
    assert "**Attempts 5–8 of 9: 429 Too Many Requests, same request**" in md


def test_html_collapses_identical_retries_into_one_box() -> None:
    page = export_html(open_cassette(WANDB))
    boxes = re.findall(r'<div class="error[^"]*">(.*?)</div>', page, re.S)
    assert len(boxes) == 2
    assert "Attempts 1–8 of 9: 429 Too Many Requests, same request" in boxes[1]
    assert "interactions 3–10" in boxes[1] and RATE_LIMITED in boxes[1]
    assert page.count(RATE_LIMITED) == 2 + 2  # each run's box and its line among the problems


def test_json_keeps_every_interaction_and_names_its_run() -> None:
    done = _run(str(WANDB), "--format", "json")
    assert done.returncode == 0, done.stderr
    interactions = json.loads(done.stdout)["interactions"]
    assert len(interactions) == 12
    runs = [item.get("identical_retries") for item in interactions]
    assert [run["first"] if run else None for run in runs] == [0, 0, None, *[3] * 8, None]
    assert runs[3] == {
        "first": 3,
        "last": 10,
        "summary": "attempts 1–8 of 9: 429 Too Many Requests, same request",
    }


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


def test_a_turn_that_never_succeeded_is_one_box_with_its_last_attempt(tmp_path: Path) -> None:
    text = WANDB.read_text(encoding="utf-8")
    cut = text.index("\n  - id: 2\n")  # only the first two attempts, both 429
    failed = tmp_path / "failed.yaml"
    failed.write_text(text[: cut + 1], encoding="utf-8")
    md = export_markdown(open_cassette(failed))
    assert "**Attempts 1–2 of 2: 429 Too Many Requests, same request**" in md
    assert "last attempt" not in md and md.count("⚠️") == 1
    assert "(interactions 0–1) `http-error`" in md
    page = export_html(open_cassette(failed))
    assert len(re.findall(r'<div class="error[^"]*">', page)) == 1
