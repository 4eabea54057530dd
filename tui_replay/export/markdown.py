"""`export --format markdown`: a transcript a person can read (and paste into a post)."""

from __future__ import annotations

import json
from typing import Any

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.media_label import media_placeholder
from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.analysis.retries import RetryRun, grouped_problems
from tui_replay.analysis.spend import spend_line, tokens_line, wasted_line
from tui_replay.export.transcript import Attempt, Transcript, Turn, build_transcript
from tui_replay.model import (
    ImagePart,
    Message,
    Part,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
    UnrecognisedPart,
)
from tui_replay.wording import counted

ROLE_TITLES = {"system": "System", "user": "User", "assistant": "Assistant", "tool": "Tool"}


def _fence(value: Any, lang: str = "json") -> str:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return f"```\n{value}\n```"
    text = pretty_json(value)
    return f"```{lang}\n{text}\n```"


def _part(part: Part, transcript: Transcript) -> str:
    if isinstance(part, TextPart):
        return part.text
    if isinstance(part, ThinkingPart):
        body = part.text if part.text else "(redacted thinking)"
        quoted = "\n".join("> " + line for line in body.splitlines() or [""])
        return f"> *thinking*\n{quoted}"
    if isinstance(part, ToolCallPart):
        args = part.arguments if part.arguments_valid else part.arguments_raw
        note = "" if part.arguments_valid else " — arguments are not valid JSON"
        return f"**Tool call** `{part.name}` (id `{part.id}`){note}:\n\n{_fence(args)}"
    if isinstance(part, ToolResultPart):
        who = transcript.result_label(part)
        flag = " (error)" if part.is_error else ""
        content = part.content
        if isinstance(content, str) and not content.strip().startswith(("{", "[")):
            return f"**Tool result**{flag} for {who}: {content}"
        return f"**Tool result**{flag} for {who}:\n\n{_fence(content)}"
    if isinstance(part, ImagePart):
        return f"*[{media_placeholder(part.media_type, part.bytes, part.seconds)}]*"
    if isinstance(part, UnrecognisedPart) and part.field:
        return f"**Not modelled** `{part.kind}`:\n\n{_fence(part.data)}"
    if isinstance(part, UnrecognisedPart):
        return f"**Unrecognised item** `{part.kind}`:\n\n{_fence(part.data)}"
    raise TypeError(part)  # pragma: no cover


def _message(message: Message, transcript: Transcript) -> str:
    title = ROLE_TITLES.get(message.role, message.role.title())
    if message.origin:
        title += f" *({message.origin})*"
    body = "\n\n".join(_part(p, transcript) for p in message.parts) or "*(empty)*"
    return f"#### {title}\n\n{body}"


def _status_line(attempt: Attempt) -> str:
    ex = attempt.exchange
    raw = ex.raw
    duration = f", {raw.duration_ms / 1000:.2f} s" if raw.duration_ms is not None else ""
    mode = "streamed" if ex.streamed else "plain"
    return f"`{raw.method} {raw.url}` → **{raw.status_line}** ({mode}{duration})"


def _failed(attempt: Attempt) -> str:
    ex = attempt.exchange
    err = ex.response.error
    what = ex.raw.status_line
    detail = ""
    if err is not None:
        provider = f" from {err.provider}" if err.provider else ""
        detail = f"{provider}: {err.message}"
    info = attempt.turn
    return f"> ⚠️ **Attempt {info.attempt} of {info.attempts} failed** — {what}{detail}"


def _retried(run: RetryRun) -> str:
    """Identical failed attempts as one box: what failed, once, and which interactions."""
    summary = run.summary()
    provider = f" from {run.provider}" if run.provider else ""
    detail = f" —{provider}: {run.message}" if run.message else (f" —{provider}" if provider else "")
    return f"> ⚠️ **{summary[:1].upper()}{summary[1:]}**{detail} *(interactions {run.first}–{run.last})*"


def _turn(turn: Turn, transcript: Transcript) -> str:
    final = turn.final
    info = final.turn
    title = f"## Turn {turn.number}"
    if info.attempts > 1:
        title += f" — {info.attempts} attempts"
    lines = [title, "", _status_line(final), ""]
    if turn.restarted:
        lines += ["*(a new conversation starts here)*", ""]
    for message in turn.new_messages:
        lines += [_message(message, transcript), ""]
    for entry in turn.failed_entries():
        lines += [_retried(entry) if isinstance(entry, RetryRun) else _failed(entry), ""]
    if turn.polls:
        lines += [f"*(answered by the last of {len(turn.polls)} polls, #{turn.answer.index})*", ""]
    response = turn.answer.exchange.response
    if (response.error is not None or turn.answer.exchange.is_error) and not turn.answer_in_run:
        lines += [_failed(turn.answer).replace("failed", "failed (last attempt)"), ""]
    if response.message is not None:
        answer = _message(response.message, transcript).replace("#### ", "#### ⮕ ", 1)
        lines += [answer, ""]
    tail = []
    if response.finish_label:
        tail.append(f"finish: `{response.finish_label}`")
    if response.service_tier:
        tail.append(f"tier: `{response.service_tier}`")
    tokens, wasted = turn.spend
    tail.append(spend_line(tokens, wasted))
    if tail:
        lines += ["<sub>" + " · ".join(tail) + "</sub>", ""]
    return "\n".join(lines)


def _spend_line(transcript: Transcript) -> str:
    """`**Tokens:** in 268 · out 66 · cost ... — **Wasted: 10 failed attempts · 3.9 s ...**`,
    `**Tokens unknown** · cost not reported — ...` when no response reported usage."""
    tokens, wasted = transcript.spend
    head = f"**Tokens:** {tokens_line(tokens)}" if tokens.known else "**Tokens unknown** · cost not reported"
    return f"{head} — **{wasted_line(wasted).capitalize()}**"


def export_markdown(cassette: Cassette, *, only: int | None = None) -> str:
    transcript = build_transcript(cassette, only)
    out = [
        f"# {transcript.title}",
        "",
        f"*{transcript.format} cassette, {counted(len(cassette), 'interaction')}*",
        "",
        _spend_line(transcript),
        "",
    ]
    if transcript.tools:
        out += ["## Tools", ""]
        for tool in transcript.tools:
            out += [f"- **`{tool.name}`** — {tool.description or '(no description)'}"]
        out += [""]
    for turn in transcript.turns:
        out.append(_turn(turn, transcript))
    problems = cassette.problems() if only is None else cassette.problems_for(only)
    if problems:
        out += ["## Problems", ""]
        for grouped in grouped_problems(problems, transcript.retry_runs()):
            p = grouped.problem
            out.append(f"- **{p.severity}** ({grouped.where()}) `{p.code}`: {p.message}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
