"""The opened cassette's keys, each with an id the settings file's keymap can remap.

Kept apart from the screen so the list reads as the help does: one place says what every key
of an opened cassette does (`?` and the command palette show these, remapped).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

CASSETTE_BINDINGS: list[BindingType] = [
    Binding("n,right", "next_interaction", "Next", id="replay.next"),
    Binding("p,left", "previous_interaction", "Prev", id="replay.previous"),
    Binding("g", "first_interaction", "First", show=False, id="replay.first"),
    Binding("G", "last_interaction", "Last", show=False, id="replay.last"),
    Binding("e", "next_error", "Next error", id="replay.next-error"),
    Binding("E", "previous_error", "Prev error", show=False, id="replay.previous-error"),
    Binding("enter", "focus_detail", "Focus interaction", show=False, id="replay.focus-detail"),
    Binding("space", "stream('toggle_play')", "Play/pause", id="stream.toggle-play", priority=True),
    Binding("full_stop", "stream('step_forward')", "Chunk forward", show=False, id="stream.step-forward"),
    Binding("comma", "stream('step_back')", "Chunk back", show=False, id="stream.step-back"),
    # One meaning, whatever is focused: the end of this interaction (a stream is finished
    # first). The last interaction is `G`.
    Binding("end", "detail_end", "End of interaction", show=False, id="replay.end", priority=True),
    Binding("home", "detail_home", "Top of interaction", show=False, id="replay.home"),
    Binding("pagedown", "detail_page(1)", "Page down", show=False, id="replay.page-down"),
    Binding("pageup", "detail_page(-1)", "Page up", show=False, id="replay.page-up"),
    Binding("ctrl+d", "detail_page(0.5)", "Half page down", show=False, id="replay.half-down"),
    Binding("ctrl+u", "detail_page(-0.5)", "Half page up", show=False, id="replay.half-up"),
    Binding("colon", "goto", "Go to interaction N", show=False, id="replay.goto"),
    Binding("plus", "stream('faster')", "Faster", show=False, id="stream.faster"),
    Binding("minus", "stream('slower')", "Slower", show=False, id="stream.slower"),
    Binding("0", "stream('restart')", "Replay stream", show=False, id="stream.restart"),
    Binding("d", "toggle_diff", "Diff", id="replay.toggle-diff"),
    Binding("a", "cycle_diff", "Diff: attempts/turn", show=False, id="replay.cycle-diff"),
    Binding("z", "toggle_timeline", "Collapse/expand timeline", show=False, id="replay.toggle-timeline"),
    Binding("t", "toggle_pane('tools-pane')", "Tools", id="replay.tools"),
    Binding("r", "toggle_pane('raw-pane')", "Raw", id="replay.raw"),
    Binding("h", "toggle_pane('headers-pane')", "Headers", id="replay.headers"),
    Binding("s,ctrl+f", "search", "Search", show=False, id="replay.search"),
    Binding("right_square_bracket", "next_match", "Next match", show=False, id="replay.next-match"),
    Binding("left_square_bracket", "previous_match", "Prev match", show=False, id="replay.previous-match"),
    Binding(
        "y",
        "copy_focused",
        "Copy the thing in focus",
        show=False,
        id="handoff.copy",
        tooltip="the selected text if any, else the message, pane or response in focus",
    ),
    Binding("Y", "copy_interaction", "Copy interaction as JSON", show=False, id="handoff.copy-json"),
    Binding("c", "copy_curl", "Copy request as curl", show=False, id="handoff.copy-curl"),
    Binding("v", "open_in_pager", "Open in $PAGER", show=False, id="handoff.pager"),
    Binding("w", "save_image", "Save image to a file", show=False, id="handoff.save-image"),
    Binding("escape", "back", "Back", show=False, id="replay.back"),
]
