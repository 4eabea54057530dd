"""Exports of one cassette: Markdown transcript, self-contained HTML, inspect JSON, SVG screen."""

FORMATS = ("markdown", "html", "json", "svg")
