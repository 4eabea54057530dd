"""The command line: `tui-replay [PATH...]` opens the app (`cli.tui`); `inspect`, `check`,
`export` and `serve` are headless. `cli.main` dispatches; each command is a module of its
own exposing `run(argv) -> int`."""
