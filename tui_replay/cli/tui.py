"""`tui-replay [PATH...]`: open the app on cassette files, folders or globs.

Textual is imported only when the app starts, so `--help` and bad usage stay fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from tui_replay import __version__
from tui_replay.analysis.masking import add_mask_patterns
from tui_replay.cli.common import EXIT_OK, EXIT_USAGE, fail, missing_paths
from tui_replay.settings import load_settings

MIN_SPEED, MAX_SPEED = 0.05, 100.0
"""What the replay supports: `tui_replay.ui.autoplay`'s bounds (not imported: no Textual here)."""


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay",
        description="Replay and debug recorded LLM API traffic (VCR cassettes) in the terminal.",
        epilog="Headless commands: tui-replay {inspect,check,export,serve,diff,match,search} --help",
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
        type=speed,
        metavar="X",
        help="replay speed for streams and for the pauses between interactions (e.g. 0.5, 2, 20)",
    )
    teaching.add_argument(
        "--exit-at-end", action="store_true", help="with --autoplay: quit after the last interaction"
    )
    teaching.add_argument("--present", action="store_true", help="start in presentation mode (P toggles it)")
    parser.add_argument("--version", action="version", version=f"tui-replay {__version__}")
    return parser


def speed(text: str) -> float:
    """`--speed X`: a positive number within what the replay supports."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not MIN_SPEED <= value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(f"must be between {MIN_SPEED:g} and {MAX_SPEED:g}, not {text}")
    return value


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    from tui_replay.formats.bundled import bundled_cassettes

    paths = [Path(p) for p in args.paths] if args.paths else [bundled_cassettes()]
    if args.exit_at_end and not args.autoplay:
        return fail("--exit-at-end needs --autoplay", EXIT_USAGE)
    missing = missing_paths(args.paths)  # before the app starts: it listed one as unreadable
    if missing is not None:
        return missing
    settings = load_settings()
    if settings.mask_patterns:  # the app reports what in the file it cannot use
        add_mask_patterns(list(settings.mask_patterns))
    from tui_replay.ui.app import ReplayApp

    app = ReplayApp(
        paths,
        redact=not args.no_redact,
        play_through=args.autoplay,
        speed=args.speed,
        exit_at_end=args.exit_at_end,
        present=args.present,
        settings=settings,
    )
    app.run()
    return app.return_code or EXIT_OK
