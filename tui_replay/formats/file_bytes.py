"""Reading a cassette file's bytes, with nothing else imported: the app reads a file given
on the command line in one thread while another imports the decoders; the headless
commands read a big file only as far as they need (`FileBytes`)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from tui_replay.formats.errors import CassetteError


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


READ_CHUNK = 1024 * 1024
"""The first read of a file, and the least read after it. Most cassettes fit in one read;
a bigger one is read only as far as asked (the reads double in size as they go on)."""


class FileBytes:
    """A cassette file's bytes, read only as far as they are asked for.

    Interaction 0 of a 100 MB cassette needs its first few kilobytes and the last item (to
    find where the list ends): reading all of it took longer than everything else the
    command does. The bytes read are kept, in order, from the start of the file (`loaded`),
    plus a piece at its end. Every later read checks that the file is still the one first
    read (size, modification time, inode) and raises `CassetteError` otherwise, so a
    cassette re-recorded meanwhile is never read as a mix of two files.
    """

    def __init__(self, path: Path, data: bytes | None = None, *, chunk: int | None = None) -> None:
        """`data`: the file's bytes when already read (e.g. in a thread while the app imported
        something else); else the file is read here, its first `chunk` bytes (`READ_CHUNK`) at once."""
        self.path = path
        self._chunk = max(1, chunk or READ_CHUNK)
        self._buffer = bytearray()
        self._whole: bytes | None = data
        self._identity: tuple[int, int, int] | None = None
        self._tail: tuple[int, bytes] = (0, b"")
        self.bytes_read = 0
        """Bytes read from disk by this object so far (lazy reading is observable)."""
        if data is not None:
            self.size = len(data)
            return
        try:
            if not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
                # a FIFO or a device would block or never end: refuse before opening it
                raise CassetteError(path, "not a regular file (a pipe or device); expected a cassette file")
            with path.open("rb") as handle:
                info = os.fstat(handle.fileno())
                self._identity = (info.st_size, info.st_mtime_ns, info.st_ino)
                self.size = info.st_size
                # read(-1) sizes its buffer to the file; read(1 MB) of a small file allocated
                # 1 MB then shrank it, which tripled the cost of `check` reading a corpus
                first = handle.read(self._chunk if self.size > self._chunk else -1)
                self.bytes_read = len(first)
        except IsADirectoryError:
            raise CassetteError(path, folder_problem(path)) from None
        except OSError as exc:
            raise CassetteError(path, f"cannot read the file: {exc.strerror or exc}") from None
        if len(first) >= self.size:
            self._whole, self.size = first, len(first)
        else:
            self._buffer += first

    @property
    def complete(self) -> bool:
        """True once every byte is in memory."""
        return self._whole is not None

    @property
    def loaded(self) -> bytes | bytearray:
        """The bytes read so far from the start of the file (all of them once `complete`).
        Search them in place: slicing copies."""
        return self._whole if self._whole is not None else self._buffer

    def _read(self, offset: int, size: int) -> bytes:
        try:
            with self.path.open("rb") as handle:
                info = os.fstat(handle.fileno())
                if (info.st_size, info.st_mtime_ns, info.st_ino) != self._identity:
                    raise CassetteError(self.path, "the file changed while it was being read; open it again")
                handle.seek(offset)
                got = handle.read(size)
        except OSError as exc:
            raise CassetteError(self.path, f"cannot read the file: {exc.strerror or exc}") from None
        self.bytes_read += len(got)
        if len(got) != size:
            raise CassetteError(self.path, "the file changed while it was being read; open it again")
        return got

    def load_to(self, end: int) -> bytes | bytearray:
        """`loaded`, with at least the first `end` bytes (fewer only at the end of the file)."""
        if self._whole is not None or end <= len(self._buffer):
            return self.loaded
        have = len(self._buffer)
        want = min(self.size, max(end, 2 * have, have + self._chunk))
        if want > self.size // 2:
            # One read of the whole file: cheaper than growing the buffer to it and copying
            # that into `bytes` (for the parser) at the end.
            self._whole, self._buffer = self._read(0, self.size), bytearray()
        else:
            self._buffer += self._read(have, want - have)
        return self.loaded

    def all(self) -> bytes:
        self.load_to(self.size)
        assert self._whole is not None
        return self._whole

    def find(self, needle: bytes, start: int, end: int | None = None) -> int:
        """`bytes.find` over the file, reading forward only until it is found."""
        end = self.size if end is None else min(end, self.size)
        while True:
            data = self.loaded
            have = min(len(data), end)
            found = data.find(needle, start, have)
            if found >= 0 or have >= end:
                return found
            start = max(start, have - len(needle) + 1)
            self.load_to(have + 1)

    def search(
        self, pattern: re.Pattern[bytes], start: int, end: int, longest: int
    ) -> tuple[int, int] | None:
        """(start, end) of `pattern`'s first match in the file's `[start, end)`, reading forward
        only until it is found. For short patterns of a fixed shape (a line's start: a newline,
        a few spaces, one character): `longest` is the most bytes a match spans, what follows
        a match cannot undo it, and no match starts inside another, so a match found in the
        bytes read so far is the first one in the file."""
        end = min(end, self.size)
        while True:
            data = self.loaded
            have = min(len(data), end)
            found = pattern.search(data, start, have)
            if found is not None:
                return found.span()
            if have >= end:
                return None
            start = max(start, have - longest + 1)
            self.load_to(have + 1)

    def line_end(self, start: int) -> int:
        """Offset just past the line that `start` is on (its newline included), loading it."""
        found = self.find(b"\n", start)
        return self.size if found < 0 else found + 1

    def count(self, byte: bytes, start: int, end: int) -> int:
        return self.load_to(end).count(byte, start, end)

    def slice(self, start: int, end: int) -> bytes:
        tail_at, tail = self._tail
        if self._whole is None and tail and start >= tail_at:
            return tail[start - tail_at : end - tail_at]
        data = self.load_to(end)
        if isinstance(data, bytes):
            return data[start:end]
        with memoryview(data) as view:  # one copy, not two
            return bytes(view[start:end])

    def tail(self, size: int) -> tuple[int, bytes]:
        """(offset, bytes) of the file's last `size` bytes (or more), without reading what
        comes before them."""
        start = max(0, self.size - size)
        if self._whole is not None or start <= len(self._buffer):
            return start, self.slice(start, self.size)
        tail_at, tail = self._tail
        if not tail or start < tail_at:
            self._tail = (start, self._read(start, self.size - start))
        return self._tail
