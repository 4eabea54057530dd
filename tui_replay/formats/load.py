"""Record formats: cassette file -> `CassetteFile` of `RawInteraction`s.

    file = load_cassette(path)      # detects the format from the file's start (and end)
    file.format                     # "go-vcr", "vcrpy", "xai-grpc", "ruby-vcr", "har"
    file.raw(i)                     # parsed on demand, cached
    file.has(i)                     # reads the file no further than interaction i
    len(file)                       # known without parsing any interaction (reads the file);
                                    # a count once handed out never changes
    file.facts(i)                   # method, status, duration, streamed: read, not parsed
    file.validate()                 # parse everything; raises the first broken item

The format is detected from content, never from the file extension. YAML is
read with the safe loader only (see `yaml_safe`).

Loading is lazy for YAML cassettes laid out the usual way: the interactions
list is split into per-item byte ranges (`lazy_index`) as far as asked, the
file is read only that far (`file_bytes.FileBytes`), and an item is parsed only
when asked for, so `raw(0)` of a 100 MB file costs a small fraction of a full
parse. Files shaped otherwise are parsed whole.

Errors: only `CassetteError`, with the file, the line/column when the YAML
parser knows it (else the interaction) and what was expected.
`load_cassette` raises for problems with the file as a whole (unreadable, not
YAML/JSON, not a cassette); an interaction that is broken on its own raises
from `raw(i)` (and from `validate()` and iteration), so the rest of the file
stays usable. `check` is expected to catch `CassetteError` per file.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tui_replay.formats import detect
from tui_replay.formats.file_bytes import FileBytes
from tui_replay.formats.item_facts import ItemFacts, facts_in, facts_of
from tui_replay.formats.lazy_index import ListIndex, index_list
from tui_replay.formats.shape import ShapeError
from tui_replay.formats.yaml_safe import MAX_DEPTH, error_place, error_text, load_yaml
from tui_replay.model import CassetteError, RawInteraction

__all__ = ["CassetteError", "CassetteFile", "load_cassette"]

CACHE_SIZE = 512
"""Parsed interactions kept per file (bodies of big files are large)."""

LAZY_MIN_BYTES = 0
"""Files smaller than this are parsed whole; 0 = every usual-layout YAML file is read lazily
(it is as fast as a whole parse, and errors stay with their interaction)."""


PARSED_FOR_FACTS = frozenset({"xai-grpc"})
"""Formats whose items do not write method and status as `method:` and `code:` lines."""


class _FullParseFailed(Exception):
    pass


class CassetteFile:
    """A cassette on disk: its format and its interactions, read on demand."""

    def __init__(
        self,
        path: Path,
        record_format: detect.Format,
        *,
        index: ListIndex | None = None,
        items: list[Any] | None = None,
        lines: list[int | None] | None = None,
    ) -> None:
        self.path = path
        self._format = record_format
        self.format: str = record_format.name
        self.format_version: int | None = record_format.version
        self._index = index
        self._items = items
        self._lines = lines
        self._cache: OrderedDict[int, RawInteraction] = OrderedDict()
        self._first: Any = None
        self._split_stands = False
        """The whole file was parsed once and failed, or disagreed with a count already handed
        out: the byte split stays (each item it cannot read reports its own error)."""
        self._counted = 0
        """The largest count handed out by the byte split (interactions said to exist)."""
        self._len_given = False
        """Whether the byte split's full count was handed out (`len()`)."""
        self.items_parsed = 0
        """How many interactions were parsed from bytes so far (lazy loading is observable)."""
        self._lock = threading.RLock()
        """Held by every public method that reads the file or changes what was learnt of it:
        the app counts a big cassette's interactions in a thread while the UI thread shows
        the first ones (a split read from two threads at once could list an item twice)."""

    @property
    def lazy(self) -> bool:
        """True while interactions are parsed one by one from the file's bytes."""
        return self._index is not None

    @property
    def bytes_read(self) -> int | None:
        """Bytes of the file read from disk so far when it is read lazily, else None."""
        return self._index.source.bytes_read if self._index is not None else None

    def __len__(self) -> int:
        """The number of interactions; a lazily read file is read to its end to count them."""
        with self._lock:
            if self._index is not None:
                count = len(self._index)
                if not self._split_doubted():
                    self._counted, self._len_given = count, True
                    return count
            return len(self._items or ())

    def count_up_to(self, limit: int) -> int:
        """`min(len(self), limit)`, reading the file no further than interaction `limit`."""
        with self._lock:
            if self._index is not None:
                count = self._index.count_up_to(limit)
                if not self._split_doubted():
                    self._counted = max(self._counted, count)
                    return count
            return min(limit, len(self._items or ()))

    def _split_doubted(self) -> bool:
        """Whether the byte split turned out not to hold where it was just read, in which case
        the whole file is parsed now: callers loop over `range(len(file))`, so a count must
        never change after it was handed out (as it would if the full parse came later, when
        an item failed to parse alone)."""
        if self._index is None or self._index.stray_line is None or self._split_stands:
            return False
        return self._use_whole_parse()

    def has(self, index: int) -> bool:
        """Whether interaction `index` exists, reading the file no further than it."""
        return index >= 0 and self.count_up_to(index + 1) > index

    def item_bytes(self, index: int) -> bytes | None:
        """Interaction `index` as it is written in the file, when the file is read lazily (its
        items are found in the bytes); None when it was parsed whole."""
        with self._lock:
            if self._index is None or not self.has(index):
                return None
            return self._index.item_bytes(index)

    def facts(self, index: int) -> ItemFacts:
        """Method, status, duration and streamed of interaction `index`: read in its bytes
        without parsing it when the file is read lazily (an estimate for an item written
        oddly), else from the parsed interaction."""
        with self._lock:
            if self._index is None or self.format in PARSED_FOR_FACTS or not self.has(index):
                return facts_of(self.raw(index))
            start, end = self._index.span(index)
            return facts_in(self._index.source.load_to(end), start, end)

    def __iter__(self) -> Iterator[RawInteraction]:
        i = 0
        # Not len(): a count once handed out must hold, while reading item by item leaves an odd
        # layout found on the way free to switch to a full parse.
        while self.has(i):
            yield self.raw(i)
            i += 1

    def validate(self) -> None:
        """Read every interaction; raise `CassetteError` for the first broken one.

        Afterwards `len()` is certain even for hand-made layouts the byte index
        misjudged (those fall back to a full parse the moment an item fails).
        """
        for _ in self:
            pass

    def raw(self, index: int) -> RawInteraction:
        with self._lock:
            return self._raw(index)

    def _raw(self, index: int) -> RawInteraction:
        if not self.has(index):
            raise IndexError(f"interaction {index} out of range (0..{len(self) - 1})")
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            return cached
        item, line = self._item(index)
        try:
            interaction = self._format.convert(item, index, line)
        except ShapeError as exc:
            raise CassetteError(self.path, str(exc), line=line, interaction=index) from None
        except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
            raise CassetteError(
                self.path,
                f"unreadable interaction ({type(exc).__name__}: {exc})",
                line=line,
                interaction=index,
            ) from None
        self._cache[index] = interaction
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return interaction

    # -- items -------------------------------------------------------------

    def _item(self, index: int) -> tuple[Any, int | None]:
        if self._index is None:
            assert self._items is not None
            line = self._lines[index] if self._lines is not None and index < len(self._lines) else None
            return self._items[index], line
        if index == 0 and self._first is not None:
            first, self._first = self._first, None  # parsed once for format detection
            return first, self._index.line(0)
        chunk = self._index.item_bytes(index)
        line = self._index.line(index)
        self.items_parsed += 1
        try:
            parsed = load_yaml(chunk)
        except yaml.YAMLError as exc:
            self._fall_back_or_raise(exc, chunk, line, index)
            return self._item(index)
        except RecursionError:
            raise CassetteError(
                self.path,
                f"nested more than {MAX_DEPTH} levels deep (expected an interaction)",
                line=line,
                interaction=index,
            ) from None
        if not isinstance(parsed, list) or len(parsed) != 1:
            # The split did not hold (an odd layout): the whole file decides.
            self._fall_back_or_raise(None, chunk, line, index)
            return self._item(index)
        return parsed[0], line

    def _use_whole_parse(self) -> bool:
        """Parse the whole file and use its interactions instead of the byte split; False (and
        the split kept) when the whole file does not parse as a cassette, or when its count
        contradicts one already handed out (a quoted string whose next line looks like an item
        start, in an item read after the count): callers loop over `range(len(file))`."""
        assert self._index is not None
        if self._split_stands:
            return False
        try:
            document = _parse_whole(self.path, self._index.source.all())
            found = detect.for_document(document)
            if isinstance(found, str):
                raise _FullParseFailed
        except (CassetteError, _FullParseFailed):
            self._split_stands = True
            return False
        if len(found[1]) < self._counted or (self._len_given and len(found[1]) != self._counted):
            self._split_stands = True
            return False
        self._format, items = found
        self.format, self.format_version = self._format.name, self._format.version
        self._items, self._lines, self._index = items, None, None
        self._cache.clear()
        self._first = None
        return True

    def _fall_back_or_raise(self, exc: yaml.YAMLError | None, chunk: bytes, line: int, index: int) -> None:
        """An item did not parse alone: parse the whole file once to tell a bad split from a bad item."""
        if not self._use_whole_parse():
            if exc is None:
                raise CassetteError(
                    self.path,
                    "not a single list item (expected one interaction)",
                    line=line,
                    interaction=index,
                ) from None
            raise _item_yaml_error(self.path, exc, chunk, line, index) from None
        # The whole document is fine: the byte split was wrong; the full parse is used from now on.
        if index >= len(self._items or ()):
            raise CassetteError(self.path, "no such interaction after a full parse", interaction=index)


def _item_yaml_error(path: Path, exc: yaml.YAMLError, chunk: bytes, line: int, index: int) -> CassetteError:
    place = error_place(exc, chunk)
    if place is None:
        return CassetteError(path, error_text(exc), line=line, interaction=index)
    return CassetteError(path, error_text(exc), line=line + place[0], column=place[1] + 1, interaction=index)


def _yaml_error(path: Path, exc: yaml.YAMLError, data: bytes) -> CassetteError:
    place = error_place(exc, data)
    if place is None:
        return CassetteError(path, error_text(exc))
    return CassetteError(path, error_text(exc), line=place[0] + 1, column=place[1] + 1)


def _parse_whole(path: Path, data: bytes) -> Any:
    try:
        return load_yaml(data)
    except yaml.YAMLError as exc:
        raise _yaml_error(path, exc, data) from None
    except RecursionError:
        raise CassetteError(path, f"nested more than {MAX_DEPTH} levels deep (expected a cassette)") from None


def _looks_like_json(data: bytes | bytearray) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def _load_json(path: Path, data: bytes) -> Any:
    try:
        return json.loads(data)
    except UnicodeDecodeError as exc:
        raise CassetteError(
            path, f"cannot read the file as UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except json.JSONDecodeError as exc:
        raise CassetteError(path, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise CassetteError(path, f"nested more than {MAX_DEPTH} levels deep (expected a cassette)") from None


def _from_document(
    path: Path, document: Any, *, was_json: bool = False, index: ListIndex | None = None
) -> CassetteFile:
    found = detect.for_document(document)
    if isinstance(found, str):
        if was_json and isinstance(document, dict):
            found = found.replace("a mapping", "a JSON object")
        raise CassetteError(path, found)
    fmt, items = found
    lines: list[int | None] | None = None
    if index is not None and fmt.source_item is not None:
        lines = [index.line(fmt.source_item(item)) for item in items]
    elif index is not None and len(index) == len(items):
        lines = [index.line(i) for i in range(len(index))]
    return CassetteFile(path, fmt, items=items, lines=lines)


def _from_index(path: Path, index: ListIndex) -> CassetteFile | None:
    """A lazily read cassette, or None when the layout is not what the index assumed."""
    try:
        header = load_yaml(index.header) if index.header.strip() else {}
    except (yaml.YAMLError, RecursionError):
        return None
    if header is None:
        header = {}
    if not isinstance(header, dict) or "interactions" in header or "http_interactions" in header:
        return None
    if index.key == "http_interactions":
        return CassetteFile(path, detect.RUBY_VCR, index=index)
    file = CassetteFile(path, detect.for_interactions(header, None), index=index)
    if not file.has(0) or not file.lazy:  # an empty list, or the split already failed: parsed whole
        return file
    first_bytes = index.item_bytes(0)
    if first_bytes:
        try:
            first, _ = file._item(0)
        except CassetteError:
            first = None
        if not file.lazy:  # item 0 showed that the split does not hold; the full parse decided
            return file
        file._first = first
        file._format = detect.for_interactions(header, first, first_bytes)
        file.format, file.format_version = file._format.name, file._format.version
        if file._format.group is not None:
            return None  # items are grouped into interactions: the whole file is needed
    return file


def load_cassette(path: str | Path, data: bytes | None = None) -> CassetteFile:
    """Open a cassette file read-only; raises `CassetteError` for anything unreadable.

    `data` is the file's bytes when the caller has read them already
    (`read_cassette_bytes`), e.g. in a thread while it imported something else. Else a big
    YAML file is read only as far as the interactions asked for (`FileBytes`)."""
    path = path if isinstance(path, Path) else Path(path)
    source = FileBytes(path, data)
    head = source.loaded
    if not source.size or (head.isspace() and source.all().isspace()):
        raise CassetteError(path, f"{detect.NOT_A_CASSETTE}; the file is empty")
    if _looks_like_json(head):
        data = source.all()
        try:
            document = json.loads(data)
        except (ValueError, RecursionError):
            pass  # maybe YAML flow style after all; if not, report it as JSON
        else:
            return _from_document(path, document, was_json=True)
        try:
            document = load_yaml(data)
        except (yaml.YAMLError, RecursionError):
            _load_json(path, data)  # raises the JSON error, which is what the file looks like
            raise  # pragma: no cover - _load_json raised
        return _from_document(path, document)
    index = index_list(source)
    if index is not None and source.size >= LAZY_MIN_BYTES:
        file = _from_index(path, index)
        if file is not None:
            return file
    return _from_document(path, _parse_whole(path, source.all()), index=index)
