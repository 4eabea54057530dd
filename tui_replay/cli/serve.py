"""`tui-replay serve PATH [--host 127.0.0.1] [--port 8000]`: the app in a browser (textual-serve).

Each browser tab gets its own `tui-replay PATH` process; the web page needs no
network beyond this server. Binds to loopback unless told otherwise.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence

from tui_replay.cli.common import missing_paths


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay serve", description="Serve the tui-replay app to a web browser."
    )
    parser.add_argument("paths", nargs="*", help="cassette files or folders; none serves the bundled ones")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--no-redact", action="store_true", help="show secrets instead of masking them")
    parser.add_argument("--present", action="store_true", help="start in presentation mode")
    return parser


def app_command(args: argparse.Namespace) -> str:
    """The command each browser session runs."""
    parts = [sys.executable, "-m", "tui_replay", *args.paths]
    if args.no_redact:
        parts.append("--no-redact")
    if args.present:
        parts.append("--present")
    return shlex.join(parts)


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    missing = missing_paths(args.paths)  # else each browser tab would get the error, not the shell
    if missing is not None:
        return missing
    from textual_serve.server import Server

    server = Server(app_command(args), host=args.host, port=args.port, title="tui-replay")
    print(f"tui-replay: serving on http://{args.host}:{args.port}  (ctrl+c to stop)", file=sys.stderr)
    server.serve()
    return 0
