"""The app shows what a response carries beside its message: Perplexity's `citations`, which its
answer cites as [1], are drawn under the answer as a "not modelled" card with their URLs."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.widgets.message_at_rest import MessageAtRest

SOURCE = "https://www.ruby-lang.org/en/"


def perplexity_cassette(folder: Path) -> Path:
    answer = {
        "id": "r1",
        "model": "sonar",
        "object": "chat.completion",
        "usage": {"prompt_tokens": 8, "completion_tokens": 3, "cost": {"total_cost": 0.00519}},
        "citations": ["https://en.wikipedia.org/wiki/Ruby", SOURCE],
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "Ruby is a language.[2]"},
            }
        ],
    }
    request = {"model": "sonar", "messages": [{"role": "user", "content": "What is Ruby?"}]}
    interaction = {
        "request": {
            "method": "POST",
            "uri": "https://api.perplexity.ai/chat/completions",
            "body": json.dumps(request),
            "headers": {"Content-Type": ["application/json"]},
        },
        "response": {
            "status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["application/json"]},
            "body": {"string": json.dumps(answer)},
        },
    }
    path = folder / "perplexity.yaml"
    path.write_text(yaml.safe_dump({"interactions": [interaction], "version": 1}))
    return path


async def test_the_citations_are_drawn_under_the_answer(tmp_path: Path) -> None:
    app = ReplayApp([perplexity_cassette(tmp_path)], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="the cassette screen")
        view = app.screen.query_one("#response-message", MessageAtRest)
        await wait_until(lambda: any("Ruby is a language" in line for line in view.plain_lines()), pilot)
        lines = view.plain_lines()
        answer = next(i for i, line in enumerate(lines) if "Ruby is a language" in line)
        card = next(i for i, line in enumerate(lines) if "not modelled · citations" in line)
        assert answer < card
        assert any(SOURCE in line for line in lines[card:])
