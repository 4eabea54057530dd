"""Secrets masked before anything is shown: headers, URLs, bodies, parsed JSON.

Everything tui-replay displays or prints (TUI, `inspect`, exports,
screenshots) goes through these functions unless the user asked for
`--no-redact`: the opened cassette applies them to each exchange it hands
out (`tui_replay.analysis.masked_exchange`), so no view calls them itself.
They are pure, never raise, and never touch the cassette.

Mask style (one style everywhere, so a masked value is obvious)::

    <public prefix>…(masked, N chars)

The public prefix is only what says *what kind* of secret it was, never a
character of the secret itself, and N is the length of what was hidden:

    sk-proj-abc…xyz (164 chars)         -> sk-proj-…(masked, 156 chars)
    AIzaSy…(39 chars)                   -> AIza…(masked, 35 chars)
    Authorization: Bearer sk-or-v1-<64> -> Bearer sk-or-v1-…(masked, 64 chars)
    Authorization: Basic dXNlcjpwdw==   -> Basic …(masked, 12 chars)
    Cookie: session=abc; theme=dark     -> …(masked, 31 chars)
    https://h/x?key=AIza…&alt=sse       -> https://h/x?key=…(masked, 39 chars)&alt=sse

Masking is idempotent: a mask never looks like a secret again.

What counts as a secret:

* headers whose name is a known credential header (Authorization, Cookie,
  X-Api-Key, X-Goog-Api-Key, X-Amz-Security-Token, OpenAI-Organization, ...) or
  whose name has a *word* key/token/secret/auth/cookie/session/password/credential.
  Words, not substrings: `x-ratelimit-remaining-tokens` (a count) is not masked,
  `Access-Control-Allow-Credentials: true` is not masked; nor is a key/token that
  names a count or a rate-limit bucket (`X-Amzn-Bedrock-Input-Token-Count: 8`,
  `X-Ratelimit-Key: gpt-5-nano`), while any other (`Idempotency-Key`) is. Other
  header values still go through `redact_text`.
* URL query parameters named key, api_key, token, access_token, sig, signature,
  X-Amz-Signature, X-Amz-Credential, ... and the password of `user:pass@host`.
* key-shaped strings anywhere in text: OpenAI/Anthropic/OpenRouter/DeepSeek
  `sk-…`, Google `AIza…`, `Bearer …`, xAI `xai-…`, Groq `gsk_…`, AWS access key
  ids `AKIA…`/`ASIA…`, GitHub `ghp_…`/`github_pat_…`, Hugging Face `hf_…`,
  Slack `xox?-…`, Stripe `sk_live_…`, and JWTs `eyJ….eyJ….…`. A shape must stand
  alone (no letter, digit, `-` or `_` right before it), so `task-…`, `risk-…`,
  `desk` and tool ids like `call_…` or `gen-…` are left alone, and base64 data
  (images, thinking signatures) is not touched unless it really contains a key
  shape at a token boundary.
* in parsed JSON: values under keys named like credentials (`api_key`,
  `apiKey`, `access_token`, `client_secret`, `password`, `authorization`,
  ...; not `max_tokens`, `prompt_tokens`, `token` (a logprobs token) or
  `prompt_cache_key`), and every string through `redact_text`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from tui_replay.analysis.secret_names import is_secret_header, is_secret_json_key, is_secret_param
from tui_replay.model import Headers, RawInteraction

ELLIPSIS = "…"
MASK_WORD = "masked"


def mask(value: str, keep: str = "") -> str:
    """`keep…(masked, N chars)` where N is the length of `value` without `keep`."""
    hidden = value[len(keep) :] if keep and value.startswith(keep) else value
    unit = "char" if len(hidden) == 1 else "chars"
    return f"{keep}{ELLIPSIS}({MASK_WORD}, {len(hidden)} {unit})"


def is_masked(value: str) -> bool:
    """True when `value` contains a mask made by this module."""
    return f"{ELLIPSIS}({MASK_WORD}, " in value


# --------------------------------------------------------------------------
# Key-shaped strings in text: one precompiled pattern.
# --------------------------------------------------------------------------

# Each alternative captures the public prefix in group `p` and the secret in `s`
# (named groups cannot repeat, so every alternative has its own pair).
_SHAPES: list[tuple[str, str]] = [
    # OpenAI (sk-, sk-proj-, sk-svcacct-, sk-admin-), Anthropic (sk-ant-api03-), OpenRouter (sk-or-v1-).
    (
        "openai",
        r"(?P<p_openai>sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin|oat)\d\d-|or-v\d-)?)"
        r"(?P<s_openai>[A-Za-z0-9_\-]{20,})",
    ),
    ("stripe", r"(?P<p_stripe>(?:sk|rk|pk)_(?:live|test)_)(?P<s_stripe>[A-Za-z0-9]{16,})"),
    ("google", r"(?P<p_google>AIza)(?P<s_google>[A-Za-z0-9_\-]{35})(?![A-Za-z0-9_\-])"),
    ("xai", r"(?P<p_xai>xai-)(?P<s_xai>[A-Za-z0-9]{20,})"),
    ("groq", r"(?P<p_groq>gsk_)(?P<s_groq>[A-Za-z0-9]{20,})"),
    ("aws", r"(?P<p_aws>A(?:KIA|SIA))(?P<s_aws>[A-Z0-9]{16})(?![A-Za-z0-9])"),
    ("github", r"(?P<p_github>gh[pousr]_|github_pat_)(?P<s_github>[A-Za-z0-9_]{30,})"),
    ("hf", r"(?P<p_hf>hf_)(?P<s_hf>[A-Za-z0-9]{30,})"),
    ("slack", r"(?P<p_slack>xox[abprs]-)(?P<s_slack>[A-Za-z0-9\-]{10,})"),
    ("jwt", r"(?P<p_jwt>eyJ)(?P<s_jwt>[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})"),
    ("bearer", r"(?P<p_bearer>(?i:bearer)\s+)(?P<s_bearer>[A-Za-z0-9._~+/\-]{8,}=*)"),
]
_NAMES = [name for name, _ in _SHAPES]
# No letter, digit, `-` or `_` right before a shape: "task-", "risk-", "desk" never match.
# The leading lookahead on the shapes' first letters lets the regex engine skip
# most positions quickly (5x faster than the lookbehind alone).
KEY_PATTERN = re.compile(
    r"(?=[sprAxghebB])(?<![A-Za-z0-9_\-])(?:" + "|".join(f"(?:{rx})" for _, rx in _SHAPES) + ")"
)
# Literal pieces one of which every shape contains: text with none of them
# (nearly every body) is returned after a few C-speed substring searches.
_LITERALS = (
    "sk-",
    "sk_",
    "rk_",
    "pk_",
    "AIza",
    "xai-",
    "gsk_",
    "AKIA",
    "ASIA",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "hf_",
    "xox",
    "eyJ",
    "earer",
    "EARER",
)

# Shapes whose random part must mix letters and digits to count as a key
# (real keys always do; kebab-case prose such as `sk-some-long-feature-name` does not).
_NEEDS_DIGIT = frozenset({"openai", "xai", "groq", "github", "hf", "slack", "bearer"})


def _replace_key(match: re.Match[str]) -> str:
    for name in _NAMES:
        secret = match.group(f"s_{name}")
        if secret is None:
            continue
        prefix = match.group(f"p_{name}")
        if name in _NEEDS_DIGIT and not (
            any(c.isdigit() for c in secret) and any(c.isalpha() for c in secret)
        ):
            return match.group(0)
        if name == "bearer":  # "Bearer\t  x" -> "Bearer " (case as written)
            prefix = prefix.split()[0] + " "
        return prefix + mask(secret)
    return match.group(0)  # pragma: no cover - every alternative has a secret group


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_BOUNDARY_CHECKS = 64
"""Literal hits looked at one by one before leaving it to the regex."""


_SHORT_TEXT = 2_048
"""Below this, one regex search beats a `str.find` per literal (a stream's chunks are short)."""
_LITERAL_AT_BOUNDARY = re.compile(
    r"(?<![A-Za-z0-9_\-])(?:sk-|sk_|rk_|pk_|AIza|xai-|gsk_|AKIA|ASIA|gh[pousr]_|github_pat_|hf_|xox|eyJ"
    r"|.earer|.EARER)"
)


def _may_hold_a_key(text: str) -> bool:
    """False when no literal of `_LITERALS` stands where a key could start (after a letter,
    digit, `-` or `_` it cannot: see `KEY_PATTERN`). Base64 data (an image, an audio clip)
    holds a few literals, never at a boundary: the regex over 130 KB of it took 2 ms."""
    if len(text) < _SHORT_TEXT:
        return _LITERAL_AT_BOUNDARY.search(text) is not None
    checks = 0
    for lit in _LITERALS:
        back = 2 if lit in ("earer", "EARER") else 1  # the literal is inside "bearer"
        at = text.find(lit)
        while at >= 0:
            start = at - back + 1
            if start >= 0 and (start == 0 or text[start - 1] not in _WORD_CHARS):
                return True
            checks += 1
            if checks > _BOUNDARY_CHECKS:
                return True
            at = text.find(lit, at + 1)
    return False


_added_patterns: list[re.Pattern[str]] = []
"""Patterns a user added (`add_mask_patterns`): their whole match is masked, after the shapes."""


def add_mask_patterns(patterns: list[str]) -> None:
    """Mask whatever matches any of `patterns` (regular expressions) too, everywhere
    `redact_text` masks: an in-house key shape the built-in shapes do not know. All are
    compiled before any is added: a `re.error` leaves the masking as it was."""
    compiled = [re.compile(pattern) for pattern in patterns]
    _added_patterns.extend(p for p in compiled if p.pattern)


def clear_added_mask_patterns() -> None:
    """Back to the built-in shapes only (tests; a settings file read again)."""
    _added_patterns.clear()


def _added_spans(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for pattern in _added_patterns:
        for match in pattern.finditer(text):
            if match.end() > match.start() and not is_masked(match.group(0)):
                spans.append((match.start(), match.end(), mask(match.group(0))))
    return spans


def redact_text(text: str) -> str:
    """Mask key-shaped strings anywhere in `text`, and what the added patterns match."""
    if not text:
        return text
    if _may_hold_a_key(text):
        text = KEY_PATTERN.sub(_replace_key, text)
    if _added_patterns:
        for pattern in _added_patterns:
            text = pattern.sub(
                lambda m: m.group(0) if is_masked(m.group(0)) or not m.group(0) else mask(m.group(0)), text
            )
    return text


def key_spans(text: str) -> list[tuple[int, int, str]]:
    """`(start, end, mask)` of each key shape `redact_text` masks in `text`, in order (an
    added pattern's match overlapping a shape's is left to the shape)."""
    if not text:
        return []
    spans = []
    if _may_hold_a_key(text):
        for match in KEY_PATTERN.finditer(text):
            new = _replace_key(match)
            if new != match.group(0):
                spans.append((match.start(), match.end(), new))
    if _added_patterns:
        taken = list(spans)
        for start, end, new in sorted(_added_spans(text)):
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, new))
        spans = sorted(taken)
    return spans


def key_shape_kinds(text: str) -> list[tuple[str, str]]:
    """`(matched text, kind)` of each built-in key shape `redact_text` masks in `text`
    (`kind` names the shape: openai, google, bearer, jwt...)."""
    if not text or not _may_hold_a_key(text):
        return []
    found = []
    for match in KEY_PATTERN.finditer(text):
        if _replace_key(match) != match.group(0):
            found.append((match.group(0), next(n for n in _NAMES if match.group(f"s_{n}") is not None)))
    return found


def redact_bytes(body: bytes) -> bytes:
    """`redact_text` over bytes; bytes that are not UTF-8 are kept exactly."""
    if not body:
        return body
    text = body.decode("utf-8", "surrogateescape")
    out = redact_text(text)
    return body if out == text else out.encode("utf-8", "surrogateescape")


# --------------------------------------------------------------------------
# Headers and URLs: credential-named values masked whole.
# --------------------------------------------------------------------------


def _mask_secret(value: str) -> str:
    """A whole secret masked, keeping its kind's prefix when it is a known key shape."""
    shape = KEY_PATTERN.fullmatch(value)
    if shape is not None:
        masked = _replace_key(shape)
        if masked != value:
            return masked
    return mask(value)


def _mask_header_value(value: str) -> str:
    if not value:
        return value
    scheme, sep, rest = value.partition(" ")
    # `Bearer abc`, `Basic abc`, `AWS4-HMAC-SHA256 Credential=...`: keep the scheme word.
    if sep and rest.strip() and re.fullmatch(r"[A-Za-z][A-Za-z0-9\-]{1,30}", scheme):
        return f"{scheme} {_mask_secret(rest.strip())}"
    return _mask_secret(value)


def redact_headers(headers: Headers) -> Headers:
    """Secret headers masked; every other value through `redact_text`."""
    return tuple(
        (name, _mask_header_value(value) if is_secret_header(name) else redact_text(value))
        for name, value in headers
    )


URL_USERINFO = re.compile(r"^(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/@?#:]*:)(?P<pw>[^/@?#]*)(?P<at>@)")


def redact_url(url: str) -> str:
    """Secret query parameters and userinfo passwords masked; the rest through `redact_text`."""
    if not url:
        return url
    if url[:5].lower() == "data:":  # inline data (images): only real key shapes
        return redact_text(url)
    out = URL_USERINFO.sub(lambda m: m["head"] + mask(m["pw"]) + m["at"] if m["pw"] else m[0], url, count=1)
    base, qmark, rest = out.partition("?")
    if qmark:
        query, hash_, fragment = rest.partition("#")
        fields = []
        for item in query.split("&"):
            name, eq, value = item.partition("=")
            if eq and value and is_secret_param(name):
                item = f"{name}={mask(value)}"
            fields.append(item)
        out = base + "?" + "&".join(fields) + hash_ + fragment
    return redact_text(out)


# --------------------------------------------------------------------------
# Parsed JSON (request/response bodies, tool arguments, params).
# --------------------------------------------------------------------------


def _mask_leaf(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value) if value else value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return mask(str(value))
    return value


def redact_json(obj: Any) -> Any:
    """A copy of `obj` with secret-named values masked and every string through `redact_text`.

    Dicts and lists are copied (tuples come back as lists); other values pass
    through. Iterative, so nesting depth never raises RecursionError.
    """
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, bool]] = [(obj, root, 0, False)]
    while stack:
        value, parent, slot, secret = stack.pop()
        if isinstance(value, dict):
            new: dict[Any, Any] = {}
            parent[slot] = new
            for key, item in value.items():
                new_key = redact_text(key) if isinstance(key, str) else key
                new[new_key] = None
                is_secret = secret or (isinstance(key, str) and is_secret_json_key(key))
                stack.append((item, new, new_key, is_secret))
        elif isinstance(value, (list, tuple)):
            items: list[Any] = [None] * len(value)
            parent[slot] = items
            for i, item in enumerate(value):
                stack.append((item, items, i, secret))
        elif secret:
            parent[slot] = _mask_leaf(value)
        elif isinstance(value, str):
            parent[slot] = redact_text(value)
        else:
            parent[slot] = value
    return root[0]


def redact_raw(raw: RawInteraction) -> RawInteraction:
    """A copy of a recorded interaction fit for display or export.

    Meant for showing raw text: bodies change length where a secret is
    masked, so decode (e.g. binary eventstream frames) before redacting.
    """
    return replace(
        raw,
        url=redact_url(raw.url),
        request_headers=redact_headers(raw.request_headers),
        response_headers=redact_headers(raw.response_headers),
        request_body=redact_bytes(raw.request_body),
        response_body=redact_bytes(raw.response_body),
        request_json=redact_json(raw.request_json) if raw.request_json is not None else None,
        response_json=redact_json(raw.response_json) if raw.response_json is not None else None,
    )
