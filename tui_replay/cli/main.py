"""Command line: `tui-replay [PATH...]` opens the TUI; `inspect`, `check`, `export`, `serve`,
`diff`, `match` and `search` are headless.

`main` only dispatches: each command is a module exposing `run(argv) -> int`, imported
when it runs, so a command pays only for its own imports. A new command is a module and
a row in `COMMANDS`. Headless commands never import Textual (a test proves it); only the
TUI (`cli.tui`) and `serve` do, and only when they run.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence

from tui_replay.cli.common import EXIT_OK

COMMANDS = {
    "inspect": "tui_replay.cli.inspect",
    "check": "tui_replay.cli.check",
    "export": "tui_replay.cli.export",
    "serve": "tui_replay.cli.serve",
    "diff": "tui_replay.cli.diff",
    "match": "tui_replay.cli.match",
    "search": "tui_replay.cli.search",
}
"""Sub-command -> the module that runs it."""

DEFAULT = "tui_replay.cli.tui"
"""Without a sub-command, the arguments are paths to open in the app."""


def _tolerant_output() -> None:
    """File names that are not UTF-8 print as escapes instead of crashing a strict UTF-8 terminal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def command_runner(argv: Sequence[str]) -> tuple[Callable[[Sequence[str]], int], list[str]]:
    """The `run` function of the command `argv` names, and the arguments it gets."""
    module = COMMANDS.get(argv[0]) if argv else None
    if module is None:
        return importlib.import_module(DEFAULT).run, list(argv)
    _settings_masking()
    return importlib.import_module(module).run, list(argv[1:])


def _settings_masking() -> None:
    """The settings file's masking patterns apply to the headless commands too, with what
    cannot be used in the file reported (the app reports it itself, in a notification).

    The keymap's ids and the theme's name are checked against the app's bindings and
    themes, which a headless command does not import (Textual): the report says so, rather
    than pass for the file's every problem."""
    from tui_replay.analysis.masking import add_mask_patterns
    from tui_replay.settings import load_settings

    settings = load_settings()
    if settings.problem is not None:
        used = "not used" if settings.unusable else "partly used"
        print(f"tui-replay: settings file {used}: {settings.problem}", file=sys.stderr)
        if settings.keymap or settings.theme is not None:
            print("(its keymap and theme are checked when the app starts)", file=sys.stderr)
    if settings.mask_patterns:
        add_mask_patterns(list(settings.mask_patterns))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    try:
        run, args = command_runner(argv)
        code: int = run(args)
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
