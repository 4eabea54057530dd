"""Secrets held in clear (`check --secrets`): where a recorded interaction holds what masking
would hide, so a cassette can be scrubbed before it is committed.

A recorder's stand-in (`<ANTHROPIC_API_KEY>`, `REDACTED`, `Bearer sk-fake-…`) is not a secret.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

from tui_replay.analysis.masking import URL_USERINFO, is_masked, key_shape_kinds
from tui_replay.analysis.secret_names import is_secret_header, is_secret_json_key, is_secret_param
from tui_replay.model import RawInteraction

_PLACEHOLDER = re.compile(r"^(?:<[^<>]*>|\{\{[^{}]*\}\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|[*xX#.\-_ ]*)$")
"""`<ANTHROPIC_API_KEY>`, `{{key}}`, `$OPENAI_API_KEY`, `***`: a recorder's stand-in, not a secret."""

_PLACEHOLDER_WORD = re.compile(
    r"(?i:redacted|filtered|dummy|placeholder|fake|example|scrubbed|removed"
    r"|your[-_ ]?(?:api[-_ ]?)?key|test[-_]?key)"
)
_RUN = re.compile(r"[A-Za-z0-9]{12,}")


def _said_to_be_a_placeholder(text: str) -> bool:
    """`REDACTED`, `[FILTERED]`, `sk-fake-key`: a word says the value is a stand-in. Not when
    the value also holds a random-looking run (letters and digits, 12 or more), as a real key
    beside `Signature=REDACTED` would; nor for a cookie or list one of whose values is real
    (`session=9f8e…; theme=example`)."""
    parts = [part.partition("=")[2] or part for part in text.split(";") if part.strip()]
    if len(parts) > 1:
        return all(_placeholder_text(part.strip()) for part in parts)
    if _PLACEHOLDER_WORD.search(text) is None:
        return False
    rest = _PLACEHOLDER_WORD.sub("", text)
    return not any(
        any(c.isdigit() for c in run) and any(c.isalpha() for c in run) for run in _RUN.findall(rest)
    )


def _placeholder_text(text: str) -> bool:
    return _PLACEHOLDER.match(text) is not None or _said_to_be_a_placeholder(text)


_AUTH_PARAM = r'[A-Za-z][A-Za-z0-9_\-]*=(?:"[^"]*"|[^,\s"]*)'
_AUTH_PARAMS = re.compile(rf"{_AUTH_PARAM}(?:\s*,\s*{_AUTH_PARAM})*")
_PUBLIC_AUTH_PARAMS = frozenset({"signedheaders"})
"""AWS SigV4's list of the header names it signed: nothing secret in it."""


def _scrubbed_auth_params(text: str) -> bool:
    """`Credential=<AWS_ACCESS_KEY_ID>/<DATE>/<AWS_REGION>/bedrock/aws4_request,
    SignedHeaders=host;x-amz-date, Signature=<AWS_SIGV4_SIGNATURE>` (the parameters of an AWS
    SigV4 `Authorization`, as ruby_llm's recorder scrubs them): every parameter that can hold
    a secret is a placeholder. A credential's scope after its key id (date, region, service)
    is public."""
    if _AUTH_PARAMS.fullmatch(text) is None:
        return False
    for param in re.findall(_AUTH_PARAM, text):
        name, _, value = param.partition("=")
        name = name.lower()
        if name in _PUBLIC_AUTH_PARAMS:
            continue
        value = value.strip('"')
        if name == "credential":
            value = value.partition("/")[0]
        if value and not is_masked(value) and not _placeholder_text(value):
            return False
    return True


def is_placeholder(value: str) -> bool:
    """A recorder's stand-in, or a value whose every secret part is one: already scrubbed."""
    text = value.strip()
    scheme, sep, rest = text.partition(" ")
    if sep and re.fullmatch(r"[A-Za-z][A-Za-z0-9\-]{1,30}", scheme):
        text = rest.strip()
    return not text or is_masked(text) or _placeholder_text(text) or _scrubbed_auth_params(text)


def _key_shapes(text: str) -> list[str]:
    """Kinds of key-shaped strings in `text` that `redact_text` would mask."""
    return [kind for matched, kind in key_shape_kinds(text) if not is_placeholder(matched)]


def _json_secrets(value: Any) -> list[str]:
    """Paths of values under credential-named keys, and of strings holding a key shape."""
    found: list[str] = []
    stack: list[tuple[Any, str, bool]] = [(value, "", False)]
    while stack:
        node, where, secret = stack.pop()
        if isinstance(node, dict):
            for key, item in node.items():
                sub = f"{where}.{key}" if where else str(key)
                stack.append((item, sub, secret or (isinstance(key, str) and is_secret_json_key(key))))
        elif isinstance(node, list):
            stack.extend((item, f"{where}[{i}]", secret) for i, item in enumerate(node))
        elif secret and isinstance(node, (str, int)) and not isinstance(node, bool):
            if not is_placeholder(str(node)):
                found.append(where)
        elif isinstance(node, str):
            found.extend(f"{where} ({kind} key)" for kind in _key_shapes(node))
    return found


def _body_secrets(body: bytes, parsed: Any) -> list[str]:
    if parsed is None and body[:1] in (b"{", b"["):
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError):
            parsed = None
    if parsed is not None:
        return _json_secrets(parsed)
    # SSE streams and other text: key shapes anywhere in the payload
    return [f"{kind} key" for kind in _key_shapes(body.decode("utf-8", "replace"))]


def secrets_in(raw: RawInteraction) -> list[str]:
    """Where this interaction holds in clear a secret that masking would hide: `request header
    Authorization`, `url query key`, `request body api_key`, `response body (openai key)`."""
    found: list[str] = []
    for side, headers in (("request", raw.request_headers), ("response", raw.response_headers)):
        for name, value in headers:
            if is_secret_header(name):
                if not is_placeholder(value):
                    found.append(f"{side} header {name}")
            elif _key_shapes(value):
                found.append(f"{side} header {name}")
    _, qmark, query = raw.url.partition("?")
    for item in query.split("&") if qmark else []:
        name, eq, value = item.partition("=")
        if eq and value and is_secret_param(name) and not is_placeholder(unquote(value)):
            found.append(f"url query {unquote(name)}")
    userinfo = URL_USERINFO.match(raw.url)
    if userinfo is not None and userinfo["pw"] and not is_placeholder(userinfo["pw"]):
        found.append("url password")
    found += [f"url ({kind} key)" for kind in _key_shapes(raw.url.partition("?")[0])]
    found += [f"request body {where}" for where in _body_secrets(raw.request_body, raw.request_json)]
    found += [f"response body {where}" for where in _body_secrets(raw.response_body, raw.response_json)]
    return found
