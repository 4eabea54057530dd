"""Command line: `tui-replay [PATH...]` opens the TUI; `inspect`, `check`, `export`, `serve` are headless.

Headless commands never import Textual (a test proves it); only the TUI path
and `serve` do, and only when they run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui_replay import __version__
from tui_replay.model import CassetteError

SUBCOMMANDS = ("inspect", "check", "export", "serve")

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message on bad usage (its default too)."""


def _tui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tui-replay",
        description="Replay and debug recorded LLM API traffic (VCR cassettes) in the terminal.",
        epilog="Headless commands: tui-replay {inspect,check,export,serve} --help",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        help="cassette files, folders (recursive) or globs; none opens the bundled cassettes",
    )
    parser.add_argument("--no-redact", action="store_true", help="show secrets instead of masking them")
    teaching = parser.add_argument_group("teaching demos")
    teaching.add_argument(
        "--autoplay",
        action="store_true",
        help="play the cassette (the first one found in a folder) from the first interaction to the last;"
        " any key takes back control",
    )
    teaching.add_argument(
        "--speed",
        type=_speed,
        metavar="X",
        help="replay speed for streams and for the pauses between interactions (e.g. 0.5, 2, 20)",
    )
    teaching.add_argument(
        "--exit-at-end", action="store_true", help="with --autoplay: quit after the last interaction"
    )
    teaching.add_argument("--present", action="store_true", help="start in presentation mode (P toggles it)")
    parser.add_argument("--version", action="version", version=f"tui-replay {__version__}")
    return parser


def _speed(text: str) -> float:
    """`--speed X`: a positive number within what the replay supports."""
    low, high = 0.05, 100.0  # tui_replay.ui.autoplay.MIN_SPEED / MAX_SPEED (not imported: no Textual here)
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"must be between {low:g} and {high:g}, not {text}")
    return value


def _inspect_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tui-replay inspect", description="Print the decoded model of one cassette.")
    parser.add_argument("path", help="a cassette file")
    parser.add_argument("--json", action="store_true", help="machine-readable JSON instead of text")
    parser.add_argument("--interaction", "-i", type=int, metavar="N", help="only interaction N (0-based)")
    parser.add_argument("--no-redact", action="store_true", help="show secrets instead of masking them")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tui-replay check",
        description="Load and decode every cassette under the paths; exit 1 if any file is unreadable.",
    )
    parser.add_argument("paths", nargs="+", help="cassette files or folders (recursive)")
    return parser


def _fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    print(f"tui-replay: {message}", file=sys.stderr)
    return code


def run_inspect(argv: Sequence[str]) -> int:
    args = _inspect_parser().parse_args(argv)
    from tui_replay.analysis.cassette import open_cassette

    try:
        cassette = open_cassette(args.path, redact=not args.no_redact)
        if args.interaction is not None and not 0 <= args.interaction < len(cassette):
            return _fail(
                f"{args.path}: no interaction {args.interaction} (the cassette has {len(cassette)})",
                EXIT_USAGE,
            )
        if args.json:
            from tui_replay.analysis.pretty_json import pretty_json
            from tui_replay.export.model_json import cassette_json

            text = pretty_json(cassette_json(cassette, only=args.interaction)) + "\n"
        else:
            from tui_replay.cli.inspect_text import render

            text = render(cassette, only=args.interaction)
    except CassetteError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{args.path}: {exc.strerror or exc}")
    sys.stdout.write(text)
    return EXIT_OK


def run_check(argv: Sequence[str]) -> int:
    args = _check_parser().parse_args(argv)
    from tui_replay.cli.check import format_report
    from tui_replay.cli.check import run_check as check_paths

    report = check_paths(args.paths)
    if report.files == 0:
        return _fail("no cassette files found under " + " ".join(args.paths))
    sys.stdout.write(format_report(report))
    return EXIT_OK if report.ok else EXIT_UNREADABLE


def run_tui(argv: Sequence[str]) -> int:
    args = _tui_parser().parse_args(argv)
    from tui_replay.formats.bundled import bundled_cassettes

    paths = [Path(p) for p in args.paths] if args.paths else [bundled_cassettes()]
    from tui_replay.ui.app import ReplayApp

    if args.exit_at_end and not args.autoplay:
        print("tui-replay: --exit-at-end needs --autoplay", file=sys.stderr)
        return EXIT_USAGE
    app = ReplayApp(
        paths,
        redact=not args.no_redact,
        play_through=args.autoplay,
        speed=args.speed,
        exit_at_end=args.exit_at_end,
        present=args.present,
    )
    app.run()
    return app.return_code or EXIT_OK


def _tolerant_output() -> None:
    """File names that are not UTF-8 print as escapes instead of crashing a strict UTF-8 terminal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    command = argv[0] if argv else None
    try:
        if command == "inspect":
            return run_inspect(argv[1:])
        if command == "check":
            return run_check(argv[1:])
        if command == "export":
            from tui_replay.cli.export import run_export

            return run_export(argv[1:])
        if command == "serve":
            from tui_replay.cli.serve import run_serve

            return run_serve(argv[1:])
        return run_tui(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
