"""The settings file: `$XDG_CONFIG_HOME/tui-replay/config.toml` (`~/.config/...` without it).

    theme = "nord"                 # written by the app when a theme is chosen in it
    speed = 2                      # default replay speed
    [keymap]                       # binding id -> keys, as `?` lists them
    "replay.next" = "n,j"
    [masking]
    patterns = ['acme_[0-9a-f]{32}']   # masked too, like the built-in key shapes

What cannot be used is reported (the file, and the line of each problem) and the rest of
the file is used; a file that cannot be parsed at all is reported and the defaults are used.
A typo in a settings file must not keep the app from starting.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
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
    problems: tuple[str, ...] = ()
    """What in the file cannot be used ("line N: ..."), in the file's order. The rest of the
    file is used: a mistyped speed must not throw away a good theme or keymap."""
    unusable: bool = False
    """The file could not be read or parsed at all: the defaults are used, and the app does
    not write to it (remembering a theme would rewrite a file the user is still fixing)."""
    keymap_lines: dict[str, int] = field(default_factory=dict)
    theme_line: int = 1
    """The lines of the keymap's entries and of the theme, to name them in what `checked` finds."""

    @property
    def problem(self) -> str | None:
        """Every problem as one message naming the file, None when there is none."""
        if not self.problems:
            return None
        if len(self.problems) == 1:
            return f"{self.path}, {self.problems[0]}"
        return f"{self.path}, {len(self.problems)} problems:\n" + "\n".join(self.problems)

    def checked(self, binding_ids: Collection[str], theme_names: Collection[str]) -> Settings:
        """These settings with the keymap ids that name no binding, and a theme name that
        names no theme, left out and reported with the closest known name: the app knows
        the names; a typo would otherwise change nothing, silently. An empty `binding_ids`
        checks no keymap id."""
        found: list[_Problem] = []
        unknown = [b for b in self.keymap if binding_ids and b not in binding_ids]
        for binding_id in unknown:
            hint = _hint(binding_id, binding_ids, otherwise=" (? lists the ids)")
            message = f"keymap: no binding has the id {binding_id!r}{hint}"
            found.append(_Problem(self.keymap_lines.get(binding_id, 1), message))
        theme = self.theme
        if theme is not None and theme not in theme_names:
            found.append(_Problem(self.theme_line, f"no theme named {theme!r}{_hint(theme, theme_names)}"))
            theme = None
        if not found:
            return self
        keymap = {b: keys for b, keys in self.keymap.items() if b not in unknown}
        return replace(self, keymap=keymap, theme=theme, problems=self._with(found))

    def with_keymap_notes(self, notes: Iterable[tuple[str, str]]) -> Settings:
        """These settings with (binding id, message) reported at the line of that id in the
        keymap, the keymap kept as it is: what the app finds about keys it applies anyway,
        such as a key another binding has too."""
        found = [_Problem(self.keymap_lines.get(binding_id, 1), message) for binding_id, message in notes]
        return replace(self, problems=self._with(found)) if found else self

    def _with(self, found: list[_Problem]) -> tuple[str, ...]:
        known = [_Problem(*_split_problem(problem)) for problem in self.problems]
        return _ordered([*known, *found])


@dataclass(frozen=True)
class _Problem:
    line: int
    message: str


def _hint(name: str, known: Collection[str], otherwise: str = "") -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else otherwise


def _ordered(problems: list[_Problem]) -> tuple[str, ...]:
    return tuple(f"line {p.line}: {p.message}" for p in sorted(problems, key=lambda p: p.line))


def _split_problem(problem: str) -> tuple[int, str]:
    """`_ordered`'s "line N: message" back as (N, message)."""
    line, _, message = problem.partition(": ")
    return int(line.removeprefix("line ")), message


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (default `config_path()`): defaults when it is absent or cannot
    be read or parsed (`unusable`), else every value that can be used, with `problems` saying
    what cannot."""
    path = config_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(path)
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(path, problems=(f"cannot be read ({exc})",), unusable=True)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message ends "(at line L, column C)"
        return Settings(path, problems=(f"not valid TOML: {exc}",), unusable=True)
    return _settings(path, text, data)


def _settings(path: Path, text: str, data: dict[str, Any]) -> Settings:
    problems: list[_Problem] = []

    def invalid(key: str, message: str, table: str | None = None) -> None:
        problems.append(_Problem(_line_of(text, key, table), message))

    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        invalid("theme", "theme must be a theme name in quotes")
        theme = None
    speed = data.get("speed")
    if speed is not None:
        if (
            isinstance(speed, bool)
            or not isinstance(speed, int | float)
            or not MIN_SPEED <= speed <= MAX_SPEED
        ):
            invalid("speed", f"speed must be a number from {MIN_SPEED:g} to {MAX_SPEED:g}")
            speed = None
        else:
            speed = float(speed)
    keymap: dict[str, str] = {}
    keymap_lines: dict[str, int] = {}
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        invalid("keymap", 'keymap must be a table: [keymap] then "binding.id" = "keys"')
        table = {}
    for binding_id, keys in table.items():
        if isinstance(keys, dict):  # `replay.next = "j"`: TOML reads a dotted key as tables
            invalid(binding_id, f'keymap: put the id in quotes: "{binding_id}.…" = "keys"', "keymap")
        elif not isinstance(keys, str) or not keys.strip():
            invalid(binding_id, f'keymap: {binding_id} must be keys in quotes, such as "n,j"', "keymap")
        else:
            keymap[binding_id] = keys
            keymap_lines[binding_id] = _line_of(text, binding_id, "keymap")
    masking = data.get("masking", {})
    if not isinstance(masking, dict):
        invalid("masking", "masking must be a table: [masking] then patterns = [...]")
        masking = {}
    patterns: list[str] = []
    listed = masking.get("patterns", [])
    if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
        invalid("patterns", "masking patterns must be a list of regular expressions in quotes", "masking")
        listed = []
    for pattern in listed:
        try:
            re.compile(pattern)
        except re.error as exc:
            invalid("patterns", f"masking pattern {pattern!r} is not a regular expression: {exc}", "masking")
        else:
            patterns.append(pattern)
    for key in sorted(set(masking) - {"patterns"}):
        invalid(key, f"masking: unknown setting {key!r} (known: patterns)", "masking")
    known = {"theme", "speed", "keymap", "masking"}
    for key in sorted(set(data) - known):
        invalid(key, f"unknown setting {key!r} (known: {', '.join(sorted(known))})")
    return Settings(
        path,
        keymap,
        theme,
        speed,
        tuple(patterns),
        problems=_ordered(problems),
        keymap_lines=keymap_lines,
        theme_line=_line_of(text, "theme"),
    )


def _line_of(text: str, key: str, table: str | None = None) -> int:
    """The line that sets `key` (1-based; 1 when it cannot be told): at the top of the file,
    or in `[table]` when given (a keymap id may be a word used elsewhere too)."""
    setting = re.compile(
        rf'^\s*(?:"{re.escape(key)}"|\'{re.escape(key)}\'|{re.escape(key)})\s*[=.]|^\s*\[{re.escape(key)}\]'
    )
    header = re.compile(r"^\s*\[+\s*([^\]]*?)\s*\]")
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if setting.search(line) and current == table:
            return number
        opened = header.match(line)
        if opened:
            current = opened.group(1).strip("\"'")
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
