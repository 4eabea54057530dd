"""The cassette browser: the preview of the highlighted file, sorting, filter words, the
tree's width, and a folder with nothing to list."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from rich.style import Style

from tests.helpers.paths import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.cassette_summary import summarise_file
from tui_replay.analysis.spend import cassette_spend, tokens_line
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens import browser_screen
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.textual_internals import node_guide_width
from tui_replay.ui.widgets.cassette_preview import CassettePreview
from tui_replay.ui.widgets.cassette_tree import DETAIL_RANKS, CassetteTree, distinct_span, fitted

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"
LONG_NAME = (
    "test_chat_completion[openai-gpt-4o-mini-2024-07-18-streaming-with-parallel-tool-calls-enabled].yaml"  # noqa: E501
)


def parts(app: ReplayApp) -> tuple[BrowserScreen, CassetteTree, CassettePreview]:
    browser = app.screen
    assert isinstance(browser, BrowserScreen)
    return browser, browser.query_one(CassetteTree), browser.query_one(CassettePreview)


def listed_names(tree: CassetteTree) -> list[str]:
    return [line.node.data.path.name for line in tree._tree_lines if line.node.data is not None]


async def ready(app: ReplayApp, pilot: object) -> tuple[BrowserScreen, CassetteTree, CassettePreview]:
    browser, tree, preview = parts(app)
    await wait_until(
        lambda: browser.listed and all(e.summary is not None for e in browser.entries),
        pilot,
        what="every file listed with its quick summary",
    )
    return browser, tree, preview


async def test_the_preview_shows_what_the_highlighted_cassette_holds() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        await pilot.press("up")  # the cursor starts on the folder row, or is put there
        assert "12 cassette files" in preview.text_shown()  # the folder row: the count, as before
        assert tree.select_path(WANDB)
        await wait_until(lambda: "first user message" in preview.text_shown(), pilot, what="the preview")
        shown = " ".join(preview.text_shown().split())  # as one line: the pane wraps
        spend = cassette_spend(open_cassette(WANDB))
        assert spend is not None
        for fact in (
            "openrouter_kimi_tool_wandb.yaml",
            "go-vcr · 12 interactions · 2 turns · 10 retries",
            "speaks openai-chat",
            "openrouter.ai · via WandB",
            "models moonshotai/kimi-k2-0905",
            "tools weather",
            "(recorded calls added up)",
            "errors 10",
            "problems 10 · http-error ×10",
            "#0, #1, #3 HTTP 429 Too Many Requests from WandB",
            "What's the weather in Florence,Italy?",
            f"tokens {tokens_line(spend.tokens)}",
            "wasted 10 failed attempts",
        ):
            assert fact in shown, fact
        await pilot.press("up")  # the folder row is not the first line: a file above wandb
        await wait_until(lambda: preview.shown == tree.cursor_node.data.path, pilot, what="the next preview")
        assert "together" in preview.text_shown()


async def test_the_last_highlight_wins_and_each_file_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []
    from tui_replay.analysis import cassette_summary

    real = cassette_summary.summarise_file

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        read.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cassette_summary, "summarise_file", counting)
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        for _ in range(8):
            await pilot.press("down")
        target = tree.cursor_node.data.path
        await wait_until(lambda: "enter opens it" in preview.text_shown(), pilot, what="a preview")
        assert preview.shown == target and target.name in preview.text_shown()
        reads = read.count(target)
        for key in ("up", "down"):  # back over a file read before: from the cache
            await pilot.press(key)
            await wait_until(lambda: "enter opens it" in preview.text_shown(), pilot, what="a preview")
        assert read.count(target) == reads == 1


async def test_quick_counts_coming_in_do_not_restart_the_preview_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui_replay.analysis import cassette_summary

    real = cassette_summary.summarise_file
    calls: list[Path] = []
    release = threading.Event()

    def held(path: Path, *args: object, **kwargs: object) -> object:
        calls.append(path)
        release.wait(10)  # the read is still going while the quick counts come in
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        monkeypatch.setattr(cassette_summary, "summarise_file", held)
        tree.select_path(WANDB)
        entry = tree.cursor_node.data
        await wait_until(lambda: WANDB in calls, pilot, what="the preview's read to start")
        for _ in range(3):  # as the scan's summaries do, a few times a second
            browser.post_message(BrowserScreen.SummariesReady([(entry, entry.summary)]))
            await pilot.pause()
        release.set()
        await wait_until(lambda: "Florence" in preview.text_shown(), pilot, what="the preview")
        assert calls == [WANDB]


async def test_a_summary_that_arrives_late_does_not_replace_the_highlighted_preview() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        tree.select_path(WANDB)
        await wait_until(lambda: "Florence" in preview.text_shown(), pilot, what="the wandb preview")
        late = summarise_file(CASSETTES / "anthropic_500_retry.yaml")
        assert late is not None
        browser.post_message(BrowserScreen.PreviewReady(late))  # a worker for a file left behind
        await pilot.pause()
        assert preview.shown == WANDB and "Florence" in preview.text_shown()


async def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    copy = tmp_path / "wandb.yaml"
    shutil.copy(WANDB, copy)
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        tree.select_path(copy)
        await wait_until(lambda: "Florence" in preview.text_shown(), pilot, what="the preview")
        copy.write_text(WANDB.read_text().replace("Florence,Italy", "Lisbon,Portugal"))
        os.utime(copy, ns=(1, 1))  # a new mtime, whatever the clock's resolution
        await pilot.press("up")  # the folder row
        await pilot.press("down")
        await wait_until(lambda: "Lisbon" in preview.text_shown(), pilot, what="the new preview")


async def test_a_file_that_cannot_be_opened_previews_its_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("interactions:\n- request: {method: GET, uri: [\n")
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        tree.select_path(broken)
        await wait_until(lambda: "cannot open" in preview.text_shown(), pilot, what="the error")
        shown = " ".join(preview.text_shown().split())
        assert "broken.yaml" in shown and "invalid YAML" in shown


async def test_a_big_file_is_previewed_from_its_count_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser_screen, "PREVIEW_MAX_BYTES", 1000)  # every bundled file is bigger
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        tree.select_path(WANDB)
        await wait_until(lambda: preview.shown == WANDB, pilot, what="the preview")
        shown = " ".join(preview.text_shown().split())
        assert "12 interactions · 10 with an error status" in shown
        assert "not read for the preview" in shown


async def test_o_cycles_the_sort_and_O_reverses_it_shown_in_the_subtitle() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        by_name = listed_names(tree)
        assert by_name == sorted(by_name) and browser.sub_title.endswith("by name")
        files = {path.name: path for path in CASSETTES.iterdir()}

        await pilot.press("o")
        sizes = [files[name].stat().st_size for name in listed_names(tree)]
        assert sizes == sorted(sizes, reverse=True) and "by size, largest first" in browser.sub_title

        await pilot.press("O")
        sizes = [files[name].stat().st_size for name in listed_names(tree)]
        assert sizes == sorted(sizes) and "by size, smallest first" in browser.sub_title

        await pilot.press("o")
        errors = [summarise_file(files[name]).errors for name in listed_names(tree)]  # type: ignore[union-attr]
        assert errors == sorted(errors, reverse=True) and errors[0] == 10
        assert "by errors, most first" in browser.sub_title

        await pilot.press("o")
        times = [files[name].stat().st_mtime for name in listed_names(tree)]
        assert times == sorted(times, reverse=True) and "by date, newest first" in browser.sub_title

        await pilot.press("o")
        assert listed_names(tree) == by_name


async def test_size_and_date_orders_show_what_they_sort_by(tmp_path: Path) -> None:
    from tui_replay.ui.browser_sort import date_text, size_text

    text = WANDB.read_text()
    for name, copies, mtime in (("a.yaml", 3, 1_000_000), ("b.yaml", 1, 3_000_000), ("c.yaml", 2, 2_000_000)):
        path = tmp_path / name
        path.write_text(text + "\n" * copies * 1000)  # a is the biggest, b the smallest
        os.utime(path, (mtime, mtime))  # b the newest, a the oldest
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(160, 40)) as pilot:
        browser, tree, preview = await ready(app, pilot)

        def lines() -> dict[str, str]:
            found = {}
            for line in tree._tree_lines:
                if line.node.data is not None:
                    found[line.node.data.path.name] = tree.render_label(line.node, Style(), Style()).plain
            return found

        assert all(label.startswith(f"{name}  12×") for name, label in lines().items())  # by name: no fact
        await pilot.press("o")
        assert listed_names(tree) == ["a.yaml", "c.yaml", "b.yaml"]
        for name, label in lines().items():
            assert label.startswith(f"{name}  {size_text((tmp_path / name).stat().st_size)}  12×")
        await pilot.press("o", "o")
        assert (
            listed_names(tree) == ["b.yaml", "c.yaml", "a.yaml"]
            and "by date, newest first" in browser.sub_title
        )
        for name, label in lines().items():
            assert label.startswith(f"{name}  {date_text((tmp_path / name).stat().st_mtime)}  12×")
        await pilot.press("O")
        assert listed_names(tree) == ["a.yaml", "c.yaml", "b.yaml"]


def test_sizes_read_as_people_write_them() -> None:
    from tui_replay.ui.browser_sort import size_text

    assert [size_text(n) for n in (1, 812, 22_733, 100 * 2**20)] == [
        "1 byte",
        "812 bytes",
        "22.2 KiB",
        "100.0 MiB",
    ]


async def test_the_cursor_stays_on_its_file_when_the_sort_changes() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        tree.select_path(WANDB)
        await pilot.press("o")
        assert tree.cursor_node.data.path == WANDB
        await pilot.press("O")
        assert tree.cursor_node.data.path == WANDB


@pytest.mark.parametrize(
    "words",
    [
        "errors",
        "problems",
        "dialect:anthropic",
        "dialect:together",
        "model:kimi",
        "tool:weather",
        "errors kimi",
    ],
)
async def test_filter_words_keep_the_files_that_hold_them(words: str) -> None:
    expected = []
    for path in sorted(CASSETTES.glob("*.yaml")):
        summary = summarise_file(path)
        assert summary is not None
        where = [name for name, _ in summary.dialects] + list(summary.providers) + list(summary.hosts)
        keep = {
            "errors": summary.errors > 0,
            "problems": summary.problem_count > 0,
            "dialect:anthropic": any("anthropic" in name.lower() for name in where),
            "dialect:together": any("together" in name.lower() for name in where),
            "model:kimi": any("kimi" in model.lower() for model in summary.models),
            "tool:weather": any("weather" in tool for tool in summary.tools),
            "errors kimi": summary.errors > 0 and "kimi" in path.name,
        }[words]
        if keep:
            expected.append(path.name)
    assert 0 < len(expected) < 12, "a filter that keeps all or nothing tests nothing"
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        await pilot.press("slash", *[{" ": "space", ":": "colon"}.get(ch, ch) for ch in words])
        await wait_until(lambda: browser.checking is None, pilot, what="the filter to read every file")
        assert listed_names(tree) == expected
        assert browser.sub_title.startswith(f"{len(expected)} of 12 cassette files match")


@pytest.mark.parametrize("width, height", [(80, 24), (200, 60)])
async def test_the_tree_takes_the_larger_share_and_never_scrolls_sideways(
    tmp_path: Path, width: int, height: int
) -> None:
    shutil.copy(WANDB, tmp_path / LONG_NAME)
    shutil.copy(WANDB, tmp_path / "short.yaml")
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(width, height)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        assert tree.region.width > browser.query_one("#file-info-box").region.width
        assert not tree.show_horizontal_scrollbar
        room = tree.scrollable_content_region.width
        labels = {}
        for line in tree._tree_lines:
            label = tree.render_label(line.node, Style(), Style())
            guides = node_guide_width(tree, line.node)
            assert guides is not None and guides + label.cell_len <= room, label.plain
            if line.node.data is not None:
                labels[line.node.data.path.name] = label.plain
        if width == 200:  # room for everything: the whole name and its details
            assert labels[LONG_NAME].startswith(LONG_NAME + "  12× 10 err")
            return
        # the details go first, then the middle of the name; its end is kept
        assert labels["short.yaml"] == "short.yaml  12× 10 err  openai-chat · openro…"  # the hint cut
        long = labels[LONG_NAME]
        assert "…" in long and long.startswith("test_chat") and long.endswith("enabled].yaml")
        tree.select_path(tmp_path / LONG_NAME)
        await wait_until(lambda: preview.shown == tmp_path / LONG_NAME, pilot, what="the preview")
        assert LONG_NAME in "".join(preview.text_shown().split("\n"))  # whole, over lines


def test_details_go_before_the_name_is_cut() -> None:
    details = ["  12×", " 10 err", "  openai-chat · openrouter.ai"]
    ranks = [DETAIL_RANKS[kind] for kind in ("count", "errors", "hint")]

    def shown(room: int | None) -> list[str]:
        return [text for _, text in fitted("a.yaml", details, room, ranks)[1]]

    assert shown(None) == shown(100) == details
    assert shown(30) == ["  12×", " 10 err", "  openai-ch…"]
    assert shown(24) == ["  12×", " 10 err"]  # too little left to cut
    assert shown(13) == [" 10 err"]  # the errors stay when the count does not fit beside them
    assert shown(6) == []
    assert fitted("a_long_name[param-x].yaml", details, 13) == ("a_long…].yaml", [])


SIBLINGS = [
    "chat_basic_chat_functionality_ollama_qwen3_successfully_uses_the_system_prompt.yml",
    "chat_basic_chat_functionality_openai_gpt_4_1_nano_successfully_uses_the_system_prompt.yml",
    "chat_basic_chat_functionality_gemini_gemini_2_5_flash_successfully_uses_the_system_prompt.yml",
]


def test_a_long_name_keeps_what_tells_it_from_its_siblings() -> None:
    cut = {name: fitted(name, [], 40, keep=distinct_span(name, SIBLINGS))[0] for name in SIBLINGS}
    assert cut[SIBLINGS[0]] == "chat_basic_ch…ollama_qwen3…em_prompt.yml"
    assert all(len(label) == 40 for label in cut.values())
    assert len(set(cut.values())) == 3  # the middle cut made all three `chat_basic_chat_fu…_prompt.yml`
    assert "openai_gpt_4_1_nano" in cut[SIBLINGS[1]] and "gemini_gemini_2_5_flash" in cut[SIBLINGS[2]]
    assert distinct_span("alone.yaml", ["other.json"]) is None
    no_room = fitted(SIBLINGS[0], [], 8, keep=distinct_span(SIBLINGS[0], SIBLINGS))[0]
    assert no_room == "cha….yml"  # the span does not fit: the middle cut


async def test_a_folder_with_no_cassettes_says_what_was_looked_for(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a cassette")
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        browser, tree, preview = parts(app)
        await wait_until(lambda: not browser.scanning, pilot, what="the scan")
        shown = " ".join(preview.text_shown().split())
        assert "No cassette files found" in shown
        assert ".har, .json, .yaml, .yml files" in shown
        assert str(tmp_path) in "".join(preview.text_shown().split("\n"))  # whole, over lines


async def test_the_palette_sorts_and_filters_the_list_with_the_keys_shown() -> None:
    from tui_replay.ui.commands import ReplayCommands

    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        provider = ReplayCommands(browser, None)
        found = {str(hit.display): (hit.help or "", hit.command) async for hit in provider.discover()}
        for name, key in [
            ("Sort the list by size, largest first", "o"),
            ("Sort the list by date, newest first", "o"),
            ("Sort the list the other way round", "O"),
            ("Filter the list", "/"),
        ]:
            assert found[name][0].startswith(f"key: {key}"), (name, found[name][0])
        found["Sort the list by errors, most first"][1]()
        await pilot.pause()
        assert "by errors, most first" in browser.sub_title
        assert listed_names(tree)[0] == WANDB.name  # 10 errors, the most


def test_the_help_says_how_to_filter_and_sort() -> None:
    from rich.console import Console

    from tui_replay.ui.screens.help_screen import bindings_table

    console = Console(width=200, record=True)
    console.print(bindings_table("Cassette list", list(BrowserScreen.BINDINGS)))
    shown = " ".join(console.export_text().split())
    assert "Filter: words of the name, and errors, problems, dialect:x, model:x, tool:x" in shown
    assert "Sort: by name, size, errors, date in turn" in shown
    assert "O Reverse sort browser.sort-reverse" in shown


async def test_a_filter_that_matches_nothing_says_so() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        await pilot.press("slash", *"model", "colon", *"nomodel")
        await wait_until(lambda: browser.checking is None, pilot, what="the filter to read every file")
        assert listed_names(tree) == []
        assert "0 of 12 cassette files match “model:nomodel”" in " ".join(preview.text_shown().split())


async def test_filter_words_typed_while_the_scan_runs_read_every_file_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from collections.abc import Iterable, Iterator

    from tui_replay.formats.scan import iter_cassette_files

    may_end = threading.Event()

    def slow_walk(paths: Iterable[str | Path]) -> Iterator[Path]:
        yield from iter_cassette_files(paths)
        may_end.wait(10)  # the walk ends when the test says so, after the filter is typed

    monkeypatch.setattr(browser_screen, "iter_cassette_files", slow_walk)
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = parts(app)
        await pilot.press("slash", *"errors")
        assert browser.scanning
        may_end.set()
        await wait_until(
            lambda: not browser.scanning and browser.checking is None, pilot, what="scan, filter"
        )
        summaries = [summarise_file(p) for p in sorted(CASSETTES.glob("*.yaml"))]
        with_errors = [s.path.name for s in summaries if s is not None and s.errors]
        assert listed_names(tree) == with_errors


def test_the_list_filter_reads_files_again_only_when_its_words_change() -> None:
    from tui_replay.ui.browser_filter import ListFilter

    wandb = summarise_file(WANDB)
    assert wandb is not None
    list_filter = ListFilter()
    assert list_filter.set_text("kimi") is False and list_filter.name_text == "kimi"  # names: no read
    assert list_filter.set_text("errors") is True
    first = list_filter.generation
    assert list_filter.set_text("  Errors kimi ") is False  # same words, a name part added
    assert list_filter.found(first, [wandb], done=False, files=12) and list_filter.checking == (1, 12)
    assert list_filter.set_text("errors model:kimi") is True
    assert not list_filter.found(first, [wandb], done=True, files=12)  # read for the old words
    assert list_filter.checked == {} and list_filter.checking is None


async def test_files_the_cursor_only_passes_over_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_replay.analysis import cassette_summary

    read: list[Path] = []
    monkeypatch.setattr(cassette_summary, "summarise_file", lambda path, *a, **k: read.append(path))
    monkeypatch.setattr(browser_screen, "PREVIEW_REST", 600.0)  # a key that keeps repeating
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        for _ in range(6):
            await pilot.press("down")
            assert preview.shown == tree.cursor_node.data.path  # its name and count at once
            assert "reading…" in preview.text_shown()
        assert read == []


async def test_a_file_left_before_it_was_read_is_read_when_the_cursor_comes_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = CASSETTES / "anthropic_500_retry.yaml"  # the line under the folder's
    monkeypatch.setattr(browser_screen, "PREVIEW_REST", 600.0)
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(140, 50)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        tree.select_path(first)
        await pilot.pause()
        assert "reading…" in preview.text_shown()
        await pilot.press("up")  # onto the folder, before the rest was over
        assert "12 cassette files" in preview.text_shown()
        monkeypatch.setattr(browser_screen, "PREVIEW_REST", 0.01)
        await pilot.press("down")
        await wait_until(lambda: "Renaissance" in preview.text_shown(), pilot, what="its preview")


async def test_z_hides_the_preview_and_the_names_get_the_width(tmp_path: Path) -> None:
    name = "test_chat_basic_chat_functionality_with_ollama_qwen3_system_prompt.yml"  # 70 cells
    shutil.copy(WANDB, tmp_path / name)
    app = ReplayApp([tmp_path], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        browser, tree, preview = await ready(app, pilot)

        def label() -> str:
            line = next(line for line in tree._tree_lines if line.node.data is not None)
            return tree.render_label(line.node, Style(), Style()).plain

        assert not label().startswith(name), "the name fits beside the preview: this tests nothing"
        await pilot.press("z")
        await wait_until(
            lambda: not browser.query_one("#file-info-box").display, pilot, what="preview hidden"
        )
        await pilot.pause()
        assert tree.region.width == 80
        assert label().startswith(name)
        await pilot.press("z")
        await wait_until(lambda: browser.query_one("#file-info-box").display, pilot, what="preview back")
        await pilot.pause()
        assert not label().startswith(name)


async def test_ctrl_d_and_ctrl_u_scroll_the_preview_from_the_list() -> None:
    # at 80x24 the first user message is below the preview's fold
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        browser, tree, preview = await ready(app, pilot)
        assert tree.select_path(WANDB)
        await wait_until(lambda: "first user message" in preview.text_shown(), pilot, what="the preview")
        box = browser.query_one("#file-info-box")
        assert box.max_scroll_y > 0 and box.scroll_y == 0
        await pilot.press("ctrl+d")
        await wait_until(lambda: box.scroll_y > 0, pilot, what="the preview scrolled down")
        assert tree.has_focus and tree.cursor_node is not None
        assert tree.cursor_node.data is not None and tree.cursor_node.data.path == WANDB
        await pilot.press("ctrl+u")
        await wait_until(lambda: box.scroll_y == 0, pilot, what="the preview back at its top")


async def test_at_80_columns_a_row_short_of_room_keeps_its_errors() -> None:
    app = ReplayApp([CASSETTES], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        _, tree, _ = await ready(app, pilot)
        rows = {
            line.node.data.path.name: tree.render_label(line.node, Style(), Style()).plain
            for line in tree._tree_lines
            if line.node.data is not None
        }
        assert rows["openrouter_kimi_tool_siliconflow.yaml"].endswith("siliconflow.yaml  1 err")
        assert rows["openrouter_kimi_tool_wandb.yaml"].endswith("wandb.yaml  12× 10 err")
