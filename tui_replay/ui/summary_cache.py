"""Cassette summaries (`analysis.cassette_summary`) kept per file, for the browser's preview
and its filter words: a file is read once while it is unchanged (same path, mtime and size).

Filled from worker threads; the analysis module is imported there, at first use, so the
browser's first frame does not wait for the decoders."""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.worker import Worker

    from tui_replay.analysis.cassette_summary import CassetteSummary

FileKey = tuple[Path, int, int]


def giving_way(worker: Worker[object]) -> Callable[[], bool]:
    """A `stop` for `summarise` in a thread: asked once an interaction, it lets the UI thread
    take the GIL (keys stay quick while a file is read) and says whether to stop."""

    def stop() -> bool:
        time.sleep(0)
        return worker.is_cancelled

    return stop


def file_key(path: Path) -> FileKey | None:
    """The file and its modification time and size (rewritten in place: a new key); None
    when it cannot be looked at."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return path, st.st_mtime_ns, st.st_size


class SummaryCache:
    MOST = 20_000
    """Summaries kept (a few hundred bytes to a few KB each), the least recently used dropped."""

    def __init__(self, *, redact: bool = True) -> None:
        self.redact = redact
        """Mask the one recorded text a summary holds (off with `--no-redact`)."""
        self._kept: OrderedDict[FileKey, CassetteSummary] = OrderedDict()
        self._lock = threading.Lock()

    def known(self, path: Path) -> CassetteSummary | None:
        key = file_key(path)
        if key is None:
            return None
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def summarise(self, path: Path, stop: Callable[[], bool] | None = None) -> CassetteSummary | None:
        """The file's summary, from the cache or read now (in a worker thread); None when
        `stop()` turned true first."""
        from tui_replay.analysis.cassette_summary import CassetteSummary, summarise_file

        found = self.known(path)
        if found is not None:
            return found
        key = file_key(path)
        try:
            summary = summarise_file(path, stop, redact=self.redact)
        except Exception as exc:  # noqa: BLE001 - a file no decoder foresaw: said, not a stuck pane
            return CassetteSummary(path, error=f"{path}: cannot be summarised: {type(exc).__name__}: {exc}")
        if summary is not None and key is not None and key == file_key(path):  # unchanged meanwhile
            with self._lock:
                self._kept[key] = summary
                if len(self._kept) > self.MOST:
                    self._kept.popitem(last=False)
        return summary
