"""Where the bundled cassettes live (inside the wheel, or `cassettes/` in a checkout)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_cassettes() -> Path:
    """The cassettes shipped with tui-replay: the default when no path is given."""
    inside = _PACKAGE / "bundled"
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / "cassettes"
