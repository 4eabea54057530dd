"""Ruby VCR cassettes (github.com/vcr/vcr).

VCR 2+ writes `{http_interactions: [{request: {method, uri, body: {encoding,
string}, headers}, response: {status: {code, message}, headers, body:
{encoding, string}, http_version}, recorded_at}], recorded_with}`. Bodies may
be `!binary` (base64, read as bytes) or `base64_string` (when
`preserve_exact_body_bytes` is on). VCR 1.x wrote a top-level list of
`!ruby/struct:VCR::HTTPInteraction` with plain bodies; both load here. Ruby tags
are read as plain data by the safe loader, never executed.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from tui_replay.formats.bodies import decode_content, required_headers, to_bytes
from tui_replay.formats.shape import (
    ShapeError,
    mapping,
    optional_text,
    required,
    status_code,
)
from tui_replay.model import Headers, RawInteraction


def _body(value: Any, what: str, headers: Headers) -> bytes:
    if isinstance(value, dict):
        if value.get("base64_string") is not None:
            text = optional_text(value["base64_string"], f"{what}.base64_string")
            try:
                raw = base64.b64decode("".join(text.split()), validate=True)
            except (binascii.Error, ValueError):
                raise ShapeError(f"{what}.base64_string is not base64 (expected base64 text)") from None
        else:
            raw = to_bytes(value.get("string"))
    else:
        raw = to_bytes(value)
    return decode_content(raw, headers)


def _status(value: Any) -> tuple[int, str]:
    if isinstance(value, dict):
        code, _ = status_code(required(value, "code", "`response.status`"), "`response.status.code`")
        return code, optional_text(value.get("message"), "`response.status.message`")
    return status_code(value, "`response.status`")


def convert(item: Any, index: int, line: int | None) -> RawInteraction:
    item = mapping(item, "the interaction")
    request = mapping(required(item, "request", "the interaction"), "`request`")
    response = mapping(required(item, "response", "the interaction"), "`response`")
    status, status_text = _status(required(response, "status", "`response`"))
    request_headers = required_headers(request.get("headers"), "`request.headers`")
    response_headers = required_headers(response.get("headers"), "`response.headers`")
    method = optional_text(required(request, "method", "`request`"), "`request.method`")
    extra: dict[str, Any] = {}
    for key in ("recorded_at", "http_version"):
        source = item if key == "recorded_at" else response
        if source.get(key) is not None:
            extra[key] = str(source[key])
    return RawInteraction(
        index=index,
        method=method.lstrip(":").upper(),
        url=optional_text(required(request, "uri", "`request`"), "`request.uri`"),
        request_headers=request_headers,
        request_body=_body(request.get("body"), "`request.body`", request_headers),
        status=status,
        status_text=status_text,
        response_headers=response_headers,
        response_body=_body(response.get("body"), "`response.body`", response_headers),
        duration_ms=None,
        line=line,
        extra=extra,
    )
