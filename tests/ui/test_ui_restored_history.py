"""The app shows the history a realtime server restored into a resumed session as part of
the turn's conversation, marked where it came from."""

from __future__ import annotations

from tests.helpers.paths import corpus_new_file
from tests.helpers.waiting import wait_until

XAI_RESUMED = "vcrpy/pydantic-ai/realtime/cassettes/test_xai_ws/test_session_resumption_after_drop.yaml"


async def test_turn_2_shows_the_message_the_server_restored_into_session_2() -> None:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

    app = ReplayApp([corpus_new_file(XAI_RESUMED)], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="the cassette screen")

        def drawn() -> str:
            return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

        await wait_until(lambda: "Remember exactly" in drawn(), pilot, what="turn 1's conversation")
        await pilot.press("n")
        await wait_until(lambda: "What code word did I ask" in drawn(), pilot, what="turn 2's conversation")
        screen = drawn()
        assert "ASSISTANT · restored by the server into session 2" in screen
        assert screen.index("Got it—code word is cobalt.") < screen.index("What code word did I ask")
