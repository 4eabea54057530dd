"""Planted secrets never reach the TUI's screen (conversation, tool cards, error box, summary,
tool definitions, stream, caption bar, SVG export) unless the app runs with `--no-redact`."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from tui_replay.model import Message, TextPart, ToolCallPart, ToolResultPart
from tui_replay.ui.widgets import redaction

OPENAI = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
GOOGLE = "AIzaSyD" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"
BEARER = "ya29.a0AfH6SMBx3Kd9_" + "Zq8Yw7Xv6" * 2
GITHUB = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a"
NAMED = "hunter2hunter2"  # no key shape: masked only because its JSON key says credential


def _planted_wandb(seeds_dir: Path, tmp_path: Path) -> Path:
    """A copy of the wandb seed with a secret in each place the TUI draws text from."""
    text = (seeds_dir / "openrouter_kimi_tool_wandb.yaml").read_text()
    plants = [
        # user message (conversation; caption of #0 quotes it)
        ("Florence,Italy?", f"Florence,Italy? My key is {OPENAI}"),
        # tool description (tools pane)
        ("Get weather information for a location", f"Get weather information for a location ({GOOGLE})"),
        # tool result (tool card in the conversation)
        ('"content":"40 C"', f'"content":"40 C {GITHUB}"'),
        # provider error text (error box)
        ("Please retry shortly", f"Please retry shortly with Bearer {BEARER}"),
        # tool-call arguments: a credential-named key (tool-call card)
        (
            '{\\"location\\": \\"Florence, Italy\\"}',
            f'{{\\"location\\": \\"Florence, Italy\\", \\"api_key\\": \\"{NAMED}\\"}}',
        ),
    ]
    for old, new in plants:
        assert old in text, old  # the seed still has the text the secret is planted in
        text = text.replace(old, new)
    path = tmp_path / "planted.yaml"
    path.write_text(text)
    return path


def _visible(svg: str) -> str:
    return html.unescape(svg).replace("\u00a0", " ")


async def _screens(path: Path, redact: bool, key_runs: tuple[tuple[str, ...], ...]) -> str:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play

    app = ReplayApp([path], redact=redact, autoplay=False)
    shots = []
    async with app.run_test(size=(200, 80)) as pilot:
        await play(app, pilot, ())
        for keys in key_runs:
            await play(app, pilot, keys)
            shots.append(_visible(app.export_screenshot()))
    return "\n".join(shots)


# #0: user text + 429 error box; #2: tool call with api_key; G: tool result; t: tools pane;
# P: presentation mode (caption bar) on #0 and on the last turn.
KEY_RUNS: tuple[tuple[str, ...], ...] = (
    (),
    ("n", "n"),
    ("G",),
    ("t",),
    ("t", "g", "P"),
    ("G",),
)
# Pieces of each secret short enough to stay inside one SVG text run.
PIECES = (OPENAI[-10:], GOOGLE[-10:], GITHUB[-10:], BEARER[-10:], NAMED)


async def test_planted_secrets_are_masked_on_every_screen(seeds_dir: Path, tmp_path: Path) -> None:
    path = _planted_wandb(seeds_dir, tmp_path)
    shown = await _screens(path, True, KEY_RUNS)
    for piece in PIECES:
        assert piece not in shown, piece
    # and the masks are there, with the kind of key still readable
    assert "sk-proj-…(masked, " in shown
    assert "AIza…(masked, " in shown
    assert "ghp_…(masked, " in shown
    assert "Bearer …(masked, " in shown
    assert f"…(masked, {len(NAMED)} chars)" in shown


async def test_no_redact_shows_the_planted_secrets(seeds_dir: Path, tmp_path: Path) -> None:
    path = _planted_wandb(seeds_dir, tmp_path)
    shown = await _screens(path, False, KEY_RUNS)
    for piece in PIECES:
        assert piece in shown, piece
    assert "(masked, " not in shown


def test_svg_export_masks_conversation_and_caption(seeds_dir: Path, tmp_path: Path) -> None:
    from tui_replay.ui.screenshot import screen_svg

    path = _planted_wandb(seeds_dir, tmp_path)
    for present in (False, True):
        svg = _visible(screen_svg(path, 0, (160, 50), True, present=present))
        assert OPENAI[-10:] not in svg and BEARER[-10:] not in svg
        assert "sk-proj-…(masked, " in svg
    assert OPENAI[-10:] in _visible(screen_svg(path, 0, (160, 50), False))


def _stream_cassette(tmp_path: Path, deltas: list[str]) -> Path:
    request = {"model": "gpt-4o", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    chunks = [
        {"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": d}}]}
        for d in deltas
    ]
    sse = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    doc = f"""---
version: 2
interactions:
  - id: 0
    request:
      body: {json.dumps(json.dumps(request))}
      headers:
        Content-Type:
          - application/json
      url: https://api.openai.com/v1/chat/completions
      method: POST
    response:
      body: {json.dumps(sse)}
      headers:
        Content-Type:
          - text/event-stream
      status: 200 OK
      code: 200
      duration: 1s
"""
    path = tmp_path / "stream.yaml"
    path.write_text(doc)
    return path


async def test_a_key_split_over_stream_chunks_never_shows(tmp_path: Path) -> None:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play

    # The key arrives in pieces: after the third chunk only `sk-proj-Ab3dEf`, too short to be
    # recognised as a key on its own, is on screen; it must be masked all the same.
    deltas = ["my key is ", OPENAI[:8], OPENAI[8:14], OPENAI[14:], " — keep it safe"]
    path = _stream_cassette(tmp_path, deltas)
    app = ReplayApp([path], redact=True, autoplay=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await play(app, pilot, ())
        for step in range(len(deltas) + 1):
            screen = _visible(app.export_screenshot())
            assert OPENAI[8:14] not in screen, f"after {step} chunks"
            assert OPENAI[-10:] not in screen
            await play(app, pilot, ("full_stop",))
        assert "sk-proj-…(masked, " in screen and "keep it safe" in screen


def test_message_helper_masks_every_part_kind_and_respects_off() -> None:
    message = Message(
        "assistant",
        (
            TextPart(f"key {OPENAI}"),
            ToolCallPart("call_1", "f", json.dumps({"token": GITHUB}), {"password": "pw123456"}),
            ToolResultPart("call_1", json.dumps({"client_secret": NAMED})),
        ),
    )
    masked = redaction.message(message, True)
    text = repr(masked)
    for piece in (OPENAI[-10:], GITHUB[-10:], "pw123456", NAMED):
        assert piece not in text, piece
    assert redaction.message(message, False) is message
    clean = Message("user", (TextPart("nothing secret here"),))
    assert redaction.message(clean, True) is clean  # nothing to mask: the very same object


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("my key is sk-proj-Ab3dEf", "Ab3dEf"),
        ("Authorization: Bearer ya29.a0Af", "ya29.a0Af"),
        ("the key AIzaSyD1x", "SyD1x"),
    ],
)
def test_a_key_shape_cut_off_at_the_end_of_a_stream_is_masked(text: str, hidden: str) -> None:
    out = redaction.streaming_text(text)
    assert hidden not in out and "(masked, " in out


@pytest.mark.parametrize("text", ["we take the risk-", "ask-me", "a desk", "sk- alone", "call_abc123"])
def test_words_that_only_look_like_a_key_start_are_left_alone(text: str) -> None:
    assert redaction.streaming_text(text) == text


def test_a_message_is_masked_at_rest_and_while_streaming_alike() -> None:
    from tui_replay.model import Message, TextPart
    from tui_replay.ui.widgets import redaction

    secret = "sk-proj-" + "a1B2c3D4e5F6g7H8i9J0" * 2
    first = Message(role="user", parts=(TextPart(f"key {secret}"),))
    masked = redaction.message(first, True)
    assert secret not in masked.parts[0].text  # type: ignore[union-attr]
    assert redaction.message(first, True, streaming=True) == masked
    assert redaction.message(first, False) is first
