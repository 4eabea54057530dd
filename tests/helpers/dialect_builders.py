"""Hand-built interactions for dialect tests: one JSON POST and the response it got."""

from __future__ import annotations

import json

from tui_replay.model import RawInteraction


def posted(url: str, body: object, response: bytes, *, status: int, content_type: str) -> RawInteraction:
    """Interaction 0: `body` POSTed as JSON to `url`, answered with `response` bytes."""
    return RawInteraction(
        index=0,
        method="POST",
        url=url,
        request_headers=(("Content-Type", "application/json"),),
        request_body=json.dumps(body).encode(),
        status=status,
        status_text="",
        response_headers=(("Content-Type", content_type),),
        response_body=response,
        duration_ms=None,
    )
