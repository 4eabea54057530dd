"""Hand-off from an opened cassette, driven by its keys: `y` copies the thing in focus, `Y` the
interaction as `inspect --json` prints it, `c` the request as curl, `v` opens the focused
pane in `$PAGER`, `w` saves an image. What lands on the clipboard is read from
`app.clipboard` (where `App.copy_to_clipboard` keeps it) and checked against the cassette's
facts read independently (its JSON, its base64, `inspect`)."""

from __future__ import annotations

import base64
import contextlib
import json
import re
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.notifications import SeverityLevel
from textual.selection import SELECT_ALL
from textual.widgets import Input

from tests.helpers.handoff_cassettes import KEY, planted
from tests.helpers.waiting import wait_until
from tui_replay.cli.main import main
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import MULTI, SILICONFLOW, WANDB, play
from tui_replay.ui.screens.cassette_screen import CassetteScreen
from tui_replay.ui.screens.save_image_screen import SaveImageScreen
from tui_replay.ui.widgets.message_at_rest import MessageAtRest

ROOT = Path(__file__).resolve().parents[2]
THINKING = "cassettes/anthropic_thinking_tool_stream.yaml"
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


class Noted(ReplayApp):
    """Keeps what the app says in notifications."""

    CSS_PATH = str(ROOT / "tui_replay" / "ui" / "tui_replay.tcss")  # relative paths resolve from here

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, autoplay=False, **kwargs)
        self.said: list[str] = []

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        self.said.append(message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)


def _screen(app: ReplayApp) -> CassetteScreen:
    screen = app.screen
    assert isinstance(screen, CassetteScreen)
    return screen


def _recorded_response(path: Path | str, index: int) -> Any:
    """Interaction `index`'s response body, straight from the cassette's YAML."""
    import yaml

    doc = yaml.safe_load((ROOT / path).read_text())
    return json.loads(doc["interactions"][index]["response"]["body"])


# -- y: the thing in focus ---------------------------------------------------------------------


async def test_y_copies_the_tool_call_arguments_the_interaction_answered() -> None:
    app = Noted([SILICONFLOW])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("y",))
        recorded = _recorded_response(SILICONFLOW, 0)["choices"][0]["message"]["tool_calls"][0]["function"]
        assert json.loads(app.clipboard) == json.loads(recorded["arguments"])
        assert app.clipboard.startswith("{\n  ")  # pretty
        assert app.said[-1] == f"copied tool call arguments · {len(app.clipboard)} chars"


async def test_y_copies_a_reply_of_text_and_a_tool_call_whole() -> None:
    app = Noted([WANDB])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("n", "n", "y"))
        message = _recorded_response(WANDB, 2)["choices"][0]["message"]
        call = message["tool_calls"][0]
        assert app.clipboard.startswith(message["content"].strip())
        arguments = app.clipboard.split(f"[tool call weather id={call['id']}]\n", 1)[1]
        assert json.loads(arguments) == json.loads(call["function"]["arguments"])
        assert app.said[-1].startswith("copied response · ")


async def test_y_copies_the_error_of_a_failed_attempt() -> None:
    app = Noted([MULTI])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("y",))
        recorded = _recorded_response(MULTI, 0)["error"]
        assert app.clipboard == recorded["metadata"]["raw"]  # the upstream's words, as the error box shows
        assert app.said[-1].startswith("copied error message · ")


async def test_y_copies_what_the_side_pane_shows() -> None:
    app = Noted([WANDB])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("n", "n", "t", "y"))
        tools = json.loads(app.clipboard)
        assert [t["name"] for t in tools] == ["weather"] and "location" in json.dumps(tools[0]["parameters"])
        await play(app, pilot, ("r", "y"))  # the raw pane: the response body, pretty
        assert json.loads(app.clipboard) == _recorded_response(WANDB, 2)
        assert app.said[-1].startswith("copied response body · ")
        await play(app, pilot, ("h", "y"))
        raw = _screen(app).cassette.raw(2)
        request, response = app.clipboard.split("\n\nHTTP 200 OK\n")
        assert request.splitlines() == [f"POST {raw.url}", *(f"{k}: {v}" for k, v in raw.request_headers)]
        assert response.splitlines() == [f"{k}: {v}" for k, v in raw.response_headers]
        assert len(raw.request_headers) == 3 and len(raw.response_headers) == 1  # checks that check something


async def test_y_copies_the_mouse_selection_first() -> None:
    app = Noted([WANDB])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("n", "n"))
        screen = _screen(app)
        message = screen.query(MessageAtRest).filter(".-role-user").first()
        screen.selections = {message: SELECT_ALL}
        await play(app, pilot, ("y",))
        assert app.clipboard == screen.get_selected_text()
        assert "Florence" in app.clipboard
        assert app.said[-1].startswith("copied selection · ")


async def test_y_on_a_message_tabbed_onto_copies_that_message() -> None:
    app = Noted([THINKING])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("n",))
        screen = _screen(app)
        history = [m for m in screen.query(MessageAtRest) if m.display and m.id != "response-message"]
        with_thinking = next(m for m in history if m.can_focus)
        with_thinking.focus()
        await play(app, pilot, ("y",))
        assert app.clipboard.startswith("[thinking]\nThe user wants to know about rain in Lisbon.")
        assert "[tool call " in app.clipboard
        assert app.said[-1].startswith("copied assistant message · ")


# -- Y and c: the interaction as JSON, the request as curl -------------------------------------


async def test_shift_y_copies_what_inspect_json_prints(capsys: pytest.CaptureFixture[str]) -> None:
    app = Noted([WANDB])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("n", "n", "Y"))
        copied = app.clipboard
    assert main(["inspect", "--json", "-i", "2", WANDB]) == 0
    assert copied == capsys.readouterr().out
    assert json.loads(copied)["interactions"][0]["request"]["headers"]


@pytest.mark.parametrize("redact", [True, False])
async def test_c_copies_the_request_as_curl_masked_unless_no_redact(tmp_path: Path, redact: bool) -> None:
    path = planted(tmp_path)
    app = Noted([path], redact=redact)
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("c",))
        words = shlex.split(app.clipboard)
        await play(app, pilot, ("Y",))
        as_json = app.clipboard
        await play(app, pilot, ("h", "y"))
        headers = app.clipboard
    assert words[:2] == ["curl", "https://api.openai.com/v1/chat/completions"]
    assert json.loads(words[words.index("--data-raw") + 1])["model"] == "gpt-5"
    for copied in (app.clipboard, " ".join(words), as_json, headers):
        assert (KEY[8:] in copied) is not redact
    assert any(w.startswith("Authorization: Bearer sk-proj-") for w in words)
    assert ("(secrets masked)" in app.said[-3]) is redact


# -- v: the pager ------------------------------------------------------------------------------


async def test_v_where_the_terminal_cannot_be_handed_over_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setenv("PAGER", "definitely-not-run")
    app = Noted([WANDB])
    async with app.run_test(size=SIZE) as pilot:  # the headless driver cannot suspend
        await play(app, pilot, ("v",))
        assert app.is_running
        assert "cannot open a pager here" in app.said[-1]
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone


async def test_v_opens_the_focused_pane_in_the_pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    pager = tmp_path / "pager.py"  # a fake pager: keeps a copy of what it was given, and its name
    pager.write_text(
        "import shutil, sys\n"
        "shutil.copy(sys.argv[-1], sys.argv[1])\n"
        "open(sys.argv[2], 'w').write(sys.argv[-1])\n"
    )
    seen, name = tmp_path / "seen.txt", tmp_path / "name.txt"
    monkeypatch.setenv("PAGER", shlex.join([sys.executable, str(pager), str(seen), str(name)]))
    app = Noted([WANDB])
    suspended: list[bool] = []

    @contextlib.contextmanager
    def suspend() -> Any:  # Textual's headless driver cannot suspend: the one thing patched
        suspended.append(True)
        yield

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "suspend", suspend)
        await play(app, pilot, ("n", "n", "r", "v"))
    assert suspended == [True]
    shown = seen.read_text()
    assert shown.startswith("POST https://openrouter.ai/api/v1/chat/completions\n")
    assert json.loads(shown.split("\nHTTP 200 OK\n", 1)[1].split("\n\n", 1)[1]) == _recorded_response(
        WANDB, 2
    )
    assert Path(name.read_text()).name.startswith("openrouter_kimi_tool_wandb-2-")
    assert list((tmp_path / "tmp").iterdir()) == []  # removed once the pager is done


async def test_v_with_a_pager_that_does_not_exist_says_so_and_gives_the_terminal_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setenv("PAGER", "no-such-pager-anywhere -R")
    app = Noted([WANDB])
    escaped: list[BaseException] = []

    @contextlib.contextmanager
    def suspend() -> Any:
        try:
            yield
        except BaseException as exc:  # Textual's own suspend() would not resume the terminal
            escaped.append(exc)
            raise

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "suspend", suspend)
        await play(app, pilot, ("v",))
        assert app.is_running
        assert app.said[-1].startswith("cannot run the pager no-such-pager-anywhere: ")
    assert escaped == []
    assert list(tmp_path.iterdir()) == []


# -- w: save an image --------------------------------------------------------------------------


def _png_in(path: Path) -> bytes:
    found = re.search(r"data:image/png;base64,([A-Za-z0-9+/=]+)", path.read_text())
    assert found is not None
    return base64.b64decode(found.group(1))


async def _save(app: ReplayApp, pilot: Any) -> SaveImageScreen:
    await play(app, pilot, ("w",))
    await wait_until(lambda: isinstance(app.screen, SaveImageScreen), pilot, what="the save screen")
    screen = app.screen
    assert isinstance(screen, SaveImageScreen)
    return screen


async def test_w_saves_exactly_the_decoded_bytes_and_asks_before_replacing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cassettes, work = tmp_path / "cassettes", tmp_path / "work"
    cassettes.mkdir()
    work.mkdir()
    path = planted(cassettes)
    monkeypatch.chdir(work)
    app = Noted([path])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _save(app, pilot)
        assert screen.query_one(Input).value == "./planted-0-1.png"
        await pilot.press("enter")
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="saved")
        target = work / "planted-0-1.png"
        assert target.read_bytes() == _png_in(path)
        assert len(target.read_bytes()) == 2868  # the size the conversation shows
        assert app.said[-1] == f"saved image to {target}"

        target.write_bytes(b"mine")
        screen = await _save(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and target.read_bytes() == b"mine"  # not replaced on the first enter
        assert "exists" in str(screen.query_one("#save-image-warning").render())
        await pilot.press("enter")
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="replaced")
        assert target.read_bytes() == _png_in(path)
    assert path.read_text() == planted(tmp_path).read_text()  # the cassette is as it was


async def test_w_into_the_cassettes_folder_wants_a_second_enter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = planted(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = Noted([path])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _save(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and not (tmp_path / "planted-0-1.png").exists()
        assert "cassette's folder" in str(screen.query_one("#save-image-warning").render())
        await pilot.press("escape")
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="cancelled")
        assert not (tmp_path / "planted-0-1.png").exists()
        screen = await _save(app, pilot)
        await pilot.press("enter", "enter")
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="saved")
        assert (tmp_path / "planted-0-1.png").read_bytes() == _png_in(path)


async def test_w_never_writes_the_cassette_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = planted(tmp_path)
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    app = Noted([path])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _save(app, pilot)
        screen.query_one(Input).value = str(path)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "never written" in str(screen.query_one("#save-image-warning").render())
    assert path.read_bytes() == before


async def test_w_with_two_images_saves_the_one_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = planted(tmp_path)
    text = path.read_text()
    part = re.search(
        r'\{"image_url":\{"url":"data:image/png;base64,[A-Za-z0-9+/=]+"\},"type":"image_url"\}', text
    )
    assert part is not None
    second = b"GIF89a" + bytes(range(100))
    url = "data:image/gif;base64," + base64.b64encode(second).decode()
    another = json.dumps({"image_url": {"url": url}, "type": "image_url"}, separators=(",", ":"))
    path.write_text(text.replace(part.group(0), part.group(0) + "," + another))
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    app = Noted([path])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _save(app, pilot)
        choice = screen.query_one("#save-image-choice")
        assert choice.option_count == 2  # type: ignore[attr-defined]
        assert screen.query_one(Input).value == "./planted-0-1.png"
        choice.focus()
        await pilot.press("down")
        await wait_until(lambda: screen.query_one(Input).value == "./planted-0-2.gif", pilot, what="the path")
        await pilot.press("enter", "enter")  # chosen, then saved from the path
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="saved")
    assert (tmp_path / "work" / "planted-0-2.gif").read_bytes() == second
    assert not (tmp_path / "work" / "planted-0-1.png").exists()


async def test_w_without_an_image_says_so() -> None:
    app = Noted([MULTI])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ("w",))
        assert isinstance(app.screen, CassetteScreen)
        assert app.said[-1] == "Interaction #0 carries no image."


async def test_the_palette_offers_each_hand_off_with_its_key() -> None:
    from tui_replay.ui.commands import ReplayCommands

    app = Noted([WANDB])
    async with app.run_test(size=SIZE) as pilot:
        await play(app, pilot, ())
        provider = ReplayCommands(app.screen, None)
        found = {str(hit.display): hit.help or "" async for hit in provider.discover()}
    wanted = {
        "Copy the thing in focus": "y",
        "Copy interaction as JSON": "Y",
        "Copy request as curl": "c",
        "Open in pager": "v",
        "Save image to a file": "w",
    }
    for name, key in wanted.items():
        assert found.get(name, "").startswith(f"key: {key}  ·  "), (name, found.get(name))
