"""Shared fixtures. `../shared` (seeds and corpus) is optional: tests that need it skip.

Paths live in `tests/helpers/paths.py`; import them from there (the names below are re-exported
for tests that still import them from here).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers.paths import (  # noqa: F401  (re-exported)
    CASSETTES,
    CORPUS,
    ROOT,
    SEED_NAMES,
    SEEDS,
    SHARED,
    corpus_files,
)

# Property tests draw the same examples on every run (derived from each test's code), so a red CI
# run is red again when re-run and a green one is not luck. `--hypothesis-profile=explore` (what
# `bench/fuzz_long.py` passes) draws fresh examples each run and remembers failures in .hypothesis/.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("repeatable")


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def seeds_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`../shared/seeds`, or a folder of the identical copies bundled in `cassettes/`."""
    if SEEDS.is_dir():
        return SEEDS
    folder = tmp_path_factory.mktemp("seeds")
    for name in SEED_NAMES:
        shutil.copyfile(CASSETTES / name, folder / name)
    return folder


@pytest.fixture
def cassettes_dir() -> Path:
    return CASSETTES


@pytest.fixture
def free_port() -> int:
    """A TCP port on loopback that was free a moment ago."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
