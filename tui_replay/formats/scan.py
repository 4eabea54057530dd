"""Find cassette files under paths: files, folders (recursive) and globs.

No file is parsed here; the TUI browser and `check` both list with it.
"""

from __future__ import annotations

import glob
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from tui_replay.formats.file_bytes import folder_problem

CASSETTE_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".har"})


SIDECAR_SUFFIXES = (".notes.yaml", ".notes.yml")
"""Teacher notes that sit next to a cassette (see captions.py); never listed as cassettes."""


def is_cassette_name(name: str) -> bool:
    lowered = name.lower()
    return Path(lowered).suffix in CASSETTE_SUFFIXES and not lowered.endswith(SIDECAR_SUFFIXES)


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        st = root.stat()
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:  # a symlink loop or a folder reached twice
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        yield root  # listed, so that its reason is shown (`quick_summary`), not silently left out
        return
    dirs = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                dirs.append(Path(entry.path))
            elif entry.is_file() and is_cassette_name(entry.name):
                yield Path(entry.path)
        except OSError:
            continue
    for sub in dirs:
        yield from _walk(sub, seen)


def iter_cassette_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Cassette-looking files under `paths`, in a stable order, each once, and any folder
    that could not be read (its summary says why)."""
    seen_dirs: set[tuple[int, int]] = set()
    yielded: set[Path] = set()
    for item in paths:
        text = str(item)
        candidates = [Path(p) for p in sorted(glob.glob(text))] if glob.has_magic(text) else [Path(text)]
        for path in candidates:
            found = _walk(path, seen_dirs) if path.is_dir() else iter([path])
            for file in found:
                if file not in yielded:
                    yielded.add(file)
                    yield file


# --------------------------------------------------------------------------
# Cheap per-file summaries for the browser: a regex pass over the text, no
# YAML/JSON parse. Good enough to list thousands of files; the real loader
# runs only when a file is opened.
# --------------------------------------------------------------------------

SUMMARY_READ_LIMIT = 256 * 1024 * 1024
"""Files larger than this are summarised from their first bytes only (shown as "at least")."""
SUMMARY_CHUNK = 1024 * 1024
"""Bytes read and searched at a time. Between two chunks the thread lets others run: one
regex over a whole 100 MB file held the GIL for ~0.7 s and froze the UI while it ran."""

# No pattern matches across a line break but from a status line to the next (which
# `_line_blocks` keeps in one block), so the file can be searched a block of lines at a
# time. Line starts are matched as "\n" (each block is searched with one put in front): `^`
# with re.MULTILINE was 8x slower.
_YAML_LINES = re.compile(
    rb"\n([ \t]*)(?:-[ \t]+(?:id:|request:|request_sample:|request_stream:|collections_method:)"
    rb"|status:[ \t]*([^\n]*)(?:\n([ \t]*)code:[ \t]*['\"]?([1-5]\d\d)\b)?"
    rb"|code:[ \t]*['\"]?([1-5]\d\d)\b)"
)
"""The lines a YAML summary counts, in one pass (two passes, one per kind, took 40% longer):

* a list item that starts an interaction (go-vcr, vcrpy, Ruby VCR, and the xAI gRPC kinds of
  `formats/xai_grpc.py`); only those indented as the first one count: a body recorded as
  YAML has its own `- id:` items (tool calls), which made a 2-interaction file read as 5.
* a response's HTTP status, as each recorder writes it: vcrpy, pydantic-ai and Ruby VCR put
  `code:` on the line under `status:` (or write `status: {code: 200, ...}` or `status: 200`);
  go-vcr writes `status: 200 OK` then `code: 200` at the same indent, or either alone. A
  `code:` line right after `status:` is matched with it, so a go-vcr status counts once; that
  line is always in the same block (`_line_blocks`). A body recorded as YAML holds `code:`
  and `status:` lines too (pydantic-ai's `parsed_body` has `error: {code: 429}`, which counted
  a 3-error file as 6), always nested deeper: `quick_summary` keeps only the shallowest.
"""
_HAR_ENTRY = re.compile(rb'"request"[ \t]*:[ \t]*\{')
_STATUS_VALUE = re.compile(rb"['\"]?([1-5]\d\d)\b|\{[^}]*?\bcode:[ \t]*['\"]?([1-5]\d\d)\b")
"""What follows `status:` on its line when no `code:` line comes next."""
_JSON_STATUS = re.compile(rb'"status"\s*:\s*(?:"|\{\s*"code"\s*:\s*)?([1-5]\d\d)\b')
"""HAR's `"status": 200`, a JSON go-vcr file's `"status": "200 OK"`, a JSON vcrpy file's
`"status": {"code": 200`. A body is a string there, its quotes escaped (`\\"status\\":`)."""
_URL = re.compile(rb"""(?:url|uri)["']?[ \t]*:[ \t]*["']?((?:https?://|<[A-Z][A-Z0-9_]*>)[^\s"']+)""")
"""The first URL, also one whose base a recorder replaced by a placeholder (Ruby VCR's
`filter_sensitive_data` writes `<OLLAMA_API_BASE>/api/chat`)."""
_DIALECT_HINTS: tuple[tuple[str, str], ...] = (
    ("bedrock-runtime", "bedrock"),
    ("/converse", "bedrock"),
    (":generatecontent", "gemini"),
    (":streamgeneratecontent", "gemini"),
    ("generativelanguage", "gemini"),
    ("aiplatform.googleapis", "gemini"),
    ("/v1/messages", "anthropic"),
    ("/responses", "openai-responses"),
    ("/chat/completions", "openai-chat"),
    ("/api/chat", "ollama"),
    ("/v2/chat", "cohere"),
)


@dataclass(frozen=True)
class FileSummary:
    """What the browser lists for a file before it is opened."""

    interactions: int
    errors: int
    """Responses with an HTTP status >= 400."""
    hint: str
    """`dialect · host` guessed from the first URL, e.g. `openai-chat · openrouter.ai`; may be empty."""
    error: str | None = None
    """Why the file cannot be a cassette (unreadable, empty, ...); None when it looks fine."""
    partial: bool = False
    """Only the first `SUMMARY_READ_LIMIT` bytes were read: the counts are lower bounds."""


def _hint(url: str) -> str:
    lowered = url.lower()
    host = urlsplit(url).hostname or (url[: url.index(">") + 1] if url.startswith("<") else "")
    for needle, dialect in _DIALECT_HINTS:
        if needle in lowered:
            return f"{dialect} · {host}" if host else dialect
    return host


def _line_blocks(handle: BinaryIO, limit: int) -> Iterator[tuple[bytes, bool]]:
    """The file's first `limit` bytes as blocks of whole lines (a line longer than a chunk
    makes a longer block), and whether the limit cut the file."""
    pending = b""
    left = limit
    while left > 0:
        chunk = handle.read(min(SUMMARY_CHUNK, left))
        if not chunk:
            break
        left -= len(chunk)
        cut = chunk.rfind(b"\n") + 1
        if cut == 0:
            pending += chunk
            continue
        block = pending + chunk[:cut]
        pending = chunk[cut:]
        # A status's code can be on the line after `status:` (`_YAML_LINES`, `_JSON_STATUS`):
        # a block never ends on that line, it starts the next one.
        last = block.rfind(b"\n", 0, len(block) - 1) + 1
        if block.find(b"status", last) >= 0:
            block, pending = block[:last], block[last:] + pending
        if block:
            yield block, False
        time.sleep(0)  # let the UI thread take the GIL between two blocks
    yield pending, left <= 0 and bool(handle.read(1))


def _is_text(block: bytes) -> bool:
    """The file's first lines are text the loader reads: UTF-8, or UTF-16 with its BOM."""
    if block.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    try:
        block.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _statuses(match: re.Match[bytes]) -> Iterator[tuple[int, int]]:
    """`(indent, HTTP status)` of a `status:` or bare `code:` line that `_YAML_LINES` found."""
    indent, rest, code_indent, code, bare_code = match.groups()
    if not indent:  # a top-level key is no response's
        return
    if bare_code is not None:
        yield len(indent), int(bare_code)
    elif code is not None and len(code_indent) >= len(indent):
        yield len(indent), int(code)
    else:
        if (value := _STATUS_VALUE.match(rest)) is not None:
            yield len(indent), int(value.group(1) or value.group(2))
        if code is not None:  # a shallower `code:`, not this status's
            yield len(code_indent), int(code)


def quick_summary(path: str | Path, stop: Callable[[], bool] | None = None) -> FileSummary | None:
    """Count interactions and error statuses with a regex pass, a block of lines at a time;
    never raises. None when `stop()` turned true before the end."""
    path = Path(path)
    count = errors = 0
    url: bytes | None = None
    is_json: bool | None = None
    has_key = partial = text_file = False
    first_indent: bytes | None = None
    # Every response's status sits at one indent, and a body recorded as YAML is nested deeper
    # (a `status: 400` in an error body): only the shallowest statuses are the HTTP ones.
    status_depth: int | None = None
    errors_at: dict[int, int] = {}
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return FileSummary(0, 0, "", folder_problem(path))
        if not stat.S_ISREG(mode):
            return FileSummary(0, 0, "", "not a regular file (a pipe or device)")
        with path.open("rb") as handle:
            for block, cut in _line_blocks(handle, SUMMARY_READ_LIMIT):
                partial = cut
                if stop is not None and stop():
                    return None
                if is_json is None:
                    text = block.lstrip()
                    if not text:
                        continue
                    is_json = text[:1] in (b"{", b"[")
                    text_file = _is_text(block)
                block = b"\n" + block
                if is_json:
                    count += len(_HAR_ENTRY.findall(block))
                    errors += sum(1 for s in _JSON_STATUS.findall(block) if int(s) >= 400)
                else:
                    for match in _YAML_LINES.finditer(block):
                        if match.group(2) is None and match.group(5) is None:  # an interaction
                            indent = match.group(1)
                            if first_indent is None:
                                first_indent = indent
                            count += indent == first_indent
                            continue
                        for depth, status in _statuses(match):
                            status_depth = depth if status_depth is None else min(status_depth, depth)
                            errors_at[depth] = errors_at.get(depth, 0) + (status >= 400)
                if url is None and (found := _URL.search(block)) is not None:
                    url = found.group(1)
                has_key = has_key or b"interactions" in block or b'"entries"' in block
    except OSError as exc:
        return FileSummary(0, 0, "", f"cannot read: {exc.strerror or exc}")
    if is_json is None:
        return FileSummary(0, 0, "", "empty file")
    if status_depth is not None:
        errors = errors_at[status_depth]
    hint = _hint(url.decode("utf-8", "replace")) if url else ""
    error = None
    if not text_file:  # what opening it says too (random bytes can look like a YAML item)
        error = "not UTF-8 text"
    elif count == 0 and not has_key:
        error = "no interactions found (not a cassette?)"
    return FileSummary(count, errors, hint, error, partial)
