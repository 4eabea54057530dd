"""Which record format a cassette is, decided from its content (never its name)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui_replay.formats import govcr, har, ruby_vcr, vcrpy, websocket, xai_grpc
from tui_replay.model import RawInteraction

Convert = Callable[[Any, int, "int | None"], RawInteraction]

NOT_A_CASSETTE = (
    "not a cassette: expected a YAML mapping with `interactions:` (go-vcr, vcrpy), "
    "`http_interactions:` (Ruby VCR) or a HAR `log.entries`"
)


@dataclass(frozen=True)
class Format:
    name: str
    """`go-vcr`, `vcrpy`, `xai-grpc`, `ruby-vcr`, `har` or `websocket`."""
    version: int | None
    convert: Convert
    group: Callable[[list[Any]], list[Any]] | None = None
    """Turns the file's items into interactions when they are not one per item
    (a WebSocket session's frames); such a file is always parsed whole."""
    source_item: Callable[[Any], int] | None = None
    """Index of the file item an interaction starts at (for its line), with `group`."""


def _vcrpy_family(item: Any, index: int, line: int | None) -> RawInteraction:
    """vcrpy items, with pydantic-ai's xAI gRPC items mixed in where they occur."""
    if xai_grpc.is_grpc_item(item):
        return xai_grpc.convert(item, index, line)
    return vcrpy.convert(item, index, line)


def _version(header: dict[Any, Any]) -> int | None:
    version = header.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def for_interactions(header: dict[Any, Any], first: Any, first_bytes: bytes = b"") -> Format:
    """Format of a document with an `interactions:` list, from its other keys and first item.

    `first` is the parsed first item (None when there is none or it does not
    parse; then `first_bytes`, its text, is sniffed instead).
    """
    version = _version(header)
    if websocket.is_websocket_item(first) or (first is None and websocket.sniff(first_bytes)):
        return Format("websocket", version, websocket.convert, websocket.group, websocket.source_item)
    if xai_grpc.is_grpc_item(first):
        return Format("xai-grpc", version, _vcrpy_family)
    if version == 2:
        return Format("go-vcr", 2, govcr.convert)
    request = first.get("request") if isinstance(first, dict) else None
    response = first.get("response") if isinstance(first, dict) else None
    if isinstance(request, dict):
        if "uri" in request or "parsed_body" in request:
            return Format("vcrpy", version, _vcrpy_family)
        if "url" in request:
            return Format("go-vcr", version or 1, govcr.convert)
    if isinstance(response, dict) and isinstance(response.get("status"), dict):
        return Format("vcrpy", version, _vcrpy_family)
    if first is None and first_bytes:
        if b"request_sample" in first_bytes or b"request_stream" in first_bytes:
            return Format("xai-grpc", version, _vcrpy_family)
        if b" uri:" in first_bytes:
            return Format("vcrpy", version, _vcrpy_family)
        if b" url:" in first_bytes:
            return Format("go-vcr", version or 1, govcr.convert)
    return Format("vcrpy", version, _vcrpy_family)


RUBY_VCR = Format("ruby-vcr", None, ruby_vcr.convert)
HAR = Format("har", None, har.convert)


def _is_ruby_v1_list(document: Any) -> bool:
    return (
        isinstance(document, list)
        and bool(document)
        and all(isinstance(item, dict) and "request" in item and "response" in item for item in document)
    )


def for_document(document: Any) -> tuple[Format, list[Any]] | str:
    """(format, items) of a whole parsed document, or why it is not a cassette."""
    if isinstance(document, dict):
        items = document.get("interactions")
        if isinstance(items, list):
            found = for_interactions(document, items[0] if items else None)
            return found, found.group(items) if found.group is not None else items
        ruby_items = document.get("http_interactions")
        if isinstance(ruby_items, list):
            return RUBY_VCR, ruby_items
        if har.is_har(document):
            return HAR, document["log"]["entries"]
        if "interactions" in document or "http_interactions" in document:
            key = "interactions" if "interactions" in document else "http_interactions"
            return f"`{key}` is not a list (expected a list of interactions)"
        keys = ", ".join(f"`{k}`" for k in list(document)[:5])
        return f"{NOT_A_CASSETTE}; found a mapping with {keys}" if keys else NOT_A_CASSETTE
    if _is_ruby_v1_list(document):
        return RUBY_VCR, document
    if document is None:
        return f"{NOT_A_CASSETTE}; the file is empty"
    kind = "a list" if isinstance(document, list) else "a single value"
    return f"{NOT_A_CASSETTE}; found {kind}"
