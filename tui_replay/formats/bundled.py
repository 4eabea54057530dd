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


BUNDLED_LABEL = "bundled examples"
"""What the bundled cassettes' folder is called on screen, instead of an install path
(`…/site-packages/tui_replay/bundled`) that says nothing and is cut short."""


def shown_folder(folder: Path) -> str:
    """`folder` as the app names it: `bundled examples` (or `bundled examples/sub`) for the
    bundled cassettes, else the path as given."""
    bundled = bundled_cassettes().resolve()
    try:
        inside = folder.resolve().relative_to(bundled)
    except (ValueError, OSError):
        return str(folder)
    return "/".join((BUNDLED_LABEL, *inside.parts))
