"""Ctrl+C (the key, and SIGINT from outside) during a load or a replay leaves the terminal sane.

The real app runs in a pseudo-terminal. Afterwards the terminal must be back
in cooked mode (ECHO and ICANON on), out of the alternate screen, with the
cursor shown, and no traceback printed.
"""

from __future__ import annotations

import json
import os
import select
import signal
import struct
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.safety_fuzz import CASSETTES

termios = pytest.importorskip("termios")
pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")

STREAMING = CASSETTES / "openrouter_kimi_multi_tool_streaming.yaml"
CTRL_C, CTRL_Q = b"\x03", b"\x11"


def run_in_pty(args: list[str], actions: list[tuple[float, bytes | str]]) -> dict[str, object]:
    """Run `python -m tui_replay ARGS` in a pty, do `actions` (after a delay: bytes typed or "SIGINT")."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on the pty
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "tui_replay", *args])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    output = bytearray()

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    output.extend(os.read(fd, 65536))
                except OSError:
                    return

    # Delays count from the app's first frame (it has entered the alternate screen, raw mode).
    end = time.monotonic() + 30
    while b"\x1b[?1049h" not in output and time.monotonic() < end:
        pump(0.05)
    for delay, action in actions:
        pump(delay)
        if action == "SIGINT":
            os.kill(pid, signal.SIGINT)
        else:
            assert isinstance(action, bytes)
            os.write(fd, action)
    status: int | None = None
    end = time.monotonic() + 20
    while time.monotonic() < end:
        pump(0.1)
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
            break
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    lflag = termios.tcgetattr(fd)[3]
    os.close(fd)
    return {
        "exited": status is not None,
        "echo": bool(lflag & termios.ECHO),
        "icanon": bool(lflag & termios.ICANON),
        "left_alt_screen": b"\x1b[?1049l" in output,
        "cursor_shown": output.rfind(b"\x1b[?25h") > output.rfind(b"\x1b[?25l"),
        "traceback": b"Traceback" in output,
    }


SANE = {
    "exited": True,
    "echo": True,
    "icanon": True,
    "left_alt_screen": True,
    "cursor_shown": True,
    "traceback": False,
}


@pytest.fixture(scope="module")
def big_cassette(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cassette that takes a few seconds to open (80 MB of streamed chunks)."""
    chunk = {
        "id": "c",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": {"content": "word "}}],
    }
    body = f"data: {json.dumps(chunk)}\n\n" * 800_000 + "data: [DONE]\n\n"
    request = json.dumps({"model": "m", "stream": True, "messages": [{"role": "user", "content": "hi"}]})
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(
        "version: 2\ninteractions:\n  - id: 0\n    request:\n"
        f"      body: {json.dumps(request)}\n      url: https://api.openai.com/v1/chat/completions\n"
        f"      method: POST\n    response:\n      body: {json.dumps(body)}\n"
        "      headers:\n        Content-Type:\n          - text/event-stream\n"
        "      status: 200 OK\n      code: 200\n      duration: 2s\n"
    )
    return path


def test_ctrl_c_key_during_a_replay_then_quit() -> None:
    assert run_in_pty([str(STREAMING)], [(1.5, CTRL_C), (1.0, CTRL_Q)]) == SANE


def test_sigint_during_a_replay() -> None:
    assert run_in_pty([str(STREAMING)], [(1.5, "SIGINT")]) == SANE


def test_ctrl_c_key_during_a_load_then_quit(big_cassette: Path) -> None:
    assert run_in_pty([str(big_cassette)], [(0.5, CTRL_C), (0.5, CTRL_Q)]) == SANE


def test_sigint_during_a_load(big_cassette: Path) -> None:
    assert run_in_pty([str(big_cassette)], [(0.5, "SIGINT")]) == SANE
