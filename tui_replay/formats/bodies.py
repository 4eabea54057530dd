"""Bodies and headers as recorders store them -> bytes and header pairs.

Bodies end up as the bytes the API sent, after undoing `!!binary` (the YAML
loader already gives bytes) and `Content-Encoding` (gzip, deflate, br). A body
is only decompressed when it really is compressed; when decompression fails
the bytes are kept as recorded.
"""

from __future__ import annotations

import datetime
import json
import zlib
from typing import Any

from tui_replay.formats.shape import ShapeError, describe
from tui_replay.model import Headers, header

try:  # brotli is optional: without it `br` bodies stay as recorded
    import brotli as _brotli
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None


def text_of(value: Any) -> str:
    """A scalar as text (bytes as UTF-8, bad bytes replaced); a list or mapping is a ShapeError."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        raise ShapeError(f"a header or field holds {describe(value)} (expected text)")
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_bytes(value: Any) -> bytes:
    """A recorded body value (str, bytes, None, number) as bytes."""
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, bytearray):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8", errors="surrogatepass")
    return compact_json(jsonable(value))


def _json_default(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def compact_json(value: Any) -> bytes:
    """Compact JSON of data a recorder stored already parsed."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_json_default).encode(
        "utf-8", errors="surrogatepass"
    )


MAX_JSON_NODES = 5_000_000
"""Values in one parsed body, counted with YAML aliases expanded (an alias bomb stops here)."""


def jsonable(value: Any) -> Any:
    """Parsed data as a plain JSON tree: YAML-only types (dates, bytes) as strings, aliases expanded.

    Raises ShapeError when the expanded tree would exceed MAX_JSON_NODES.
    """
    budget = MAX_JSON_NODES - 1  # values left after the root; each container pays for its items

    def spend(count: int) -> None:
        nonlocal budget
        budget -= count
        if budget < 0:
            raise ShapeError(f"a parsed body expands to more than {MAX_JSON_NODES:,} values (YAML aliases?)")

    def walk(item: Any) -> Any:
        kind = type(item)
        if kind is str or kind is int or kind is bool or item is None:  # most values: as they are
            return item
        if isinstance(item, dict):
            spend(len(item))
            return {k if isinstance(k, str) else _key(k): walk(v) for k, v in item.items()}
        if isinstance(item, list):
            spend(len(item))
            return [walk(v) for v in item]
        if isinstance(item, (bytes, bytearray, datetime.date, datetime.datetime)):
            return _json_default(item)
        if isinstance(item, float) and item != item:  # NaN has no JSON form
            return None
        return item

    return walk(value)


def _key(key: Any) -> str:
    if isinstance(key, (list, dict)):
        raise ShapeError(f"a mapping key is {describe(key)} (expected text)")
    if key is None or isinstance(key, bool):
        return json.dumps(key)
    if isinstance(key, (int, float)):
        return str(key)
    return str(_json_default(key))


def headers_from_mapping(value: Any) -> Headers | None:
    """`{Name: [v1, v2]}` or `{name: v}` -> pairs; None when the shape is wrong."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        return None
    out: list[tuple[str, str]] = []
    for key, item in value.items():
        for one in item if isinstance(item, list) else [item]:
            out.append((text_of(key), text_of(one)))
    return tuple(out)


def required_headers(value: Any, what: str) -> Headers:
    """Headers recorded as a mapping (vcrpy, Ruby VCR), or a ShapeError saying what was expected."""
    headers = headers_from_mapping(value)
    if headers is None:
        raise ShapeError(
            f"{what} is {describe(value)} (expected a mapping of header names to lists of values)"
        )
    return headers


def headers_from_pairs(value: Any) -> Headers | None:
    """HAR-style `[{name, value}]` -> pairs; None when the shape is wrong."""
    if value is None:
        return ()
    if not isinstance(value, list):
        return None
    out: list[tuple[str, str]] = []
    for item in value:
        if not isinstance(item, dict) or "name" not in item:
            return None
        out.append((text_of(item.get("name")), text_of(item.get("value"))))
    return tuple(out)


MAX_DECOMPRESSED = 512 * 1024 * 1024
"""A body that would inflate past this (a decompression bomb) is kept as recorded."""


def _zlib(body: bytes, wbits: int) -> bytes | None:
    decompressor = zlib.decompressobj(wbits=wbits)
    try:
        out = decompressor.decompress(body, MAX_DECOMPRESSED)
    except zlib.error:
        return None
    if decompressor.unconsumed_tail or not decompressor.eof:
        return None  # too big, or cut short: keep the recorded bytes
    return out


def _gunzip(body: bytes) -> bytes | None:
    if not body.startswith(b"\x1f\x8b"):
        return None
    return _zlib(body, 31)


def _looks_like_text(body: bytes) -> bool:
    """Compressed data is practically never clean UTF-8 text; recorded plain bodies often are."""
    try:
        text = body[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(c.isprintable() or c in "\r\n\t" for c in text)


def _inflate(body: bytes) -> bytes | None:
    if _looks_like_text(body):
        return None
    for wbits in (15, -15):  # zlib-wrapped (what servers send), then raw deflate
        out = _zlib(body, wbits)
        if out is not None:
            return out
    return None


def _unbrotli(body: bytes) -> bytes | None:
    if _brotli is None or _looks_like_text(body):
        return None
    try:
        decompressor = _brotli.Decompressor()
        out = decompressor.process(body, output_buffer_limit=MAX_DECOMPRESSED)
        if not decompressor.is_finished():
            return None  # too big, or cut short: keep the recorded bytes
    except TypeError:  # an older brotli without output_buffer_limit
        try:
            out = _brotli.decompress(body)
        except Exception:
            return None
    except Exception:  # brotli.error has no stable public name across versions
        return None
    return out if isinstance(out, bytes) else None


_DECODERS = {"gzip": _gunzip, "x-gzip": _gunzip, "deflate": _inflate, "br": _unbrotli}


def decode_content(body: bytes, headers: Headers) -> bytes:
    """Undo `Content-Encoding` (listed order reversed); keep the bytes when it fails."""
    encoding = header(headers, "content-encoding")
    if not body or not encoding:
        return body
    for name in reversed([e.strip().lower() for e in encoding.split(",") if e.strip()]):
        decoder = _DECODERS.get(name)
        if decoder is None:  # identity or unknown: leave as is
            continue
        out = decoder(body)
        if out is None:
            return body
        body = out
    return body
