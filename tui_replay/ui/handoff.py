"""Handing an interaction to other programs, from an opened cassette: `y` copies the thing in
focus, `Y` the whole interaction as JSON, `c` the request as a `curl` command, `v` opens the
focused pane's text in `$PAGER`, `w` saves an image to a file.

Copies go through `App.copy_to_clipboard` (OSC 52: the terminal sets its clipboard, over SSH
too). Everything is taken from what the opened cassette hands out, so secrets are masked
unless the app was started with `--no-redact`. The cassette file is never written.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.dom import DOMNode

from tui_replay.analysis.handoff_text import (
    Handoff,
    headers_handoff,
    message_handoff,
    raw_handoff,
    response_body_handoff,
    response_handoff,
    tools_handoff,
)
from tui_replay.model import Exchange
from tui_replay.ui.widgets.message_at_rest import MessageAtRest

if TYPE_CHECKING:
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

DEFAULT_PAGER = "less -R"


def _shown(screen: CassetteScreen) -> Exchange | None:
    if not 0 <= screen.selected < len(screen.rows):
        return None
    return screen.cassette.exchange(screen.selected)


def _focused_message(screen: CassetteScreen) -> MessageAtRest | None:
    node: DOMNode | None = screen.focused
    while node is not None and node is not screen:
        if isinstance(node, MessageAtRest):
            return node
        node = node.parent
    return None


def focused_handoff(screen: CassetteScreen, exchange: Exchange, *, reading: bool = False) -> Handoff:
    """The thing in focus: a message tabbed onto; else what the side pane shows (the raw
    exchange's response body, the headers, the tool definitions); else what the interaction
    answered. `reading` (for the pager): the raw pane gives the whole exchange, not just the
    body one pastes."""
    message = _focused_message(screen)
    if message is not None and message.id != "response-message":
        return message_handoff(message.message)
    if screen.pane == "raw-pane":
        return raw_handoff(exchange) if reading else response_body_handoff(exchange)
    if screen.pane == "headers-pane":
        return headers_handoff(exchange)
    if screen.pane == "tools-pane" and exchange.request.tools:
        return tools_handoff(exchange.request.tools)
    return response_handoff(exchange)


def _copied(screen: CassetteScreen, handoff: Handoff) -> None:
    screen.app.copy_to_clipboard(handoff.text)
    screen.notify(f"copied {handoff.summary}", timeout=3)


def copy_focused(screen: CassetteScreen) -> None:
    """`y`: the text selected with the mouse, if any (as shown), else the thing in focus."""
    selected = screen.get_selected_text()
    if selected:
        _copied(screen, Handoff("selection", selected))
        return
    exchange = _shown(screen)
    if exchange is None:
        screen.notify("Nothing to copy: this cassette has no interactions.", timeout=3)
        return
    _copied(screen, focused_handoff(screen, exchange))


def copy_interaction_json(screen: CassetteScreen) -> None:
    """`Y`: what `tui-replay inspect --json --interaction N` prints."""
    from tui_replay.analysis.pretty_json import pretty_json
    from tui_replay.export.model_json import cassette_json

    if _shown(screen) is None:
        screen.notify("Nothing to copy: this cassette has no interactions.", timeout=3)
        return
    text = pretty_json(cassette_json(screen.cassette, only=screen.selected)) + "\n"
    _copied(screen, Handoff(f"interaction #{screen.selected} as JSON", text))


def copy_curl(screen: CassetteScreen) -> None:
    """`c`: the request as a `curl` command line."""
    from tui_replay.export.curl import curl_command

    if _shown(screen) is None:
        screen.notify("Nothing to copy: this cassette has no interactions.", timeout=3)
        return
    masked = "secrets masked" if screen.cassette.redact else "secrets NOT masked (--no-redact)"
    text = curl_command(screen.cassette.raw(screen.selected))
    _copied(screen, Handoff(f"request #{screen.selected} as curl ({masked})", text))


def pager_command() -> list[str]:
    """`$PAGER` as words (`less -R` when unset or blank)."""
    return shlex.split(os.environ.get("PAGER", "").strip() or DEFAULT_PAGER)


def open_in_pager(screen: CassetteScreen) -> None:
    """`v`: the focused pane's text in `$PAGER`, from a temporary file (removed after), while
    the app hands the terminal over (`App.suspend`)."""
    exchange = _shown(screen)
    if exchange is None:
        screen.notify("Nothing to show: this cassette has no interactions.", timeout=3)
        return
    try:
        command = pager_command()
    except ValueError as exc:  # unbalanced quotes
        screen.notify(f"cannot read $PAGER: {exc}", severity="error")
        return
    handoff = focused_handoff(screen, exchange, reading=True)
    with tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        prefix=f"{screen.cassette.path.stem}-{exchange.index}-",
        suffix=".txt",
        delete=False,
    ) as out:
        out.write(handoff.text)
    failed: OSError | None = None
    try:
        with screen.app.suspend():
            # caught in here: an exception leaving `suspend()` skips Textual's resume of the
            # terminal, and the app would be left drawing nothing
            try:
                subprocess.run([*command, out.name], check=False)
            except OSError as exc:  # no such program
                failed = exc
    except SuspendNotSupported:
        screen.notify(
            "cannot open a pager here: this terminal cannot be handed over (y copies the text instead)",
            severity="warning",
        )
    finally:
        Path(out.name).unlink(missing_ok=True)
    if failed is not None:
        screen.notify(f"cannot run the pager {command[0]}: {failed.strerror or failed}", severity="error")


def save_image(screen: CassetteScreen) -> None:
    """`w`: an image of the interaction to a file; asks where (`SaveImageScreen`)."""
    from tui_replay.analysis.images import images_in
    from tui_replay.ui.screens.save_image_screen import SaveImageScreen

    if _shown(screen) is None:
        screen.notify("This cassette has no interactions.", timeout=3)
        return
    index = screen.selected
    # The recorded bytes, not the masked ones: masking looks for key shapes in text and could
    # change a character of base64 image data. An image is saved as it was sent.
    images = images_in(screen.cassette.file.raw(index))
    if not images:
        screen.notify(f"Interaction #{index} carries no image.", timeout=3)
        return

    def saved(path: Path | None) -> None:
        if path is not None:
            screen.notify(f"saved image to {path}", title="image saved", timeout=4)

    screen.app.push_screen(SaveImageScreen(images, screen.cassette.path, index), saved)
