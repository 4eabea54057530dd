"""Counts in words: "1 interaction", "2 interactions"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, the noun plural unless the count is exactly one."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"
