"""An opened cassette exported into a file of its own (the app's "export this cassette")."""

from __future__ import annotations

from pathlib import Path

from tui_replay.analysis.cassette import Cassette

SUFFIXES = {"html": ".html", "markdown": ".md"}


def export_file(cassette: Cassette, fmt: str, folder: Path) -> Path:
    """Write `cassette` as `fmt` ("html" or "markdown") to `folder/<cassette stem><suffix>`,
    numbered (`-2`, `-3`…) rather than replacing a file already there; never the cassette itself."""
    if fmt == "html":
        from tui_replay.export.html import export_html

        text = export_html(cassette)
    elif fmt == "markdown":
        from tui_replay.export.markdown import export_markdown

        text = export_markdown(cassette)
    else:
        raise ValueError(f"no such export format: {fmt}")
    suffix = SUFFIXES[fmt]
    target = folder / f"{cassette.path.stem}{suffix}"
    number = 2
    while target.exists() or target.resolve() == cassette.path.resolve():
        target = folder / f"{cassette.path.stem}-{number}{suffix}"
        number += 1
    target.write_text(text, encoding="utf-8")
    return target
