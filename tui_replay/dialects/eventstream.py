"""AWS binary event-stream framing (`application/vnd.amazon.eventstream`).

Each message is::

    total length   u32 BE   (whole message, prelude and trailing CRC included)
    headers length u32 BE
    prelude CRC32  u32 BE   (of the 8 bytes above)
    headers        name length u8, name, value type u8, typed value
    payload        total - headers - 16 bytes
    message CRC32  u32 BE   (of everything before it)

A bad message CRC is reported and the message kept (its lengths were
vouched for by the prelude CRC); a bad prelude CRC or a truncated message
ends decoding, keeping what decoded before it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Any

CONTENT_TYPE = "application/vnd.amazon.eventstream"
_PRELUDE = 12
_MIN_MESSAGE = 16


@dataclass(frozen=True)
class EventStreamMessage:
    offset: int
    """Byte offset of the message in the body."""
    headers: tuple[tuple[str, Any], ...]
    payload: bytes
    crc_ok: bool = True

    def header(self, name: str) -> Any:
        for key, value in self.headers:
            if key == name:
                return value
        return None

    @property
    def event_type(self) -> str | None:
        value = self.header(":event-type")
        return value if isinstance(value, str) else None

    @property
    def message_type(self) -> str | None:
        value = self.header(":message-type")
        return value if isinstance(value, str) else None

    @property
    def exception_type(self) -> str | None:
        for name in (":exception-type", ":error-code"):
            value = self.header(name)
            if isinstance(value, str):
                return value
        return None

    @property
    def payload_text(self) -> str:
        return self.payload.decode("utf-8", "replace")


@dataclass(frozen=True)
class EventStreamDecode:
    messages: tuple[EventStreamMessage, ...]
    errors: tuple[str, ...]
    """What went wrong (bad CRC, truncation, bad header), one line each."""


def _header_value(data: bytes, pos: int, kind: int) -> tuple[Any, int]:
    if kind == 0:
        return True, pos
    if kind == 1:
        return False, pos
    if kind == 2:
        return struct.unpack_from(">b", data, pos)[0], pos + 1
    if kind == 3:
        return struct.unpack_from(">h", data, pos)[0], pos + 2
    if kind == 4:
        return struct.unpack_from(">i", data, pos)[0], pos + 4
    if kind in (5, 8):  # long, timestamp (ms since epoch)
        return struct.unpack_from(">q", data, pos)[0], pos + 8
    if kind in (6, 7):
        (length,) = struct.unpack_from(">H", data, pos)
        start = pos + 2
        if start + length > len(data):
            raise ValueError("header value runs past the headers")
        raw = data[start : start + length]
        return (raw.decode("utf-8", "replace") if kind == 7 else raw), start + length
    if kind == 9:
        if pos + 16 > len(data):
            raise ValueError("uuid header runs past the headers")
        import uuid  # here, not at the top: rare, and `uuid` (with `platform`) costs every start-up ~1.5 ms

        return str(uuid.UUID(bytes=data[pos : pos + 16])), pos + 16
    raise ValueError(f"unknown header value type {kind}")


def parse_headers(data: bytes) -> tuple[tuple[str, Any], ...]:
    """Decode a headers block; raises ValueError (or struct.error) on malformed data."""
    out: list[tuple[str, Any]] = []
    pos = 0
    while pos < len(data):
        name_length = data[pos]
        pos += 1
        if pos + name_length + 1 > len(data):
            raise ValueError("header name runs past the headers")
        name = data[pos : pos + name_length].decode("utf-8", "replace")
        pos += name_length
        kind = data[pos]
        pos += 1
        value, pos = _header_value(data, pos, kind)
        out.append((name, value))
    return tuple(out)


def decode_eventstream(body: bytes) -> EventStreamDecode:
    """Split a body into event-stream messages; never raises."""
    messages: list[EventStreamMessage] = []
    errors: list[str] = []
    pos = 0
    while pos < len(body):
        if len(body) - pos < _PRELUDE:
            errors.append(f"truncated: {len(body) - pos} stray bytes at offset {pos}")
            break
        total, headers_length, prelude_crc = struct.unpack_from(">III", body, pos)
        if zlib.crc32(body[pos : pos + 8]) != prelude_crc:
            errors.append(f"bad prelude CRC at offset {pos} (message {len(messages)}); stopped decoding")
            break
        if total < _MIN_MESSAGE or headers_length > total - _MIN_MESSAGE:
            errors.append(f"impossible lengths at offset {pos} (total {total}, headers {headers_length})")
            break
        if pos + total > len(body):
            errors.append(
                f"truncated: message {len(messages)} at offset {pos} needs {total} bytes,"
                f" {len(body) - pos} recorded"
            )
            break
        end = pos + total
        (message_crc,) = struct.unpack_from(">I", body, end - 4)
        crc_ok = zlib.crc32(body[pos : end - 4]) == message_crc
        if not crc_ok:
            errors.append(f"bad message CRC at offset {pos} (message {len(messages)})")
        headers_start = pos + _PRELUDE
        try:
            headers = parse_headers(body[headers_start : headers_start + headers_length])
        except (ValueError, struct.error, IndexError) as exc:
            errors.append(f"bad headers in message {len(messages)} at offset {pos}: {exc}")
            headers = ()
        payload = body[headers_start + headers_length : end - 4]
        messages.append(EventStreamMessage(pos, headers, payload, crc_ok))
        pos = end
    return EventStreamDecode(tuple(messages), tuple(errors))


def looks_like_eventstream(body: bytes, content_type: str) -> bool:
    """True for the event-stream content type, or a body whose first prelude CRC checks out."""
    if CONTENT_TYPE in content_type:
        return True
    if len(body) < _MIN_MESSAGE:
        return False
    (prelude_crc,) = struct.unpack_from(">I", body, 8)
    return bool(zlib.crc32(body[:8]) == prelude_crc)


def encode_message(headers: dict[str, str], payload: bytes) -> bytes:
    """Build one message with string headers (for tests and example cassettes)."""
    block = b""
    for name, value in headers.items():
        encoded_name = name.encode()
        encoded_value = value.encode()
        block += bytes([len(encoded_name)]) + encoded_name + b"\x07"
        block += struct.pack(">H", len(encoded_value)) + encoded_value
    total = _PRELUDE + len(block) + len(payload) + 4
    prelude = struct.pack(">II", total, len(block))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    message = prelude + block + payload
    return message + struct.pack(">I", zlib.crc32(message))
