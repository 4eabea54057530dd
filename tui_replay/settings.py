"""The settings file: `$XDG_CONFIG_HOME/tui-replay/config.toml` (`~/.config/...` without it).

    theme = "nord"                 # written by the app when a theme is chosen in it
    speed = 2                      # default replay speed
    [keymap]                       # binding id -> keys, as `?` lists them
    "replay.next" = "n,j"
    [masking]
    patterns = ['acme_[0-9a-f]{32}']   # masked too, like the built-in key shapes

A file that cannot be used is reported (its path and line) and the defaults are used: a typo
in a settings file must not keep the app from starting.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIN_SPEED, MAX_SPEED = 0.05, 100.0
"""The replay's bounds (as `--speed`)."""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the settings file is looked for: `$XDG_CONFIG_HOME` when set (and absolute, as
    the XDG spec asks), else `~/.config`."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME", "")
    root = (
        Path(base)
        if base and Path(base).is_absolute()
        else Path(env.get("HOME", "~")).expanduser() / ".config"
    )
    return root / "tui-replay" / "config.toml"


@dataclass(frozen=True)
class Settings:
    path: Path
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    speed: float | None = None
    mask_patterns: tuple[str, ...] = ()
    problem: str | None = None
    """Why the file was not used ("<path>, line N: ..."), None when it was (or is absent)."""


class _Invalid(ValueError):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (default `config_path()`); defaults when it is absent, and
    defaults with `problem` set when it cannot be read or used."""
    path = config_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(path)
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(path, problem=f"{path}: cannot be read ({exc})")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message ends "(at line L, column C)"
        return Settings(path, problem=f"{path}: not valid TOML: {exc}")
    try:
        return _settings(path, data)
    except _Invalid as exc:
        return Settings(path, problem=f"{path}, line {_line_of(text, exc.key)}: {exc}")


def _settings(path: Path, data: dict[str, Any]) -> Settings:
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise _Invalid("theme", "theme must be a theme name in quotes")
    speed = data.get("speed")
    if speed is not None:
        if (
            isinstance(speed, bool)
            or not isinstance(speed, int | float)
            or not MIN_SPEED <= speed <= MAX_SPEED
        ):
            raise _Invalid("speed", f"speed must be a number from {MIN_SPEED:g} to {MAX_SPEED:g}")
        speed = float(speed)
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise _Invalid("keymap", 'keymap must be a table: [keymap] then "binding.id" = "keys"')
    for binding_id, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip():
            raise _Invalid(binding_id, f'keymap: {binding_id} must be keys in quotes, such as "n,j"')
    masking = data.get("masking", {})
    if not isinstance(masking, dict):
        raise _Invalid("masking", "masking must be a table: [masking] then patterns = [...]")
    patterns = masking.get("patterns", [])
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise _Invalid("patterns", "masking patterns must be a list of regular expressions in quotes")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _Invalid(
                "patterns", f"masking pattern {pattern!r} is not a regular expression: {exc}"
            ) from None
    known = {"theme", "speed", "keymap", "masking"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise _Invalid(unknown[0], f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})")
    return Settings(path, dict(keymap), theme, speed, tuple(patterns))


def _line_of(text: str, key: str) -> int:
    """The line that sets `key` (1-based; 1 when it cannot be told)."""
    pattern = re.compile(
        rf'^\s*(?:"{re.escape(key)}"|\'{re.escape(key)}\'|{re.escape(key)})\s*=|^\s*\[{re.escape(key)}\]'
    )
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            return number
    return 1


_THEME_LINE = re.compile(r"^theme\s*=.*$", re.MULTILINE)


def remember_theme(path: Path, theme: str) -> None:
    """Set `theme = "<theme>"` in the settings file, keeping everything else in it as written
    (tomllib only reads: the line is replaced, or added before the first table)."""
    line = f"theme = {json.dumps(theme)}"  # a JSON string is a TOML basic string
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    head_end = re.search(r"^\s*\[", text, re.MULTILINE)
    head = text[: head_end.start()] if head_end else text
    if _THEME_LINE.search(head):
        text = _THEME_LINE.sub(line, head, count=1) + text[len(head) :]
    else:
        text = line + "\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
