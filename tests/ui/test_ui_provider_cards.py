"""A provider-run tool is drawn as a card that says the provider ran it, its result linked as
that tool's output, in both message widgets; a code run shows its code and its logs. The
response header carries the normalized usage of every dialect; audio shows how long it plays."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import App, ComposeResult

from tests.helpers.paths import corpus_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import ImagePart, Message, TextPart, ToolCallPart, ToolResultPart
from tui_replay.ui.widgets.card_text import image_line, provider_run_results
from tui_replay.ui.widgets.message_at_rest import MessageAtRest
from tui_replay.ui.widgets.message_view import MessageView, ToolCallView, ToolResultView
from tui_replay.ui.widgets.response_view import ResponseView
from tui_replay.ui.widgets.styled_lines import StyledLines

CODE = "import math\nprint(math.sqrt(2))"
RUN = ToolCallPart(
    "ci_1",
    "code_interpreter",
    "",
    {"code": CODE, "container_id": "cntr_9"},
    server=True,
)
LOGS = ToolResultPart("ci_1", [{"type": "logs", "logs": "1.4142135623730951\n"}], False, "code_interpreter")
CLIENT_CALL = ToolCallPart("call_2", "weather", '{"city": "Oslo"}', {"city": "Oslo"})
CLIENT_RESULT = ToolResultPart("call_2", "sunny")
MESSAGE = Message("assistant", (RUN, LOGS, TextPart("done"), CLIENT_CALL, CLIENT_RESULT))
NAMES = {"ci_1": "code_interpreter", "call_2": "weather"}


def host(widget: object) -> App[None]:
    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield widget  # type: ignore[misc]

    return Host()


async def test_the_stream_widgets_draw_a_provider_run_code_call_with_its_code_and_logs() -> None:
    app = host(MessageView(MESSAGE, tool_names=NAMES))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        calls = list(app.query(ToolCallView))
        results = list(app.query(ToolResultView))
        assert [c.border_title for c in calls] == [
            "code_interpreter · run by the provider",
            "tool call · weather",
        ]
        assert [r.border_title for r in results] == [
            "code_interpreter output · run by the provider",
            "tool result · weather",
        ]
        assert calls[0].has_class("-server") and not calls[1].has_class("-server")
        assert results[0].has_class("-server") and not results[1].has_class("-server")
        code = calls[0].renderable
        assert isinstance(code, Text)
        assert code.plain.startswith(CODE)  # the code as code, not a JSON string with \n in it
        assert "container_id: cntr_9" in code.plain
        assert len({span.style for span in code.spans}) > 1  # highlighted
        logs = results[0].renderable
        assert isinstance(logs, Text) and logs.plain == "1.4142135623730951"
        assert results[0].border_subtitle == "answers ci_1"  # linked to the call it answers


async def test_a_message_at_rest_draws_the_same_provider_run_cards() -> None:
    app = host(MessageAtRest(MESSAGE, tool_names=NAMES))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        lines = app.query_one(MessageAtRest).plain_lines()
        text = "\n".join(lines)
        assert "code_interpreter · run by the provider" in text
        assert "code_interpreter output · run by the provider" in text
        assert "tool call · weather" in text and "tool result · weather" in text
        assert any(line.strip("│ ") == "print(math.sqrt(2))" for line in lines)
        assert any(line.strip("│ ") == "1.4142135623730951" for line in lines)


def test_a_result_without_an_id_right_after_a_provider_run_call_is_its_output() -> None:
    gemini_run = ToolCallPart(None, "code_execution", "", {"language": "PYTHON", "code": "1+1"}, server=True)
    gemini_out = ToolResultPart(None, {"outcome": "OUTCOME_OK", "output": "2\n"}, False, "code_execution")
    parts = (gemini_run, gemini_out, CLIENT_CALL, CLIENT_RESULT, ToolResultPart(None, "stray"))
    assert provider_run_results(parts) == frozenset({1})


def test_audio_shows_how_long_it_plays() -> None:
    assert image_line(ImagePart("audio/pcm", 48_000, seconds=1.0)) == "[audio audio/pcm · 1.0 s · 46.9 KiB]"
    # a realtime chunk plays for milliseconds: `0.04 s` would round 38 ms away
    assert image_line(ImagePart("audio/pcm", 1843, seconds=0.0384)) == "[audio audio/pcm · 38 ms · 1.8 KiB]"
    assert image_line(ImagePart("audio/pcm", 198, seconds=198 / 48_000)) == "[audio audio/pcm · 4 ms · 198 B]"
    assert image_line(ImagePart("image/png", 2048)).startswith("[image image/png")


async def test_the_response_header_shows_normalized_usage_whatever_the_provider_called_it() -> None:
    path = corpus_file(
        "go-vcr/fantasy/TestBedrockCommon/bedrock-anthropic-claude-haiku-4-5/simple_streaming.yaml"
    )
    exchange = open_cassette(path).exchange(0)
    bedrock = {"inputTokens": 12, "outputTokens": 5, "cacheReadInputTokens": 30, "totalTokens": 47}
    exchange = replace(exchange, response=replace(exchange.response, usage=bedrock))
    view = ResponseView()
    app = host(view)
    async with app.run_test(size=(160, 30)) as pilot:
        view.show(exchange)
        await pilot.pause()
        header = view.query_one("#response-header", StyledLines).plain
        assert "in 42 (cached 30) · out 5" in header
