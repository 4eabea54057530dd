"""How a media placeholder (an `ImagePart`) is named in text, the same in every renderer.

The model keeps images, audio, video and documents alike as placeholders, so each renderer
must say which one it is: audio labelled "image" misleads. Audio's playing time is written
precisely enough to mean something: a realtime audio chunk lasts a few milliseconds, which
two decimals of a second would print as `0.00 s`.
"""

from __future__ import annotations


def media_kind(media_type: str) -> str:
    """`audio`, `video`, `file` (a document) or `image` (also when the type is unknown)."""
    major = media_type.split("/", 1)[0].strip().lower()
    if major in ("audio", "video"):
        return major
    if major in ("application", "text"):
        return "file"
    return "image"


def playing_time(seconds: float) -> str:
    """`4 ms`, `0.4 ms`, `1.5 s`, `2 min 5 s`."""
    if seconds < 1:
        milliseconds = seconds * 1000
        if milliseconds >= 1 or milliseconds == 0:
            return f"{milliseconds:.0f} ms"
        return f"{milliseconds:.1f} ms"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def media_placeholder(media_type: str, size: int, seconds: float | None = None) -> str:
    """`audio audio/pcm;rate=24000, 198 bytes, 4 ms`; `image image/png, 2,048 bytes`."""
    text = f"{media_kind(media_type)} {media_type or 'unknown type'}, {size:,} bytes"
    return text if seconds is None else f"{text}, {playing_time(seconds)}"
