"""What the recorded HTTP exchange says on its own: the bodies as JSON, the URL's path,
and the errors its status line or an error body reports."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from tui_replay.dialects.json_shapes import as_str, json_or_none, opt_str
from tui_replay.model import ApiError, RawInteraction


def request_json(raw: RawInteraction) -> Any:
    return raw.request_json if raw.request_json is not None else json_or_none(raw.request_body)


def response_json(raw: RawInteraction) -> Any:
    return raw.response_json if raw.response_json is not None else json_or_none(raw.response_body)


def url_path(raw: RawInteraction) -> str:
    try:
        return urlsplit(raw.url).path
    except ValueError:
        return ""


def provider_label(raw: RawInteraction, provider: str | None) -> str:
    """Who answered, for problem messages: `provider` when known, else the URL's host."""
    if provider:
        return provider
    try:
        return urlsplit(raw.url).hostname or "the API"
    except ValueError:
        return "the API"


def status_reason(raw: RawInteraction) -> str:
    """The reason phrase alone (`Too Many Requests`): `raw.status_line` without its code."""
    if raw.status is None:
        return raw.status_text.strip()
    return raw.status_line[len(str(raw.status)) :].strip()


def status_error(raw: RawInteraction, message: str = "", provider: str | None = None) -> ApiError:
    """An error known from the HTTP status: the reason phrase as its type, `message` or the
    body's first 500 characters (or the status line) as its message."""
    text = message or raw.response_body[:500].decode("utf-8", "replace").strip()
    return ApiError(raw.status, status_reason(raw) or None, text or f"HTTP {raw.status_line}", provider)


def error_from(status: int | None, type_: Any, message: Any, provider: str) -> ApiError:
    return ApiError(
        status, opt_str(type_), as_str(message) or (f"HTTP {status}" if status else "error"), provider
    )


def with_failed_status(error: ApiError | None, raw: RawInteraction) -> ApiError | None:
    """An error read from a stream, given the HTTP status when that status says the call failed."""
    if error is not None and raw.status is not None and raw.status >= 400:
        return ApiError(raw.status, error.type, error.message, error.provider)
    return error


# --- OpenAI-style error bodies (openai_chat, openai_responses) -------------


def openai_error(raw: RawInteraction, body: Any, provider: str | None = None) -> ApiError | None:
    """The error an OpenAI-style body carries (`{"error": {...}}`), or HTTP >= 400 as an error.

    OpenRouter wraps upstream failures as `{"error": {"message": "Provider returned error",
    "code": 429, "metadata": {"raw": "...", "provider_name": "WandB"}}}`: the raw upstream
    text is the informative message, the provider name says who failed.
    """
    failed = raw.status is not None and raw.status >= 400
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, str) and error:
        error = {"message": error}
    if not isinstance(error, dict) or not error:
        if not failed:
            return None
        return status_error(raw, provider=provider)
    code = error.get("code")
    status = raw.status if failed else (code if isinstance(code, int) and code >= 400 else raw.status)
    type_ = error.get("type")
    if not isinstance(type_, str) or not type_:
        type_ = code if isinstance(code, str) and code else None
    message = error.get("message")
    message = message if isinstance(message, str) else ("" if message is None else str(message))
    metadata = error.get("metadata")
    if isinstance(metadata, dict):
        upstream = _upstream_message(metadata.get("raw"))
        if upstream and upstream not in message:
            message = upstream if message in ("", "Provider returned error") else f"{message}: {upstream}"
        name = metadata.get("provider_name")
        if isinstance(name, str) and name:
            provider = name
    if not message:
        message = f"HTTP {raw.status_line}" if failed else (f"HTTP {status}" if status else "error")
    return ApiError(status, type_, message, provider)


def _upstream_message(value: Any) -> str:
    """OpenRouter's `metadata.raw`: text, or upstream JSON whose own error message is the news."""
    if isinstance(value, dict):
        inner = value.get("error", value)
        found = inner.get("message") if isinstance(inner, dict) else None
        return found if isinstance(found, str) and found else json.dumps(value, ensure_ascii=False)[:500]
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if text.startswith("{"):
        parsed = json_or_none(text)
        if isinstance(parsed, dict):
            return _upstream_message(parsed)
    return text
