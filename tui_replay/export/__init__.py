"""Exports of one cassette: Markdown transcript, self-contained HTML, inspect JSON, SVG screen,
the requests as curl commands."""

FORMATS = ("markdown", "html", "json", "svg", "curl")
