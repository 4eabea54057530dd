"""Secrets masking for the raw and headers views (the core's redact module, when present)."""

from __future__ import annotations

from typing import Any

from tui_replay.model import Headers


def _module() -> Any:
    try:
        from tui_replay import redact
    except ImportError:  # the redact module has not landed yet
        return None
    return redact


def headers(values: Headers, enabled: bool) -> Headers:
    module = _module()
    return module.redact_headers(values) if enabled and module else values


def url(value: str, enabled: bool) -> str:
    module = _module()
    return module.redact_url(value) if enabled and module else value  # type: ignore[no-any-return]


def text(value: str, enabled: bool) -> str:
    module = _module()
    return module.redact_text(value) if enabled and module else value  # type: ignore[no-any-return]


def json_value(value: Any, enabled: bool) -> Any:
    module = _module()
    return module.redact_json(value) if enabled and module else value
