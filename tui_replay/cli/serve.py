"""`tui-replay serve PATH [--host 127.0.0.1] [--port 8000]`: the app in a browser (textual-serve).

Each browser tab gets its own `tui-replay PATH` process; the web page needs no
network beyond this server. Binds to loopback unless told otherwise.

The port is bound before anything is said, so "serving on" is only printed once it is true,
a port that cannot be had is one line naming it (exit 2: the command line must change), and
`--port 0` prints the port the system chose.
"""

from __future__ import annotations

import argparse
import errno
import shlex
import socket
import sys
from collections.abc import Sequence
from typing import Any

from tui_replay.cli.common import EXIT_OK, EXIT_USAGE, fail, has_cassettes, missing_paths, no_cassettes


def port_number(text: str) -> int:
    """`--port`: 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535 (0: any free one), not {value}")
    return value


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-replay serve", description="Serve the tui-replay app to a web browser."
    )
    parser.add_argument("paths", nargs="*", help="cassette files or folders; none serves the bundled ones")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=port_number, default=8000, help="port to listen on (default 8000; 0: any free one)"
    )
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


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on `host` and `port` (0: a free port the system chooses); OSError
    when it cannot be had."""
    family, _, _, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    return socket.create_server(address, family=family)


def cannot_listen(host: str, port: int, exc: OSError) -> str:
    """Why `host`:`port` cannot be listened on, and what to do about it, on one line."""
    if isinstance(exc, socket.gaierror):
        return f"cannot listen on {host}: {exc.strerror or exc}: give --host an address of this machine"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} is already in use on {host} (another server, or another tui-replay serve): "
            "choose another with --port N, or --port 0 for any free one"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"no permission to listen on port {port} (ports below 1024 need root): "
            "choose another with --port N, e.g. --port 8000"
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {host}: not an address of this machine: give --host one (default 127.0.0.1)"
    return f"cannot listen on {host} port {port}: {exc.strerror or exc}"


def url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve_on(server: Any, sock: socket.socket) -> None:
    """What textual-serve's `Server.serve` does, on a socket bound already: it binds its own
    only once the app is built, after its start-up banner (textual-serve is pinned, so the
    method used here cannot move under us)."""
    import asyncio
    import signal

    from aiohttp import web

    server.initialize_logging()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, server.request_exit)
        except NotImplementedError:  # no signal handlers in this event loop (Windows)
            pass
    web.run_app(server._make_app(), sock=sock, handle_signals=False, loop=loop, print=lambda *_: None)


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    missing = missing_paths(args.paths)  # else each browser tab would get the error, not the shell
    if missing is not None:
        return missing
    if args.paths and not has_cassettes(args.paths):
        return no_cassettes(args.paths)
    try:
        sock = listening_socket(args.host, args.port)
    except OSError as exc:
        return fail(cannot_listen(args.host, args.port, exc), EXIT_USAGE)
    port = sock.getsockname()[1]
    from textual_serve.server import Server

    # The page's WebSocket address is made from the port given here: the real one, for --port 0.
    server = Server(
        app_command(args), host=args.host, port=port, title="tui-replay", public_url=url(args.host, port)
    )
    print(f"tui-replay: serving on {url(args.host, port)}  (ctrl+c to stop)", file=sys.stderr, flush=True)
    with sock:
        serve_on(server, sock)
    return EXIT_OK
