"""HAR files (HTTP Archive, as browser devtools and proxies export them).

`{"log": {"entries": [{startedDateTime, time, request: {method, url, headers:
[{name, value}], postData: {mimeType, text, params}}, response: {status,
statusText, headers, content: {size, mimeType, text, encoding}}}]}}`.
`content.text` is base64 when `encoding` is `base64`; `time` is the total in ms.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import urlencode

from tui_replay.formats.bodies import decode_content, headers_from_pairs, text_of, to_bytes
from tui_replay.formats.shape import (
    ShapeError,
    describe,
    mapping,
    optional_text,
    required,
    status_code,
)
from tui_replay.model import Headers, RawInteraction


def is_har(document: Any) -> bool:
    log = document.get("log") if isinstance(document, dict) else None
    return isinstance(log, dict) and isinstance(log.get("entries"), list)


def _headers(value: Any, what: str) -> Headers:
    headers = headers_from_pairs(value)
    if headers is None:
        raise ShapeError(f"{what} is {describe(value)} (expected a list of {{name, value}} objects)")
    return headers


def _request_body(post: Any) -> bytes:
    if post is None:
        return b""
    post = mapping(post, "`request.postData`")
    if post.get("text") is not None:
        return to_bytes(post["text"])
    params = post.get("params")
    if isinstance(params, list):
        pairs = [(text_of(p.get("name")), text_of(p.get("value"))) for p in params if isinstance(p, dict)]
        return urlencode(pairs).encode("utf-8")
    return b""


def _response_body(content: Any, headers: Headers) -> bytes:
    if content is None:
        return b""
    content = mapping(content, "`response.content`")
    text = content.get("text")
    if text is None:
        return b""
    if str(content.get("encoding") or "").lower() == "base64":
        try:
            return decode_content(base64.b64decode("".join(text_of(text).split()), validate=True), headers)
        except (binascii.Error, ValueError):
            raise ShapeError("`response.content.text` is not base64 (its `encoding` says base64)") from None
    return decode_content(to_bytes(text), headers)


def _duration(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    return None


def convert(entry: Any, index: int, line: int | None) -> RawInteraction:
    entry = mapping(entry, "the entry")
    request = mapping(required(entry, "request", "the entry"), "`request`")
    response = mapping(required(entry, "response", "the entry"), "`response`")
    status, _ = status_code(required(response, "status", "`response`"), "`response.status`")
    request_headers = _headers(request.get("headers"), "`request.headers`")
    response_headers = _headers(response.get("headers"), "`response.headers`")
    extra: dict[str, Any] = {}
    if entry.get("startedDateTime") is not None:
        extra["started"] = text_of(entry["startedDateTime"])
    return RawInteraction(
        index=index,
        method=optional_text(required(request, "method", "`request`"), "`request.method`").upper(),
        url=optional_text(required(request, "url", "`request`"), "`request.url`"),
        request_headers=request_headers,
        request_body=_request_body(request.get("postData")),
        status=status,
        status_text=optional_text(response.get("statusText"), "`response.statusText`"),
        response_headers=response_headers,
        response_body=_response_body(response.get("content"), response_headers),
        duration_ms=_duration(entry.get("time")),
        line=line,
        extra=extra,
    )
