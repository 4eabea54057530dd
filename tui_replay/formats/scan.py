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

# No pattern matches across a line break, so the file can be searched a block of lines at a
# time. Line starts are matched as "\n" (each block is searched with one put in front): `^`
# with re.MULTILINE was 8x slower.
_INTERACTION_STARTS = re.compile(
    rb"\n([ \t]*)-[ \t]+(?:id:|request:|request_sample:|request_stream:|collections_method:)"
)
"""A list item that starts an interaction (go-vcr, vcrpy, and the xAI gRPC kinds of
`formats/xai_grpc.py`); only those indented as the first one count: a body recorded as
YAML has its own `- id:` items (tool calls), which made a 2-interaction file read as 5."""
_HAR_ENTRY = re.compile(rb'"request"[ \t]*:[ \t]*\{')
_YAML_CODE = re.compile(rb"\n[ \t]+code:[ \t]*['\"]?([1-5]\d\d)\b")
_HAR_STATUS = re.compile(rb'"status"[ \t]*:[ \t]*([1-5]\d\d)\b')
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
        yield pending + chunk[:cut], False
        pending = chunk[cut:]
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


def quick_summary(path: str | Path, stop: Callable[[], bool] | None = None) -> FileSummary | None:
    """Count interactions and error statuses with a regex pass, a block of lines at a time;
    never raises. None when `stop()` turned true before the end."""
    path = Path(path)
    count = errors = 0
    url: bytes | None = None
    is_json: bool | None = None
    has_key = partial = text_file = False
    first_indent: bytes | None = None
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
                entries, statuses = (
                    (_HAR_ENTRY, _HAR_STATUS) if is_json else (_INTERACTION_STARTS, _YAML_CODE)
                )
                block = b"\n" + block
                if is_json:
                    count += len(entries.findall(block))
                else:
                    for indent in entries.findall(block):
                        if first_indent is None:
                            first_indent = indent
                        count += indent == first_indent
                errors += sum(1 for s in statuses.findall(block) if int(s) >= 400)
                if url is None and (found := _URL.search(block)) is not None:
                    url = found.group(1)
                has_key = has_key or b"interactions" in block or b'"entries"' in block
    except OSError as exc:
        return FileSummary(0, 0, "", f"cannot read: {exc.strerror or exc}")
    if is_json is None:
        return FileSummary(0, 0, "", "empty file")
    hint = _hint(url.decode("utf-8", "replace")) if url else ""
    error = None
    if not text_file:  # what opening it says too (random bytes can look like a YAML item)
        error = "not UTF-8 text"
    elif count == 0 and not has_key:
        error = "no interactions found (not a cassette?)"
    return FileSummary(count, errors, hint, error, partial)
