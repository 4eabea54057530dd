"""Find cassette files under paths: files, folders (recursive) and globs.

No file is parsed here; the TUI browser and `check` both list with it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

CASSETTE_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".har"})


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
            elif entry.is_file() and Path(entry.name).suffix.lower() in CASSETTE_SUFFIXES:
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
