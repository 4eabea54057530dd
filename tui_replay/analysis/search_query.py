"""What the app's search boxes ask: text to find plus filters on the interaction.

    query = parse_query("get_weather tool:get_weather errors")
    for hit in query_cassette(cassette, query):   # the hits of `search.search_exchange`
        ...

Filters are words in the box, so one line says the whole search and the same line works
in the cassette browser and in an opened cassette:

    errors          interactions with an error status or a provider error
    problems        interactions with a problem (`tui-replay check`'s)
    dialect:X       dialect, provider or host containing X (`anthropic`, `openrouter`)
    model:X         requested or answered model containing X
    tool:X          a tool defined, called or answered whose name contains X

The text left over is searched as `tui-replay search` does (`search.search_exchange`);
it matches regardless of case unless it has a capital letter (smart case). With filters
and no text, every interaction that passes them is a hit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from tui_replay import dialects
from tui_replay.analysis.cassette import Cassette, open_cassette
from tui_replay.analysis.search import Hit, Pattern, could_match, search_exchange
from tui_replay.formats.file_bytes import read_cassette_bytes
from tui_replay.model import CassetteError, Exchange, ToolCallPart, ToolResultPart

FILTER_WORDS = ("errors", "problems")
FILTER_KEYS = ("dialect", "model", "tool")


@dataclass(frozen=True)
class Query:
    pattern: Pattern | None = None
    errors: bool = False
    problems: bool = False
    dialect: str = ""
    model: str = ""
    tool: str = ""

    @property
    def empty(self) -> bool:
        return self.pattern is None and not self.has_filters

    @property
    def has_filters(self) -> bool:
        return self.errors or self.problems or bool(self.dialect or self.model or self.tool)

    def passes(self, exchange: Exchange, has_problems: Callable[[], bool]) -> bool:
        """Whether the interaction passes every filter (`has_problems` is asked last: it may
        analyse the whole cassette)."""
        if self.errors and not exchange.is_error:
            return False
        if self.dialect and not _contains(_dialect_names(exchange), self.dialect):
            return False
        if self.model and not _contains([exchange.request.model, exchange.response.model], self.model):
            return False
        if self.tool and not _contains(tool_names(exchange), self.tool):
            return False
        return not self.problems or has_problems()


def parse_query(text: str) -> Query:
    """Filters out of the box's words; the rest, joined by single spaces, is the text to find."""
    words: list[str] = []
    found: dict[str, str] = {}
    flags = {"errors": False, "problems": False}
    for word in text.split():
        key, colon, value = word.partition(":")
        if word.lower() in FILTER_WORDS:
            flags[word.lower()] = True
        elif colon and key.lower() in FILTER_KEYS and value:
            found[key.lower()] = value.lower()
        else:
            words.append(word)
    rest = " ".join(words)
    pattern = Pattern(rest, ignore_case=rest == rest.lower()) if rest else None
    return Query(pattern, flags["errors"], flags["problems"], **found)


def _contains(names: list[str | None], wanted: str) -> bool:
    return any(wanted in name.lower() for name in names if name)


def _dialect_names(exchange: Exchange) -> list[str | None]:
    return [exchange.dialect, exchange.response.provider, urlsplit(exchange.raw.url).hostname]


def tool_names(exchange: Exchange) -> list[str | None]:
    """Every tool the exchange names: defined, called, or answered (for `tool:X`)."""
    names: list[str | None] = [tool.name for tool in exchange.request.tools]
    messages = list(exchange.request.messages)
    if exchange.response.message is not None:
        messages.append(exchange.response.message)
    for message in messages:
        for part in message.parts:
            if isinstance(part, (ToolCallPart, ToolResultPart)):
                names.append(part.name)
    return names


def filter_hit(path: str, exchange: Exchange) -> Hit:
    """The hit for an interaction found by its filters alone: what it is, on one line."""
    model = exchange.request.model or exchange.response.model or "no model"
    status = exchange.raw.status if exchange.raw.status is not None else "---"
    error = f" · {exchange.response.error.message}" if exchange.response.error is not None else ""
    return Hit(path, exchange.index, "interaction", f"{status} {exchange.dialect} · {model}{error}"[:160])


def query_exchange(
    exchange: Exchange, query: Query, rx: re.Pattern[str] | None, path: str, has_problems: Callable[[], bool]
) -> Iterator[Hit]:
    if not query.passes(exchange, has_problems):
        return
    if rx is None:
        yield filter_hit(path, exchange)
    else:
        yield from search_exchange(exchange, rx, path)


def query_cassette(
    cassette: Cassette, query: Query, stop: Callable[[], bool] = lambda: False
) -> Iterator[Hit]:
    """Hits in an opened cassette, interaction by interaction, until `stop()` is true.

    Decodes straight from the file (not through the cassette's caches, which the UI thread
    uses): meant for a worker thread. Snippets are masked by `search_exchange` itself."""
    if query.empty:
        return
    rx = query.pattern.compiled() if query.pattern is not None else None
    path = str(cassette.path)
    flagged: set[int] | None = None

    def has_problems(index: int) -> bool:
        nonlocal flagged
        if flagged is None:  # a cassette of its own: the caches of the one given are the UI's
            found = Cassette(cassette.file, redact=cassette.redact).problems()
            flagged = {p.interaction for p in found if p.interaction is not None}
        return index in flagged

    pattern = query.pattern
    for i in range(len(cassette)):
        if stop():
            return
        # As `search_file` does for a whole file: an interaction whose recorded bytes cannot
        # hold the text is not decoded (a 5,000-interaction file: 8 s less to find nothing).
        item = cassette.file.item_bytes(i) if pattern is not None else None
        if pattern is not None and item is not None and not could_match(item, pattern):
            continue
        exchange = dialects.decode(cassette.file.raw(i))
        yield from query_exchange(exchange, query, rx, path, partial(has_problems, i))


def query_file(path: Path, query: Query, stop: Callable[[], bool] = lambda: False) -> Iterator[Hit]:
    """Hits in one cassette file; an unreadable file is one hit naming why (`interaction` None)."""
    try:
        data = read_cassette_bytes(path)
        if query.pattern is not None and not could_match(data, query.pattern):
            return
        cassette = open_cassette(path, data)
        yield from query_cassette(cassette, query, stop)
    except CassetteError as exc:
        yield Hit(str(path), None, "unreadable", str(exc))
    except OSError as exc:
        yield Hit(str(path), None, "unreadable", f"{path}: {exc.strerror or exc}")
