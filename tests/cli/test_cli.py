"""Headless commands as a user runs them: `inspect` (text, JSON) and `check`, with their exit codes.

The expected facts were read off the seed YAML files by a person, not copied from output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes"
WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"
STREAMING = CASSETTES / "openrouter_kimi_multi_tool_streaming.yaml"
MULTI = CASSETTES / "openrouter_kimi_multi_tool.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui_replay", *args], capture_output=True, text=True)


def inspect_json(path: Path, *extra: str) -> dict[str, Any]:
    done = run("inspect", "--json", str(path), *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def parts(message: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [p for p in message["parts"] if p["type"] == kind]


def test_inspect_json_has_the_documented_shape() -> None:
    doc = inspect_json(MULTI)
    assert set(doc) >= {"path", "format", "interactions", "problems"}
    item = doc["interactions"][0]
    assert set(item) >= {
        "index",
        "turn",
        "attempt",
        "attempts",
        "method",
        "url",
        "status",
        "duration_ms",
        "dialect",
        "streamed",
        "request",
        "response",
    }
    assert set(item["request"]) >= {"model", "messages", "tools", "params"}
    assert set(item["response"]) >= {"error", "message", "finish_reason", "usage", "chunks"}
    assert set(item["request"]["tools"][0]) >= {"name", "description", "parameters"}
    assert set(doc["problems"][0]) >= {"interaction", "severity", "code", "message"}


def test_wandb_seed_two_turns_of_3_and_9_attempts_with_429s_from_wandb() -> None:
    doc = inspect_json(WANDB)
    items = doc["interactions"]
    assert doc["format"] == "go-vcr" and len(items) == 12
    assert [(i["turn"], i["attempt"], i["attempts"]) for i in items] == [
        (1, 1, 3),
        (1, 2, 3),
        (1, 3, 3),
        *[(2, k, 9) for k in range(1, 10)],
    ]
    first = items[0]
    assert first["status"] == 429 and first["method"] == "POST"
    assert first["url"] == "https://openrouter.ai/api/v1/chat/completions"
    assert first["duration_ms"] == pytest.approx(342.70525)
    assert first["dialect"] == "openai-chat" and first["streamed"] is False
    assert first["request"]["model"] == "moonshotai/kimi-k2-0905"
    assert first["request"]["params"]["max_tokens"] == 4000
    tool = first["request"]["tools"][0]
    assert tool["name"] == "weather" and tool["description"] == "Get weather information for a location"
    assert tool["parameters"]["required"] == ["location"]
    error = first["response"]["error"]
    assert error["status"] == 429 and error["provider"] == "WandB"
    assert "temporarily rate-limited upstream" in error["message"]
    assert first["response"]["message"] is None
    # the third attempt succeeds with the weather call
    call = parts(items[2]["response"]["message"], "tool_call")[0]
    assert call["name"] == "weather" and call["arguments"] == {"location": "Florence, Italy"}
    assert items[2]["response"]["finish_reason"] == "tool_calls"
    # turn 2 sends the tool result back; its last attempt answers about Florence
    history = items[11]["request"]["messages"]
    assert [m["role"] for m in history] == ["system", "user", "assistant", "tool"]
    result = parts(history[3], "tool_result")[0]
    assert result["tool_call_id"] == call["id"] and result["content"] == "40 C"
    answer = parts(items[11]["response"]["message"], "text")[0]["text"]
    assert "Florence" in answer and "40" in answer
    assert items[11]["response"]["usage"]["total_tokens"] == 206
    assert sum(p["code"] == "http-error" for p in doc["problems"]) == 10


def test_streaming_seed_joins_argument_fragments_into_add_and_multiply() -> None:
    doc = inspect_json(STREAMING)
    first = doc["interactions"][0]
    assert first["streamed"] is True and len(first["response"]["chunks"]) > 10
    calls = parts(first["response"]["message"], "tool_call")
    assert [c["name"] for c in calls] == ["add", "multiply"]
    assert all(c["arguments"] == {"a": 2, "b": 3} for c in calls)
    assert calls[0]["id"] != calls[1]["id"]
    kinds = {c["kind"] for c in first["response"]["chunks"]}
    assert {"text", "tool_call", "tool_args", "done"} <= kinds
    assert [c["id"] for c in calls] == ["functions.add:0", "functions.multiply:1"]
    # what the stream built is what the client sent back next (the recording client,
    # a test about unique tool-call ids, swapped the provider's ids for its own)
    sent_back = parts(doc["interactions"][1]["request"]["messages"][2], "tool_call")
    assert [(c["name"], c["arguments"]) for c in sent_back] == [(c["name"], c["arguments"]) for c in calls]
    assert all(c["id"].startswith("test-") for c in sent_back)


def test_inspect_one_interaction_and_text_output() -> None:
    doc = inspect_json(WANDB, "--interaction", "11")
    assert [i["index"] for i in doc["interactions"]] == [11]
    assert doc["interactions"][0]["attempt"] == 9
    text = run("inspect", str(WANDB))
    assert text.returncode == 0
    assert "turn 2 · attempt 9/9" in text.stdout and "WandB" in text.stdout


def test_inspect_out_of_range_and_missing_file_are_one_line_errors(tmp_path: Path) -> None:
    out_of_range = run("inspect", str(WANDB), "--interaction", "12")
    assert out_of_range.returncode == 2 and "has 12" in out_of_range.stderr
    missing = run("inspect", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2  # a usage error, as for every command (test_cli_missing_paths)
    assert "nope.yaml" in missing.stderr and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_check_summarises_and_exits_0_when_all_load() -> None:
    done = run("check", str(CASSETTES))
    assert done.returncode == 0, done.stdout + done.stderr
    files = len([p for p in CASSETTES.iterdir() if p.suffix in {".yaml", ".yml", ".json", ".har"}])
    assert done.stdout.startswith(f"{files} files, ")
    assert "openai-chat" in done.stdout and "http-error" in done.stdout
    assert "every file loaded" in done.stdout


def test_check_exits_1_naming_each_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_bytes(MULTI.read_bytes())
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "notacassette.yaml").write_text("just: a mapping\n")
    done = run("check", str(tmp_path))
    assert done.returncode == 1
    assert "3 files" in done.stdout
    assert "empty.yaml" in done.stdout and "notacassette.yaml" in done.stdout
    assert "good.yaml" not in done.stdout.split("unreadable files")[1]
    assert "Traceback" not in done.stderr


def test_check_bad_usage_exits_2() -> None:
    assert run("check").returncode == 2
    assert run("inspect").returncode == 2


def test_check_passes_on_the_whole_shared_corpus(corpus_dir: Path, seeds_dir: Path) -> None:
    done = run("check", str(corpus_dir), str(seeds_dir))
    assert done.returncode == 0, done.stdout[-3000:]
    assert done.stdout.startswith("480 files")


def test_each_command_is_a_module_with_a_run_function_and_paths_go_to_the_app() -> None:
    import importlib

    from tui_replay.cli import tui
    from tui_replay.cli.main import COMMANDS, command_runner

    assert set(COMMANDS) == {"inspect", "check", "export", "serve", "diff", "match", "search"}
    for name, module in COMMANDS.items():
        run_command, args = command_runner([name, "x.yaml"])
        assert module == f"tui_replay.cli.{name}" and args == ["x.yaml"]
        assert run_command is importlib.import_module(module).run
    run_app, args = command_runner(["x.yaml", "--present"])
    assert run_app is tui.run and args == ["x.yaml", "--present"]
