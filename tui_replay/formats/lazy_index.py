"""Find the items of a cassette's top-level list in the raw bytes, without parsing them.

Cassette writers (go-vcr, vcrpy, Ruby VCR) put the interactions in a block
sequence under one top-level key::

    version: 2
    interactions:
      - id: 0          <- every item starts with exactly this indentation and "- "
        request: ...
      - id: 1
    ...

`index_list` finds that key, the column of the item dashes, and where the list
ends, then splits the list into one byte range per item as far as asked: item
0 needs only the start of the file. An item starts at a line of exactly the
dashes' indentation then "- "; the list ends at the first line after the last
item start that is no deeper than the dashes and is not a comment; after the
list only top-level keys may follow. The last item start is found from the end
of the file, so where the list ends (and the keys after it, e.g. vcrpy's
`version: 1`) is known without reading the middle. Anything unusual (a
flow-style list, no such key, a document not shaped like this) gives None and
the caller parses the whole file instead.

The middle is checked as it is split: a line between two item starts that is
no deeper than the dashes and is not a comment (a top-level key such as
`version:` followed by its own `- ` list, a `---`) means the list really ended
there and the later "items" are not interactions. `ListIndex.stray_line` then
records where, so the caller can parse the whole file before it hands out a
count that a full parse would change.

Each item is later parsed on its own; an item that does not parse alone (an
alias to an anchor in another item, a quoted string whose continuation line
looks like an item start) makes the caller fall back to a full parse too.
"""

from __future__ import annotations

import re
import sys
from array import array

from tui_replay.formats.file_bytes import FileBytes

LIST_KEYS = (b"interactions", b"http_interactions")

_AFTER_KEY = re.compile(rb":[ \t]*(?:#[^\n]*)?\r?\n")
_BLANK_OR_COMMENT = re.compile(rb"[ \t]*(?:#[^\n]*)?\r?\n")
_FIRST_ITEM = re.compile(rb"( *)-(?: |\r?\n)")
_ITEM_FOLLOWS = (b" ", b"\n", b"\r", b"")
"""What follows the dash of an item start ("- " or a lone "-")."""

TAIL_READ = 64 * 1024
"""The first piece of the file's end read to find the last item (grown until it holds it)."""


class ListIndex:
    """Where the items of the top-level list sit in the file's bytes, found as far as asked."""

    def __init__(
        self, source: FileBytes, key: str, dash_column: int, first: int, last: int, end: int, header: bytes
    ) -> None:
        self.source = source
        self.key = key
        """The list's key: `interactions` or `http_interactions`."""
        self.dash_column = dash_column
        self.header = header
        """The document without the list (what comes before the key and after the list)."""
        self._shallow = re.compile(rb"\n {0,%d}[^ \r\n#]" % dash_column)
        """The newline before a line no deeper than the dashes that is not blank or a comment:
        an item start, or a line that no item can hold."""
        self.stray_line: int | None = None
        """Offset of the first line found inside the split list that cannot be inside an item
        (no deeper than the dashes, not an item start, not a comment): the split does not hold
        when set."""
        self._starts = array("q", [first])
        """Byte offset where each item found so far starts (at its line start), then, once all
        are found, the list's end."""
        self._last, self._end = last, end
        self._complete = False
        self._cursor = first
        self._lines = array("q", [source.count(b"\n", 0, first) + 1])
        if first == last:
            self._finish()

    def _finish(self) -> None:
        if self._starts[-1] != self._last:
            self._starts.append(self._last)
        # The last item's end was found as the first shallow line after it: nothing to check.
        self._starts.append(self._end)
        self._complete = True

    def _find_starts(self, count: int) -> None:
        """Know the first `count` offsets of `_starts` (all of them when there are fewer).

        Item starts and stray lines are both shallow lines, found in one pass: finding the
        dashes with `bytes.find` and checking each item for stray lines with a regex read a
        100 MB file twice, the most costly step of opening it in the app."""
        starts, column = self._starts, self.dash_column
        stop = self._last + column + 1  # the newline before the last item start, and its dash
        while len(starts) < count and not self._complete:
            found = self.source.search(self._shallow, self._cursor, stop, column + 2)
            if found is None or found[0] + 1 >= self._last:
                self._finish()
                break
            line, self._cursor = found[0] + 1, found[1]
            if self._is_item_start(line, found[1]):
                starts.append(line)
            elif self.stray_line is None:
                self.stray_line = line

    def _is_item_start(self, line: int, shallow_end: int) -> bool:
        """Whether the shallow line at `line` (its first non-space at `shallow_end - 1`) is an
        item start: exactly the dashes' indentation, then "- " or a lone "-"."""
        dash = line + self.dash_column
        if shallow_end != dash + 1:
            return False
        data = self.source.load_to(dash + 2)
        return data[dash : dash + 1] == b"-" and data[dash + 1 : dash + 2] in _ITEM_FOLLOWS

    def __len__(self) -> int:
        """Every item start is found (the whole file is read) to count them."""
        if not self._complete:
            self.source.all()  # in one read, not chunk by chunk
        self._find_starts(sys.maxsize)
        return len(self._starts) - 1

    def count_up_to(self, limit: int) -> int:
        """min(len(self), limit), reading no further than item `limit`."""
        self._find_starts(limit + 1)
        return min(limit, len(self._starts) - 1 if self._complete else limit)

    def span(self, index: int) -> tuple[int, int]:
        """(start, end) byte offsets of item `index` in the file."""
        self._find_starts(index + 2)
        if not 0 <= index < len(self._starts) - 1:
            raise IndexError(f"item {index} out of range")
        return self._starts[index], self._starts[index + 1]

    def item_bytes(self, index: int) -> bytes:
        return self.source.slice(*self.span(index))

    def line(self, index: int) -> int:
        """1-based line of item `index`'s dash (newlines counted once, up to the item)."""
        self.span(index)
        lines, starts = self._lines, self._starts
        while len(lines) <= index:
            known = len(lines) - 1
            lines.append(lines[known] + self.source.count(b"\n", starts[known], starts[known + 1]))
        return lines[index]


def _find_key(source: FileBytes) -> tuple[bytes, int, int] | None:
    """(key, offset of the key's line, offset after the key's line) of the first list key at
    column 0 followed by nothing but a comment on its line."""
    word = LIST_KEYS[0] + b":"
    pos = 0
    while True:
        found = source.find(word, pos)
        if found < 0:
            return None
        pos = found + 1
        data = source.load_to(source.line_end(found))
        for key in LIST_KEYS:
            key_start = found - (len(key) - len(LIST_KEYS[0]))
            if key_start < 0 or data[key_start : found + len(word)] != key + b":":
                continue
            if key_start and data[key_start - 1 : key_start] != b"\n" and data[:key_start] != b"\xef\xbb\xbf":
                continue
            tail = _AFTER_KEY.match(data, key_start + len(key))
            if tail is not None:  # else `interactions: []` or a value on the same line: not a block list
                return key, key_start, tail.end()


def _last_item(source: FileBytes, needle: bytes, first: int) -> int:
    """Start of the last item: the last item-start line after the first item's, read from the
    file's end (the first item's start when there is no other)."""
    size = TAIL_READ
    while True:
        at, tail = source.tail(size)
        pos = len(tail)
        while True:
            found = tail.rfind(needle, max(first - at, 0), pos)
            if found < 0:
                break
            after = found + len(needle)
            if tail[after : after + 1] in _ITEM_FOLLOWS:
                return at + found + 1
            pos = after - 1
        if at <= first:
            return first
        size *= 4


def index_list(source: FileBytes) -> ListIndex | None:
    """Index the top-level interactions list of a YAML cassette, or None when unsure."""
    located = _find_key(source)
    if located is None:
        return None
    key, key_start, pos = located
    # Skip blank and comment lines to the first item.
    while True:
        data = source.load_to(source.line_end(pos))
        blank = _BLANK_OR_COMMENT.match(data, pos)
        if blank is None or blank.end() == pos:
            break
        pos = blank.end()
    first = _FIRST_ITEM.match(source.load_to(source.line_end(pos)), pos)
    if first is None:
        return None
    indent = len(first.group(1))
    if indent > 16:
        return None
    # bytes.find is fast enough for item starts; a line this shallow cannot sit inside an
    # item's block scalar, and anything else odd fails when its item is parsed.
    needle = b"\n" + b" " * indent + b"-"
    last = _last_item(source, needle, pos)
    at, tail = source.tail(source.size - last)
    # The list ends at the first line after the last item start that is no deeper than the
    # dashes and is not a comment (a top-level key, `...`, `---`).
    shallow = re.compile(rb"\n( {0,%d})([^ \r\n#])" % indent)
    end = source.size
    found = shallow.search(tail, last - at)
    if found is not None:
        end = at + found.start() + 1
    rest = tail[end - at :]
    if rest and shallow_items_after(rest, b" " * indent + b"-"):
        return None
    header = source.slice(0, key_start) + rest
    return ListIndex(source, key.decode("ascii"), indent, pos, last, end, header)


def shallow_items_after(rest: bytes, dash: bytes) -> bool:
    """True when what follows the list holds another item at the list's indentation."""
    return rest.startswith(dash + b" ") or (b"\n" + dash + b" ") in rest
