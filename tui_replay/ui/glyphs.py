"""Characters the app draws that a font must have.

Textual's SVG export (`export --format svg`, the screenshots, the slides) names Fira Code
as its font: a character Fira Code lacks is drawn from whatever fallback the viewer has, or
as an empty box. Textual's own header icon, `⭘` (U+2B58), is one of those.
"""

HEADER_ICON = "◉"
"""A recording light (U+25C9, in Fira Code): the top left of every screen."""
