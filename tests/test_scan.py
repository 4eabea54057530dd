"""The file scanner: what counts as a cassette, in a stable order."""

from __future__ import annotations

from pathlib import Path

from tui_replay.scan import iter_cassette_files


def test_teacher_notes_next_to_a_cassette_are_not_listed(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text("interactions: []\n")
    (tmp_path / "demo.notes.yaml").write_text("notes: {0: hi}\n")
    (tmp_path / "b.har").write_text("{}")
    (tmp_path / "readme.txt").write_text("")
    assert [p.name for p in iter_cassette_files([tmp_path])] == ["b.har", "demo.yaml"]


def test_files_folders_and_globs_each_listed_once(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    for name in ("a.yaml", "sub/c.yml"):
        (tmp_path / name).write_text("")
    listed = list(iter_cassette_files([tmp_path, tmp_path / "a.yaml", str(tmp_path / "*.yaml")]))
    assert [p.relative_to(tmp_path).as_posix() for p in listed] == ["a.yaml", "sub/c.yml"]
