"""vcrpy cassettes, including pydantic-ai's serializer variant.

vcrpy: items `{request: {body, headers, method, uri}, response: {status: {code,
message}, headers, body: {string}}}` with headers as lists of strings, bodies as
text, `!!binary` bytes or compressed bytes (per `Content-Encoding`).

pydantic-ai: lower-case header names and `parsed_body` (already parsed JSON)
instead of `body` on requests and sometimes responses. The parsed value is kept
in `request_json`/`response_json` and its compact JSON is the body bytes.
"""

from __future__ import annotations

from typing import Any

from tui_replay.formats.bodies import (
    compact_json,
    decode_content,
    jsonable,
    required_headers,
    to_bytes,
)
from tui_replay.formats.shape import (
    ShapeError,
    mapping,
    optional_text,
    required,
    status_code,
)
from tui_replay.model import Headers, RawInteraction


def _body(side: dict[Any, Any], headers: Headers) -> tuple[bytes, Any]:
    """(body bytes, parsed JSON or None) of a request or response."""
    if "parsed_body" in side:
        parsed = jsonable(side["parsed_body"])
        return compact_json(parsed), parsed
    value = side.get("body")
    if isinstance(value, dict):  # {string: ...} (vcrpy responses; some requests)
        value = value.get("string")
    return decode_content(to_bytes(value), headers), None


def status_of(value: Any) -> tuple[int, str]:
    if isinstance(value, dict):
        code, _ = status_code(required(value, "code", "`response.status`"), "`response.status.code`")
        return code, optional_text(value.get("message"), "`response.status.message`")
    return status_code(value, "`response.status`")


def convert(item: Any, index: int, line: int | None) -> RawInteraction:
    item = mapping(item, "the interaction")
    request = mapping(required(item, "request", "the interaction"), "`request`")
    response = mapping(required(item, "response", "the interaction"), "`response`")
    status, status_text = status_of(required(response, "status", "`response`"))
    request_headers = required_headers(request.get("headers"), "`request.headers`")
    response_headers = required_headers(response.get("headers"), "`response.headers`")
    request_body, request_json = _body(request, request_headers)
    response_body, response_json = _body(response, response_headers)
    url = request.get("uri", request.get("url"))
    if url is None:
        raise ShapeError("`request` has no `uri`")
    return RawInteraction(
        index=index,
        method=optional_text(required(request, "method", "`request`"), "`request.method`").upper(),
        url=optional_text(url, "`request.uri`"),
        request_headers=request_headers,
        request_body=request_body,
        status=status,
        status_text=status_text,
        response_headers=response_headers,
        response_body=response_body,
        duration_ms=None,
        request_json=request_json,
        response_json=response_json,
        line=line,
    )
