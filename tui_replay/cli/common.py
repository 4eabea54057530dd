"""What every command shares: exit codes, the one-line error message, and what is said about
a path that names nothing."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2
"""argparse exits with EXIT_USAGE (2) on bad usage too."""


def fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    """Print `tui-replay: message` on standard error and return `code` (the exit code)."""
    print(f"tui-replay: {message}", file=sys.stderr)
    return code


def names_something(path: str) -> bool:
    """True when `path` is a file or folder, or a glob that matches one (quoted, the shell
    did not expand it). A dangling symlink is there: its command says why it cannot be read."""
    if os.path.lexists(path):
        return True
    return glob.has_magic(path) and bool(glob.glob(path))


def missing_paths(paths: Iterable[str]) -> int | None:
    """When some of `paths` name nothing: says so, the same for every command
    (`tui-replay: no such file or folder: X, Y`), and returns the exit code (a usage error:
    the command line is wrong, not a file). None when every path names something.

    Checked before any work, so a typo is told apart from a file that exists but cannot be
    read, which each command reports as before (exit 1)."""
    missing = [path for path in paths if not names_something(path)]
    if not missing:
        return None
    return fail("no such file or folder: " + ", ".join(missing), EXIT_USAGE)
