"""A cassette comparison written out: plain text, Markdown for a pull request, or JSON.

Pairs that are the same are counted, not listed (a 5,000-interaction cassette
with one change prints one block). Volatile values are listed only when
`strict` is asked for. Everything shown has been through secret masking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui_replay.analysis.compare import CassetteComparison, PairResult, Side, describe
from tui_replay.analysis.compare_exchange import Change
from tui_replay.analysis.compare_parts import message_text
from tui_replay.analysis.masking import redact_json
from tui_replay.analysis.volatile import short, without_volatile
from tui_replay.wording import counted

STATUS_WORDS = {"same": "same", "changed": "changed", "only-a": "only in A", "only-b": "only in B"}


def _where(pair: PairResult) -> str:
    a = f"A#{pair.a}" if pair.a is not None else "—"
    b = f"B#{pair.b}" if pair.b is not None else "—"
    return f"{a} ↔ {b}"


@dataclass(frozen=True)
class _Run:
    """Consecutive interactions only on one side with the same label (a burst of retries)."""

    first: PairResult
    last: PairResult
    count: int

    def where(self) -> str:
        side = "A" if self.first.status == "only-a" else "B"
        start = self.first.a if side == "A" else self.first.b
        end = self.last.a if side == "A" else self.last.b
        return f"{side}#{start}–{side}#{end} ({self.count})"


def _rows(result: CassetteComparison, strict: bool) -> list[PairResult | _Run]:
    """Listed pairs, with runs of lone interactions of one label folded into one row."""
    rows: list[PairResult | _Run] = []
    for pair in result.pairs:
        if not _listed(pair, strict):
            continue
        last = rows[-1] if rows else None
        lone = pair.status in ("only-a", "only-b")
        if (
            lone
            and isinstance(last, _Run)
            and (last.last.status, last.last.label) == (pair.status, pair.label)
        ):
            rows[-1] = _Run(last.first, pair, last.count + 1)
        elif lone and isinstance(last, PairResult) and (last.status, last.label) == (pair.status, pair.label):
            rows[-1] = _Run(last, pair, 2)
        else:
            rows.append(pair)
    return rows


def _listed(pair: PairResult, strict: bool) -> bool:
    if pair.status != "same":
        return True
    return strict and pair.comparison is not None and bool(pair.comparison.volatile)


def _changes(pair: PairResult, strict: bool) -> list[tuple[Change, bool]]:
    if pair.comparison is None:
        return []
    found = [(c, False) for c in pair.comparison.changes]
    if strict:
        found += [(c, True) for c in pair.comparison.volatile]
    return found


def summary_line(result: CassetteComparison) -> str:
    words = [f"{result.count(s)} {STATUS_WORDS[s]}" for s in ("same", "changed", "only-a", "only-b")]
    verdict = "differ" if result.differ else "same (volatile values aside)"
    return f"{result.count_a} → {result.count_b} interactions: " + ", ".join(words) + f" · {verdict}"


def render_text(result: CassetteComparison, *, strict: bool = False) -> str:
    out = [f"--- A {result.label_a}", f"+++ B {result.label_b}"]
    for pair in _rows(result, strict):
        if isinstance(pair, _Run):
            out.append(f"{pair.where()}  {STATUS_WORDS[pair.first.status]}  {pair.first.label}")
            continue
        out.append(f"{_where(pair)}  {STATUS_WORDS[pair.status]}  {pair.label}")
        for change, volatile in _changes(pair, strict):
            mark = "~" if volatile else " "
            out.append(f"  {mark} {change.section:8} {change.describe()}")
    out.append(summary_line(result))
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def render_markdown(result: CassetteComparison, *, strict: bool = False) -> str:
    out = [f"### `{_md(result.label_a)}` → `{_md(result.label_b)}`", "", summary_line(result), ""]
    for pair in _rows(result, strict):
        if isinstance(pair, _Run):
            out += [f"**{pair.where()}** {STATUS_WORDS[pair.first.status]} · `{_md(pair.first.label)}`", ""]
            continue
        out.append(f"**{_where(pair)}** {STATUS_WORDS[pair.status]} · `{_md(pair.label)}`")
        out.append("")
        changes = _changes(pair, strict)
        if changes:
            out += ["| | what | A | B |", "|---|---|---|---|"]
            for change, volatile in changes:
                section = f"{change.section} (volatile)" if volatile else change.section
                before = "" if change.before is None else f"`{_md(change.before)}`"
                after = "" if change.after is None else f"`{_md(change.after)}`"
                out.append(f"| {section} | {_md(change.where)} | {before} | {after} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "section": change.section,
        "where": change.where,
        "kind": change.kind,
        "a": change.before,
        "b": change.after,
    }


def to_json(result: CassetteComparison, *, strict: bool = False) -> dict[str, Any]:
    pairs = []
    for pair in result.pairs:
        item: dict[str, Any] = {"a": pair.a, "b": pair.b, "status": pair.status, "label": pair.label}
        if pair.comparison is not None:
            item["changes"] = [_change_json(c) for c in pair.comparison.changes]
            if strict:
                item["volatile"] = [_change_json(c) for c in pair.comparison.volatile]
        pairs.append(item)
    return {
        "a": result.label_a,
        "b": result.label_b,
        "interactions": {"a": result.count_a, "b": result.count_b},
        "differ": result.differ,
        "counts": {s: result.count(s) for s in ("same", "changed", "only-a", "only-b")},
        "pairs": pairs,
    }


TEXTCONV_WIDTH = 4000
"""Characters of one value kept in the by-meaning text (git shows whole lines; a cut must be rare)."""


def render_meaning(side: Side, label: str) -> str:
    """One cassette as by-meaning text, volatile values left out: what `git diff` shows through
    `diff --textconv` (two recordings of the same test give the same text)."""

    def value(item: Any) -> str:
        return short(item, TEXTCONV_WIDTH)

    out = [f"cassette {label}: {counted(len(side), 'interaction')}"]
    for i in range(len(side)):
        exchange = side.exchange(i)
        request, response = exchange.request, exchange.response
        out.append("")
        out.append(f"#{i} {describe(exchange)}")
        params = redact_json(without_volatile(request.params))
        for key in sorted(params):
            out.append(f"  param {key}: {value(params[key])}")
        for tool in request.tools:
            out.append(f"  tool {tool.name}: {value(tool.description)} {value(tool.parameters)}")
        for n, message in enumerate(request.messages, 1):
            out.append(f"  message {n} ({message.role}): {message_text(message, TEXTCONV_WIDTH)}")
        out.append(f"  → {exchange.raw.status_line}")
        if response.error is not None:
            out.append(f"  error: {value(response.error.type or '')} {value(response.error.message)}")
        if response.message is not None:
            out.append(f"  answer: {message_text(response.message, TEXTCONV_WIDTH)}")
        if response.finish_label:
            out.append(f"  finish: {response.finish_label}")
        if response.usage:
            out.append(f"  usage: {value(without_volatile(response.usage))}")
        if exchange.streamed:
            out.append(f"  stream chunks: {len(response.chunks)}")
    return "\n".join(out) + "\n"
