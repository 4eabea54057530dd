"""What every command shares: exit codes, the one-line error message, and what is said about
a path that names nothing, a folder that holds no cassette and an interaction number a
cassette does not have."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tui_replay.formats.errors import CassetteError, NoSuchInteraction
from tui_replay.formats.scan import iter_cassette_files

if TYPE_CHECKING:
    from tui_replay.analysis.cassette import Cassette

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


def has_cassettes(paths: Iterable[str]) -> bool:
    """Whether some cassette file (or folder that cannot be read: its command says why) is under
    `paths`. Stops at the first one found."""
    return next(iter(iter_cassette_files(paths)), None) is not None


def no_cassettes(paths: Sequence[str]) -> int:
    """What every command that takes folders says when they hold no cassette file."""
    return fail("no cassette files found under " + " ".join(paths))


def cassette_failure(exc: CassetteError) -> int:
    """A `CassetteError` said on one line: an interaction number the cassette does not have is
    the command line's mistake (exit 2), anything else the file's (exit 1)."""
    return fail(str(exc), EXIT_USAGE if isinstance(exc, NoSuchInteraction) else EXIT_UNREADABLE)


def require_interaction(path: str, cassette: Cassette, index: int | None) -> None:
    """Raise `NoSuchInteraction` when `--interaction index` was given and the cassette at `path`
    (as the user wrote it) lacks it. The file is read no further than the interaction, unless
    it is missing: then its count is said."""
    if index is not None and not (index >= 0 and cassette.has(index)):
        raise NoSuchInteraction(path, index, len(cassette))
