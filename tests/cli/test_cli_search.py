"""`tui-replay search` over the seed cassettes: hits, exit codes, masking, and the raw-bytes filter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cassette_edits import ROOT, SEED, replaced, seed_text, write
from tui_replay.analysis import search as search_module
from tui_replay.analysis.search import Pattern, could_match, search_file
from tui_replay.cli.search import search_paths

CASSETTES = ROOT / "cassettes"
RESPONSES = CASSETTES / "openai_responses_function_call_stream.yaml"
"""Answers "It's sunny in Florence right now, 21 °C." (streamed)."""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", "search", *args], capture_output=True, text=True
    )


def test_a_tool_name_is_found_in_the_answer_and_the_next_request() -> None:
    done = run("convert_currency", str(SEED))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"{SEED}:0: response tool call convert_currency: " in "\n".join(lines)
    assert any(
        line.startswith(f"{SEED}:1: request message 3 (assistant) tool call convert_currency:")
        for line in lines
    )


def test_nothing_found_is_exit_1_and_no_output() -> None:
    done = run("no-such-words-anywhere", str(CASSETTES))
    assert (done.returncode, done.stdout) == (1, "")


def test_regex_and_json() -> None:
    done = run("--regex", "--json", r"1[0-9]5 USD|rate 1\.\d+", str(SEED))
    assert done.returncode == 0
    hits = json.loads(done.stdout)
    assert {(h["interaction"], h["where"]) for h in hits} >= {(1, "response text")}
    assert run("--regex", "(", str(SEED)).returncode == 2


def test_decoded_text_is_found_even_when_the_file_escapes_it() -> None:
    # the degree sign may be stored escaped; the search runs on the decoded text
    done = run("right now, 21 °C", str(RESPONSES))
    assert (
        done.returncode == 0 and ":1: response text: It's sunny in Florence right now, 21 °C." in done.stdout
    )


def test_secrets_are_masked_in_snippets(tmp_path: Path) -> None:
    key = "sk-proj-" + "Q1w2E3r4T5y6U7i8O9p0A1s2D3f4"
    path = write(
        tmp_path,
        "leaky.yaml",
        replaced(seed_text(), "How much is 120 euros", f"key {key} how much is 120 euros", 1),
    )
    done = run("how much is 120", str(path))
    assert done.returncode == 0 and "sk-proj-…(masked" in done.stdout
    assert key not in done.stdout


def test_only_files_whose_bytes_can_match_are_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real = search_module.load_cassette

    def counting(path: Path, data: bytes | None = None) -> object:
        opened.append(Path(path).name)
        return real(path, data)

    monkeypatch.setattr(search_module, "load_cassette", counting)
    hits = list(search_paths([CASSETTES], Pattern("Lisbon"), workers=1))  # in one seed of twelve
    assert {Path(h.path).name for h in hits} == {"anthropic_thinking_tool_stream.yaml"}
    # bedrock's eventstream body is stored `!!binary`: its bytes cannot rule the word out
    assert opened == ["anthropic_thinking_tool_stream.yaml", "bedrock_converse_stream.yaml"]


def test_the_raw_filter_never_skips_what_a_recorder_may_escape() -> None:
    escaped = b'body: "{\\"text\\":\\"caf\\u00e9 \\u003cb\\u003e\\"}"'
    assert could_match(escaped, Pattern("café <b>"))
    assert not could_match(escaped, Pattern("croissant"))
    assert could_match(b"string: !!binary H4sIAAAA", Pattern("croissant"))


def test_an_unreadable_file_is_named_not_fatal(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", "interactions: [\n  convert_currency\n")
    [hit] = search_file(broken, Pattern("convert_currency"))
    assert hit.interaction is None and "broken.yaml" in hit.snippet


SILICONFLOW = CASSETTES / "openrouter_kimi_tool_siliconflow.yaml"
"""Offers one tool, `weather`: "Get weather information for a location", a `location` ("the city")."""


def tool_lines(pattern: str, path: Path, interaction: int) -> list[str]:
    done = run(pattern, str(path))
    assert done.returncode == 0, done.stderr
    return [
        line for line in done.stdout.splitlines() if line.startswith(f"{path}:{interaction}: request tool ")
    ]


def test_a_tool_is_one_hit_naming_where_it_matched_printed_readably() -> None:
    assert tool_lines("weather", SILICONFLOW, 0) == [
        f"{SILICONFLOW}:0: request tool weather (name, description): "
        "weather: Get weather information for a location…"
    ]


def test_a_tool_matched_in_its_parameters_or_description_only_says_so() -> None:
    [line] = tool_lines("the city", SILICONFLOW, 0)
    assert line.startswith(f"{SILICONFLOW}:0: request tool weather (parameters): …")
    assert '"location": {"description": "the city"' in line and "[" not in line.split(": ", 3)[-1][:1]
    [line] = tool_lines("currencies", SEED, 0)
    assert line.startswith(f"{SEED}:0: request tool convert_currency (description): ")
    assert "Convert an amount between currencies · parameters" in line
