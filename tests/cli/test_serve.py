"""`tui-replay serve` answers on loopback with the textual-serve page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def served(free_port: int):
    port = free_port
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui_replay", "serve", str(ROOT / "cassettes"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    page = response.read().decode("utf-8", "replace")
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"serve did not answer on {url}: {out[-2000:]}")
                time.sleep(0.2)
        yield url, page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


def test_serve_answers_on_loopback_with_the_app_page(served) -> None:
    url, page = served
    assert "<html" in page.lower()
    assert "tui-replay" in page  # the title we pass to textual-serve
    assert "ws://" in page or "websocket" in page.lower() or "/ws" in page


def test_serve_runs_the_app_on_the_given_paths() -> None:
    from argparse import Namespace

    from tui_replay.cli.serve import app_command

    command = app_command(Namespace(paths=["a b.yaml"], no_redact=False, present=True))
    assert command.endswith("-m tui_replay 'a b.yaml' --present")
