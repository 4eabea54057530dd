"""The orders the cassette browser lists files in (`o` cycles them, `O` reverses one).

`name` is the order the folders were walked in (by name, a folder's files before its
sub-folders); the others put what a user looks for first (the biggest, the most failed,
the newest file) and keep the walk's order among equals. A folder is listed where its first
file falls, so sorting by errors brings the folder of the worst file to the top.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from tui_replay.ui.widgets.cassette_tree import FileEntry


@dataclass(frozen=True)
class SortOrder:
    name: str
    label: str
    """How the list reads in this order, e.g. `size, largest first`."""
    reversed_label: str
    key: Callable[[FileEntry], float]
    """Smaller first; the walk's position breaks ties."""
    fact: Callable[[FileEntry], str] | None = None
    """What the order sorts by, shown after each file's name (a size, a date); None when the
    line shows it already (errors) or it is the name."""


def file_stat(entry: FileEntry) -> tuple[int, float]:
    """(size, mtime) of the file, looked up once (a file gone since the walk: 0, 0)."""
    if entry.stat is None:
        try:
            st = os.stat(entry.path)
            entry.stat = (st.st_size, st.st_mtime)
        except OSError:
            entry.stat = (0, 0.0)
    return entry.stat


def _errors(entry: FileEntry) -> float:
    if entry.error:  # a file that cannot be opened is the worst of all
        return -float("inf")
    return -entry.summary.errors if entry.summary is not None else 0


def size_text(size: int) -> str:
    """`812 bytes`, `22.2 KiB`, `96.0 MiB`."""
    if size < 1024:
        return f"{size} byte" + ("" if size == 1 else "s")
    value = float(size)
    for unit in ("KiB", "MiB", "GiB"):
        value /= 1024
        if value < 1024 or unit == "GiB":
            break
    return f"{value:.1f} {unit}"


def date_text(mtime: float) -> str:
    """The modification time in the local zone, to the minute."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(mtime))


SORT_ORDERS: tuple[SortOrder, ...] = (
    SortOrder("name", "name", "name, last first", lambda entry: 0),
    SortOrder(
        "size",
        "size, largest first",
        "size, smallest first",
        lambda entry: -file_stat(entry)[0],
        lambda entry: size_text(file_stat(entry)[0]),
    ),
    SortOrder("errors", "errors, most first", "errors, fewest first", _errors),
    SortOrder(
        "date",
        "date, newest first",
        "date, oldest first",
        lambda entry: -file_stat(entry)[1],
        lambda entry: date_text(file_stat(entry)[1]),
    ),
)


def sort_label(order: SortOrder, reverse: bool) -> str:
    return order.reversed_label if reverse else order.label


def sorted_entries(entries: list[FileEntry], order: SortOrder, reverse: bool) -> list[FileEntry]:
    """`entries` (in walk order) in `order`; reversed, the walk's order is reversed too."""
    ranked = sorted(enumerate(entries), key=lambda pair: (order.key(pair[1]), pair[0]), reverse=reverse)
    return [entry for _, entry in ranked]
