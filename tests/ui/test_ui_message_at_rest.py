"""MessageAtRest: a request's message drawn whole by one widget."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.helpers.waiting import wait_until
from tui_replay.model import ImagePart, Message, TextPart, ThinkingPart, ToolCallPart, ToolResultPart
from tui_replay.ui.widgets.message_at_rest import MessageAtRest

CALL = ToolCallPart("call_7", "weather", '{"city": "Florence"}', {"city": "Florence"}, True)
BROKEN = ToolCallPart("call_8", "weather", '{"city": "Flor', None, False)
RESULT = ToolResultPart("call_7", '{"temp": "40 C"}')
ERROR = ToolResultPart("call_8", "no such city", is_error=True)
THOUGHT = ThinkingPart("first I check the city then the weather")


class Host(App[None]):
    def __init__(self, *messages: Message) -> None:
        super().__init__()
        self.messages = messages

    def compose(self) -> ComposeResult:
        names = {"call_8": "weather"}
        for message in self.messages:
            yield MessageAtRest(message, tool_names=names)


async def lines(app: Host, index: int = 0) -> list[str]:
    return app.query(MessageAtRest)[index].plain_lines()


async def test_a_message_draws_its_header_markdown_and_cards_in_one_widget() -> None:
    message = Message("assistant", (TextPart("Checking **now**:\n\n- one\n- two"), CALL), name="bot")
    app = Host(message, Message("tool", (RESULT, ERROR)))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(MessageAtRest)
        assert not view.children  # no widget per part
        drawn = await lines(app)
        assert drawn[0].strip() == "ASSISTANT (bot)"
        assert "Checking now:" in drawn[1]  # Markdown: the stars are emphasis, not text
        assert any(line.strip().startswith("• one") for line in drawn)
        card = "\n".join(drawn)
        assert "tool call · weather" in card and '"city": "Florence"' in card and "id call_7" in card
        assert drawn[-1].strip().startswith("╰") and len(drawn) == view.size.height
        results = "\n".join(await lines(app, 1))
        assert "tool result" in results and '"temp": "40 C"' in results and "answers call_7" in results
        assert "tool error · weather" in results  # named from the call it answers
        assert view.has_class("-role-assistant")


async def test_invalid_arguments_image_and_empty_message_are_said_so() -> None:
    app = Host(
        Message("assistant", (BROKEN,)),
        Message("user", (ImagePart("image/png", 2048, "https://example.com/cat.png"),)),
        Message("user", ()),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        broken = "\n".join(await lines(app, 0))
        assert "INVALID JSON arguments · id call_8" in broken and '{"city": "Flor' in broken
        image = "\n".join(await lines(app, 1))
        assert "[image image/png · 2.0 KiB]  https://example.com/cat.png" in image and "╌" in image
        assert "(empty message)" in (await lines(app, 2))[1]


async def test_thinking_is_folded_and_opens_on_click_or_enter() -> None:
    app = Host(Message("assistant", (THOUGHT, TextPart("Done."))))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(MessageAtRest)
        assert view.can_focus
        folded = await lines(app)
        assert folded[1].strip() == "▶ thinking · 8 words" and "first I check" not in "\n".join(folded)
        height = view.outer_size.height
        await pilot.click(MessageAtRest, offset=(3, 1))  # the title line (1 below the header)
        await pilot.pause()
        opened = await lines(app)
        assert opened[1].strip() == "▼ thinking · 8 words" and "first I check the city" in opened[2]
        assert view.outer_size.height == height + 1
        view.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert (await lines(app))[1].strip() == "▶ thinking · 8 words"
        assert not MessageAtRest(Message("user", (TextPart("hi"),))).can_focus  # nothing to fold


async def test_a_new_message_or_hidden_ids_redraw_it() -> None:
    app = Host(Message("assistant", (CALL,)))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(MessageAtRest)
        view.show_ids(False)
        await pilot.pause()
        assert "call_7" not in "\n".join(await lines(app))
        view.update_message(Message("user", (TextPart("plain words"),)))
        await pilot.pause()
        drawn = await lines(app)
        assert drawn[0].strip() == "USER" and "plain words" in drawn[1]
        assert view.has_class("-role-user") and not view.has_class("-role-assistant")


async def test_a_click_finds_the_thinking_title_at_the_width_shown() -> None:
    """Lines are kept for two widths; a click is matched against the lines at the width shown,
    not the last width drawn (a long text before the thinking wraps differently)."""
    long_text = "word " * 30
    app = Host(Message("assistant", (TextPart(long_text), THOUGHT)))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(MessageAtRest)
        shown = view.plain_lines()
        title = next(i for i, line in enumerate(shown) if "thinking" in line)
        narrow = view.plain_lines(20)  # drawn at another width, as a measuring container does
        assert next(i for i, line in enumerate(narrow) if "thinking" in line) != title
        await pilot.click(MessageAtRest, offset=(4, title))
        await pilot.pause()
        assert "▼ thinking" in view.plain_lines()[title]


async def test_a_long_text_is_plain_until_its_markdown_is_rendered_in_a_thread(monkeypatch) -> None:
    """A big table or code block takes Rich most of a second: never on the UI thread."""
    import threading

    from tui_replay.ui.widgets import text_part_view

    rendering, release = threading.Event(), threading.Event()
    render = text_part_view.markdown_lines
    threads: list[threading.Thread] = []

    def held(*args: object) -> object:
        threads.append(threading.current_thread())
        rendering.set()
        release.wait(5)
        return render(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(text_part_view, "markdown_lines", held)
    text = "**Long** " + "word " * (text_part_view.RENDER_NOW_CHARS // 5)
    app = Host(Message("assistant", (TextPart(text),)))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert rendering.wait(5)
        assert (await lines(app))[1].startswith("**Long** word")  # plain meanwhile
        release.set()
        await wait_until(
            lambda: app.query(MessageAtRest)[0].plain_lines()[1].startswith("Long word"),
            pilot,
            what="the Markdown drawn",
        )
        assert (await lines(app))[1].startswith("Long word word")
        assert threads and threads[0] is not threading.main_thread()


async def test_a_very_long_text_shows_its_start_while_it_renders(monkeypatch) -> None:
    import threading

    from tui_replay.ui.widgets import message_at_rest, text_part_view

    release = threading.Event()
    render = text_part_view.markdown_lines

    def held(*args: object) -> object:
        release.wait(5)
        return render(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(text_part_view, "markdown_lines", held)
    text = "line\n" * (message_at_rest.PLAIN_CHARS // 5 + 1000)
    app = Host(Message("assistant", (TextPart(text),)))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        drawn = await lines(app)
        assert len(drawn) == 1 + message_at_rest.PLAIN_CHARS // 5 + 1  # header, the start, the note
        assert drawn[-1].strip() == "… 5,000 more characters (rendering)"
        release.set()


async def test_opened_thinking_is_markdown_as_the_answer_is() -> None:
    thought = ThinkingPart("**Getting weather info**\n\nI need the `weather` tool.")
    app = Host(Message("assistant", (thought, TextPart("Done."))))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(MessageAtRest)
        view.focus()
        await pilot.press("enter")
        await pilot.pause()
        opened = "\n".join(await lines(app))
        assert "Getting weather info" in opened and "I need the weather tool." in opened
        assert "**" not in opened and "`" not in opened
