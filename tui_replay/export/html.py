"""`export --format html`: one self-contained page (inline CSS, pygments colours, no network)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import JsonLexer

from tui_replay.analysis.cassette import Cassette
from tui_replay.analysis.media_label import media_placeholder
from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.analysis.retries import RetryRun, grouped_problems
from tui_replay.analysis.spend import Tokens, Wasted, spend_line
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

_FORMATTER = HtmlFormatter(style="friendly", nowrap=False, cssclass="code")

CSS = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d2228; background: #fbfbfa; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } .sub { color: #68707a; margin-top: 0; }
h2 { border-bottom: 1px solid #dde1e5; padding-bottom: .2rem; margin-top: 2.2rem; }
.msg { border-left: 4px solid #aab3bd; background: #fff; margin: .8rem 0; padding: .5rem .9rem;
       border-radius: 4px; box-shadow: 0 1px 2px #0001; }
.msg .role { font-weight: 600; font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; }
.msg .role .origin { font-weight: 400; text-transform: none; letter-spacing: 0; color: #5f6b76; }
.system { border-color: #8e7cc3; } .user { border-color: #3d85c6; } .assistant { border-color: #38a169; }
.tool { border-color: #d69e2e; } .answer { background: #f3fbf5; }
.text { white-space: pre-wrap; }
.thinking { color: #5f6b76; font-style: italic; white-space: pre-wrap; }
details { margin: .4rem 0; } summary { cursor: pointer; color: #5f6b76; }
.card { border: 1px solid #dde1e5; border-radius: 4px; margin: .5rem 0; padding: .3rem .6rem; }
.card .name { font-family: ui-monospace, monospace; font-weight: 600; }
.id { color: #68707a; font-family: ui-monospace, monospace; font-size: .85rem; }
.error { border: 1px solid #e53e3e; background: #fff5f5; color: #9b2c2c; border-radius: 4px;
         padding: .4rem .8rem; margin: .6rem 0; }
.status { font-family: ui-monospace, monospace; font-size: .85rem; color: #4a5560; }
.meta { color: #68707a; font-size: .85rem; }
.code pre { margin: .3rem 0; padding: .5rem; border-radius: 4px; overflow-x: auto; font-size: .85rem; }
"""


def _json_block(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return f'<pre class="text">{escape(value)}</pre>'
    text = pretty_json(value)
    return highlight(text, JsonLexer(), _FORMATTER)


def _part(part: Part, transcript: Transcript) -> str:
    if isinstance(part, TextPart):
        return f'<div class="text">{escape(part.text)}</div>'
    if isinstance(part, ThinkingPart):
        body = escape(part.text) if part.text else "(redacted thinking)"
        return f'<details><summary>thinking</summary><div class="thinking">{body}</div></details>'
    if isinstance(part, ToolCallPart):
        args = part.arguments if part.arguments_valid else part.arguments_raw
        bad = "" if part.arguments_valid else ' <span class="error">arguments are not valid JSON</span>'
        return (
            f'<div class="card">tool call <span class="name">{escape(part.name)}</span> '
            f'<span class="id">{escape(str(part.id))}</span>{bad}{_json_block(args)}</div>'
        )
    if isinstance(part, ToolResultPart):
        who = escape(transcript.result_label(part).replace("`", ""))
        flag = ' <span class="error">error</span>' if part.is_error else ""
        return (
            f'<div class="card">tool result for <span class="id">{who}</span>{flag}'
            f"{_json_block(part.content)}</div>"
        )
    if isinstance(part, ImagePart):
        label = media_placeholder(part.media_type, part.bytes, part.seconds)
        return f'<div class="meta">[{escape(label)}]</div>'
    if isinstance(part, UnrecognisedPart) and part.field:
        return (
            f'<div class="card">not modelled <span class="name">{escape(part.kind)}</span>'
            f"{_json_block(part.data)}</div>"
        )
    if isinstance(part, UnrecognisedPart):
        return (
            f'<div class="card">unrecognised item <span class="name">{escape(part.kind)}</span>'
            f"{_json_block(part.data)}</div>"
        )
    raise TypeError(part)  # pragma: no cover


def _message(message: Message, transcript: Transcript, extra: str = "") -> str:
    role = escape(message.role)
    parts = "".join(_part(p, transcript) for p in message.parts) or '<div class="meta">(empty)</div>'
    origin = f' <span class="origin">— {escape(message.origin)}</span>' if message.origin else ""
    return f'<div class="msg {role} {extra}"><div class="role">{role}{origin}</div>{parts}</div>'


def _error(attempt: Attempt) -> str:
    ex = attempt.exchange
    err = ex.response.error
    info = attempt.turn
    detail = escape(err.message) if err else ""
    provider = f" from {escape(err.provider)}" if err and err.provider else ""
    return (
        f'<div class="error"><b>Attempt {info.attempt} of {info.attempts} failed</b> — '
        f"{escape(ex.raw.status_line)}{provider}<br>{detail}</div>"
    )


def _retried(run: RetryRun) -> str:
    """Identical failed attempts as one box: what failed, once, and which interactions."""
    summary = run.summary()
    provider = f" from {escape(run.provider)}" if run.provider else ""
    detail = escape(run.message) if run.message else ""
    return (
        f'<div class="error retries"><b>{escape(summary[:1].upper() + summary[1:])}</b>{provider} '
        f'<span class="meta">(interactions {run.first}–{run.last})</span><br>{detail}</div>'
    )


def _turn(turn: Turn, transcript: Transcript) -> str:
    final = turn.final
    ex = final.exchange
    raw = ex.raw
    duration = f" · {raw.duration_ms / 1000:.2f} s" if raw.duration_ms is not None else ""
    mode = "streamed" if ex.streamed else "plain"
    title = f"Turn {turn.number}" + (f" — {final.turn.attempts} attempts" if final.turn.attempts > 1 else "")
    out = [
        f"<h2>{title}</h2>",
        f'<div class="status">{escape(raw.method)} {escape(raw.url)} → '
        f"{escape(raw.status_line)} ({mode}{duration})</div>",
    ]
    out += [_message(m, transcript) for m in turn.new_messages]
    out += [_retried(e) if isinstance(e, RetryRun) else _error(e) for e in turn.failed_entries()]
    if turn.polls:
        last = f"the last of {len(turn.polls)} polls, #{turn.answer.index}"
        out.append(f'<div class="meta">answered by {last}</div>')
    ex = turn.answer.exchange  # the last poll's, when the answer was polled for
    if ex.is_error and not turn.answer_in_run:
        out.append(_error(turn.answer))
    if ex.response.message is not None:
        out.append(_message(ex.response.message, transcript, "answer"))
    if ex.response.finish_label:
        out.append(f'<div class="meta">finish: {escape(ex.response.finish_label)}</div>')
    if ex.response.service_tier:
        out.append(f'<div class="meta">tier: {escape(ex.response.service_tier)}</div>')
    out.append(_spend(*turn.spend))
    return "\n".join(out)


def _spend(tokens: Tokens, wasted: Wasted) -> str:
    """Tokens, reported cost and (when any) wasted work, as one quiet line."""
    return f'<div class="meta spend">{escape(spend_line(tokens, wasted))}</div>'


def export_html(cassette: Cassette, *, only: int | None = None) -> str:
    transcript = build_transcript(cassette, only)
    body = [
        f"<h1>{escape(transcript.title)}</h1>",
        f'<p class="sub">{escape(transcript.format)} cassette · {counted(len(cassette), "interaction")}</p>',
        _spend(*transcript.spend),
    ]
    if transcript.tools:
        body.append("<h2>Tools</h2>")
        for tool in transcript.tools:
            body.append(
                f'<details class="card"><summary><span class="name">{escape(tool.name)}</span> — '
                f"{escape(tool.description or '')}</summary>{_json_block(tool.parameters)}</details>"
            )
    body += [_turn(t, transcript) for t in transcript.turns]
    problems = cassette.problems() if only is None else cassette.problems_for(only)
    if problems:
        body.append("<h2>Problems</h2><ul>")
        for grouped in grouped_problems(problems, transcript.retry_runs()):
            p = grouped.problem
            where = "" if p.interaction is None else f" ({grouped.where()})"
            body.append(
                f"<li><b>{p.severity}</b>{where} <code>{escape(p.code)}</code>: {escape(p.message)}</li>"
            )
        body.append("</ul>")
    # types-Pygments leaves HtmlFormatter.get_style_defs unannotated; it returns the CSS as a str
    css = CSS + _FORMATTER.get_style_defs(".code")  # type: ignore[no-untyped-call]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(transcript.title)} — tui-replay</title>"
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{css}</style>'
        "</head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
