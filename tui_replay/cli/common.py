"""What every command shares: exit codes and the one-line error message."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2
"""argparse exits with EXIT_USAGE (2) on bad usage too."""


def fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    """Print `tui-replay: message` on standard error and return `code` (the exit code)."""
    print(f"tui-replay: {message}", file=sys.stderr)
    return code
