"""The bench's big-cassette generator (bench/make_big_cassette.py), for tests at a small size."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_big_cassette(path: Path, interactions: int, megabytes: float) -> Path:
    """A go-vcr cassette of streamed chat interactions, the same bytes every time."""
    spec = importlib.util.spec_from_file_location(
        "make_big_cassette", ROOT / "bench" / "make_big_cassette.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made: Path = module.generate(path, interactions, megabytes)
    return made
