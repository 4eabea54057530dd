"""An opened cassette: the timeline on the left, the selected interaction on the right."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, OptionList, Static

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.spend import exchange_spend, interaction_words
from tui_replay.analysis.steps import Steps, lesson_steps
from tui_replay.model import Exchange, TurnInfo
from tui_replay.ui import handoff
from tui_replay.ui.diff_choice import diff_pair
from tui_replay.ui.error_moves import next_error, previous_error
from tui_replay.ui.glyphs import HEADER_ICON
from tui_replay.ui.rows import TimelineRow
from tui_replay.ui.screens.cassette_keys import CASSETTE_BINDINGS
from tui_replay.ui.whole_frames import hold_frames_until_mounted, unmounted
from tui_replay.ui.widgets.caption_bar import CaptionBar
from tui_replay.ui.widgets.conversation_view import ConversationView
from tui_replay.ui.widgets.diff_pane import DiffPane
from tui_replay.ui.widgets.follow_scroll import FollowScroll
from tui_replay.ui.widgets.interaction_list import InteractionList
from tui_replay.ui.widgets.raw_view import RawView
from tui_replay.ui.widgets.replay_footer import ReplayFooter
from tui_replay.ui.widgets.response_view import ResponseView
from tui_replay.ui.widgets.search_panel import SearchPanel, pane_for
from tui_replay.ui.widgets.spend_header import SpendHeader
from tui_replay.ui.widgets.sticky_header import StickyHeader
from tui_replay.ui.widgets.stream_view import StreamView
from tui_replay.ui.widgets.tools_view import ToolsView
from tui_replay.wording import counted

PANES = ("detail", "tools-pane", "raw-pane", "headers-pane")
DIFF_MODES = ("attempts", "turn")

STREAM_ACTIONS = {
    "toggle_play",
    "step_forward",
    "step_back",
    "finish",
    "restart",
    "faster",
    "slower",
}


class CassetteScreen(Screen[None]):
    """Owns the selection; children are told what to show."""

    DEFAULT_CSS = """
    CassetteScreen #timeline-column {
        width: 32; height: 1fr; background: $surface; border-right: vkey $foreground 20%;
    }
    CassetteScreen #detail-header { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    CassetteScreen #detail-header.-error { color: $text-error; }
    CassetteScreen #timeline-column.-focused { border-right: vkey $primary; background-tint: $foreground 5%; }
    /* `z`: the conversation gets the width; the sticky header says which interaction it is */
    CassetteScreen.-timeline-collapsed #timeline-column { display: none; }
    """

    BINDINGS = CASSETTE_BINDINGS

    # repaint=False: the screen draws none of these itself (its watchers update the widgets
    # that do). With the default, every key that moved the selection repainted the whole
    # screen: its own background and every line composited again.
    selected: reactive[int] = reactive(-1, init=False, repaint=False)
    pane: reactive[str] = reactive("detail", init=False, repaint=False)
    diff_mode: reactive[str] = reactive("attempts", init=False, repaint=False)
    diff_visible: reactive[bool] = reactive(False, init=False, repaint=False)
    timeline_collapsed: reactive[bool] = reactive(False, init=False, repaint=False)

    def __init__(
        self,
        cassette: Cassette,
        rows: list[TimelineRow],
        *,
        autoplay: bool = True,
        start: int = 0,
        complete: bool = True,
    ) -> None:
        super().__init__()
        self.start = start
        """The interaction shown first (a search hit opened from the browser)."""
        self.cassette = cassette
        self.rows = rows
        self.autoplay = autoplay
        self.title = cassette.path.name
        self.counting = not complete
        """True while a big cassette's rows after the ones it opened with are counted, in a
        thread once its first interaction is drawn (`tui_replay.ui.quick_rows.rows_after`)."""
        self._after_counting: list[Callable[[], object]] = []
        """Actions that need every row (`G`, `:`, `e`), asked for while counting."""
        self.sub_title = self._describe()
        self.shown = -1
        """Index of the interaction the detail pane shows (benchmarks wait for it)."""
        self.numbered = all(row.turn > 0 for row in rows)
        """False while a big cassette's rows wait for their turn numbers (`tui_replay.ui.quick_rows`)."""
        self.estimated = not self.numbered
        """Rows read from bytes (a big cassette): made exact as interactions are shown."""

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Horizontal(id="cassette-body"):
            with Vertical(id="timeline-column"):  # the separator; the list is as tall as its rows
                yield SpendHeader(id="spend")
                yield InteractionList(self.rows, id="timeline")
            with Vertical(id="main"):
                yield CaptionBar(self.cassette, id="caption")  # shown in presentation mode only
                yield StickyHeader(id="detail-header")  # stays while the body scrolls
                with ContentSwitcher(initial="detail", id="panes"):
                    with FollowScroll(id="detail"):  # anchored while a stream replays
                        yield ConversationView(id="conversation")
                        yield ResponseView(id="response")
                        yield StreamView(autoplay=self.autoplay, id="stream")
                    with VerticalScroll(id="tools-pane"):
                        yield ToolsView(id="tools")
                    with VerticalScroll(id="raw-pane"):
                        yield RawView("raw", masked=self.cassette.redact, id="raw")
                    with VerticalScroll(id="headers-pane"):
                        yield RawView("headers", masked=self.cassette.redact, id="headers")
                yield DiffPane(id="diff")
        yield ReplayFooter()

    async def on_mount(self) -> None:
        # Kept, for the key path: Textual's query cache is keyed on a counter of the screen's
        # children that moves with every mount below it, so each press walked the DOM again.
        self._timeline = self.query_one(InteractionList)
        self._conversation = self.query_one(ConversationView)
        self._response = self.query_one(ResponseView)
        self._detail = self.query_one("#detail", FollowScroll)
        self._header = self.query_one("#detail-header", StickyHeader)
        self._spend_header = self.query_one(SpendHeader)
        self._stream = self.query_one("#stream", StreamView)
        self.query_one("#diff").display = False
        if not self.rows:
            self.query_one(ConversationView).display = False
            self.query_one(ResponseView).display = False
            self.query_one("#detail").mount(Static("This cassette has no interactions.", classes="empty"))
            self.call_after_refresh(self._first_drawn)
            return
        timeline = self.query_one(InteractionList)
        if self.has_class("-present"):  # `--present`: the timeline is hidden
            self.action_focus_detail()
        else:
            timeline.focus()
        # Shown now, in the screen's first frame: waiting for the list's OptionHighlighted
        # message painted an empty detail pane first and #0 one frame (~0.1 s) later.
        mounting = self._move_to(self.start)
        if mounting is not None:
            # The screen's first frame is painted once its mount is over, whatever is held
            # (`whole_frames`): the mount waits for the message widgets #0 needs.
            await mounting
        self.call_after_refresh(self._first_drawn)

    def _first_drawn(self) -> None:
        opened = getattr(self.app, "first_interaction_drawn", None)
        if opened is not None:  # tests host this screen in plain apps too
            opened()
        # Once #0 is on screen: counting and numbering compete with it for the GIL.
        if self.counting:
            self._timeline.count_rest(self.cassette, self._counted)
        elif self.rows and not self.numbered:
            self.set_timer(0.3, self._number_turns)
        else:
            self._count_spend()

    def _describe(self) -> str:
        """The sub-title: the format and how many interactions."""
        if self.counting:
            return f"{self.cassette.format} · counting interactions…"
        return f"{self.cassette.format} · {counted(len(self.rows), 'interaction')}"

    def _counted(self, rows: list[TimelineRow], problem: str | None = None) -> None:
        if not self.is_attached:
            return
        self._timeline.append_rows(rows)  # the timeline's rows are `self.rows`
        self.counting = False
        self.sub_title = self._describe()
        if problem is not None:
            self.notify(
                f"Only the first {counted(len(self.rows), 'interaction')} are listed: {problem}",
                title="cannot read the rest of the cassette",
                severity="error",
                timeout=12,
            )
        if 0 <= self.selected < len(self.rows):
            self._show_header(self.cassette.exchange(self.selected), self._turn(self.selected))
        if self.rows and not self.numbered:
            self.set_timer(0.3, self._number_turns)
        waiting, self._after_counting = self._after_counting, []
        for then in waiting:
            then()

    def _when_counted(self, then: Callable[[], object]) -> None:
        """`then()` now, or once every row is listed (an action that needs the last rows)."""
        if self.counting:
            self._after_counting.append(then)
        else:
            then()

    def _number_turns(self) -> None:
        self._timeline.number_turns(self.cassette, self._numbered)

    def _count_spend(self) -> None:
        if 0 <= self.selected < len(self.rows):  # the turn shown so far may be the unnumbered 0
            self._spend_header.turn_shown = self._turn(self.selected).turn
        self._spend_header.count(self.cassette)

    def _numbered(self, rows: list[TimelineRow]) -> None:
        self.numbered = True
        self._count_spend()  # after the turns: both compete for the GIL with the key presses
        self.query_one(InteractionList).update_rows(rows)
        if 0 <= self.selected < len(self.rows):
            exchange = self.cassette.exchange(self.selected)
            self.query_one(ConversationView).show(
                exchange, self.cassette.turn(self.selected), self.cassette.problems_for(self.selected)
            )

    def _turn(self, index: int) -> TurnInfo:
        """The turn, or while a big cassette is being numbered, attempts only (turn 0)."""
        if self.numbered:
            return self.cassette.turn(index)
        known = self.cassette.turn_if_known(index)
        return known if known is not None else TurnInfo(0, *self.cassette.turn_index.attempt(index))

    # -- selection -----------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#timeline")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # The list's own keys and clicks; a move made by `_move_to` is already selected (and
        # a stale message, for an earlier highlight, is left alone).
        index = event.option_index
        if index == event.option_list.highlighted and index != self.selected:
            self._move_to(index)

    @on(OptionList.OptionSelected, "#timeline")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_focus_detail()

    def watch_selected(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        exchange = self.cassette.exchange(index)
        turn, problems = self._turn(index), self.cassette.problems_for(index)
        self._conversation.show(exchange, turn, problems)
        if self.estimated:
            from tui_replay.ui.quick_rows import exact_row

            self._timeline.update_rows([exact_row(exchange, turn, problems)])
        streamed = exchange.streamed and exchange.response.message is not None
        self._response.show(exchange, show_message=not streamed)
        self._stream.display = streamed
        if streamed:
            self._stream.show(exchange)
        self._refresh_pane()
        if self.diff_visible:
            self._refresh_diff()
        self._show_header(exchange, turn)
        self._spend_header.follow_turn(turn.turn)
        self.place_detail(index)
        self.shown = index

    def place_detail(self, index: int) -> None:
        """Scroll the detail pane for interaction `index`, just selected (or just presented)."""
        detail = self._detail
        streamed = self._stream.display
        question = self._conversation.question_view() if self.has_class("-present") else None
        detail.follow_below(question)
        if question is not None:
            # A slide: the question as near the top as the content allows and the answer
            # below it; a stream is followed only until it would push the question off.
            detail.anchor(False)
        else:
            # Always from its header, whichever key reached it: the pane kept the previous
            # interaction's offset, or was scrolled to the response's end.
            detail.anchor(False)
            detail.scroll_home(animate=False, immediate=True)
            self.call_after_refresh(self._show_from_the_top, index, streamed)  # once laid out

    def _show_from_the_top(self, index: int, streamed: bool) -> None:
        if self.selected != index or self._detail.kept_in_view is not None:
            return
        detail = self._detail
        detail.scroll_home(animate=False, immediate=True)
        # A stream that starts on screen is followed as it grows (until the user scrolls);
        # one that starts below a long history is not: following it would scroll the header
        # away at once. `End` finishes it and shows its end.
        stream_top = self._stream.virtual_region.y  # in the pane's content: a child of it
        if streamed and stream_top < detail.scrollable_content_region.height:
            detail.anchor()

    def _show_header(self, exchange: Exchange, turn: TurnInfo) -> None:
        """The sticky line above the detail pane: which interaction this is, while its body scrolls."""
        raw = exchange.raw
        status = str(raw.status) if raw.status is not None else "no status"
        numbered = f"turn {turn.turn}" if turn.turn else "turn …"
        total = "…" if self.counting else len(self.rows)
        facts = [f"#{exchange.index} of {total}", status, numbered, f"attempt {turn.attempt}/{turn.attempts}"]
        if exchange.streamed:
            facts.append("streamed")
        # last: left out first when narrow, a whole fact at a time
        self._header.show_facts(facts, interaction_words(exchange_spend(exchange)).split(" · "))
        self._header.set_class(raw.status is not None and raw.status >= 400, "-error")

    def _move_to(self, index: int) -> asyncio.Task[None] | None:
        """Highlight and show interaction `index` at once: waiting for the list's message
        could let a frame with the old interaction be painted first. The next frame is held
        until the widgets it needs are mounted (`tui_replay.ui.whole_frames`); the task that
        releases it is returned, None when nothing was left to mount."""
        if not self.rows:
            return None
        index = max(0, min(index, len(self.rows) - 1))
        self._timeline.highlighted = index
        self.selected = index
        detail = self._detail
        held = hold_frames_until_mounted(detail, unmounted(detail))

        def after_painted(_: object = None) -> None:  # callbacks wait until nothing is dirty
            self.call_after_refresh(self._prepare_next, index)

        if held is None:
            after_painted()
        else:
            held.add_done_callback(after_painted)
        return held

    def _prepare_next(self, index: int) -> None:
        """Once `index` is painted: the widgets the next interaction will need, mounted hidden
        ahead of the key press (`ConversationView.prepare`)."""
        if self.selected == index and index + 1 < len(self.rows) and self.is_attached:
            self._conversation.prepare(self.cassette.exchange(index + 1))

    # Presentation mode moves by steps (`tui_replay.analysis.steps`): a run of identical
    # retries is one step, shown at its first attempt. The timeline, hidden then, still
    # lists and reaches every interaction once presentation mode is off.

    def action_next_interaction(self) -> None:
        if self.has_class("-present"):
            self.go_to_step(lesson_steps(self.cassette).of(self.selected) + 1)
        else:
            self._move_to(self.selected + 1)

    def action_previous_interaction(self) -> None:
        if self.has_class("-present"):
            self.go_to_step(lesson_steps(self.cassette).of(self.selected) - 1)
        else:
            self._move_to(self.selected - 1)

    def action_first_interaction(self) -> None:
        self._move_to(0)

    def action_last_interaction(self) -> None:
        if self.has_class("-present"):
            self._when_counted(lambda: self.go_to_step(len(lesson_steps(self.cassette)) - 1))
        else:
            self._when_counted(lambda: self._move_to(len(self.rows) - 1))

    def jump_to(self, number: int) -> None:
        """Select interaction `number` (0-based, as shown and as in `inspect --interaction N`)."""
        self._move_to(number)

    def go_to_step(self, number: int) -> None:
        """Show step `number` (0-based; the caption counts from 1), clamped to the steps."""
        steps = lesson_steps(self.cassette)
        if len(steps):
            self._move_to(steps[max(0, min(number, len(steps) - 1))].first)

    def _steps_if_presenting(self) -> Steps | None:
        return lesson_steps(self.cassette) if self.has_class("-present") else None

    def action_next_error(self) -> None:
        self._when_counted(self._next_error)

    def _next_error(self) -> None:
        found = next_error(self.rows, self.selected, self._steps_if_presenting())
        if found is None:
            self.notify("No later interaction with an error or problem.", timeout=3)
        else:
            self._move_to(found)

    def action_previous_error(self) -> None:
        found = previous_error(self.rows, self.selected, self._steps_if_presenting())
        if found is None:
            self.notify("No earlier interaction with an error or problem.", timeout=3)
        else:
            self._move_to(found)

    def action_goto(self) -> None:
        from tui_replay.ui.screens.goto_screen import GotoScreen

        presenting = self.has_class("-present")

        def chosen(number: int | None) -> None:
            if number is not None:
                (self.go_to_step if presenting else self.jump_to)(number)

        def ask() -> None:
            count = len(lesson_steps(self.cassette)) if presenting else len(self.rows)
            self.app.push_screen(GotoScreen(count, steps=presenting), chosen)

        self._when_counted(ask)

    def _scrolled_pane(self) -> VerticalScroll:
        return self.query_one(f"#{self.pane}", VerticalScroll)

    def action_detail_page(self, pages: float) -> None:
        """Scroll the shown pane from the timeline: whole pages, or half (ctrl+d, ctrl+u)."""
        pane = self._scrolled_pane()
        if pane is self._detail:
            self._detail.follow_below(None)  # scrolled by hand: stop following a stream
            pane.anchor(False)
        step = max(1, int(pane.scrollable_content_region.height * abs(pages)))
        pane.scroll_relative(y=step if pages > 0 else -step, animate=False)

    def action_detail_home(self) -> None:
        pane = self._scrolled_pane()
        if pane is self._detail:
            self._detail.follow_below(None)
            pane.anchor(False)
        pane.scroll_home(animate=False)

    def action_detail_end(self) -> None:
        """The end of this interaction: a stream replaying is finished first."""
        if self.pane == "detail" and self.check_action("stream", ("finish",)):
            self.action_stream("finish")
        self.call_after_refresh(self._scrolled_pane().scroll_end, animate=False)

    def action_focus_detail(self) -> None:
        self.query_one(f"#{self.pane}").focus()

    def keep_focus_in_view(self) -> None:
        """A hidden timeline (collapsed, or presenting) keeps no focus: the keys go on to the
        pane shown. Left on the hidden list, the arrows moved it unseen (presenting, to another
        interaction than the caption's step)."""
        if not self.rows or not (self.timeline_collapsed or self.has_class("-present")):
            return
        panes = ("detail", "tools-pane", "raw-pane", "headers-pane")
        focused = self.focused
        if focused is self._timeline or (
            focused is not None and focused.id in panes and focused.id != self.pane
        ):
            self.action_focus_detail()

    def timeline_back_in_view(self) -> None:
        """The timeline shown again (presentation mode left): it takes the keys back."""
        if self.rows and not self.timeline_collapsed:
            self._timeline.focus()

    def action_back(self) -> None:
        """Escape steps back one level: a side pane (tools, raw, headers) to the conversation,
        then the diff pane closed, then a collapsed timeline shown again, then the focus back
        on the timeline, then the list. Presenting, the timeline is hidden: focusing it would be a
        press that changes nothing on screen, so that step is left out."""
        if self.pane != "detail":
            self.pane = "detail"
            return
        if self.diff_visible:
            self.diff_visible = False
            return
        if self.timeline_collapsed:
            self.timeline_collapsed = False
            return
        if self.rows and self.focused is not self._timeline and not self.has_class("-present"):
            self._timeline.focus()
            return
        self.back_to_list()

    def back_to_list(self) -> None:
        """Back to the cassette list, whatever is open on this screen."""
        back = getattr(self.app, "back_from_cassette", None)
        if back is not None:
            back()
        elif len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    # -- timeline ------------------------------------------------------------------------

    def action_toggle_timeline(self) -> None:
        self.timeline_collapsed = not self.timeline_collapsed

    def watch_timeline_collapsed(self, collapsed: bool) -> None:
        self.set_class(collapsed, "-timeline-collapsed")
        if not self.rows:
            return
        if collapsed:
            self.keep_focus_in_view()
        elif not self.has_class("-present"):
            self._timeline.focus()
            self._timeline.scroll_to_highlight()  # moved while hidden: the selection in view

    # -- search --------------------------------------------------------------------------

    async def action_search(self) -> None:
        # Mounted when first asked for: opening a cassette mounts nothing more than it did.
        found = self.query(SearchPanel)
        panel = found.first() if found else SearchPanel(self.cassette, id="search")
        if not found:
            await self.query_one("#main").mount(panel, after="#panes")
        panel.open()

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, by: int) -> None:
        found = self.query(SearchPanel)
        if not found or not found.first().step(by):
            self.notify("No search matches: s searches this cassette.", timeout=3)

    @on(SearchPanel.Go)
    def _go_to_match(self, event: SearchPanel.Go) -> None:
        if event.hit.interaction is None:
            return
        if event.hit.interaction != self.selected:
            self._move_to(event.hit.interaction)
        pane = pane_for(event.hit.where)
        if self.check_action("toggle_pane", (pane,)) is not False:
            self.pane = pane

    @on(SearchPanel.Closed)
    def _search_closed(self) -> None:
        self._timeline.focus()

    # -- panes ---------------------------------------------------------------------------

    def action_toggle_pane(self, pane: str) -> None:
        self.pane = "detail" if self.pane == pane else pane

    def watch_pane(self, pane: str) -> None:
        self.query_one("#panes", ContentSwitcher).current = pane
        self._refresh_pane()
        self.keep_focus_in_view()  # a pane switched away keeps no focus while the list is hidden

    def _refresh_pane(self) -> None:
        if not 0 <= self.selected < len(self.rows):
            return
        exchange = self.cassette.exchange(self.selected)
        if self.pane == "tools-pane":
            self.query_one(ToolsView).show(exchange)
        elif self.pane == "raw-pane":
            self.query_one("#raw", RawView).show(exchange)
        elif self.pane == "headers-pane":
            self.query_one("#headers", RawView).show(exchange)

    # -- stream --------------------------------------------------------------------------

    def action_stream(self, action: str) -> None:
        if action not in STREAM_ACTIONS:
            return
        stream = self.query_one("#stream")
        if stream.display:
            getattr(stream, f"action_{action}")()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_timeline" and self.has_class("-present"):
            return False  # presentation hides the timeline already
        if action == "toggle_pane" and self.has_class("-present") and parameters:
            return parameters[0] not in ("raw-pane", "headers-pane")  # presentation hides them
        if action == "stream":
            if not self.is_mounted:
                return False
            return bool(self.query("#stream") and self.query_one("#stream").display)
        return True

    # -- diff ----------------------------------------------------------------------------

    def action_toggle_diff(self) -> None:
        self.diff_visible = not self.diff_visible

    def watch_diff_visible(self, visible: bool) -> None:
        self.query_one("#diff").display = visible
        if visible:
            self._refresh_diff()

    def action_cycle_diff(self) -> None:
        self.diff_mode = DIFF_MODES[(DIFF_MODES.index(self.diff_mode) + 1) % len(DIFF_MODES)]
        if not self.diff_visible:
            self.diff_visible = True
        else:
            self._refresh_diff()

    def diff_pair(self) -> tuple[Exchange | None, Exchange | None, str]:
        """What the diff pane compares for the current selection and mode."""
        return diff_pair(self.cassette, self.rows, self.selected, self.diff_mode)

    def _refresh_diff(self) -> None:
        left, right, title = self.diff_pair()
        self.query_one("#diff", DiffPane).show(left, right, title)

    # -- hand-off: clipboard, pager, files (`tui_replay.ui.handoff`) -----------------------

    def action_copy_focused(self) -> None:
        handoff.copy_focused(self)

    def action_copy_interaction(self) -> None:
        handoff.copy_interaction_json(self)

    def action_copy_curl(self) -> None:
        handoff.copy_curl(self)

    def action_open_in_pager(self) -> None:
        handoff.open_in_pager(self)

    def action_save_image(self) -> None:
        handoff.save_image(self)

    # -- for the command palette ---------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="export")
    def export_here(self, fmt: str) -> None:
        """Export this cassette (masked as shown) into the current folder, off the UI thread."""
        from tui_replay.export.to_file import export_file

        try:
            target = export_file(self.cassette, fmt, Path.cwd())
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"cannot export: {exc}", severity="error")
            return
        self.app.call_from_thread(self.notify, f"exported to {target}", title="export")

    def set_speed(self, speed: float) -> None:
        self._stream.speed = speed
