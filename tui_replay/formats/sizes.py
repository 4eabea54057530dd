"""Byte counts as people read them (no Textual, no Rich: the opening screen imports it at start-up)."""

from __future__ import annotations


def human_size(size: int) -> str:
    """`812 B`, `38.2 KiB`, `96.7 MiB`, `5.0 GiB` (powers of 1024, named as such)."""
    value = float(size)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024:
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"
