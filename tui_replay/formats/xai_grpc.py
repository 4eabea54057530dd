"""xAI SDK gRPC interactions, as pydantic-ai records them in vcrpy-like files.

These are not HTTP, so each is mapped onto a `RawInteraction` like this:

- `request_sample`/`response_sample` (a unary chat call): method `GRPC`, url
  `grpc://xai/<model>`, status 200 "OK", request/response JSON from their
  `json` fields (compact JSON in the bodies, content type application/json).
- `request_stream`/`response_stream` (a streamed chat call): the same request;
  the response body is NDJSON, one compact JSON line per `chunks_json` entry
  (content type application/x-ndjson); the chunk objects are also kept in
  `extra["grpc_chunks"]`. `response_json` is None.
- `collections_method` (collections API calls): url
  `grpc://xai/collections/<method>`, `request_json`/`response_json` as recorded.

The recorded protobuf bytes (`raw`, `chunks_raw`, `response_raw`) are kept in
`extra` (`request_proto`, `response_proto`, `response_proto_chunks`) and
`extra["grpc"]` says which kind of call it was (`sample`, `stream`,
`collections`).
"""

from __future__ import annotations

from typing import Any

from tui_replay.formats.bodies import compact_json, jsonable
from tui_replay.formats.shape import ShapeError, describe, mapping, optional_text
from tui_replay.model import RawInteraction

KINDS = ("request_sample", "request_stream", "collections_method")

_JSON = (("content-type", "application/json"),)
_NDJSON = (("content-type", "application/x-ndjson"),)


def is_grpc_item(item: Any) -> bool:
    return isinstance(item, dict) and any(key in item for key in KINDS)


def _model_url(request_json: Any) -> str:
    model = request_json.get("model") if isinstance(request_json, dict) else None
    return f"grpc://xai/{model}" if isinstance(model, str) and model else "grpc://xai/chat"


def _side(item: dict[Any, Any], key: str) -> dict[Any, Any]:
    if key not in item:
        raise ShapeError(f"gRPC interaction has no `{key}`")
    return mapping(item[key], f"`{key}`")


def _sample(item: dict[Any, Any], index: int, line: int | None) -> RawInteraction:
    request = _side(item, "request_sample")
    response = _side(item, "response_sample")
    request_json = jsonable(request.get("json"))
    response_json = jsonable(response.get("json"))
    return RawInteraction(
        index=index,
        method="GRPC",
        url=_model_url(request_json),
        request_headers=_JSON,
        request_body=compact_json(request_json),
        status=200,
        status_text="OK",
        response_headers=_JSON,
        response_body=compact_json(response_json),
        duration_ms=None,
        request_json=request_json,
        response_json=response_json,
        line=line,
        extra={"grpc": "sample", "request_proto": request.get("raw"), "response_proto": response.get("raw")},
    )


def _stream(item: dict[Any, Any], index: int, line: int | None) -> RawInteraction:
    request = _side(item, "request_stream")
    response = _side(item, "response_stream")
    request_json = jsonable(request.get("json"))
    chunks = response.get("chunks_json")
    if chunks is None:
        chunks = []
    if not isinstance(chunks, list):
        raise ShapeError(f"`response_stream.chunks_json` is {describe(chunks)} (expected a list of chunks)")
    chunks = [jsonable(chunk) for chunk in chunks]
    body = b"".join(compact_json(chunk) + b"\n" for chunk in chunks)
    return RawInteraction(
        index=index,
        method="GRPC",
        url=_model_url(request_json),
        request_headers=_JSON,
        request_body=compact_json(request_json),
        status=200,
        status_text="OK",
        response_headers=_NDJSON,
        response_body=body,
        duration_ms=None,
        request_json=request_json,
        line=line,
        extra={
            "grpc": "stream",
            "grpc_chunks": chunks,
            "request_proto": request.get("raw"),
            "response_proto_chunks": response.get("chunks_raw"),
        },
    )


def _collections(item: dict[Any, Any], index: int, line: int | None) -> RawInteraction:
    call = _side(item, "collections_method")
    method = optional_text(call.get("method"), "`collections_method.method`") or "call"
    request_json = jsonable(call.get("request_json"))
    response_json = jsonable(call.get("response_json"))
    return RawInteraction(
        index=index,
        method="GRPC",
        url=f"grpc://xai/collections/{method}",
        request_headers=_JSON,
        request_body=compact_json(request_json) if request_json is not None else b"",
        status=200,
        status_text="OK",
        response_headers=_JSON,
        response_body=compact_json(response_json) if response_json is not None else b"",
        duration_ms=None,
        request_json=request_json,
        response_json=response_json,
        line=line,
        extra={
            "grpc": "collections",
            "response_proto_type": call.get("response_proto_type"),
            "response_proto": call.get("response_raw"),
        },
    )


def convert(item: Any, index: int, line: int | None) -> RawInteraction:
    item = mapping(item, "the interaction")
    if "request_sample" in item:
        return _sample(item, index, line)
    if "request_stream" in item:
        return _stream(item, index, line)
    if "collections_method" in item:
        return _collections(item, index, line)
    raise ShapeError("gRPC interaction has none of `request_sample`, `request_stream`, `collections_method`")
