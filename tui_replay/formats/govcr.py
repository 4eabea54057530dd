"""go-vcr cassettes (github.com/dnaeon/go-vcr and gopkg.in/dnaeon/go-vcr.v*).

v2 (`version: 2`, as in the seeds): items `{id, request: {proto, content_length,
host, body, form, headers, url, method}, response: {proto, content_length,
uncompressed, body, headers, status: "200 OK", code: 200, duration: "1.2s"}}`.
v1 (`version: 1`): the same without `id`, `proto*`, `content_length`, `host`;
`status` is the text "200 OK", `code` the number, `duration` optional.
"""

from __future__ import annotations

from typing import Any

from tui_replay.formats.bodies import decode_content, headers_from_mapping, to_bytes
from tui_replay.formats.shape import (
    ShapeError,
    describe,
    go_duration_ms,
    mapping,
    optional_text,
    required,
    status_code,
)
from tui_replay.model import Headers, RawInteraction


def _headers(value: Any, what: str) -> Headers:
    headers = headers_from_mapping(value)
    if headers is None:
        raise ShapeError(
            f"{what} is {describe(value)} (expected a mapping of header names to lists of values)"
        )
    return headers


def convert(item: Any, index: int, line: int | None) -> RawInteraction:
    item = mapping(item, "the interaction")
    request = mapping(required(item, "request", "the interaction"), "`request`")
    response = mapping(required(item, "response", "the interaction"), "`response`")

    code_value = response.get("code")
    status_value = response.get("status")
    if code_value is None and status_value is None:
        raise ShapeError("`response` has no `code` or `status` (expected an HTTP status code)")
    status_text = ""
    if isinstance(status_value, str):
        _, status_text = status_code(status_value, "`response.status`")
    if code_value is not None:
        status, _ = status_code(code_value, "`response.code`")
    else:
        status, _ = status_code(status_value, "`response.status`")

    request_headers = _headers(request.get("headers"), "`request.headers`")
    response_headers = _headers(response.get("headers"), "`response.headers`")
    extra: dict[str, Any] = {}
    if item.get("id") is not None:
        extra["id"] = item["id"]
    if request.get("form"):
        extra["form"] = request["form"]
    return RawInteraction(
        index=index,
        method=optional_text(required(request, "method", "`request`"), "`request.method`").upper(),
        url=optional_text(required(request, "url", "`request`"), "`request.url`"),
        request_headers=request_headers,
        request_body=decode_content(to_bytes(request.get("body")), request_headers),
        status=status,
        status_text=status_text,
        response_headers=response_headers,
        response_body=decode_content(to_bytes(response.get("body")), response_headers),
        duration_ms=go_duration_ms(response.get("duration")),
        line=line,
        extra=extra,
    )
