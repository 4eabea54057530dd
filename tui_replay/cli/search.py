"""`tui-replay search PATTERN PATH...`: `file:interaction: where: snippet` lines, as ripgrep prints.

Exit 0 when something matched, 1 when nothing did (or there was no cassette to
search), 2 on bad usage (a broken regex). Files that cannot be read are reported on stderr and do not stop the
search. Large trees are searched on every usable core, as `check` does.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tui_replay.analysis.search import Hit, Pattern, search_file
from tui_replay.cli.check import MAX_WORKERS, PARALLEL_FROM, balanced_batches, usable_cores
from tui_replay.cli.common import has_cassettes, missing_paths, no_cassettes
from tui_replay.formats.scan import iter_cassette_files

EXIT_FOUND, EXIT_NONE, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay search",
        description="Search messages, tool arguments and results, thinking, errors, headers and raw bodies "
        "of every cassette under the paths (secrets masked). Exit 0 matched, 1 nothing matched.",
    )
    parser.add_argument("pattern", help="text to find (a regular expression with --regex)")
    parser.add_argument("paths", nargs="+", help="cassette files or folders (recursive)")
    parser.add_argument("--regex", "-e", action="store_true", help="PATTERN is a Python regular expression")
    parser.add_argument("--ignore-case", "-i", action="store_true", help="match regardless of case")
    parser.add_argument("--json", action="store_true", help="one JSON list of hits")
    return parser


def _search_many(paths: list[Path], pattern: Pattern) -> list[list[Hit]]:
    return [search_file(path, pattern) for path in paths]


def search_paths(
    paths: Iterable[str | Path], pattern: Pattern, *, workers: int | None = None
) -> Iterator[Hit]:
    """Hits in every cassette under `paths`, in file order."""
    files = list(iter_cassette_files(paths))
    if workers is None:
        workers = min(usable_cores(), MAX_WORKERS) if len(files) >= PARALLEL_FROM else 1
    if workers <= 1:
        for path in files:
            yield from search_file(path, pattern)
        return
    batches = balanced_batches(files, workers)
    found: list[list[Hit]] = [[] for _ in files]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        jobs = [[files[i] for i in batch] for batch in batches]
        for batch, results in zip(batches, pool.map(_search_many, jobs, [pattern] * len(jobs)), strict=True):
            for i, hits in zip(batch, results, strict=True):
                found[i] = hits
    for hits in found:
        yield from hits


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    missing = missing_paths(args.paths)
    if missing is not None:
        return missing
    if not has_cassettes(args.paths):  # else "nothing matched", as if there had been something to search
        return no_cassettes(args.paths)
    pattern = Pattern(args.pattern, regex=args.regex, ignore_case=args.ignore_case)
    try:
        pattern.compiled()
    except re.error as exc:
        print(f"tui-replay search: bad regular expression {args.pattern!r}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    matched = False
    hits: list[Hit] = []
    for hit in search_paths(args.paths, pattern):
        if hit.interaction is None:
            print(f"tui-replay search: {hit.snippet}", file=sys.stderr)
            continue
        matched = True
        if args.json:
            hits.append(hit)
        else:
            sys.stdout.write(hit.line() + "\n")
    if args.json:
        sys.stdout.write(json.dumps([h.to_json() for h in hits], indent=2, ensure_ascii=False) + "\n")
    return EXIT_FOUND if matched else EXIT_NONE
