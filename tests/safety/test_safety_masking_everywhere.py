"""No renderer leaks a secret: every pane of the app, every export format and `inspect`.

Secrets are planted in a cassette (tmp_path) in each place a recording holds one: an
`Authorization` header, an `api_key=` query parameter, a key in the request body (a user
message), a key in a request parameter, a key in a tool call's arguments, a key in a tool's
description and a key split over the chunks of a streamed reply. Masked by default, none of
them may show anywhere; with `--no-redact` each renderer must show the secrets it draws (so
the test can fail).
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

AUTH = "sk-proj-" + "Hd8Kq2Lx7Vb4Nz1Mc6Pw3Rt9Ys5Gf0Aj"  # Authorization header
QUERY = "Q9w8E7r6T5y4U3i2O1p0"  # ?api_key=... (no key shape: masked for its parameter's name)
BODY = "sk-ant-api03-" + "Bo7Dy1Ke4Yx9Sa2Mp5Le8Rq3Zt6Wn0Cv"  # in the request body (user message)
PARAM = "sk-proj-" + "Pa4Rm8Ke2Yx6Qv1Lz9Bn3Wt7Hc5Jd0Gf"  # in a request parameter (`user`)
TOOL = "sk-proj-" + "To0lAr9Gu8Me7Nt6Ke5Yx4Qw3Er2Ty1Ui"  # in a tool call's arguments
SCHEMA = "AIzaSy" + "Ds3Cr1Pt0Io9nK8eY7aB6cD5eF4gH3iJ2"  # in a tool definition's description
STREAM = "sk-proj-" + "St7Re4Am8Ch2Un5Kx1Lz9Pq6Wv3Bn0Mt"  # split over three stream chunks
STREAM_CHUNKS = [STREAM[:9], STREAM[9:20], STREAM[20:]]

SECRETS = {
    "auth": AUTH,
    "query": QUERY,
    "body": BODY,
    "param": PARAM,
    "tool": TOOL,
    "schema": SCHEMA,
    "stream": STREAM,
}


def pieces(secret: str) -> list[str]:
    """Short distinctive pieces of a secret (an SVG screenshot splits text into runs); for
    the streamed key, a piece of each chunk's part of it as well."""
    found = [secret[-10:]]
    if secret == STREAM:
        found += [chunk[-6:] for chunk in STREAM_CHUNKS]
    return found


def _request(stream: bool, content: str) -> dict[str, object]:
    return {
        "model": "gpt-4o",
        "stream": stream,
        "user": PARAM,
        "messages": [{"role": "user", "content": content}],
        "tools": [
            {
                "type": "function",
                "function": {
                    "name": "lookup",
                    "description": f"Look a thing up (service key {SCHEMA})",
                    "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
                },
            }
        ],
    }


def _interaction(number: int, request: dict[str, object], body: str, content_type: str) -> str:
    return f"""  - id: {number}
    request:
      body: {json.dumps(json.dumps(request))}
      headers:
        Authorization:
          - Bearer {AUTH}
        Content-Type:
          - application/json
      url: https://api.openai.com/v1/chat/completions?api_key={QUERY}&alt=sse
      method: POST
    response:
      body: {json.dumps(body)}
      headers:
        Content-Type:
          - {content_type}
      status: 200 OK
      code: 200
      duration: 1s
"""


def planted_cassette(tmp_path: Path) -> Path:
    call = {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": ""}}
    call["function"]["arguments"] = json.dumps({"q": "weather", "token": TOOL})  # type: ignore[index]
    reply = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": "gpt-4o",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": None, "tool_calls": [call]},
                "finish_reason": "tool_calls",
            }
        ],
    }
    chunks = [
        {"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": text}}]}
        for text in ["the key is ", *STREAM_CHUNKS, " and that is all"]
    ]
    sse = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    doc = "---\nversion: 2\ninteractions:\n"
    doc += _interaction(
        0, _request(False, f"please use {BODY} for this"), json.dumps(reply), "application/json"
    )
    doc += _interaction(1, _request(True, "and now stream it"), sse, "text/event-stream")
    path = tmp_path / "planted.yaml"
    path.write_text(doc)
    return path


def assert_masked(name: str, shown: str) -> None:
    for what, secret in SECRETS.items():
        for piece in pieces(secret):
            assert piece not in shown, f"{name} shows the {what} secret ({piece})"
    assert "(masked, " in shown, name


def assert_shown(name: str, shown: str, expected: tuple[str, ...]) -> None:
    for what in expected:
        assert SECRETS[what][-10:] in shown, f"{name} --no-redact does not show the {what} secret"
    assert "(masked, " not in shown, name


# -- the app ---------------------------------------------------------------------------------

# (keys, the secrets that pane shows unmasked)
PANES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("conversation #0", (), ("query", "body", "param", "tool")),
    ("raw #0", ("r",), ("auth", "query", "body", "param", "tool", "schema")),
    ("headers #0", ("h",), ("auth", "query")),
    ("tools #0", ("t",), ("schema",)),
    ("conversation #1, streamed", ("t", "n", "end"), ("query", "param", "stream")),
    ("raw #1, stream events", ("r",), ("auth", "query", "schema")),
    ("headers #1", ("h",), ("auth", "query")),
    ("diff of turn 1 and turn 2", ("h", "a"), ("auth", "query", "body")),
]


def _visible(svg: str) -> str:
    return html.unescape(svg).replace("\u00a0", " ")


async def _app_screens(path: Path, redact: bool) -> list[tuple[str, str, tuple[str, ...]]]:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play
    from tui_replay.ui.widgets.diff_pane import DiffPane

    app = ReplayApp([path], redact=redact, autoplay=False)
    shots = []
    async with app.run_test(size=(220, 120)) as pilot:
        await play(app, pilot, ())
        for name, keys, expected in PANES:
            await play(app, pilot, keys)
            shown = _visible(app.export_screenshot())
            if name.startswith("diff"):  # the rows the pane draws, scrolled into view or not
                diff = app.screen.query_one(DiffPane).diff
                assert diff is not None, "the diff pane compares nothing"
                shown += "\n".join(t for s in diff.sections for r in s.rows for t in (r.left, r.right) if t)
            shots.append((name, shown, expected))
    return shots


async def test_no_pane_of_the_app_shows_a_planted_secret(tmp_path: Path) -> None:
    for name, shown, _ in await _app_screens(planted_cassette(tmp_path), redact=True):
        assert_masked(name, shown)


async def test_every_pane_shows_its_secrets_with_no_redact(tmp_path: Path) -> None:
    for name, shown, expected in await _app_screens(planted_cassette(tmp_path), redact=False):
        assert_shown(name, shown, expected)


async def test_a_split_key_never_shows_while_the_stream_replays(tmp_path: Path) -> None:
    """Chunk by chunk: the whole mask comes with the chunk where the key starts."""
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play

    app = ReplayApp([planted_cassette(tmp_path)], redact=True, autoplay=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await play(app, pilot, ("n", "0"))
        for step in range(7):
            shown = _visible(app.export_screenshot())
            assert not any(p in shown for p in pieces(STREAM)), f"after {step} chunks"
            await play(app, pilot, ("full_stop",))
        assert "sk-proj-…(masked, " in shown and "that is all" in shown


# -- exports and inspect ---------------------------------------------------------------------

COMMANDS: list[tuple[str, list[str], tuple[str, ...]]] = [
    ("inspect", ["inspect"], ("query", "body", "param", "tool", "stream")),
    ("inspect --json", ["inspect", "--json"], ("query", "body", "param", "tool", "stream", "schema")),
    ("export markdown", ["export", "--format", "markdown"], ("query", "body", "tool", "stream")),
    ("export html", ["export", "--format", "html"], ("query", "body", "tool", "stream", "schema")),
    ("export json", ["export", "--format", "json"], ("query", "body", "param", "tool", "stream", "schema")),
    ("export svg", ["export", "--format", "svg", "--size", "200x60"], ("query", "body", "tool")),
]


def _run(args: list[str], path: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tui_replay", *args, str(path), *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(("name", "args", "expected"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_no_export_or_inspect_output_shows_a_planted_secret(
    tmp_path: Path, name: str, args: list[str], expected: tuple[str, ...]
) -> None:
    path = planted_cassette(tmp_path)
    unescape = _visible if name == "export svg" else html.unescape
    assert_masked(name, unescape(_run(args, path)))
    assert_shown(name, unescape(_run(args, path, "--no-redact")), expected)
