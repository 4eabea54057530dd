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
    number = 1
    while True:
        name = f"{cassette.path.stem}{suffix}" if number == 1 else f"{cassette.path.stem}-{number}{suffix}"
        target = folder / name
        number += 1
        if target.resolve() == cassette.path.resolve():
            continue
        try:
            with target.open("x", encoding="utf-8") as out:  # "x": two exports at once never share a name
                out.write(text)
        except FileExistsError:
            continue
        return target
