"""`tui-replay inspect PATH [--json] [--interaction N]`: the decoded model of one cassette, as
readable plain text or as JSON (the shape `export.model_json` makes).

With `--interaction N` the file is read no further than interaction N needs (its
neighbours, for its turn and its problems), so one interaction of a 100 MB cassette costs a
small fraction of a full parse.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any

from tui_replay.analysis.cassette import Cassette, open_cassette
from tui_replay.analysis.media_label import media_placeholder
from tui_replay.analysis.pretty_json import pretty_json
from tui_replay.analysis.request_params import pack_items, param_items
from tui_replay.analysis.spend import Tokens, Wasted, duration_text, spend_line, tokens_line, wasted_line
from tui_replay.analysis.usage import Usage, usage_line
from tui_replay.cli.common import EXIT_OK, cassette_failure, fail, missing_paths, require_interaction
from tui_replay.export.model_json import cassette_json
from tui_replay.model import CassetteError
from tui_replay.wording import counted


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay inspect", description="Print the decoded model of one cassette."
    )
    parser.add_argument("path", help="a cassette file")
    parser.add_argument("--json", action="store_true", help="machine-readable JSON instead of text")
    parser.add_argument("--interaction", "-i", type=int, metavar="N", help="only interaction N (0-based)")
    parser.add_argument("--no-redact", action="store_true", help="show secrets instead of masking them")
    return parser


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    missing = missing_paths([args.path])
    if missing is not None:
        return missing
    try:
        cassette = open_cassette(args.path, redact=not args.no_redact)
        require_interaction(args.path, cassette, args.interaction)
        if args.json:
            text = pretty_json(cassette_json(cassette, only=args.interaction)) + "\n"
        else:
            text = render(cassette, only=args.interaction)
    except CassetteError as exc:
        return cassette_failure(exc)
    except OSError as exc:
        return fail(f"{args.path}: {exc.strerror or exc}")
    sys.stdout.write(text)
    return EXIT_OK


# -- plain text ------------------------------------------------------------------------------


def _indent(text: str, prefix: str = "    ") -> str:
    return textwrap.indent(text, prefix, lambda _line: True)


def _short_json(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _part_lines(part: dict[str, Any]) -> Iterator[str]:
    kind = part["type"]
    if kind == "text":
        yield part["text"]
    elif kind == "thinking":
        yield "[thinking] " + part["text"]
    elif kind == "tool_call":
        yield f"[tool call {part['name']} id={part['id']}] {_short_json(part['arguments'])}"
    elif kind == "tool_result":
        flag = " ERROR" if part.get("is_error") else ""
        target = part["tool_call_id"] or part.get("name")
        yield f"[tool result{flag} for {target}] {_short_json(part['content'])}"
    elif kind == "image":
        yield f"[{media_placeholder(part['media_type'], part['bytes'], part.get('seconds'))}]"
    elif kind == "unrecognised" and part.get("field"):
        yield f"[not modelled: {part['kind']}] {_short_json(part['data'])}"
    elif kind == "unrecognised":
        yield f"[unrecognised {part['kind']}] {_short_json(part['data'])}"


PARAMS_WIDTH = 80


def _params_lines(params: dict[str, Any]) -> Iterator[str]:
    """`  params: temperature 0.2 · top_p 1 · ...`, every parameter, wrapped to 80 columns
    under its label."""
    label = "  params: "
    for number, line in enumerate(pack_items(param_items(params), PARAMS_WIDTH - len(label))):
        yield (label if number == 0 else " " * len(label)) + line


def _message_lines(message: dict[str, Any]) -> Iterator[str]:
    body = "\n".join(line for part in message["parts"] for line in _part_lines(part))
    origin = f" ({message['origin']})" if message.get("origin") else ""
    yield f"  {message['role']}{origin}:"
    yield _indent(body or "(empty)")


def render(cassette: Cassette, *, only: int | None = None) -> str:
    """`cassette` as text, secrets masked as the cassette was opened (`open_cassette`)."""
    doc = cassette_json(cassette, only=only)
    # One interaction: the file is read no further than it needs, so its count is not known.
    extent = counted(len(cassette), "interaction") if only is None else f"interaction {only}"
    out: list[str] = [f"{doc['path']}  ({doc['format']}, {extent})"]
    if "spend" in doc:
        out.extend(_spend_lines(doc["spend"]))
    out.append("")
    for item in doc["interactions"]:
        duration = f"{item['duration_ms']:.0f} ms" if item["duration_ms"] is not None else "? ms"
        mode = "streamed" if item["streamed"] else "plain"
        out.append(
            f"#{item['index']}  turn {item['turn']} · attempt {item['attempt']}/{item['attempts']}  "
            f"{item['method']} {item['url']}"
        )
        out.append(f"  {item['status']}  {duration}  {item['dialect']}  {mode}")
        request = item["request"]
        if request["model"]:
            out.append(f"  model: {request['model']}")
        if request["tools"]:
            out.append("  tools: " + ", ".join(t["name"] for t in request["tools"]))
        if request["params"]:
            out.extend(_params_lines(request["params"]))
        if request["messages"]:
            out.append(f"  conversation ({counted(len(request['messages']), 'message')}):")
            for message in request["messages"]:
                out.extend(_indent(line, "  ") for line in _message_lines(message))
        response = item["response"]
        if response["error"]:
            err = response["error"]
            provider = f" from {err['provider']}" if err["provider"] else ""
            kind = f" {err['type']}" if err["type"] else ""
            out.append(f"  ERROR {err['status'] or ''}{kind}{provider}: {err['message']}")
        if response["message"]:
            out.append("  response:")
            out.extend(_indent(line, "  ") for line in _message_lines(response["message"]))
        tail = []
        native = response.get("native_finish_reason")
        if response["finish_reason"] or native:
            finish = response["finish_reason"] or "?"
            said = f" (native {native})" if native and native != finish else ""
            tail.append(f"finish: {finish}{said}")
        if response.get("service_tier"):
            tail.append(f"tier: {response['service_tier']}")
        normalized = response.get("usage_normalized")
        if normalized:
            tail.append("usage: " + usage_line(Usage(**normalized)))
        elif response["usage"]:
            tail.append("usage: " + _short_json(response["usage"]))
        else:
            tail.append("usage: not reported")
        if item["failed_attempt"]:
            tail.append(f"failed attempt ({item['failed_attempt']}): wasted")
        if response["chunks"]:
            tail.append(f"{len(response['chunks'])} stream events")
        if tail:
            out.append("  " + " · ".join(tail))
        out.append("")
    if doc["problems"]:
        out.append(f"problems ({len(doc['problems'])}):")
        for p in doc["problems"]:
            where = f"#{p['interaction']}" if p["interaction"] is not None else "file"
            out.append(f"  {p['severity']:7} {where:>5}  {p['code']}: {p['message']}")
    else:
        out.append("no problems found")
    return "\n".join(out) + "\n"


def _tokens(doc: dict[str, Any]) -> Tokens:
    """The `Tokens` a `tokens_json` dict was made from (the text reads the JSON shape, so the
    two outputs cannot disagree)."""
    return Tokens(
        doc["input"],
        doc["output"],
        doc["cached"],
        doc["reasoning"],
        doc["total"],
        doc["cost"],
        doc["interactions_with_usage"],
        doc["interactions_without_usage"],
        doc["interactions_with_cost"],
    )


def _wasted(doc: dict[str, Any]) -> Wasted:
    return Wasted(doc["failed_attempts"], _tokens(doc["tokens"]), doc["duration_ms"], doc["untimed_attempts"])


def _spend_lines(spend: dict[str, Any]) -> Iterator[str]:
    """`tokens: in 268 · out 66 · cost 0.0006258 ...`, the wasted work, and a line for each turn
    of more than one interaction (a turn of one is its interaction, shown below it; `--json`
    has every turn)."""
    yield spend_line(_tokens(spend["tokens"]), Wasted())  # the waste has a line of its own
    if spend["duration_ms"] is not None:
        yield f"time: {duration_text(spend['duration_ms'])} recorded"
    yield _wasted_words(_wasted(spend["wasted"]))
    grouped = [turn for turn in spend["turns"] if len(turn["interactions"]) > 1]
    if grouped:
        yield "turns of several interactions (retries, polls):"
        for turn in grouped:
            first, last = turn["interactions"][0], turn["interactions"][-1]
            where = f"#{first}" if first == last else f"#{first}–#{last}"
            wasted = _wasted(turn["wasted"])
            extra = f" · {wasted_line(wasted)}" if wasted else ""
            yield f"  turn {turn['turn']} ({where}): {tokens_line(_tokens(turn['tokens']))}{extra}"


def _wasted_words(wasted: Wasted) -> str:
    return wasted_line(wasted) if wasted else "wasted: nothing (no failed attempt)"
