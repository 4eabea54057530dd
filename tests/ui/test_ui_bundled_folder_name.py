"""The bundled examples are named as such in the browser's preview, as the tree's root names
them, not by the folder they are installed in (`…/site-packages/tui_replay/bundled`, cut)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.paths import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.formats.bundled import BUNDLED_LABEL, bundled_cassettes, shown_folder
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.screens.browser_screen import BrowserScreen
from tui_replay.ui.widgets.cassette_preview import CassettePreview, heading
from tui_replay.ui.widgets.cassette_tree import CassetteTree

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"


def test_the_bundled_folder_and_its_sub_folders_are_named_not_located(tmp_path: Path) -> None:
    assert bundled_cassettes().resolve() == CASSETTES.resolve()  # a checkout: cassettes/ is bundled
    assert shown_folder(CASSETTES) == BUNDLED_LABEL == "bundled examples"
    assert shown_folder(CASSETTES / "more") == "bundled examples/more"
    assert shown_folder(tmp_path) == str(tmp_path)  # any other folder: its path, as before
    assert heading(WANDB, 2048).plain == "openrouter_kimi_tool_wandb.yaml\nbundled examples · 2.0 KiB"


async def test_the_preview_of_a_bundled_file_names_its_folder_bundled_examples() -> None:
    app = ReplayApp([bundled_cassettes()], autoplay=False)  # what `tui-replay` with no path opens
    async with app.run_test(size=(140, 50)) as pilot:
        browser = app.screen
        assert isinstance(browser, BrowserScreen)
        tree, preview = browser.query_one(CassetteTree), browser.query_one(CassettePreview)
        await wait_until(lambda: browser.listed, pilot, what="the bundled files listed")
        assert tree.select_path(bundled_cassettes() / WANDB.name)
        await wait_until(lambda: "first user message" in preview.text_shown(), pilot, what="the preview")
        lines = preview.text_shown().splitlines()
        assert lines[0] == WANDB.name
        assert lines[1].startswith("bundled examples · "), lines[1]
        assert str(CASSETTES) not in preview.text_shown()
