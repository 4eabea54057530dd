"""Characters the app draws that a font must have.

Textual's SVG export (`export --format svg`, the screenshots, the slides) names Fira Code
as its font: a character Fira Code lacks is drawn from whatever fallback the viewer has, or
as an empty box. Textual's own header icon (U+2B58, a heavy circle) is one of those, as were
the arrows and ellipsis first chosen for the marks below. `tests/ui/test_glyphs.py` checks
every non-ASCII character in the UI's source against the installed Fira Code.
"""

HEADER_ICON = "◉"
"""A recording light (U+25C9): the top left of every screen."""

SESSION_RESUMED = "⟲"
"""A realtime session resumed at this turn (U+27F2, an anticlockwise arrow)."""

SESSION_DROPPED = "¦"
"""A realtime session dropped after this turn (U+00A6, a broken line)."""

FOLDED = "…"
"""Lines the diff folded away (U+2026)."""

UNREADABLE = "╳"
"""A file in the browser that cannot be read (U+2573; not `×`, which counts interactions)."""
