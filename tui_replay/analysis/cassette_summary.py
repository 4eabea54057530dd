"""What a cassette holds, in a few lines: the browser's preview of the highlighted file.

    summary = summarise_file(path)        # never raises: a file that cannot be opened
    summary.error                         # ... has its reason here, naming the file
    summary.models, summary.tools, summary.problem_kinds, summary.duration_seconds

Everything is read from the decoded interactions (no Textual, no Rich). Model, tool, dialect
and host names are facts, not secrets; the one piece of recorded text shown, the first user
message, comes from the masked exchange (unless the cassette was opened with `redact=False`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from tui_replay.analysis.cassette import Cassette, open_cassette
from tui_replay.analysis.search_query import Query, tool_names
from tui_replay.analysis.spend import InteractionSpend, Tokens, Wasted, exchange_spend, summed
from tui_replay.formats.file_bytes import read_cassette_bytes
from tui_replay.model import CassetteError, Exchange, Problem, RawInteraction

FIRST_PROBLEMS = 3
"""Problems quoted in full (the rest are counted by kind)."""
FIRST_MESSAGE_CHARS = 400
"""The first user message is cut after this many characters: a preview, not the message."""


@dataclass(frozen=True)
class CassetteSummary:
    path: Path
    error: str | None = None
    """Why the file could not be opened (naming it); every other field is empty then."""
    format: str = ""
    interactions: int = 0
    turns: int = 0
    retries: int = 0
    """Interactions that repeat the request before them after it failed (attempts 2, 3, ...)."""
    polls: int = 0
    errors: int = 0
    """Interactions with an error status or a provider error."""
    dialects: tuple[tuple[str, int], ...] = ()
    """Dialect and how many interactions speak it, most used first."""
    hosts: tuple[str, ...] = ()
    providers: tuple[str, ...] = ()
    """Upstream providers a router reported (OpenRouter's `provider`)."""
    models: tuple[str, ...] = ()
    """Models requested or answered, in order of first use."""
    tools: tuple[str, ...] = ()
    """Tools defined, called or answered, in order of first mention."""
    problem_count: int = 0
    problem_kinds: tuple[tuple[str, int], ...] = ()
    """Problem code and count, most frequent first."""
    first_problems: tuple[Problem, ...] = ()
    duration_seconds: float | None = None
    duration_basis: str = ""
    """How `duration_seconds` was found: `timestamps` (first request to last response) or
    `durations` (the recorded durations added up: the recording kept no timestamps)."""
    first_user_message: str = ""
    """Its text, masked, at most `FIRST_MESSAGE_CHARS` characters (an ellipsis when cut)."""
    tokens: Tokens = field(default_factory=Tokens)
    """Usage summed as `analysis.spend` sums it (unknown stays unknown), cost as reported."""
    wasted: Wasted = field(default_factory=Wasted)
    """Failed attempts and what they spent (`analysis.spend`)."""


def summarise_file(
    path: Path, stop: Callable[[], bool] | None = None, *, redact: bool = True
) -> CassetteSummary | None:
    """Open and summarise `path`; a file that cannot be opened gives a summary with `error`
    set. None when `stop()` turned true before the end (for a worker that was superseded)."""
    try:
        cassette = open_cassette(path, read_cassette_bytes(path), redact=redact)
    except CassetteError as exc:
        return CassetteSummary(path, error=str(exc))
    except OSError as exc:
        return CassetteSummary(path, error=f"{path}: cannot read: {exc.strerror or exc}")
    if stop is not None and stop():
        return None
    return summarise_cassette(cassette, stop)


def summarise_cassette(cassette: Cassette, stop: Callable[[], bool] | None = None) -> CassetteSummary | None:
    """The summary of an opened cassette; None when `stop()` turned true before the end.

    Decodes every interaction once (unmasked: only names and counts are kept from them).
    A fault found on the way (a lazily read file finds a broken interaction only when it
    gets to it) gives a summary with `error` set."""
    try:
        return _summarise(cassette, stop)
    except CassetteError as exc:
        return CassetteSummary(cassette.path, error=str(exc))


def _summarise(cassette: Cassette, stop: Callable[[], bool] | None) -> CassetteSummary | None:
    count = len(cassette)
    dialects: Counter[str] = Counter()
    hosts: dict[str, None] = {}
    providers: dict[str, None] = {}
    models: dict[str, None] = {}
    tools: dict[str, None] = {}
    errors = retries = polls = 0
    first_user: int | None = None
    raws: list[RawInteraction] = []
    spends: list[InteractionSpend] = []
    for i in range(count):
        if stop is not None and stop():
            return None
        exchange = cassette.unmasked_exchange(i)
        raws.append(exchange.raw)
        spends.append(exchange_spend(exchange))
        dialects[exchange.dialect] += 1
        _add(hosts, urlsplit(exchange.raw.url).hostname)
        _add(providers, exchange.response.provider)
        _add(models, exchange.request.model, exchange.response.model)
        _add(tools, *tool_names(exchange))
        errors += exchange.is_error
        retries += cassette.turn_index.retries(i)
        polls += cassette.turn_index.polls_on(i)
        if first_user is None and _user_text(exchange):
            first_user = i
    if not cassette.turn_index.scan(stop):
        return None
    problems = cassette.problems()
    duration, basis = recorded_duration(raws)
    tokens, wasted, _ = summed(spends)
    return CassetteSummary(
        cassette.path,
        format=cassette.format,
        interactions=count,
        turns=cassette.turn_index.turn_count(),
        retries=retries,
        polls=polls,
        errors=errors,
        dialects=tuple(dialects.most_common()),
        hosts=tuple(hosts),
        providers=tuple(providers),
        models=tuple(models),
        tools=tuple(tools),
        problem_count=len(problems),
        problem_kinds=tuple(Counter(p.code for p in problems).most_common()),
        first_problems=tuple(problems[:FIRST_PROBLEMS]),
        duration_seconds=duration,
        duration_basis=basis,
        # the one recorded text shown: from the exchange as views get it (masked)
        tokens=tokens,
        wasted=wasted,
        first_user_message=_cut(_user_text(cassette.exchange(first_user))) if first_user is not None else "",
    )


def _add(seen: dict[str, None], *names: str | None) -> None:
    for name in names:
        if name:
            seen.setdefault(name, None)


def _user_text(exchange: Exchange) -> str:
    for message in exchange.request.messages:
        if message.role == "user" and message.text.strip():
            return message.text.strip()
    return ""


def _cut(text: str) -> str:
    return text if len(text) <= FIRST_MESSAGE_CHARS else text[: FIRST_MESSAGE_CHARS - 1].rstrip() + "…"


def recorded_duration(raws: list[RawInteraction]) -> tuple[float | None, str]:
    """Seconds from the first request to the last response, and how that was found.

    HAR keeps each request's start (`extra["started"]`) and duration; Ruby VCR the time each
    response was recorded (`recorded_at`). Without timestamps (go-vcr, vcrpy) the recorded
    durations are added up, which leaves out the time between calls: said by `durations`."""
    spans: list[tuple[float, float]] = []
    for raw in raws:
        start = _timestamp(raw.extra.get("started"), iso=True)
        if start is not None:
            spans.append((start, start + (raw.duration_ms or 0) / 1000))
            continue
        end = _timestamp(raw.extra.get("recorded_at"), iso=False)
        if end is not None:
            spans.append((end - (raw.duration_ms or 0) / 1000, end))
    # One response's recording time alone (Ruby VCR keeps no duration) spans nothing.
    if len(spans) == len(raws) and spans and (len(spans) > 1 or raws[0].duration_ms is not None):
        return max(end for _, end in spans) - min(start for start, _ in spans), "timestamps"
    durations = [raw.duration_ms for raw in raws if raw.duration_ms is not None]
    if durations:
        return sum(durations) / 1000, "durations"
    return None, ""


def _timestamp(value: object, *, iso: bool) -> float | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00")) if iso else parsedate_to_datetime(value)
    except (ValueError, TypeError, IndexError):
        return None
    return when.timestamp()


def passes_filters(summary: CassetteSummary, query: Query) -> bool:
    """Whether a whole file passes the filter words of `query` (its text is not looked at):
    the browser's `/` filter, with the words of the search line (`search_query`). A file that
    cannot be opened passes none."""
    if summary.error is not None:
        return False
    if query.errors and not summary.errors:
        return False
    if query.problems and not summary.problem_count:
        return False
    where = [name for name, _ in summary.dialects] + list(summary.providers) + list(summary.hosts)
    names = (
        (query.dialect, where),
        (query.model, list(summary.models)),
        (query.tool, list(summary.tools)),
    )
    return all(not wanted or any(wanted in name.lower() for name in found) for wanted, found in names)
