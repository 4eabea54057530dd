"""tui-replay: replay and debug recorded LLM API traffic (cassettes) in the terminal."""

__version__ = "0.1.0"
