"""`?` lists copying (mouse selection then ctrl+c, and y), starts with the keys of the screen
it was opened on, and fits its columns to the width: at 80 columns an action wrapped into 7
lines beside an id column that had room."""

from __future__ import annotations

from textual.binding import Binding

from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.screens.help_screen import HelpScreen
from tui_replay.ui.widgets.rich_lines import RichLines


def _help_lines(app: ReplayApp) -> list[str]:
    return [
        line.text.rstrip()
        for widget in app.screen.query(RichLines)
        for line in widget.render_lines(widget.region.reset_offset)
    ]


def _titles(app: ReplayApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return [title for title, _ in screen.sections]


async def test_the_help_says_how_to_copy() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("question_mark",))
        sections = dict(app.screen.sections)  # type: ignore[attr-defined]
        everywhere = {b.key: b for b in sections["Everywhere"] if isinstance(b, Binding)}
        assert "ctrl+c" in everywhere
        assert "selected text" in everywhere["ctrl+c"].description
        assert "mouse" in (everywhere["ctrl+c"].tooltip or "")
        lines = _help_lines(app)
        assert any(line.split()[:1] == ["y"] and "the selected text if any" in line for line in lines)


async def test_the_help_starts_with_the_keys_of_the_screen_it_opens_on() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("question_mark",))
        assert _titles(app) == ["Everywhere", "Opened cassette", "Cassette list", "Help"]
        await play(app, pilot, ("escape",))
        assert isinstance(app.screen, CassetteScreen)
        await play(app, pilot, ("escape", "question_mark"))  # back on the cassette list
        assert _titles(app) == ["Everywhere", "Cassette list", "Opened cassette", "Help"]


async def test_at_80_columns_an_action_keeps_its_width_and_every_id_is_whole() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ("question_mark",))
        lines = _help_lines(app)
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("/ "))
        after = next(i for i, line in enumerate(lines) if "Clear filter" in line)
        # "Filter: words of the name, and errors, problems, dialect:x, model:x, tool:x" and
        # its id took 7 lines
        assert after - start <= 2, lines[start:after]
        ids = {
            b.id
            for _, bindings in app.screen.sections  # type: ignore[attr-defined]
            for b in bindings
            if isinstance(b, Binding) and b.id
        }
        words = {word for line in lines for word in line.split()}
        assert ids <= words, sorted(ids - words)
