"""`tui-replay diff` as a user runs it: exit codes, formats, `REV:PATH`, `diff PATH` and `diff --git`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cassette_edits import (
    SEED,
    message_added,
    only_volatile_changed,
    retry_inserted,
    seed_text,
    tool_argument_changed,
    write,
)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize(
    ("edit", "code"),
    [(tool_argument_changed, 1), (message_added, 1), (retry_inserted, 1), (only_volatile_changed, 0)],
)
def test_exit_code_says_whether_the_meaning_changed(
    tmp_path: Path, edit: Callable[[str], str], code: int
) -> None:
    edited = write(tmp_path, "edited.yaml", edit(seed_text()))
    done = run("diff", str(SEED), str(edited))
    assert done.returncode == code, done.stdout + done.stderr


def test_strict_lists_volatile_values_and_keeps_the_verdict(tmp_path: Path) -> None:
    edited = write(tmp_path, "edited.yaml", only_volatile_changed(seed_text()))
    plain = run("diff", str(SEED), str(edited))
    strict = run("diff", "--strict", str(SEED), str(edited))
    assert plain.returncode == strict.returncode == 0
    assert "chatcmpl-rerecorded01" not in plain.stdout
    assert "chatcmpl-rerecorded01" in strict.stdout


def test_json_and_markdown_name_the_change(tmp_path: Path) -> None:
    edited = write(tmp_path, "edited.yaml", tool_argument_changed(seed_text()))
    doc = json.loads(run("diff", "--json", str(SEED), str(edited)).stdout)
    assert doc["differ"] is True and doc["counts"]["changed"] == 2
    first = doc["pairs"][0]["changes"][0]
    assert (first["section"], first["a"], first["b"]) == ("response", "120", "150")
    markdown = run("diff", "--markdown", str(SEED), str(edited)).stdout
    assert "| response |" in markdown and "`120` | `150` |" in markdown


def test_a_missing_or_broken_file_is_exit_2_naming_it(tmp_path: Path) -> None:
    missing = run("diff", str(SEED), str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "nope.yaml" in missing.stderr
    broken = write(tmp_path, "broken.yaml", "interactions: [\n")
    done = run("diff", str(SEED), str(broken))
    assert done.returncode == 2 and "broken.yaml" in done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "cassettes").mkdir(parents=True)
    shutil.copy(SEED, root / "cassettes" / "chat.yaml")
    shutil.copy(SEED, root / "cassettes" / "untouched.yaml")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "recorded"], cwd=root, check=True)
    return root


def test_diff_path_compares_the_working_file_with_its_last_commit(repo: Path) -> None:
    cassette = repo / "cassettes" / "chat.yaml"
    assert run("diff", "cassettes/chat.yaml", cwd=repo).returncode == 0
    cassette.write_text(tool_argument_changed(seed_text()), encoding="utf-8")
    done = run("diff", "cassettes/chat.yaml", cwd=repo)
    assert done.returncode == 1, done.stderr
    assert "arguments.amount: 120 → 150" in done.stdout
    assert "HEAD:cassettes/chat.yaml" in done.stdout
    rev = run("diff", "HEAD:cassettes/chat.yaml", "cassettes/chat.yaml", cwd=repo)
    assert rev.returncode == 1 and rev.stdout == done.stdout


def test_diff_git_reports_every_changed_cassette_in_one_report(repo: Path) -> None:
    assert run("diff", "--git", cwd=repo).returncode == 0
    (repo / "cassettes" / "chat.yaml").write_text(message_added(seed_text()), encoding="utf-8")
    (repo / "cassettes" / "new.yaml").write_text(seed_text(), encoding="utf-8")
    done = run("diff", "--git", "--json", cwd=repo)
    assert done.returncode == 1, done.stderr
    docs = {doc["b"]: doc for doc in json.loads(done.stdout)}
    assert set(docs) == {"cassettes/chat.yaml", "cassettes/new.yaml"}  # untouched.yaml is not listed
    assert docs["cassettes/chat.yaml"]["counts"] == {"same": 1, "changed": 1, "only-a": 0, "only-b": 0}
    assert docs["cassettes/new.yaml"]["counts"]["only-b"] == 2
    scoped = run("diff", "--git", "HEAD", "cassettes/new.yaml", "--json", cwd=repo)
    assert [doc["b"] for doc in json.loads(scoped.stdout)] == ["cassettes/new.yaml"]


def test_textconv_prints_the_same_text_for_a_rerecording(tmp_path: Path) -> None:
    edited = write(tmp_path, "edited.yaml", only_volatile_changed(seed_text()))
    changed = write(tmp_path, "changed.yaml", tool_argument_changed(seed_text()))
    seed = run("diff", "--textconv", str(SEED)).stdout
    assert "message 2 (user): How much is 120 euros in US dollars?" in seed
    assert run("diff", "--textconv", str(edited)).stdout.splitlines()[1:] == seed.splitlines()[1:]
    assert run("diff", "--textconv", str(changed)).stdout.splitlines()[1:] != seed.splitlines()[1:]


def test_git_diff_shows_cassettes_by_meaning_through_textconv(repo: Path) -> None:
    textconv = f"{sys.executable} -m tui_replay diff --textconv"
    subprocess.run(["git", "config", "diff.cassette.textconv", textconv], cwd=repo, check=True)
    (repo / ".gitattributes").write_text("cassettes/*.yaml diff=cassette\n", encoding="utf-8")
    cassette = repo / "cassettes" / "chat.yaml"
    cassette.write_text(only_volatile_changed(seed_text()), encoding="utf-8")
    quiet = subprocess.run(["git", "diff"], cwd=repo, capture_output=True, text=True, check=True)
    assert quiet.stdout == ""  # a re-recording with new ids and timestamps shows nothing
    cassette.write_text(tool_argument_changed(seed_text()), encoding="utf-8")
    loud = subprocess.run(["git", "diff"], cwd=repo, capture_output=True, text=True, check=True)
    assert '-  answer: convert_currency({"amount":120,"from":"EUR","to":"USD"})' in loud.stdout
    assert '+  answer: convert_currency({"amount":150,"from":"EUR","to":"USD"})' in loud.stdout
    (repo / "cassettes" / "notes.yaml").write_text("just: notes\n", encoding="utf-8")  # not a cassette
    shown = run("diff", "--textconv", "cassettes/notes.yaml", cwd=repo)
    assert (shown.returncode, shown.stdout) == (0, "just: notes\n")


def test_diff_git_reports_a_deleted_cassette_as_only_in_a(repo: Path) -> None:
    (repo / "cassettes" / "chat.yaml").unlink()
    done = run("diff", "--git", "--json", cwd=repo)
    assert done.returncode == 1, done.stderr
    [doc] = json.loads(done.stdout)
    assert doc["a"] == "HEAD:cassettes/chat.yaml"
    assert doc["counts"] == {"same": 0, "changed": 0, "only-a": 2, "only-b": 0}


def test_an_unknown_revision_or_no_repository_is_exit_2(repo: Path, tmp_path: Path) -> None:
    unknown = run("diff", "no-such-rev:cassettes/chat.yaml", "cassettes/chat.yaml", cwd=repo)
    assert unknown.returncode == 2 and unknown.stderr.startswith("tui-replay diff: ")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(SEED, outside / "chat.yaml")
    done = run("diff", "chat.yaml", cwd=outside)
    assert done.returncode == 2 and "git" in done.stderr.lower()
