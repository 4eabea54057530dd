"""`tui-replay check PATH...`: load and decode every cassette, summarise, exit 0/1."""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui_replay.cassette import open_cassette
from tui_replay.errors import CassetteError
from tui_replay.scan import iter_cassette_files


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
    report.files += 1
    try:
        cassette = open_cassette(path)
        exchanges = cassette.exchanges()
        problems = cassette.problems()
    except CassetteError as exc:
        report.failures.append(str(exc))
        return
    except OSError as exc:
        report.failures.append(f"{path}: {exc.strerror or exc}")
        return
    report.formats[cassette.format] += 1
    report.interactions += len(exchanges)
    report.dialects.update(ex.dialect for ex in exchanges)
    report.problems.update((p.severity, p.code) for p in problems)


def _check_one(path: Path) -> CheckReport:
    report = CheckReport()
    check_file(path, report)
    return report


PARALLEL_FROM = 40
"""Below this many files one process is faster than starting workers."""


def run_check(paths: Iterable[str | Path], *, workers: int | None = None) -> CheckReport:
    """Check every cassette under `paths`; large trees are split over the CPU cores.

    Files are independent, so `check` over a corpus uses every core (`workers=1`
    forces one process). Results are merged in file order, so the report is the
    same either way.
    """
    files = list(iter_cassette_files(paths))
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(files) >= PARALLEL_FROM else 1
    report = CheckReport()
    if workers <= 1:
        for path in files:
            check_file(path, report)
        return report
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for partial in pool.map(_check_one, files, chunksize=8):
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
