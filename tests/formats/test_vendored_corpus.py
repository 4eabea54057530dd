"""The corpus sample in tests/data/corpus and the seeds in cassettes/ are faithful, listed and small."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.paths import (
    CASSETTES,
    CORPUS,
    DATA,
    SEED_NAMES,
    SEEDS,
    VENDORED_CORPUS,
    corpus_file,
    vendored_corpus_files,
)
from tui_replay.formats.load import load_cassette

VENDORED = vendored_corpus_files()
README = (DATA / "README.md").read_text()
# each source folder -> its heading in the README, under which its files are listed
SOURCES = {
    "go-vcr/fantasy": "### corpus/go-vcr/fantasy/",
    "vcrpy/pydantic-ai": "### corpus/vcrpy/pydantic-ai/",
}


def under_corpus(path: Path) -> str:
    return path.relative_to(VENDORED_CORPUS).as_posix()


def test_the_sample_is_there_and_stays_small() -> None:
    assert VENDORED, "tests/data/corpus is empty"
    assert sum(p.stat().st_size for p in VENDORED) < 300_000


@pytest.mark.parametrize("path", VENDORED, ids=under_corpus)
def test_each_vendored_file_is_listed_under_its_source(path: Path) -> None:
    source = next((s for s in SOURCES if under_corpus(path).startswith(s + "/")), None)
    assert source is not None, f"{under_corpus(path)} comes from a source tests/data/README.md does not name"
    assert (VENDORED_CORPUS / source / "LICENSE").is_file()
    section = re.split(r"\n##+ ", README.split(SOURCES[source], 1)[1], maxsplit=1)[0]
    assert f"| `{path.relative_to(VENDORED_CORPUS / source).as_posix()}` |" in section


def test_the_vendored_files_are_the_shared_originals_byte_for_byte() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    changed = [under_corpus(p) for p in VENDORED if p.read_bytes() != (CORPUS / under_corpus(p)).read_bytes()]
    assert changed == []


@pytest.mark.parametrize("path", VENDORED, ids=under_corpus)
def test_each_vendored_file_loads_every_interaction(path: Path) -> None:
    file = load_cassette(path)
    file.validate()
    assert len(file) >= 1
    assert all(raw.status is not None and raw.url for raw in file)


def test_corpus_file_prefers_the_vendored_copy() -> None:
    relative = under_corpus(VENDORED[0])
    assert corpus_file(relative) == VENDORED_CORPUS / relative


def test_corpus_file_skips_a_file_found_nowhere() -> None:
    with pytest.raises(pytest.skip.Exception, match="not vendored"):
        corpus_file("go-vcr/fantasy/NoSuchTest/none.yaml")


def test_the_bundled_seeds_are_the_shared_seeds() -> None:
    # Tests read the seeds from cassettes/ when ../shared/seeds is absent (conftest's seeds_dir).
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    assert sorted(p.name for p in SEEDS.glob("*.yaml")) == sorted(SEED_NAMES)
    for name in SEED_NAMES:
        assert (CASSETTES / name).read_bytes() == (SEEDS / name).read_bytes(), name
