"""Find the items of a cassette's top-level list in the raw bytes, without parsing them.

Cassette writers (go-vcr, vcrpy, Ruby VCR) put the interactions in a block
sequence under one top-level key::

    version: 2
    interactions:
      - id: 0          <- every item starts with exactly this indentation and "- "
        request: ...
      - id: 1
    ...

`index_list` finds that key, the column of the item dashes, and splits the
list into one byte range per item. Every line indented at most as deep as the
dashes is looked at (one fast regex over the file): it must be an item start,
a comment, or the end of the list; after the list only top-level keys may
follow. Anything unusual (a flow-style list, no such key, tabs, a document not
shaped like this) gives None and the caller parses the whole file instead.

Each item is later parsed on its own; an item that does not parse alone (an
alias to an anchor in another item, a quoted string whose continuation line
looks like an item start) makes the caller fall back to a full parse too.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

LIST_KEYS = (b"interactions", b"http_interactions")

_AFTER_KEY = re.compile(rb":[ \t]*(?:#[^\n]*)?\r?\n")
_BLANK_OR_COMMENT = re.compile(rb"[ \t]*(?:#[^\n]*)?\r?\n")
_FIRST_ITEM = re.compile(rb"( *)-(?: |\r?\n)")


class _LineCounter:
    """Line numbers of the item starts, counted on demand and kept.

    Asking for item i counts the newlines up to it once (in per-item steps, so
    every item before it is known too); a 100 MB file costs ~50 ms at most.
    """

    def __init__(self, data: bytes, first_line: int) -> None:
        self._data = data
        self._lines = array("q", [first_line])

    def line(self, starts: array[int], index: int) -> int:
        lines, data = self._lines, self._data
        while len(lines) <= index:
            known = len(lines) - 1
            lines.append(lines[known] + data.count(b"\n", starts[known], starts[known + 1]))
        return lines[index]


@dataclass(frozen=True)
class ListIndex:
    """Where the items of the top-level list sit in the file's bytes."""

    key: str
    """The list's key: `interactions` or `http_interactions`."""
    dash_column: int
    starts: array[int]
    """Byte offset where each item starts (at its line start), plus one final end offset."""
    header: bytes
    """The document without the list (what comes before the key and after the list)."""
    line_counter: _LineCounter

    def __len__(self) -> int:
        return len(self.starts) - 1

    def line(self, index: int) -> int:
        """1-based line of item `index`'s dash (counted on demand: a 100 MB file has ~1M lines)."""
        return self.line_counter.line(self.starts, index)

    def item_bytes(self, data: bytes, index: int) -> bytes:
        return data[self.starts[index] : self.starts[index + 1]]


def _find_key(data: bytes) -> tuple[bytes, int, int] | None:
    """(key, offset of the key's line, offset after the key's line) of the first list key at column 0."""
    best: tuple[bytes, int, int] | None = None
    for key in LIST_KEYS:
        pos = 0
        while True:
            found = data.find(key + b":", pos)
            if found < 0:
                break
            pos = found + 1
            if found and data[found - 1 : found] != b"\n" and data[:found] != b"\xef\xbb\xbf":
                continue
            tail = _AFTER_KEY.match(data, found + len(key))
            if tail is None:
                continue  # `interactions: []` or a value on the same line: not a block list
            if best is None or found < best[1]:
                best = (key, found, tail.end())
            break
    return best


def index_list(data: bytes) -> ListIndex | None:
    """Index the top-level interactions list of a YAML cassette, or None when unsure."""
    located = _find_key(data)
    if located is None:
        return None
    key, key_start, pos = located
    # Skip blank and comment lines to the first item.
    while True:
        blank = _BLANK_OR_COMMENT.match(data, pos)
        if blank is None or blank.end() == pos:
            break
        pos = blank.end()
    first = _FIRST_ITEM.match(data, pos)
    if first is None:
        return None
    indent = len(first.group(1))
    if indent > 16:
        return None
    # Item starts: lines with exactly `indent` spaces then "- " (or a lone "-").
    # bytes.find is fast enough for 100 MB; a line this shallow cannot sit inside
    # an item's block scalar, and anything else odd fails when its item is parsed.
    needle = b"\n" + b" " * indent + b"-"
    starts = array("q", [pos])
    cursor = pos
    while True:
        found = data.find(needle, cursor)
        if found < 0:
            break
        cursor = found + len(needle)
        if data[cursor : cursor + 1] in (b" ", b"\n", b"\r", b""):
            starts.append(found + 1)
    # The list ends at the first line after the last item start that is no deeper
    # than the dashes and is not a comment (a top-level key, `...`, `---`).
    shallow = re.compile(rb"\n( {0,%d})([^ \r\n#])" % indent)
    end = len(data)
    tail = shallow.search(data, starts[-1])
    if tail is not None:
        end = tail.start() + 1
    starts.append(end)
    rest = data[end:]
    if rest and shallow_items_after(rest, b" " * indent + b"-"):
        return None
    header = data[:key_start] + rest
    return ListIndex(
        key=key.decode("ascii"),
        dash_column=indent,
        starts=starts,
        header=header,
        line_counter=_LineCounter(data, data.count(b"\n", 0, pos) + 1),
    )


def shallow_items_after(rest: bytes, dash: bytes) -> bool:
    """True when what follows the list holds another item at the list's indentation."""
    return rest.startswith(dash + b" ") or (b"\n" + dash + b" ") in rest
