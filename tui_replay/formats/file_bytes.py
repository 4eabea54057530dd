"""Reading a cassette file's bytes, with nothing else imported: the app reads a file given
on the command line in one thread while another imports the decoders (issue 5)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui_replay.model import CassetteError


def folder_problem(path: Path) -> str:
    """What to say of a folder where a cassette file was expected: listed by the browser and
    `check` when it could not be read, so that it is not silently left out."""
    try:
        os.listdir(path)
    except OSError as exc:
        return f"is a folder that cannot be read: {exc.strerror or exc}"
    return "is a directory (expected a cassette file)"


def read_cassette_bytes(path: str | Path) -> bytes:
    """A cassette file's bytes, read-only; raises `CassetteError` for anything unreadable."""
    path = path if isinstance(path, Path) else Path(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
            # a FIFO or a device would block or never end: refuse before opening it
            raise CassetteError(path, "not a regular file (a pipe or device); expected a cassette file")
        with path.open("rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise CassetteError(path, folder_problem(path)) from None
    except OSError as exc:
        raise CassetteError(path, f"cannot read the file: {exc.strerror or exc}") from None
