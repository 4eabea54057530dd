"""Names that say "credential": headers, query parameters and JSON keys whose values are
secrets whatever they look like.

Words, not substrings: `x-ratelimit-remaining-tokens` (a count) is no credential and neither
is `max_tokens`, while `X-Api-Key`, `apiKey` and `client_secret` are. A header's `key` or
`token` that names a count (`X-Amzn-Bedrock-Input-Token-Count: 8`) or a rate-limit bucket
(`X-Ratelimit-Key: gpt-5-nano`) is no credential either; any other stays one.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")


def _words(name: str) -> list[str]:
    return [w.lower() for w in _WORD_SPLIT.split(name) if w]


SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "x-api-key",
        "api-key",
        "apikey",
        "x-goog-api-key",
        "cookie",
        "set-cookie",
        "x-amz-security-token",
        "openai-organization",
        "openai-project",
        "anthropic-organization-id",
        "x-stainless-api-key",
        "ocp-apim-subscription-key",
    }
)
_SECRET_HEADER_WORDS = frozenset(
    {
        "apikey",
        "secret",
        "auth",
        "authorization",
        "cookie",
        "session",
        "password",
        "passwd",
        "credential",
        "credentials",
    }
)


_KEY_WORDS = frozenset({"key", "token"})
"""Credential words a header name also uses for what is no credential (see `_counts_or_buckets`)."""
_MEASURE_WORDS = frozenset(
    {"count", "counts", "limit", "limits", "remaining", "reset", "used", "usage", "length", "size", "total"}
)


def _counts_or_buckets(words: list[str], at: int) -> bool:
    """The `key`/`token` at `words[at]` is no credential: the name counts tokens
    (`x-amzn-bedrock-input-token-count`) or names a rate-limit bucket (`x-ratelimit-key`)."""
    if at > 0 and words[at - 1] in _KEY_QUALIFIERS:  # api-key, auth-token, session-token
        return False
    if any(w in _MEASURE_WORDS for w in words[at + 1 :]):
        return True
    before = words[:at]
    return "ratelimit" in before or ("rate" in before and "limit" in before)


def is_secret_header(name: str) -> bool:
    """A credential header by name; when a name is not known to be harmless, it is one."""
    lowered = name.strip().lower()
    if lowered in SECRET_HEADERS:
        return True
    if lowered.startswith("access-control-"):  # CORS metadata, never a credential
        return False
    words = _words(lowered)
    if any(w in _SECRET_HEADER_WORDS for w in words):
        return True
    return any(w in _KEY_WORDS and not _counts_or_buckets(words, i) for i, w in enumerate(words))


SECRET_PARAMS = frozenset(
    {
        "key",
        "api_key",
        "apikey",
        "api-key",
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "auth",
        "auth_token",
        "client_secret",
        "secret",
        "password",
        "sig",
        "signature",
        "x-amz-signature",
        "x-amz-credential",
        "x-amz-security-token",
        "x-goog-signature",
        "x-goog-credential",
        "awsaccesskeyid",
    }
)
_SECRET_LAST_WORDS = frozenset(
    {
        "apikey",
        "secret",
        "password",
        "passwd",
        "credential",
        "credentials",
        "authorization",
        "cookie",
        "cookies",
    }
)
_KEY_QUALIFIERS = frozenset(
    {"api", "access", "secret", "private", "auth", "refresh", "id", "session", "bearer", "security", "client"}
)


def is_secret_param(name: str) -> bool:
    lowered = unquote(name).strip().lower()
    return lowered in SECRET_PARAMS or is_secret_json_key(lowered)


def is_secret_json_key(name: str) -> bool:
    """`api_key`, `apiKey`, `access_token`, `password`... but not `max_tokens` or `token`."""
    words = _words(name)
    if not words:
        return False
    last = words[-1]
    if last in _SECRET_LAST_WORDS:
        return True
    if last in {"key", "token"} and len(words) > 1:
        return words[-2] in _KEY_QUALIFIERS
    return False
