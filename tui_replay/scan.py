"""Find cassette files under paths: files, folders (recursive) and globs.

No file is parsed here; the TUI browser and `check` both list with it.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

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
    """Cassette-looking files under `paths`, in a stable order, each once."""
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

SUMMARY_READ_LIMIT = 32 * 1024 * 1024
"""Files larger than this are summarised from their first bytes only."""

_INTERACTION_STARTS = re.compile(rb"^[ \t]*-[ \t]+(?:id:|request:|request_sample:)", re.MULTILINE)
_HAR_ENTRY = re.compile(rb'"request"\s*:\s*\{')
_YAML_CODE = re.compile(rb"^[ \t]+code:[ \t]*['\"]?([1-5]\d\d)\b", re.MULTILINE)
_HAR_STATUS = re.compile(rb'"status"\s*:\s*([1-5]\d\d)\b')
_URL = re.compile(rb"""(?:url|uri)["']?\s*:\s*["']?(https?://[^\s"']+)""")

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


def _hint(url: str) -> str:
    lowered = url.lower()
    host = urlsplit(url).hostname or ""
    for needle, dialect in _DIALECT_HINTS:
        if needle in lowered:
            return f"{dialect} · {host}" if host else dialect
    return host


def quick_summary(path: str | Path) -> FileSummary:
    """Count interactions and error statuses with a regex pass; never raises."""
    path = Path(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return FileSummary(0, 0, "", "not a regular file (a pipe or device)")
        with path.open("rb") as handle:
            data = handle.read(SUMMARY_READ_LIMIT)
    except OSError as exc:
        return FileSummary(0, 0, "", f"cannot read: {exc.strerror or exc}")
    if not data.strip():
        return FileSummary(0, 0, "", "empty file")
    is_json = data.lstrip()[:1] in (b"{", b"[")
    if is_json:
        count = len(_HAR_ENTRY.findall(data))
        statuses = _HAR_STATUS.findall(data)
    else:
        count = len(_INTERACTION_STARTS.findall(data))
        statuses = _YAML_CODE.findall(data)
    errors = sum(1 for s in statuses if int(s) >= 400)
    url = _URL.search(data)
    hint = _hint(url.group(1).decode("utf-8", "replace")) if url else ""
    error = None
    if count == 0 and b"interactions" not in data and b'"entries"' not in data:
        error = "no interactions found (not a cassette?)"
    return FileSummary(count, errors, hint, error)
