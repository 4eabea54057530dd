"""Presentation mode's caption: where we are, what happens in plain words, and the teacher's note.

Shown only on a screen with the `-present` class. It follows the screen's
`selected` reactive itself, and reads the teacher's sidecar notes
(`NAME.notes.yaml`) in a thread worker; a broken sidecar is a notice, never a crash.
"""

from __future__ import annotations

import re

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui_replay.analysis.captions import TeacherNotes, caption, load_notes
from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.steps import Step, lesson_steps
from tui_replay.model import CassetteError

_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def caption_content(text: str) -> Content:
    """A caption with its inline Markdown code (`weather`) drawn as code, without the
    backticks; everything else is plain text (no markup is read from recorded words)."""
    parts: list[str | tuple[str, str]] = []
    at = 0
    for span in _CODE_SPAN.finditer(text):
        parts += [text[at : span.start()], (span.group(1), ".caption-bar--code")]
        at = span.end()
    parts.append(text[at:])
    return Content.assemble(*parts)


class CaptionBar(Widget):
    """Three lines above the conversation in presentation mode."""

    SCOPED_CSS = False  # one rule depends on the screen's `-present` class

    COMPONENT_CLASSES = {"caption-bar--code"}
    """Inline code in a caption (a tool's name), drawn as the Markdown view draws it."""

    DEFAULT_CSS = """
    CaptionBar { height: auto; display: none; padding: 1 4 0 4; }
    .-present CaptionBar { display: block; }
    CaptionBar > #caption-step { height: 1; color: $text-muted; }
    CaptionBar > #caption-text {
        height: auto; text-style: bold; color: $text; padding: 0 0 0 1;
        border-left: thick $primary; margin: 1 0 0 0;
    }
    CaptionBar > #caption-note {
        height: auto; margin: 1 0 0 0; padding: 0 1; border: round $accent;
        border-title-color: $accent; border-title-style: bold; background: $accent 10%; color: $text;
    }
    CaptionBar > .caption-bar--code { color: $text-warning; background: $warning 10%; }
    CaptionBar:light > .caption-bar--code { color: $text-error; background: $error 5%; }
    """

    def __init__(self, cassette: Cassette, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.cassette = cassette
        self.notes = TeacherNotes()
        self.index = -1
        self.notes_error: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="caption-step", markup=False)
        yield Static(id="caption-text", markup=False)
        note = Static(id="caption-note", markup=False)
        note.border_title = "Teacher's note"
        yield note

    def on_mount(self) -> None:
        self.query_one("#caption-note").display = False
        self.watch(self.screen, "selected", self._selected, init=True)
        self._load_notes()

    @work(thread=True, exclusive=True, exit_on_error=False, group="teacher-notes")
    def _load_notes(self) -> None:
        try:
            notes = load_notes(self.cassette.path)
        except CassetteError as exc:
            self.app.call_from_thread(self._notes_failed, str(exc))
            return
        self.app.call_from_thread(self._notes_loaded, notes)

    def _notes_loaded(self, notes: TeacherNotes) -> None:
        self.notes = notes
        self.refresh_caption()

    def _notes_failed(self, reason: str) -> None:
        self.notes_error = reason
        self.notify(reason, title="teacher notes not shown", severity="warning", timeout=8)

    def _selected(self, index: int) -> None:
        self.index = index
        self.refresh_caption()

    @property
    def presenting(self) -> bool:
        return self.is_mounted and self.screen.has_class("-present")

    def step(self) -> Step:
        """The step the selected interaction belongs to (a run of identical retries is one)."""
        steps = lesson_steps(self.cassette)
        return steps[steps.of(self.index)]

    def caption_text(self) -> str:
        if not 0 <= self.index < len(self.cassette):
            return ""
        try:
            return caption(self.cassette, self.index, self.step().run)
        except Exception as exc:  # a caption must never take the show down
            return f"(no caption: {type(exc).__name__})"

    def note_text(self) -> str | None:
        """The teacher's notes on the step's interactions: a run shown as one step still shows
        a note written for any of its attempts."""
        if self.index < 0:
            return None
        notes = [note for i in self.step().indices if (note := self.notes.for_interaction(i))]
        return "\n".join(notes) or None

    def step_text(self) -> str:
        """`Step 3 of 4 · turn 2 · attempts 1–8 of 9`: counted from 1, as a class counts, where
        the debugging screens say `#2` (0-based, as `inspect --interaction` does)."""
        steps = lesson_steps(self.cassette)
        step = steps[steps.of(self.index)]
        info = self.cassette.turn(self.index)
        bits = [f"Step {steps.of(self.index) + 1} of {len(steps)}"]
        if info.turn:
            bits.append(f"turn {info.turn}")
        if info.poll:
            bits.append(f"poll {info.poll} of {info.polls}")
        elif step.run is not None:
            run = step.run
            bits.append(f"attempts {run.first_attempt}–{run.last_attempt} of {run.attempts}")
        elif info.attempts > 1:
            bits.append(f"attempt {info.attempt} of {info.attempts}")
        if self.notes.title:
            bits.insert(0, self.notes.title)
        return " · ".join(bits)

    def refresh_caption(self) -> None:
        """Redraw for the current interaction; cheap no-op unless presenting."""
        if not self.presenting or not 0 <= self.index < len(self.cassette):
            return
        self.query_one("#caption-step", Static).update(self.step_text())
        self.query_one("#caption-text", Static).update(caption_content(self.caption_text()))
        note_box = self.query_one("#caption-note", Static)
        note = self.note_text()
        note_box.display = bool(note)
        note_box.update(note or "")
