"""A recorded request as a `curl` command line, to send it again from a shell.

Built from the interaction as the opened cassette hands it out, so its secrets are masked
unless the cassette was opened with `--no-redact` (`tui_replay.analysis.cassette`): a
masked command shows where the key goes without leaking it.

One line, every word quoted with `shlex.quote`: pasted into a POSIX shell it is the same
words (`shlex.split` gives them back), whatever the body holds. Lines continued with a
backslash would read better, but `shlex.split` and the tools that split command lines as it
does keep each backslash-newline as a word of its own.
"""

from __future__ import annotations

import base64
import shlex

from tui_replay.analysis.cassette import Cassette
from tui_replay.model import RawInteraction

LEFT_OUT_HEADERS = frozenset({"content-length", "host", "transfer-encoding", "connection"})
"""Headers curl writes itself from the URL and the body: a recorded value would be wrong
(a masked body is not as long as the recorded one) or refused (HTTP/2)."""

COMPRESSED = ("gzip", "deflate", "br", "zstd")


def curl_words(raw: RawInteraction) -> list[str]:
    """The command as its words (before quoting)."""
    body = raw.request_body
    words = ["curl"]
    method = raw.method.upper() or "GET"
    if method != ("POST" if body else "GET"):  # what curl does without -X
        words += ["-X", method]
    words.append(raw.url)
    compressed = False
    for name, value in raw.request_headers:
        lowered = name.lower()
        if lowered in LEFT_OUT_HEADERS or lowered.startswith(":"):  # HTTP/2 pseudo-headers
            continue
        if lowered == "accept-encoding" and any(c in value.lower() for c in COMPRESSED):
            compressed = True  # curl asks for it and decompresses the answer
            continue
        words += ["-H", f"{name}: {value}"]
    if compressed:
        words.append("--compressed")
    if body:
        try:
            words += ["--data-raw", body.decode("utf-8")]
        except UnicodeDecodeError:
            words += ["--data-binary", "@-"]  # from the pipe `curl_command` puts before it
    return words


def binary_body(raw: RawInteraction) -> bool:
    try:
        raw.request_body.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def curl_command(raw: RawInteraction) -> str:
    """The request as one shell command line. A body that is not text (protobuf, an event
    stream) is piped in from its base64, so the line stays plain text to paste."""
    command = " ".join(shlex.quote(word) for word in curl_words(raw))
    if binary_body(raw):
        encoded = base64.b64encode(raw.request_body).decode("ascii")
        return f"printf %s {shlex.quote(encoded)} | base64 -d | {command}"
    return command


def cassette_curl(cassette: Cassette, *, only: int | None = None) -> str:
    """`export --format curl`: one interaction's command, or every interaction's, each under
    a comment naming it."""
    if only is not None:
        return curl_command(cassette.raw(only)) + "\n"
    out = []
    for index in range(len(cassette)):
        raw = cassette.raw(index)
        out.append(f"# #{index} · {raw.method} {raw.url} · recorded {raw.status_line}")
        out.append(curl_command(raw))
        out.append("")
    return "\n".join(out)
