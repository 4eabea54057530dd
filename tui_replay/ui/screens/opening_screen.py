"""What `tui-replay FILE` shows while FILE is read and indexed: its name, size and a note.

It replaces the cassette browser at start-up when one file is given. The
browser's start-up (tree, header, footer, scan and summary threads) took ~0.3 s of the
UI thread while the opening thread needed the GIL; the browser is now built only when
the user goes back to it or the file cannot be opened: the cassette screen is pushed
over this one, and going back from it puts the browser in this screen's place
(`ReplayApp.back_from_cassette`). Switching screens instead of pushing changed how the first
cassette screen laid out (its scroll and footer) in snapshots.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui_replay.formats.sizes import human_size


class OpeningScreen(Screen[None]):
    """A loading state for the one cassette given on the command line."""

    DEFAULT_CSS = """
    OpeningScreen { align: center middle; }
    OpeningScreen > #opening {
        width: auto; max-width: 90%; height: auto; padding: 1 2; border: round $primary;
    }
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        try:
            size = f" ({human_size(self.path.stat().st_size)})"
        except OSError:
            size = ""
        yield Static(
            f"Opening {self.path.name}{size}…\n\n{self.path.parent}\n\nq quits",
            id="opening",
            markup=False,
        )
