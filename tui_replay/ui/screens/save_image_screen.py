"""`w` on a cassette: save an image the interaction carries to a file.

Asks for the path, `./<cassette>-<N>-<k>.<ext>` in the current folder by default. It never
replaces a file, nor writes into the cassette's own folder, on the first enter: it says so,
and a second enter on the same path does it. The cassette file itself is never written.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList

from tui_replay.analysis.images import ImageData


def default_name(cassette: Path, interaction: int, number: int, image: ImageData) -> str:
    """`./<cassette stem>-<interaction>-<image number, from 1>.<ext>`, in the current folder."""
    return f"./{cassette.stem}-{interaction}-{number}.{image.extension}"


def image_label(number: int, count: int, image: ImageData) -> str:
    return f"image {number} of {count} · {image.media_type} · {len(image.data):,} bytes · in the {image.side}"


class SaveImageScreen(ModalScreen[Path | None]):
    """Dismissed with the path written, None when cancelled (escape)."""

    DEFAULT_CSS = """
    SaveImageScreen { align: center middle; }
    SaveImageScreen > Vertical {
        width: 80%; max-width: 90; height: auto; padding: 1 2; background: $panel; border: round $primary;
    }
    SaveImageScreen Label { width: 1fr; }
    SaveImageScreen OptionList { height: auto; max-height: 8; margin: 0 0 1 0; }
    SaveImageScreen #save-image-warning { color: $text-warning; }
    SaveImageScreen #save-image-warning.-error { color: $text-error; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-image.cancel")]

    def __init__(self, images: list[ImageData], cassette: Path, interaction: int) -> None:
        super().__init__()
        self.images = images
        self.cassette = cassette
        self.interaction = interaction
        self.chosen = 0
        """Index into `images` of the one to save."""
        self.confirming: Path | None = None
        """The path warned about: enter again on it writes there."""

    def compose(self) -> ComposeResult:
        count = len(self.images)
        with Vertical():
            yield Label(f"Save an image of interaction #{self.interaction}", id="save-image-title")
            if count > 1:
                yield OptionList(
                    *[image_label(k + 1, count, image) for k, image in enumerate(self.images)],
                    id="save-image-choice",
                )
            else:
                yield Label(image_label(1, 1, self.images[0]), id="save-image-what")
            yield Label("to the file (enter saves, escape cancels):")
            yield Input(self._default(0), id="save-image-path")
            yield Label("", id="save-image-warning")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _default(self, k: int) -> str:
        return default_name(self.cassette, self.interaction, k + 1, self.images[k])

    @on(OptionList.OptionHighlighted, "#save-image-choice")
    def _choose(self, event: OptionList.OptionHighlighted) -> None:
        path = self.query_one(Input)
        if path.value == self._default(self.chosen):  # not typed over: follows the choice
            path.value = self._default(event.option_index)
        self.chosen = event.option_index
        self._warn("")

    @on(OptionList.OptionSelected, "#save-image-choice")
    def _chosen(self) -> None:
        self.query_one(Input).focus()

    def _warn(self, text: str, *, error: bool = False) -> None:
        label = self.query_one("#save-image-warning", Label)
        label.update(text)
        label.set_class(error, "-error")
        if not text:
            self.confirming = None

    @on(Input.Submitted, "#save-image-path")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._warn("Type a file name.", error=True)
            return
        target = Path(text).expanduser()
        target = target if target.is_absolute() else Path.cwd() / target
        if target.resolve() == self.cassette.resolve():
            self._warn("That is the cassette itself: it is never written to.", error=True)
            return
        if target.is_dir():
            self._warn(f"{text} is a folder: add a file name.", error=True)
            return
        if not target.parent.is_dir():
            self._warn(f"No folder {target.parent}.", error=True)
            return
        warning = self._needs_second_press(target)
        if warning and self.confirming != target:
            self.confirming = target
            self._warn(warning + " Press enter again to save there.")
            return
        image = self.images[self.chosen]
        try:
            with target.open("wb" if warning else "xb") as out:  # "x": a file that appeared meanwhile stays
                out.write(image.data)
        except FileExistsError:
            self.confirming = target
            self._warn(f"{text} exists now. Press enter again to replace it.")
            return
        except OSError as exc:
            self._warn(f"Cannot write {text}: {exc.strerror or exc}", error=True)
            return
        self.dismiss(target)

    def _needs_second_press(self, target: Path) -> str:
        """Why `target` wants a second enter ("" when it does not)."""
        reasons = []
        if target.exists():
            reasons.append(f"{target.name} exists: it would be replaced.")
        if target.parent.resolve() == self.cassette.parent.resolve():
            reasons.append("That is the cassette's folder.")
        return " ".join(reasons)

    def action_cancel(self) -> None:
        self.dismiss(None)
