"""What every realtime WebSocket turn shows about its session: where it dropped and resumed."""

from __future__ import annotations

from tui_replay.dialects.json_shapes import as_dict, as_str
from tui_replay.model import Problem, RawInteraction
from tui_replay.wording import counted


def session_problems(raw: RawInteraction, restored: int = 0) -> tuple[Problem, ...]:
    """`session-dropped` (warning) on the turn after which the socket closed abnormally,
    `session-resumed` (info) on the first turn of the session that followed, saying how many
    messages the server `restored` into it."""
    ws = as_dict(raw.extra.get("websocket"))
    problems: list[Problem] = []
    close = as_dict(ws.get("close"))
    if close and close.get("ok") is not True:
        code = close.get("code")
        reason = as_str(close.get("reason"))
        what = f"code {code}" if code is not None else "no close code"
        if reason:
            what += f", {reason!r}"
        problems.append(
            Problem(
                raw.index,
                "warning",
                "session-dropped",
                f"the WebSocket closed after this turn ({what}); a new session starts after it",
            )
        )
    if ws.get("resumed"):
        what = f"session {ws.get('session')} starts here, after the previous one closed"
        if restored:
            what += f"; the server restored {counted(restored, 'message')} of the conversation into it"
        problems.append(Problem(raw.index, "info", "session-resumed", what))
    return tuple(problems)
