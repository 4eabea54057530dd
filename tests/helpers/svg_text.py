"""The text of a terminal screen exported as SVG (`App.export_screenshot`), row by row."""

from __future__ import annotations

import html
import re

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_lines(svg: str) -> list[str]:
    """The terminal's rows as plain text (Textual writes one <text> per styled run)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in _TEXT.finditer(svg):
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), html.unescape(m.group(3))))
    return ["".join(t for _, t in sorted(v)).replace("\xa0", " ") for _, v in sorted(rows.items())]
