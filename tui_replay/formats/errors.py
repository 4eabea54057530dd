"""The one error type the core raises for bad input (re-exported by `tui_replay.model`), and
its one kind that is the caller's mistake rather than the file's.

A module of its own, with nothing else in it: the app imports it at start-up (reading a file
given on the command line, scanning folders), where the model's dataclasses are not needed yet.
"""

from __future__ import annotations

from pathlib import Path

from tui_replay.wording import counted


class CassetteError(Exception):
    """A cassette could not be read or understood.

    Its text names the file, where (line/column when known, else the
    interaction) and what was expected, e.g.::

        cassettes/x.yaml:12:5: interaction 3: response has no status (expected an HTTP status code)
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        interaction: int | None = None,
    ) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        self.column = column
        self.interaction = interaction
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = self.message
        if self.interaction is not None:
            what = f"interaction {self.interaction}: {what}"
        return f"{where}: {what}"


class NoSuchInteraction(CassetteError):
    """An interaction number the cassette does not have (`--interaction 99` of two): the file is
    fine, the number is wrong, so commands report it as a usage error. Said the same everywhere:

        cassettes/x.yaml: no interaction 99 (the cassette has 2 interactions: #0 to #1)
    """

    def __init__(self, path: str | Path, index: int, count: int) -> None:
        numbers = "" if count == 0 else ": #0" if count == 1 else f": #0 to #{count - 1}"
        super().__init__(
            path, f"no interaction {index} (the cassette has {counted(count, 'interaction')}{numbers})"
        )
        self.index, self.count = index, count
