"""Built cassettes with polls: vcrpy files shaped like what the OpenAI, Gemini and Anthropic
SDKs send and receive in background mode, long-running operations and batches (their
public API references). No cassette in `../shared` holds a poll."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tui_replay.analysis.cassette import Cassette, open_cassette

OPENAI = "https://api.openai.com/v1"
GEMINI = "https://generativelanguage.googleapis.com/v1beta"
ANTHROPIC = "https://api.anthropic.com/v1"


def interaction(method: str, uri: str, body: Any, answer: Any, status: int = 200) -> dict[str, Any]:
    return {
        "request": {
            "body": json.dumps(body) if body is not None else None,
            "headers": {"content-type": ["application/json"]} if body is not None else {},
            "method": method,
            "uri": uri,
        },
        "response": {
            "body": {"string": json.dumps(answer)},
            "headers": {"content-type": ["application/json"]},
            "status": {"code": status, "message": "OK" if status < 400 else "Error"},
        },
    }


def cassette(tmp_path: Path, *interactions: dict[str, Any]) -> Cassette:
    path = tmp_path / "polls.yaml"
    path.write_text(yaml.safe_dump({"interactions": list(interactions), "version": 1}))
    return open_cassette(path)


def response_object(status: str, text: str | None = None) -> dict[str, Any]:
    output = []
    if text is not None:
        output = [
            {
                "type": "message",
                "id": "msg_1",
                "role": "assistant",
                "status": "completed",
                "content": [{"type": "output_text", "text": text, "annotations": []}],
            }
        ]
    return {"id": "resp_bg1", "object": "response", "status": status, "model": "gpt-5", "output": output}


def chat(question: str) -> dict[str, Any]:
    return interaction(
        "POST",
        f"{OPENAI}/responses",
        {"model": "gpt-5", "input": question},
        {**response_object("completed", "fine"), "id": "resp_other"},
    )


BACKGROUND_POST = interaction(
    "POST",
    f"{OPENAI}/responses",
    {"model": "gpt-5", "input": "write a long essay", "background": True},
    response_object("queued"),
)
POLL_QUEUED = interaction("GET", f"{OPENAI}/responses/resp_bg1", None, response_object("queued"))
POLL_RUNNING = interaction("GET", f"{OPENAI}/responses/resp_bg1", None, response_object("in_progress"))
POLL_DONE = interaction(
    "GET", f"{OPENAI}/responses/resp_bg1", None, response_object("completed", "The essay.")
)


def background(tmp_path: Path) -> Cassette:
    return cassette(tmp_path, chat("hi"), BACKGROUND_POST, POLL_QUEUED, POLL_RUNNING, POLL_DONE, chat("more"))
