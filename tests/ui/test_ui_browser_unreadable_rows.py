"""A file the browser cannot open says why on its row as its preview does (the preview names
the file in full, the row does not repeat it), once reading it for the preview or opening it
finds out: a truncated file the quick scan counted interactions in included."""

from __future__ import annotations

import os
from pathlib import Path

from rich.style import Style

from tests.helpers.paths import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.widgets.cassette_preview import CassettePreview
from tui_replay.ui.widgets.cassette_tree import CassetteTree, FileEntry, row_reason

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"


def _bad_folder(tmp_path: Path) -> tuple[Path, Path]:
    truncated = tmp_path / "trunc.yaml"
    truncated.write_bytes(WANDB.read_bytes()[:3000])  # cut mid-interaction: invalid YAML
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(bytes(range(256)) * 12)
    return truncated, binary


def _row(tree: CassetteTree, path: Path) -> str:
    """The row's text as the tree draws it."""
    for line in tree._tree_lines:
        entry = line.node.data
        if isinstance(entry, FileEntry) and entry.path == path:
            return tree.render_label(line.node, Style(), Style()).plain
    raise AssertionError(f"{path.name} is not listed")


async def _listed(app: ReplayApp, pilot: object) -> tuple[BrowserScreen, CassetteTree]:
    browser = app.screen
    assert isinstance(browser, BrowserScreen)
    await wait_until(
        lambda: browser.listed and all(e.summary is not None for e in browser.entries),
        pilot,
        what="every file listed with its quick summary",
    )
    return browser, browser.query_one(CassetteTree)


async def test_the_row_says_why_once_the_preview_finds_the_file_unreadable(tmp_path: Path) -> None:
    truncated, binary = _bad_folder(tmp_path)
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(200, 40)) as pilot:
        browser, tree = await _listed(app, pilot)
        assert "╳" not in _row(tree, truncated)  # the quick scan counted interactions in it
        assert _row(tree, binary).endswith("╳ binary.yaml  not UTF-8 text")  # as opening says
        preview = browser.query_one(CassettePreview)
        for path, line in ((truncated, 57), (binary, 1)):
            tree.select_path(path)
            await wait_until(
                lambda path=path: preview.shown == path and "cannot open" in preview.text_shown(),
                pilot,
                what="the preview",
            )
            await wait_until(
                lambda path=path: "line" in _row(tree, path), pilot, what=f"{path.name}'s row marked"
            )
            name, reason = _row(tree, path).split("  ", 1)
            assert name.endswith(f"╳ {path.name}") and str(tmp_path) not in reason
            assert reason.startswith(f"line {line}: ")
            said = "".join(preview.text_shown().split())  # without spaces: the pane wraps anywhere
            assert "".join((f":{line}:1: " + reason.removeprefix(f"line {line}: ")).split()) in said
        assert _row(tree, truncated).endswith(
            "line 57: interaction 1: invalid YAML: while scanning a simple key, could not find expected ':'"
        )


async def test_opening_an_unreadable_file_marks_its_row_without_the_path(tmp_path: Path) -> None:
    truncated, _ = _bad_folder(tmp_path)
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(200, 40)) as pilot:
        browser, tree = await _listed(app, pilot)
        app.open_cassette(truncated)
        entry = browser.by_path[truncated]
        await wait_until(lambda: entry.load_error is not None, pilot, what="the open to fail")
        assert entry.load_error is not None and entry.load_error.startswith(f"{truncated}:57:1: ")
        assert "╳ trunc.yaml  line 57: interaction 1: invalid YAML" in _row(tree, truncated)
        assert str(tmp_path) not in _row(tree, truncated)


async def test_a_filter_that_reads_every_file_marks_unreadable_rows_and_unmarks_fixed_ones(
    tmp_path: Path,
) -> None:
    truncated, _ = _bad_folder(tmp_path)
    (tmp_path / "wandb.yaml").write_bytes(WANDB.read_bytes())
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(200, 40)) as pilot:
        browser, tree = await _listed(app, pilot)
        browser.apply_filter("tool:get_weather")  # read whole, file by file
        await wait_until(lambda: browser.checking is None, pilot, what="every file read")
        browser.apply_filter("")  # the whole list again
        await wait_until(lambda: len(browser.visible_files()) == 3, pilot, what="every file listed")
        assert "╳ trunc.yaml  line 57: interaction 1: invalid YAML" in _row(tree, truncated)
        truncated.write_bytes(WANDB.read_bytes())  # fixed on disk
        os.utime(truncated, ns=(1, 1))  # a new mtime, whatever the clock's resolution
        browser.apply_filter("tool:get_weather")
        entry = browser.by_path[truncated]
        await wait_until(lambda: entry.load_error is None, pilot, what="the mark gone")
        await wait_until(lambda: browser.checking is None, pilot, what="every file read")
        browser.apply_filter("")
        await wait_until(lambda: len(browser.visible_files()) == 3, pilot, what="every file listed")
        assert "╳" not in _row(tree, truncated)


def test_a_reason_loses_the_path_and_keeps_the_line() -> None:
    path = Path("/tmp/bad/trunc.yaml")
    assert row_reason(path, "/tmp/bad/trunc.yaml:57:1: interaction 1: invalid YAML") == (
        "line 57: interaction 1: invalid YAML"
    )
    assert row_reason(path, "/tmp/bad/trunc.yaml: cannot read: Permission denied") == (
        "cannot read: Permission denied"
    )
    assert row_reason(path, "ValueError: boom") == "ValueError: boom"  # no path: as it is
