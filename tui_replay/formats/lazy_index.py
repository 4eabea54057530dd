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


@dataclass(frozen=True)
class ListIndex:
    """Where the items of the top-level list sit in the file's bytes."""

    key: str
    """The list's key: `interactions` or `http_interactions`."""
    dash_column: int
    starts: array[int]
    """Byte offset where each item starts (at its line start), plus one final end offset."""
    lines: array[int]
    """1-based line number of each item's dash."""
    header: bytes
    """The document without the list (what comes before the key and after the list)."""
    header_line_count: int
    """Lines before the list key (the header's suffix starts after the list, for messages)."""

    def __len__(self) -> int:
        return len(self.starts) - 1

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
    # Every line no deeper than the dashes: an item start, a comment, or the end.
    shallow = re.compile(rb"\n( {0,%d})([^ \r\n])" % indent)
    dash = b" " * indent + b"-"
    starts = array("q", [pos])
    end = len(data)
    for match in shallow.finditer(data, pos):
        line_start = match.start() + 1
        char = match.group(2)
        if char == b"#":
            continue
        if len(match.group(1)) == indent and char == b"-":
            after = data[line_start + indent + 1 : line_start + indent + 2]
            if after in (b" ", b"\n", b"\r", b""):
                starts.append(line_start)
                continue
        end = line_start
        break
    starts.append(end)
    rest = data[end:]
    if rest:
        # After the list only top-level content may follow (keys, comments, document end).
        if shallow_items_after(rest, dash):
            return None
    lines = array("q")
    line = data.count(b"\n", 0, starts[0]) + 1
    previous = starts[0]
    for offset in starts[:-1]:
        line += data.count(b"\n", previous, offset)
        previous = offset
        lines.append(line)
    header = data[:key_start] + rest
    return ListIndex(
        key=key.decode("ascii"),
        dash_column=indent,
        starts=starts,
        lines=lines,
        header=header,
        header_line_count=data.count(b"\n", 0, key_start),
    )


def shallow_items_after(rest: bytes, dash: bytes) -> bool:
    """True when what follows the list holds another item at the list's indentation."""
    return rest.startswith(dash + b" ") or (b"\n" + dash + b" ") in rest
