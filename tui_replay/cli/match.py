"""`tui-replay match CASSETTE --request FILE`: which recorded interaction is nearest, and what differs.

Exit 0 when one matches exactly under vcrpy's default matchers (method,
scheme, host, port, path, query; plus the body with `--match-on body`),
1 when none does, 2 on error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.masking import redact_url
from tui_replay.analysis.match import Candidate, body_note, match_request
from tui_replay.cli.common import missing_paths
from tui_replay.model import CassetteError

EXIT_MATCH, EXIT_NONE, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay match",
        description="Rank the recorded interactions nearest to a request and say what differs. "
        "Exit 0 when one matches exactly under vcrpy's default matchers, else 1.",
    )
    parser.add_argument("cassette", help="a cassette file")
    parser.add_argument(
        "--request",
        required=True,
        metavar="FILE",
        help="the request's body (JSON, compared by meaning; anything else as text); - for stdin",
    )
    parser.add_argument("--method", help="the request's HTTP method (e.g. POST)")
    parser.add_argument("--url", help="the request's URL")
    parser.add_argument(
        "--match-on", choices=("body",), action="append", default=[], help="also match the body"
    )
    parser.add_argument("--top", type=int, default=3, metavar="N", help="candidates shown (default 3)")
    parser.add_argument("--json", action="store_true", help="machine-readable JSON")
    return parser


def _read(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()


def _line(candidate: Candidate, url: str) -> list[str]:
    """One candidate: what was compared, what agrees and differs, then what differs in the
    request, recorded → yours (a message numbered on each side: `recorded message 2 = your
    message 1`)."""
    compared = [name for name, ok in candidate.matchers.items() if ok is not None]
    agreed = [name for name, ok in candidate.matchers.items() if ok]
    unknown = [name for name, ok in candidate.matchers.items() if ok is None]
    head = f"#{candidate.index}  {'exact match' if candidate.exact else 'no match'}  {redact_url(url)}"
    out = [head, f"    compared: {', '.join(compared)}"]
    if agreed:
        out.append(f"    agrees: {', '.join(agreed)}")
    if candidate.failed:
        out.append(f"    differs: {', '.join(candidate.failed)}")
    if unknown:
        out.append(f"    not checked (not given): {', '.join(unknown)}")
    if candidate.changes:
        out.append("    what differs, recorded → yours:")
        out += [f"      {change.describe()}" for change in candidate.changes]
    return out


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    missing = missing_paths([args.cassette] + ([] if args.request == "-" else [args.request]))
    if missing is not None:
        return missing
    try:
        body = _read(args.request)
        note = body_note(body)
        if note is not None:  # said before the ranking, on stderr, so --json stays one document
            source = "standard input" if args.request == "-" else args.request
            print(f"tui-replay match: the request body ({source}) {note}", file=sys.stderr)
        cassette = open_cassette(args.cassette)
        candidates = match_request(
            len(cassette),
            cassette.exchange,
            body,
            method=args.method,
            url=args.url,
            match_on_body="body" in args.match_on,
        )
    except CassetteError as exc:
        print(f"tui-replay match: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"tui-replay match: {exc.filename or args.request}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    shown = candidates[: max(args.top, 1)]
    if args.json:
        doc = [
            {
                "interaction": c.index,
                "exact": c.exact,
                "matchers": c.matchers,
                "changes": [
                    {"where": ch.where, "recorded": ch.before, "request": ch.after} for ch in c.changes
                ],
            }
            for c in shown
        ]
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        if not candidates:
            print(f"{args.cassette}: no recorded interactions")
        for candidate in shown:
            print("\n".join(_line(candidate, cassette.exchange(candidate.index).raw.url)))
    return EXIT_MATCH if any(c.exact for c in candidates) else EXIT_NONE
