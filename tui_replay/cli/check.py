"""`tui-replay check PATH...`: load and decode every cassette, summarise, exit 0/1."""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tui_replay import dialects
from tui_replay.analysis.problems import problems_of_all
from tui_replay.cli.common import EXIT_OK, EXIT_UNREADABLE, fail
from tui_replay.formats.load import load_cassette
from tui_replay.formats.scan import iter_cassette_files
from tui_replay.model import CassetteError


@dataclass
class CheckReport:
    files: int = 0
    interactions: int = 0
    dialects: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    problems: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    """One line per file that could not be read: `path: reason`."""

    @property
    def ok(self) -> bool:
        return not self.failures

    def merge(self, other: CheckReport) -> None:
        self.files += other.files
        self.interactions += other.interactions
        self.dialects.update(other.dialects)
        self.formats.update(other.formats)
        self.problems.update(other.problems)
        self.failures.extend(other.failures)


def check_file(path: Path, report: CheckReport) -> None:
    """Load and decode one cassette and count what `check` prints.

    The same steps and results as `open_cassette(path)` then `.exchanges()` and
    `.problems()`, without the viewer's caches (turns, the decode cache): each
    interaction is decoded once, and the whole file is freed by reference
    counting as soon as it is counted.
    """
    report.files += 1
    try:
        file = load_cassette(path)
        record_format = file.format
        exchanges = [dialects.decode(file.raw(i)) for i in range(len(file))]
        problems = problems_of_all(exchanges.__getitem__, len(exchanges))
    except CassetteError as exc:
        report.failures.append(str(exc))
        return
    except OSError as exc:
        report.failures.append(f"{path}: {exc.strerror or exc}")
        return
    report.formats[record_format] += 1
    report.interactions += len(exchanges)
    report.dialects.update(ex.dialect for ex in exchanges)
    report.problems.update((p.severity, p.code) for p in problems)


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Run without the cyclic garbage collector, which `check` pays for and does not need.

    Every file's data is freed by reference counting once it is counted (the whole
    corpus leaves ~2,000 objects in cycles), but the collector still walks every young
    container it allocates: ~5-7% of `check`'s time. It is switched back on after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_many(paths: list[Path]) -> list[CheckReport]:
    reports = []
    with _without_cycle_collector():
        for path in paths:
            report = CheckReport()
            check_file(path, report)
            reports.append(report)
    return reports


PARALLEL_FROM = 40
"""Below this many files one process is faster than starting workers."""

MAX_WORKERS = 8


def usable_cores() -> int:
    """CPUs this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _batches(files: list[Path], workers: int) -> list[list[int]]:
    """File indices in batches for the workers: largest files first (so no big file is left
    for the end), each batch about 1/(8 * workers) of the bytes, so the work balances
    while the per-task cost (a pickle each way) stays small."""
    sizes = [_size(path) for path in files]
    order = sorted(range(len(files)), key=lambda i: -sizes[i])
    target = max(1, sum(sizes) // (8 * workers))
    batches: list[list[int]] = []
    batch: list[int] = []
    weight = 0
    for i in order:
        batch.append(i)
        weight += sizes[i]
        if weight >= target:
            batches.append(batch)
            batch, weight = [], 0
    if batch:
        batches.append(batch)
    return batches


def check_paths(paths: Iterable[str | Path], *, workers: int | None = None) -> CheckReport:
    """Check every cassette under `paths`; large trees are split over the usable CPU cores.

    Files are independent, so `check` over a corpus uses every core it may run on
    (`workers=1` forces one process). Results are merged in file order, so the
    report is the same either way.
    """
    files = list(iter_cassette_files(paths))
    if workers is None:
        workers = min(usable_cores(), MAX_WORKERS) if len(files) >= PARALLEL_FROM else 1
    report = CheckReport()
    if workers <= 1 or len(files) < 2:
        with _without_cycle_collector():
            for path in files:
                check_file(path, report)
        return report
    batches = _batches(files, workers)
    partials: list[CheckReport] = [CheckReport() for _ in files]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        jobs = [[files[i] for i in batch] for batch in batches]
        for batch, reports in zip(batches, pool.map(_check_many, jobs), strict=True):
            for i, partial in zip(batch, reports, strict=True):
                partials[i] = partial
    for partial in partials:
        report.merge(partial)  # in file order, so the report reads the same either way
    return report


def format_report(report: CheckReport) -> str:
    lines = [f"{report.files} files, {report.interactions} interactions"]
    if report.formats:
        lines.append("formats:  " + ", ".join(f"{k} {v}" for k, v in report.formats.most_common()))
    if report.dialects:
        lines.append("dialects: " + ", ".join(f"{k} {v}" for k, v in report.dialects.most_common()))
    if report.problems:
        lines.append("problems:")
        for (severity, code), count in sorted(report.problems.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {count:6}  {severity:7} {code}")
    else:
        lines.append("problems: none")
    if report.failures:
        lines.append(f"unreadable files ({len(report.failures)}):")
        lines.extend(f"  {line}" for line in report.failures)
    else:
        lines.append("every file loaded")
    return "\n".join(lines) + "\n"


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay check",
        description="Load and decode every cassette under the paths; exit 1 if any file is unreadable.",
    )
    parser.add_argument("paths", nargs="+", help="cassette files or folders (recursive)")
    return parser


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    report = check_paths(args.paths)
    if report.files == 0:
        return fail("no cassette files found under " + " ".join(args.paths))
    sys.stdout.write(format_report(report))
    return EXIT_OK if report.ok else EXIT_UNREADABLE
