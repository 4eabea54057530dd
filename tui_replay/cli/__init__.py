"""The command line: `tui-replay [PATH...]` opens the app; `inspect`, `check`, `export` and
`serve` are headless. `main` dispatches; each command lives in a module of its own."""
