"""`tui-replay check PATH...`: load and decode every cassette, summarise, exit 0/1."""

from __future__ import annotations

import argparse
import gc
import json
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
from tui_replay.analysis.secrets_in_clear import secrets_in
from tui_replay.cli.common import EXIT_OK, EXIT_UNREADABLE, missing_paths, no_cassettes
from tui_replay.formats.load import load_cassette
from tui_replay.formats.scan import iter_cassette_files
from tui_replay.model import CassetteError, Problem
from tui_replay.wording import counted


@dataclass
class FileResult:
    """What `check --json`, `-v` and `--secrets` say about one file."""

    path: str
    format: str | None = None
    interactions: int = 0
    dialects: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    secrets: list[tuple[int, str]] = field(default_factory=list)
    """(interaction, where) of each secret held in clear (only with `--secrets`)."""

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "format": self.format,
            "interactions": self.interactions,
            "dialects": self.dialects,
            "error": self.error,
            "problems": [
                {"interaction": p.interaction, "severity": p.severity, "code": p.code, "message": p.message}
                for p in self.problems
            ],
            "secrets": [{"interaction": i, "where": where} for i, where in self.secrets],
        }


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class CheckReport:
    files: int = 0
    interactions: int = 0
    dialects: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    problems: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    """One line per file that could not be read: `path: reason`."""
    results: list[FileResult] = field(default_factory=list)
    """Per file, in file order, when asked for (`detail=True`)."""

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
        self.results.extend(other.results)

    def worst(self, severity: str) -> bool:
        """True when a problem of `severity` or worse was found."""
        floor = SEVERITY_RANK[severity]
        return any(SEVERITY_RANK[s] >= floor for s, _ in self.problems)

    @property
    def secrets(self) -> list[str]:
        return [f"{r.path}:{i}: {where}" for r in self.results for i, where in r.secrets]


def check_file(path: Path, report: CheckReport, detail: bool = False, secrets: bool = False) -> None:
    """Load and decode one cassette and count what `check` prints.

    The same steps and results as `open_cassette(path)` then `.exchanges()` and
    `.problems()`, without the viewer's caches (turns, the decode cache): each
    interaction is decoded once, and the whole file is freed by reference
    counting as soon as it is counted. `detail` keeps a `FileResult` per file;
    `secrets` also looks for secrets held in clear (`secrets_in_clear.secrets_in`).
    """
    report.files += 1
    result = FileResult(str(path))
    try:
        file = load_cassette(path)
        record_format = file.format
        # iter(): list(file) would ask len() first, and item by item an odd layout found on the
        # way may still switch to a full parse.
        raws = list(iter(file))
        exchanges = [dialects.decode(raw) for raw in raws]
        problems = problems_of_all(exchanges.__getitem__, len(exchanges))
    except (CassetteError, OSError) as exc:
        reason = str(exc) if isinstance(exc, CassetteError) else f"{path}: {exc.strerror or exc}"
        report.failures.append(reason)
        result.error = reason
        if detail or secrets:
            report.results.append(result)
        return
    report.formats[record_format] += 1
    report.interactions += len(exchanges)
    report.dialects.update(ex.dialect for ex in exchanges)
    report.problems.update((p.severity, p.code) for p in problems)
    if detail or secrets:
        result.format, result.interactions = record_format, len(exchanges)
        result.dialects = dict(Counter(ex.dialect for ex in exchanges))
        result.problems = list(problems)
        if secrets:
            result.secrets = [(raw.index, where) for raw in raws for where in secrets_in(raw)]
        report.results.append(result)


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


def _check_many(paths: list[Path], detail: bool = False, secrets: bool = False) -> list[CheckReport]:
    reports = []
    with _without_cycle_collector():
        for path in paths:
            report = CheckReport()
            check_file(path, report, detail, secrets)
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


def balanced_batches(files: list[Path], workers: int) -> list[list[int]]:
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


def check_paths(
    paths: Iterable[str | Path], *, workers: int | None = None, detail: bool = False, secrets: bool = False
) -> CheckReport:
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
                check_file(path, report, detail, secrets)
        return report
    batches = balanced_batches(files, workers)
    partials: list[CheckReport] = [CheckReport() for _ in files]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        jobs = [[files[i] for i in batch] for batch in batches]
        runs = pool.map(_check_many, jobs, [detail] * len(jobs), [secrets] * len(jobs))
        for batch, reports in zip(batches, runs, strict=True):
            for i, partial in zip(batch, reports, strict=True):
                partials[i] = partial
    for partial in partials:
        report.merge(partial)  # in file order, so the report reads the same either way
    return report


def format_report(report: CheckReport, verbose: bool = False) -> str:
    lines = [f"{counted(report.files, 'file')}, {counted(report.interactions, 'interaction')}"]
    if verbose:
        for result in report.results:
            for p in result.problems:
                where = "file" if p.interaction is None else str(p.interaction)
                lines.append(f"{result.path}:{where}: {p.severity} {p.code}: {p.message}")
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
    parser.add_argument(
        "--json", action="store_true", help="per file: format, interactions, dialects, problems"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list each file's problems")
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="exit 1 when a problem of this severity or worse is found",
    )
    parser.add_argument(
        "--secrets",
        action="store_true",
        help="list every secret masking would hide that a file holds in clear (file:interaction: where);"
        " exit 1 if any",
    )
    return parser


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    missing = missing_paths(args.paths)  # else counted as an unreadable file, exit 1
    if missing is not None:
        return missing
    report = check_paths(args.paths, detail=args.json or args.verbose, secrets=args.secrets)
    if report.files == 0:
        return no_cassettes(args.paths)
    if args.json:
        doc = {
            "files": [r.to_json() for r in report.results],
            "interactions": report.interactions,
            "unreadable": len(report.failures),
        }
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    elif args.secrets:
        found = report.secrets
        sys.stdout.write("".join(line + "\n" for line in found))
        print(
            f"{counted(len(found), 'secret')} held in clear in {counted(report.files, 'file')}",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(format_report(report, verbose=args.verbose))
    failed = not report.ok
    failed |= args.fail_on is not None and report.worst(args.fail_on)
    failed |= args.secrets and bool(report.secrets)
    return EXIT_UNREADABLE if failed else EXIT_OK
