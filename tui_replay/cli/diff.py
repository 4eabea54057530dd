"""`tui-replay diff`: two cassettes, or two versions of one, compared by meaning.

    tui-replay diff A B               # either may be REV:PATH (read with `git show`)
    tui-replay diff PATH              # the working file against its last commit
    tui-replay diff --git [REV] [PATH...]   # every cassette changed since REV (default HEAD)
    tui-replay diff --textconv FILE   # one cassette as by-meaning text, for git's textconv

On a terminal, `diff A B` and `diff PATH` open the comparison screen, as `git diff` opens a
pager; piped, or with --text, --markdown, --json or --textconv, they print. Textual is
imported only for the screen.

Exit 0: the same (volatile values aside); 1: they differ; 2: error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.compare import CassetteComparison, NoCassette, Side, compare_cassettes
from tui_replay.analysis.compare_report import render_markdown, render_meaning, render_text, to_json
from tui_replay.cli.common import missing_paths
from tui_replay.formats.scan import is_cassette_name
from tui_replay.model import CassetteError

EXIT_SAME, EXIT_DIFFER, EXIT_ERROR = 0, 1, 2


class DiffError(Exception):
    """Something the user must fix (a missing file, a revision git does not know)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay diff",
        description="Compare two cassettes (or two versions of one) by meaning: aligned interactions, "
        "what changed in requests, responses and timing. Ids, timestamps, durations, signatures and "
        "rate-limit headers are ignored unless --strict. On a terminal, A B and PATH open the "
        "comparison screen in the app (pairs left, changes right; a / b open an interaction of A / B, "
        "s toggles strict); piped, or with --text, --markdown or --json, text is printed. "
        "Exit 0 same, 1 differ, 2 error.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="A [B]", help="cassette files; REV:PATH reads PATH at a git revision"
    )
    parser.add_argument(
        "--git",
        action="store_true",
        help="every cassette changed between REV (default HEAD) and the working tree",
    )
    parser.add_argument(
        "--textconv", action="store_true", help="print one cassette as by-meaning text (git textconv)"
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--text", action="store_true", help="print text even on a terminal (no screen)")
    form.add_argument("--markdown", action="store_true", help="Markdown, to paste into a pull request")
    form.add_argument("--json", action="store_true", help="machine-readable JSON")
    parser.add_argument("--strict", action="store_true", help="also list volatile values that changed")
    return parser


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise DiffError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(message[-1] if message else f"git {' '.join(args)} failed")
    return done.stdout


def _toplevel(near: Path) -> Path:
    folder = near if near.is_dir() else near.parent
    return Path(
        _git(["rev-parse", "--show-toplevel"], folder if folder.exists() else Path.cwd()).decode().strip()
    )


def _at_revision(rev: str, path: Path) -> Side:
    """The file at a revision, or `NoCassette` when it did not exist there."""
    top = _toplevel(path.resolve())
    relative = path.resolve().relative_to(top).as_posix()
    listed = _git(["ls-tree", "--name-only", rev, "--", relative], top)
    if not listed.strip():
        return NoCassette()
    data = _git(["show", f"{rev}:{relative}"], top)
    return open_cassette(Path(f"{rev}:{relative}"), data)


def _side(spec: str) -> tuple[Side, str]:
    path = Path(spec)
    if path.exists() or ":" not in spec:
        if not path.exists():
            raise DiffError(f"{spec}: no such file")
        return open_cassette(path), spec
    rev, _, name = spec.partition(":")
    return _at_revision(rev or "HEAD", Path(name)), spec


def _working(path: Path) -> Side:
    return open_cassette(path) if path.exists() else NoCassette()


def _changed_files(rev: str, paths: list[str]) -> list[Path]:
    top = _toplevel(Path.cwd())
    scope = [str(Path(p).resolve()) for p in paths] or [str(top)]
    tracked = _git(["diff", "--name-only", "-z", rev, "--", *scope], top).split(b"\0")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", *scope], top).split(b"\0")
    names = sorted({n.decode("utf-8", "surrogateescape") for n in tracked + untracked if n})
    return [top / n for n in names if is_cassette_name(n)]


def _is_revision(word: str) -> bool:
    if Path(word).exists():
        return False
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{word}^{{commit}}"], Path.cwd())
    except DiffError:
        return False
    return True


def _comparisons(args: argparse.Namespace) -> list[CassetteComparison]:
    paths = args.paths
    if args.git:
        rev, rest = "HEAD", list(paths)
        if rest and _is_revision(rest[0]):
            rev, rest = rest[0], rest[1:]
        out = []
        for path in _changed_files(rev, rest):
            shown = str(path.relative_to(_toplevel(path)))
            out.append(compare_cassettes(_at_revision(rev, path), _working(path), f"{rev}:{shown}", shown))
        return out
    a, b, label_a, label_b = _two_sides(paths)
    return [compare_cassettes(a, b, label_a, label_b)]


def _two_sides(paths: list[str]) -> tuple[Side, Side, str, str]:
    """The two cassettes of `diff A B` or `diff PATH` (HEAD's version and the working file)."""
    if len(paths) == 1:
        path = Path(paths[0])
        if not path.exists():
            raise DiffError(f"{path}: no such file")
        return _at_revision("HEAD", path), open_cassette(path), f"HEAD:{path}", str(path)
    if len(paths) == 2:
        (a, label_a), (b, label_b) = _side(paths[0]), _side(paths[1])
        return a, b, label_a, label_b
    raise DiffError("diff needs A B, one PATH, or --git [REV] [PATH...]")


def _wants_screen(args: argparse.Namespace) -> bool:
    """Like `git diff` and its pager: the screen for a person at a terminal, text for everyone
    else (scripts, CI, git's textconv, a pipe)."""
    printed = args.text or args.markdown or args.json or args.textconv or args.git
    return not printed and sys.stdout.isatty() and sys.stdin.isatty()


def _show_on_screen(paths: list[str], strict: bool) -> int:
    a, b, label_a, label_b = _two_sides(paths)
    result = compare_cassettes(a, b, label_a, label_b)
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.screens.comparison_screen import ComparedCassettes

    app = ReplayApp([], comparison=ComparedCassettes(result, a, b), strict_comparison=strict)
    app.run()
    return EXIT_DIFFER if result.differ else EXIT_SAME


def _textconv(path: Path) -> int:
    """What git shows for a cassette: its meaning. A file that is not a cassette (git applies the
    attribute by name) is shown as it is, so `git diff` never fails because of it."""
    try:
        text = render_meaning(open_cassette(path), path.name)
    except CassetteError as exc:
        print(f"tui-replay diff --textconv: {exc} (shown as it is)", file=sys.stderr)
        sys.stdout.buffer.write(path.read_bytes())
        return EXIT_SAME
    sys.stdout.write(text)
    return EXIT_SAME


def _files_named(args: argparse.Namespace) -> list[str]:
    """The paths that must exist: not REV:PATH (read from git), and not --git's, which may
    name files deleted since REV."""
    if args.git:
        return []
    if len(args.paths) == 2:
        return [p for p in args.paths if ":" not in p or Path(p).exists()]
    return list(args.paths)


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    missing = missing_paths(_files_named(args))
    if missing is not None:
        return missing
    try:
        if args.textconv:
            if len(args.paths) != 1:
                raise DiffError("--textconv takes one FILE")
            return _textconv(Path(args.paths[0]))
        if _wants_screen(args):
            return _show_on_screen(args.paths, args.strict)
        results = _comparisons(args)
    except (CassetteError, DiffError) as exc:
        print(f"tui-replay diff: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"tui-replay diff: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        docs = [to_json(r, strict=args.strict) for r in results]
        sys.stdout.write(json.dumps(docs if args.git else docs[0], indent=2, ensure_ascii=False) + "\n")
    else:
        render = render_markdown if args.markdown else render_text
        if args.git and not results:
            sys.stdout.write("no cassette changed\n")
        sys.stdout.write("\n".join(render(r, strict=args.strict) for r in results))
    return EXIT_DIFFER if any(r.differ for r in results) else EXIT_SAME
