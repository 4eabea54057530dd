"""Polls: an interaction that only asks how a request started earlier is doing.

Some answers are not in the response to the request that asked for them:

* OpenAI Responses in background mode (`background: true`): the POST answers a
  response object whose status is `queued`; the client then sends
  ``GET /v1/responses/{id}`` until the status is `completed`, and that last GET carries
  the output.
* Gemini long-running operations (video generation, file imports): the POST answers
  an operation `name`; ``GET /v1beta/{name}`` (a path ending ``/operations/{id}``) is
  polled until `done`.
* Batches: OpenAI ``GET /v1/batches/{id}``, Anthropic
  ``GET /v1/messages/batches/{id}`` and its ``/results``.

A poll is told apart from any other GET by its path alone (`poll_target`), and linked
to the interaction just before it when that one is a poll of the same id or its
response names the id (`names_target`). Only bytes are read, never a decoded
exchange, so the turn index can ask this of every interaction cheaply.

Not recognised: Vertex AI's `:fetchPredictOperation`, a POST whose body names the
operation; and polls separated from their request by unrelated interactions (two
batches polled in turn): each such poll starts a turn of its own, as before.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tui_replay.model import RawInteraction

_POLL_PATHS = (
    re.compile(r"/responses/(?P<id>[^/]+)$"),
    re.compile(r"/operations/(?P<id>[^/]+)$"),
    re.compile(r"/batches/(?P<id>[^/]+)(?:/results)?$"),
)
"""URL paths of a poll; `id` is what the starting request's response names."""

POLL_MARKERS = (b"/responses/", b"/operations/", b"/batches/")
"""Bytes one of which is in every poll's recorded URL: an interaction whose bytes in the
file hold none of them is not a poll, without parsing it (`might_be_poll`)."""


def poll_target(raw: RawInteraction) -> str | None:
    """The id a GET polls for (a response, operation or batch id), or None for anything else."""
    if raw.method.upper() != "GET":
        return None
    try:
        path = urlsplit(raw.url).path.rstrip("/")
    except ValueError:
        return None
    for pattern in _POLL_PATHS:
        found = pattern.search(path)
        if found is not None:
            return found.group("id")
    return None


def names_target(raw: RawInteraction, target: str) -> bool:
    """Whether `raw`'s response names `target` as a whole JSON string or the end of one
    (`"resp_1"`, `".../operations/abc"`): the request that started what is polled."""
    if not target:
        return False
    body = raw.response_body
    end = target.encode("utf-8", "replace") + b'"'
    return b'"' + end in body or b"/" + end in body


def might_be_poll(item: bytes | None) -> bool:
    """False only when an interaction's bytes in the file (`None`: not known) certainly
    hold no poll (no `POLL_MARKERS`)."""
    return item is None or any(marker in item for marker in POLL_MARKERS)
