"""Where the tests find cassettes: the bundled ones, the vendored corpus sample, and `../shared`.

`../shared` (seeds and the 475-file corpus) sits beside the checkout on the team's machines and
is absent from a fresh clone; `TUI_REPLAY_SHARED` points elsewhere (or at a missing directory, to
see what a fresh clone runs). A test about one corpus file reads the copy vendored in
`tests/data/corpus/` (same layout as the corpus, sources in `tests/data/README.md`), so it runs
everywhere; a test about the whole corpus needs `../shared` and skips without it.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes"
DATA = ROOT / "tests" / "data"
VENDORED_CORPUS = DATA / "corpus"
SHARED = Path(os.environ.get("TUI_REPLAY_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"

# The five cassettes the product was specified from; `cassettes/` holds byte-identical copies.
SEED_NAMES = (
    "openrouter_kimi_multi_tool.yaml",
    "openrouter_kimi_multi_tool_streaming.yaml",
    "openrouter_kimi_tool_siliconflow.yaml",
    "openrouter_kimi_tool_together.yaml",
    "openrouter_kimi_tool_wandb.yaml",
)


def corpus_files() -> list[Path]:
    """Every cassette in the shared corpus, or [] when it is absent (never the vendored sample)."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in {".yaml", ".yml"})


def vendored_corpus_files() -> list[Path]:
    """The corpus files copied into `tests/data/corpus/`."""
    return sorted(p for p in VENDORED_CORPUS.rglob("*") if p.suffix in {".yaml", ".yml"})


def corpus_file(relative: str | PurePath) -> Path:
    """One corpus file by its path under the corpus: the vendored copy, else `../shared`, else skip.

    The vendored copy wins even when `../shared` is present, so a test reads the same bytes on
    every machine (`tests/formats/test_vendored_corpus.py` checks the copies still match).
    """
    for root in (VENDORED_CORPUS, CORPUS):
        path = root / relative
        if path.is_file():
            return path
    pytest.skip(f"{relative} is not vendored in tests/data/corpus and ../shared/corpus is not present")


VENDORED_CORPUS_NEW = DATA / "corpus-new"
CORPUS_NEW = SHARED / "corpus-new"


def corpus_new_file(relative: str | PurePath) -> Path:
    """One file of `../shared/corpus-new` (realtime sessions and the newer recordings) by its path
    there: the copy vendored in `tests/data/corpus-new/` (sources in `tests/data/README.md`),
    else `../shared/corpus-new`, else skip."""
    for root in (VENDORED_CORPUS_NEW, CORPUS_NEW):
        path = root / relative
        if path.is_file():
            return path
    pytest.skip(
        f"{relative} is not vendored in tests/data/corpus-new and ../shared/corpus-new is not present"
    )
