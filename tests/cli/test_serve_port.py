"""`tui-replay serve` binds its port before it says where it serves: a port it cannot have is
one line naming the port and `--port` (exit 2, a usage error), and `--port 0` says the port
the system chose."""

from __future__ import annotations

import errno
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tui_replay.cli import serve

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes"


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui_replay", "serve", str(CASSETTES), *args]


def test_a_port_in_use_is_one_line_naming_it_exit_2() -> None:
    with socket.create_server(("127.0.0.1", 0)) as held:
        port = held.getsockname()[1]
        done = subprocess.run(serve_command("--port", str(port)), capture_output=True, text=True, timeout=30)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("tui-replay: ") and f"port {port}" in lines[0]
    assert "in use" in lines[0] and "--port" in lines[0]
    assert "serving on" not in done.stderr + done.stdout and "Traceback" not in done.stderr


def test_port_0_serves_on_the_port_the_system_chose() -> None:
    proc = subprocess.Popen(
        serve_command("--port", "0"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()  # printed once the port is bound; "" if it died
        found = re.search(r"serving on http://127\.0\.0\.1:(\d+)", line)
        assert found, line + proc.stderr.read() if proc.poll() is not None else line
        port = int(found.group(1))
        assert port != 0
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            page = response.read().decode("utf-8", "replace")
        assert "tui-replay" in page
        assert f"ws://127.0.0.1:{port}/ws" in page  # the page's socket URL has the real port too
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


def refused(*_args: object, **_kwargs: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


def test_a_port_the_user_may_not_have_is_one_line_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Run as root here, so the kernel's refusal of a port below 1024 is injected where the
    # port is bound (by us, or by textual-serve in a version that bound it itself).
    monkeypatch.setattr(socket, "create_server", refused)
    monkeypatch.setattr("textual_serve.server.Server.serve", refused)
    assert serve.run([str(CASSETTES), "--port", "80"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "port 80" in err and "permission" in err and "--port" in err
    assert "serving on" not in err


def test_a_port_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        serve.run([str(CASSETTES), "--port", "70000"])
    assert exited.value.code == 2
    assert "0 to 65535" in capsys.readouterr().err


def test_a_folder_without_cassettes_is_said_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve.run([str(tmp_path), "--port", "0"]) == 1
    assert capsys.readouterr().err.strip() == f"tui-replay: no cassette files found under {tmp_path}"
