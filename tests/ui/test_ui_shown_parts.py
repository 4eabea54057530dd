"""Runs of text parts are drawn as one text (message_view.shown_parts)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui_replay.model import Message, TextPart, ToolCallPart
from tui_replay.ui.widgets.message_view import MessageView, TextPartView, join_texts, shown_parts


def test_fragments_of_a_sentence_join_as_they_are() -> None:
    assert join_texts("Historical Context: Interestingly, ", "in 1925, it was") == (
        "Historical Context: Interestingly, in 1925, it was"
    )
    joined = join_texts("outnumbering even Tokyo", ". However, Tokyo")
    assert joined == "outnumbering even Tokyo. However, Tokyo"
    assert join_texts("decline of -0.22%", "\n\nSources") == "decline of -0.22%\n\nSources"


def test_separate_texts_stay_separate_paragraphs() -> None:
    assert join_texts("Describe this image", "Answer in French") == "Describe this image\n\nAnswer in French"
    assert join_texts("", "only") == "only"


def test_only_runs_of_text_are_merged() -> None:
    call = ToolCallPart(id="c1", name="search", arguments_raw="{}", arguments={})
    parts = (TextPart("a "), TextPart("b"), call, TextPart("c"), TextPart(", d"))
    assert shown_parts(parts) == (TextPart("a b"), call, TextPart("c, d"))
    single = (TextPart("x"), call)
    assert shown_parts(single) is single


async def test_a_message_of_many_text_blocks_is_one_text_widget() -> None:
    blocks = tuple(TextPart(f"fragment {i} ") for i in range(12))

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield MessageView(Message("assistant", blocks))

    app = Host()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        views = list(app.query(TextPartView))
        assert len(views) == 1
        assert views[0]._text == "".join(b.text for b in blocks)
