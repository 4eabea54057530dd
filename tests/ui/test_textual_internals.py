"""Canary: every private Textual/Rich name in `tui_replay.ui.textual_internals` still exists and
still does what the module relies on, in the installed Textual and Rich. An upgrade that moves
one fails here, naming it."""

from __future__ import annotations

import inspect
import tomllib
from pathlib import Path

import pytest
import textual.screen
from rich.console import Console
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.notifications import Notification, Notify
from textual.widget import Widget
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option

from tui_replay.ui import textual_internals as internals

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_textual_and_rich_are_the_ones_it_was_written_for() -> None:
    assert internals.version_mismatch() is None


def test_it_is_written_for_the_versions_pyproject_pins() -> None:
    pins = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for package, version in internals.WRITTEN_FOR.items():
        assert f"{package}=={version}" in pins


def test_another_version_is_named_with_the_one_expected() -> None:
    said = internals.version_mismatch(lambda package: "9.0.0" if package == "textual" else "15.0.0")
    assert said is not None
    assert "textual 9.0.0 (written for 8.2.8)" in said
    assert "rich" not in said.split(":")[0]


# -- rich._wrap.divide_line ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "width"),
    [
        ("the quick brown fox jumps over the lazy dog", 10),
        ("averyveryverylongwordthatmustbefolded and then some", 8),
        ("two  spaces   and    more", 6),
        ("", 5),
    ],
)
def test_divide_line_wraps_where_rich_wraps(paragraph: str, width: int) -> None:
    assert list(inspect.signature(internals.divide_line).parameters) == ["text", "width", "fold"]
    offsets = [0, *internals.divide_line(paragraph, width, fold=True), len(paragraph)]
    ours = [paragraph[a:b].rstrip(" ") for a, b in zip(offsets, offsets[1:], strict=False)]
    console = Console(width=width)
    rich = [line.plain.rstrip(" ") for line in Text(paragraph).wrap(console, width)]
    assert ours == rich


# -- MessagePump._message_queue -----------------------------------------------------------


class _One(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("x")


async def test_queued_messages_sees_a_message_not_yet_taken() -> None:
    app = _One()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert internals.queued_messages(app) == ()
        key = events.Key("n", "n")
        app.post_message(key)
        assert key in internals.queued_messages(app)
        await pilot.pause()
        assert key not in internals.queued_messages(app)


# -- App._unnotify -------------------------------------------------------------------------


async def test_a_notification_is_dismissed_and_the_others_stay() -> None:
    app = _One()
    async with app.run_test() as pilot:
        going, staying = Notification("going", timeout=60), Notification("staying", timeout=60)
        app.post_message(Notify(going))
        app.post_message(Notify(staying))
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["going", "staying"]
        internals.dismiss_notification(app, going)
        internals.dismiss_notification(app, going)  # gone already: nothing happens
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["staying"]


# -- Widget._size_updated -----------------------------------------------------------------


def test_textual_still_has_the_no_layout_size_update() -> None:
    parameters = inspect.signature(Widget._size_updated).parameters
    assert list(parameters) == ["self", "size", "virtual_size", "container_size", "layout"]
    assert parameters["layout"].default is True
    # what `SingleLayout` relies on: without a layout, the size goes in without its reactive
    source = inspect.getsource(Widget._size_updated)
    assert "if layout:" in source and "set_reactive(Widget.virtual_size" in source


# -- Tree ---------------------------------------------------------------------------------


class _Tree(internals.HeldInvalidationTree[int]):
    pass


class _TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        tree = _Tree("root")
        tree.root.expand()
        yield tree


async def test_nodes_added_while_held_invalidate_the_tree_once(monkeypatch: pytest.MonkeyPatch) -> None:
    assert list(inspect.signature(Tree._invalidate).parameters) == ["self"]
    calls: list[object] = []
    original = Tree._invalidate

    def counted(self: Tree[int]) -> None:
        calls.append(self)
        original(self)

    monkeypatch.setattr(Tree, "_invalidate", counted)
    app = _TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(_Tree)
        calls.clear()
        tree.root.add_leaf("one")  # Tree invalidates itself at every node added...
        assert len(calls) == 1
        calls.clear()
        with tree.invalidation_held():
            for number in range(50):
                tree.root.add_leaf(f"leaf {number}", data=number)
        assert len(calls) == 1  # ...and once for the whole batch when held
        await pilot.pause()
        assert tree.last_line == 51  # the root and its 51 leaves: the lines were rebuilt


class _LabelledTree(internals.HeldInvalidationTree[str]):
    labels: dict[str, str] = {}

    def render_label(self, node, base_style, style):  # type: ignore[no-untyped-def]
        return Text(self.labels.get(node.data or "", str(node.label)))


class _LabelledApp(App[None]):
    def compose(self) -> ComposeResult:
        tree = _LabelledTree("root")
        tree.show_root = False
        tree.guide_depth = 3
        folder = tree.root.add("folder", data="folder", expand=True)
        folder.add_leaf("leaf", data="leaf")
        yield tree


def _line_text(tree: Tree[str], y: int) -> str:
    return tree.render_line(y).text


async def test_a_node_marked_stale_is_drawn_again_and_its_guides_are_measured() -> None:
    app = _LabelledApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        tree = app.query_one(_LabelledTree)
        leaf = tree.root.children[0].children[0]
        assert "leaf" in _line_text(tree, 1)
        tree.labels["leaf"] = "renamed"
        assert "renamed" not in _line_text(tree, 1)  # the line is cached...
        internals.mark_node_line_stale(leaf)
        assert "renamed" in _line_text(tree, 1)  # ...until its node is marked stale
        guides = internals.node_guide_width(tree, leaf)
        assert guides is not None and guides > 0
        assert _line_text(tree, 1).index("renamed") == guides  # the label starts after the guides
        tree.root.children[0].collapse()
        await pilot.pause()
        assert internals.node_guide_width(tree, leaf) is None  # folded away: no line


# -- OptionList ---------------------------------------------------------------------------


class _ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(*[Option(f"old {n}") for n in range(5)])


async def test_replaced_prompts_are_drawn() -> None:
    app = _ListApp()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        assert "old 3" in options.render_line(3).text
        internals.replace_prompts(options, [(1, "new 1"), (3, "new 3")])
        await pilot.pause()
        assert options.get_option_at_index(3).prompt == "new 3"
        assert "new 3" in options.render_line(3).text  # the list's line caches were cleared
        assert "new 1" in options.render_line(1).text
        assert "old 2" in options.render_line(2).text


# -- the screen update period -------------------------------------------------------------


async def test_a_frame_rate_set_after_textual_loaded_reaches_new_screens() -> None:
    before = textual.screen.UPDATE_PERIOD
    try:
        internals.set_frame_rate(123)
        assert internals.textual_frame_rate() == 123
        app = _One()
        async with app.run_test() as pilot:
            await pilot.pause()
            timer = app.screen._update_timer
            assert timer._interval == pytest.approx(1 / 123)
    finally:
        textual.screen.UPDATE_PERIOD = before  # type: ignore[misc]


# -- the app says when the versions differ ------------------------------------------------


@pytest.mark.parametrize("mismatch", [None, "tui-replay runs with textual 9.0.0 (written for 8.2.8)"])
async def test_the_app_warns_when_textual_or_rich_is_not_the_pinned_version(
    monkeypatch: pytest.MonkeyPatch, mismatch: str | None
) -> None:
    import time

    from tui_replay.ui import app as app_module

    checked: list[bool] = []
    monkeypatch.setattr(app_module, "version_mismatch", lambda: checked.append(True) or mismatch)
    monkeypatch.setattr(app_module, "VERSION_CHECK_SECONDS", 0.01)
    app = app_module.ReplayApp([ROOT / "cassettes"], autoplay=False)
    said: list[tuple[str, str]] = []
    app.notify = lambda message, **kw: said.append((message, kw.get("severity", "")))  # type: ignore[method-assign]
    async with app.run_test() as pilot:
        deadline = time.monotonic() + 5
        while not checked or not all(w.is_finished for w in app.workers if w.group == "versions"):
            assert time.monotonic() < deadline, "the version check did not run"
            await pilot.pause(0.02)
        await pilot.pause()
    if mismatch is None:
        assert said == []
    else:
        assert said == [(mismatch, "warning")]
