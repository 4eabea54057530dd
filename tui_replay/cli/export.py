"""`tui-replay export PATH --format markdown|html|json|svg|curl [--interaction N] [-o FILE]`
(`md` and `htm` for short),
and `--format svg --present -o FOLDER`: one slide per step."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui_replay.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    cassette_failure,
    fail,
    missing_paths,
    require_interaction,
)
from tui_replay.export import FORMATS
from tui_replay.model import CassetteError

FORMAT_ALIASES = {"md": "markdown", "htm": "html"}
"""The short names people type, each naming one format only."""


def export_format(text: str) -> str:
    """`--format`: a format's name or short name, in any case."""
    name = FORMAT_ALIASES.get(text.lower(), text.lower())
    if name not in FORMATS:
        raise argparse.ArgumentTypeError(f"unknown format {text!r}: choose {format_choices()}")
    return name


def format_choices() -> str:
    """`markdown (md), html (htm), json, svg, curl`."""
    short = {name: alias for alias, name in FORMAT_ALIASES.items()}
    return ", ".join(f"{name} ({short[name]})" if name in short else name for name in FORMATS)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay export",
        description=(
            "Export one cassette as a Markdown transcript, an HTML page, JSON, an SVG screen"
            " or its requests as curl commands."
        ),
        epilog=(
            "Slides for a class: `--format svg --present -o FOLDER` writes one SVG per step of "
            "the cassette, as presentation mode shows it (caption, no ids or metadata; a run of "
            "identical failed retries is one step), into FOLDER as step-01.svg, step-02.svg, ... "
            "(in step order when sorted by name). Drop "
            "them into Keynote, PowerPoint, Google Slides or a reveal.js page; an SVG scales "
            "without blurring. Add --interaction N for the one slide of interaction N."
        ),
    )
    parser.add_argument("path", help="a cassette file")
    parser.add_argument(
        "--format",
        "-f",
        type=export_format,
        default="markdown",
        metavar="FORMAT",
        help=f"{format_choices()} (default markdown)",
    )
    parser.add_argument("--interaction", "-i", type=int, metavar="N", help="only interaction N (0-based)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here instead of standard output (with --present and no --interaction: a folder)",
    )
    parser.add_argument(
        "--present",
        action="store_true",
        help="with --format svg: slides, the screens of presentation mode, one SVG per step",
    )
    parser.add_argument("--no-redact", action="store_true", help="show secrets instead of masking them")
    parser.add_argument("--size", default="120x40", help="terminal size for --format svg (default 120x40)")
    return parser


def render_export(args: argparse.Namespace) -> str:
    from tui_replay.analysis.cassette import open_cassette

    redact = not args.no_redact
    if args.format == "svg":
        from tui_replay.ui.screenshot import screen_svg

        width, _, height = args.size.partition("x")
        return screen_svg(
            Path(args.path), args.interaction or 0, (int(width), int(height)), redact, present=args.present
        )
    cassette = open_cassette(args.path, redact=redact)
    require_interaction(args.path, cassette, args.interaction)
    if args.format == "markdown":
        from tui_replay.export.markdown import export_markdown

        return export_markdown(cassette, only=args.interaction)
    if args.format == "html":
        from tui_replay.export.html import export_html

        return export_html(cassette, only=args.interaction)
    if args.format == "curl":
        from tui_replay.export.curl import cassette_curl

        return cassette_curl(cassette, only=args.interaction)
    from tui_replay.analysis.pretty_json import pretty_json
    from tui_replay.export.model_json import cassette_json

    return pretty_json(cassette_json(cassette, only=args.interaction)) + "\n"


def slide_name(step: int, count: int) -> str:
    """`step-01.svg`: numbered from 1 and zero-padded, so sorting by name keeps step order."""
    return f"step-{step:0{max(2, len(str(count)))}d}.svg"


def write_slides(args: argparse.Namespace) -> int:
    """`--format svg --present -o FOLDER`: one SVG per step, in FOLDER (made if missing)."""
    from tui_replay.ui.screenshot import slides_svg

    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        return fail(f"{folder} is a file: --present writes one SVG per step into a folder", EXIT_USAGE)
    width, _, height = args.size.partition("x")
    try:
        slides = slides_svg(Path(args.path), (int(width), int(height)), not args.no_redact)
    except CassetteError as exc:
        return cassette_failure(exc)
    except OSError as exc:
        return fail(f"{args.path}: {exc.strerror or exc}", EXIT_UNREADABLE)
    names = [slide_name(step, len(slides)) for step in range(1, len(slides) + 1)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, svg in zip(names, slides, strict=True):
            (folder / name).write_text(svg, encoding="utf-8")
    except OSError as exc:
        return fail(f"cannot write slides to {folder}: {exc.strerror or exc}", EXIT_UNREADABLE)
    print(f"{len(slides)} slides in {folder}: {names[0]} to {names[-1]}")
    stale = sorted(p.name for p in folder.glob("step-*.svg") if p.name not in names)
    if stale:  # from an earlier, longer export: left alone, but a slide show would pick them up
        print(f"tui-replay: {folder} also holds {', '.join(stale)} from before", file=sys.stderr)
    return EXIT_OK


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    missing = missing_paths([args.path])
    if missing is not None:
        return missing
    if args.output and Path(args.output).resolve() == Path(args.path).resolve():
        return fail(f"refusing to overwrite the cassette {args.path}", EXIT_USAGE)
    if args.format == "svg" and "x" not in args.size:
        return fail("--size is WIDTHxHEIGHT, e.g. 120x40", EXIT_USAGE)
    if args.present and args.format != "svg":
        return fail("--present makes slides: use it with --format svg", EXIT_USAGE)
    if args.present and args.interaction is None:
        if not args.output:
            return fail("--present writes one SVG per step: name a folder with -o FOLDER", EXIT_USAGE)
        return write_slides(args)
    try:
        text = render_export(args)
    except CassetteError as exc:
        return cassette_failure(exc)
    except OSError as exc:
        return fail(f"{args.path}: {exc.strerror or exc}", EXIT_UNREADABLE)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            return fail(f"cannot write {args.output}: {exc.strerror or exc}", EXIT_UNREADABLE)
    else:
        sys.stdout.write(text)
    return EXIT_OK
