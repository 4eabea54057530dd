"""Secrets are masked everywhere by default, and nothing that is not a secret is touched."""

from __future__ import annotations

import base64
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.paths import corpus_files
from tui_replay.analysis.masking import (
    is_masked,
    mask,
    redact_bytes,
    redact_headers,
    redact_json,
    redact_raw,
    redact_text,
    redact_url,
)
from tui_replay.analysis.secret_names import is_secret_header, is_secret_json_key

# Planted secrets: realistic shapes, fake values. Each maps to the prefix that must survive.
OPENAI = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z" * 5
OPENAI_LEGACY = "sk-" + "T3BlbkFJ" + "q1W2e3R4t5Y6u7I8o9P0aSdFgHjKl" * 1
ANTHROPIC = "sk-ant-api03-" + "Zx9_Yw8-Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe" * 3 + "AA"
OPENROUTER = "sk-or-v1-" + "0123456789abcdef" * 4
GOOGLE = "AIzaSyD" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"  # 39 chars
XAI = "xai-" + "Q1w2E3r4T5y6U7i8O9p0" * 4
GROQ = "gsk_" + "m1N2b3V4c5X6z7L8k9J0" * 2 + "abcdefghijklmnop"
AWS = "AKIA" + "IOSFODNN7EXAMPLE"
AWS_STS = "ASIA" + "Y34FZKBOKMUTVV7A"
GITHUB = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a"
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
BEARER_TOKEN = "ya29.a0AfH6SMBx3Kd9_" + "Zq8Yw7Xv6" * 4

SHAPES = {
    OPENAI: "sk-proj-",
    OPENAI_LEGACY: "sk-",
    ANTHROPIC: "sk-ant-api03-",
    OPENROUTER: "sk-or-v1-",
    GOOGLE: "AIza",
    XAI: "xai-",
    GROQ: "gsk_",
    AWS: "AKIA",
    AWS_STS: "ASIA",
    GITHUB: "ghp_",
    JWT: "eyJ",
}


def assert_no_secret(text: str, *secrets: str) -> None:
    for secret in secrets:
        # Nothing past the public prefix survives: check a distinctive tail of the secret.
        assert secret[-12:] not in text, f"secret ending {secret[-12:]!r} leaked in {text[:200]!r}"


# ---------------------------------------------------------------- mask style


def test_mask_keeps_only_the_prefix_and_says_how_long_the_secret_was() -> None:
    assert mask("abcdef") == "…(masked, 6 chars)"
    assert mask("sk-proj-abcdef", "sk-proj-") == "sk-proj-…(masked, 6 chars)"
    assert mask("x") == "…(masked, 1 char)"
    assert is_masked(mask("whatever"))
    assert not is_masked("masked, but not by us")


@pytest.mark.parametrize("secret,prefix", sorted(SHAPES.items()))
def test_every_key_shape_is_masked_in_text_keeping_its_kind(secret: str, prefix: str) -> None:
    text = f"here: {secret} (do not share)"
    out = redact_text(text)
    assert_no_secret(out, secret)
    assert out == f"here: {prefix}…(masked, {len(secret) - len(prefix)} chars) (do not share)"


def test_bearer_tokens_are_masked_keeping_the_scheme() -> None:
    out = redact_text(f'curl -H "Authorization: Bearer {BEARER_TOKEN}"')
    assert out == f'curl -H "Authorization: Bearer …(masked, {len(BEARER_TOKEN)} chars)"'
    assert redact_text(f"bearer\t{BEARER_TOKEN}") == f"bearer …(masked, {len(BEARER_TOKEN)} chars)"


def test_masking_is_idempotent_on_every_shape() -> None:
    text = " ".join(SHAPES) + f" Bearer {BEARER_TOKEN}"
    once = redact_text(text)
    assert redact_text(once) == once
    assert once.count("(masked, ") == len(SHAPES) + 1


# ---------------------------------------------------------------- false positives


@pytest.mark.parametrize(
    "text",
    [
        "task-1234567890abcdefghijklmnop",
        "risk-assessment-2024-quarterly-report-v2",
        "desk lamp, asking, sketch, tusk-a1b2c3d4e5f6g7h8i9j0",
        "call_s46a1jsh61wi8iquvxby0ygp",
        "gen-1758792034-4DFG24Xt5SzxfAVIPAsj",
        "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
        "toolu_01A09q90qw90lq917835lq9",
        "msg_01XFDUDYJgAACzvnptvVoYEL",
        "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b",
        "functions.add:0",
        "sk-learn is a nickname for scikit-learn",
        "sk-this-is-just-a-long-kebab-case-slug",  # no digit: prose, not a key
        "The bearer of this letter; Bearer authentication uses tokens",
        "max_tokens=4000 prompt_tokens: 12",
        "AIza is how Google keys start",
        "AKIAshort",
        "MASKIAIOSFODNN7EXAMPLE1",  # AKIA inside a longer word
        "eyJhbGciOiJIUzI1NiJ9 alone is only a JWT header",
    ],
)
def test_ordinary_words_and_ids_are_not_masked(text: str) -> None:
    assert redact_text(text) == text


def test_random_base64_is_left_valid() -> None:
    rng = random.Random(4)
    for _ in range(20):
        data = base64.b64encode(rng.randbytes(50_000)).decode()
        assert redact_text(data) == data
        url = "data:image/png;base64," + data
        assert redact_url(url) == url


def test_a_key_inside_base64_text_is_still_masked() -> None:
    body = json.dumps({"image": base64.b64encode(b"\x89PNG" * 30).decode() + " " + OPENAI})
    assert_no_secret(redact_text(body), OPENAI)


def test_seed_bodies_headers_and_urls_are_unchanged(seeds_dir: Path) -> None:
    from tui_replay.formats.load import load_cassette

    checked = 0
    for path in sorted(seeds_dir.glob("*.yaml")):
        for raw in load_cassette(path):
            for body in (raw.request_body, raw.response_body):
                assert redact_bytes(body) == body, path.name
            assert redact_url(raw.url) == raw.url
            assert redact_headers(raw.request_headers) == raw.request_headers
            assert redact_headers(raw.response_headers) == raw.response_headers
            checked += 1
    assert checked >= 20


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is not present")
def test_corpus_bodies_have_no_false_positives() -> None:
    """475 real cassettes recorded with dummy keys: no body text is a key shape."""
    from tui_replay.formats.load import load_cassette
    from tui_replay.model import CassetteError

    bodies = 0
    for path in corpus_files():
        try:
            cassette = load_cassette(path)
        except CassetteError:
            continue
        for raw in cassette:
            for body in (raw.request_body, raw.response_body):
                text = body.decode("utf-8", "replace")
                assert redact_text(text) == text, f"{path.name} #{raw.index}"
                bodies += 1
    assert bodies > 500


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "name",
    [
        "Authorization",
        "proxy-authorization",
        "X-Api-Key",
        "api-key",
        "X-Goog-Api-Key",
        "x-api-key",
        "Cookie",
        "Set-Cookie",
        "X-Amz-Security-Token",
        "OpenAI-Organization",
        "openai-project",
        "X-Session-Token",
        "X-Client-Secret",
        "X-Auth",
        "X-Password",
        "X-Auth-Token",
        "X-Token",
        "X-Custom-Key",
        "Idempotency-Key",  # not known to be harmless: masked
        "X-Api-Key-Count",  # an api key whatever follows
        "X-Ratelimit-Api-Key",
    ],
)
def test_secret_headers_are_recognised(name: str) -> None:
    assert is_secret_header(name)


@pytest.mark.parametrize(
    "name",
    [
        "Content-Type",
        "x-ratelimit-remaining-tokens",
        "anthropic-ratelimit-input-tokens-limit",
        "Access-Control-Allow-Credentials",
        "www-authenticate",
        "User-Agent",
        "amz-sdk-invocation-id",
        "keep-alive",
        "X-Amzn-Bedrock-Input-Token-Count",
        "X-Amzn-Bedrock-Cache-Read-Input-Token-Count",
        "X-Token-Limit",
        "X-Ratelimit-Key",
        "X-RateLimit-Key",
        "X-Rate-Limit-Key",
    ],
)
def test_ordinary_headers_are_not_secret(name: str) -> None:
    assert not is_secret_header(name)


def test_redact_headers_masks_planted_secrets_and_keeps_order() -> None:
    headers = (
        ("Authorization", f"Bearer {OPENAI}"),
        ("Content-Type", "application/json"),
        ("x-api-key", ANTHROPIC),
        ("X-Goog-Api-Key", GOOGLE),
        ("Cookie", "__cf_bm=83tXkjm2RWCeS6mn7UqglN; session=abc"),
        ("Set-Cookie", "sid=s3cr3tv4lu3; Path=/; HttpOnly"),
        ("Set-Cookie", "other=2nd0ne; Path=/"),
        ("X-Custom", f"token is {GROQ}"),
        ("x-ratelimit-remaining-tokens", "29000"),
        ("Proxy-Authorization", "Basic dXNlcjpwYXNzd29yZA=="),
        ("X-Amzn-Bedrock-Input-Token-Count", "8"),
        ("X-Ratelimit-Key", "gpt-5-nano"),
    )
    out = redact_headers(headers)
    assert [n for n, _ in out] == [n for n, _ in headers]
    values = dict(out[:2])
    assert values["Authorization"] == f"Bearer sk-proj-…(masked, {len(OPENAI) - 8} chars)"
    assert values["Content-Type"] == "application/json"
    assert out[2][1] == f"sk-ant-api03-…(masked, {len(ANTHROPIC) - 13} chars)"
    assert out[3][1] == "AIza…(masked, 35 chars)"
    assert out[4][1] == f"…(masked, {len(headers[4][1])} chars)"
    assert "s3cr3tv4lu3" not in out[5][1] and "2nd0ne" not in out[6][1]
    assert out[7][1] == "token is gsk_…(masked, 56 chars)"
    assert out[8][1] == "29000"
    assert out[9][1] == "Basic …(masked, 20 chars)"
    assert out[10:] == headers[10:]  # a token count, a rate-limit bucket: shown as recorded
    assert_no_secret(repr(out), OPENAI, ANTHROPIC, GOOGLE, GROQ)


# ---------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    "url,secret",
    [
        (f"https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?key={GOOGLE}", GOOGLE),
        ("https://x.test/v1?alt=sse&api_key=s3cr3tv4lu3x&stream=1", "s3cr3tv4lu3x"),
        ("https://x.test/v1?apikey=s3cr3tv4lu3x", "s3cr3tv4lu3x"),
        ("https://x.test/v1?token=s3cr3tv4lu3x#frag", "s3cr3tv4lu3x"),
        ("https://x.test/v1?access_token=s3cr3tv4lu3x", "s3cr3tv4lu3x"),
        (
            "https://s3.test/o?X-Amz-Credential=AKIAXX%2F2024&X-Amz-Signature=abcdef0123456789",
            "abcdef0123456789",
        ),
        ("https://s3.test/o?X-Amz-Credential=s3cr3tcr3dx&X-Amz-Signature=1", "s3cr3tcr3dx"),
        ("https://blob.test/c?sv=2020&sig=s3cr3tv4lu3x%3D", "s3cr3tv4lu3x"),
        ("https://user:s3cr3tpassw0rd@proxy.test:8080/v1/chat", "s3cr3tpassw0rd"),
        (f"https://api.test/v1/{OPENAI}/chat", OPENAI),
    ],
)
def test_redact_url_masks_secret_parameters_and_passwords(url: str, secret: str) -> None:
    out = redact_url(url)
    assert secret[-10:] not in out
    assert is_masked(out)


def test_redact_url_keeps_everything_else() -> None:
    url = "https://openrouter.ai/api/v1/chat/completions?alt=sse&max_tokens=5&user=bob#part"
    assert redact_url(url) == url
    out = redact_url(f"https://g.test/m:streamGenerateContent?alt=sse&key={GOOGLE}&x=1#f")
    assert out == "https://g.test/m:streamGenerateContent?alt=sse&key=…(masked, 39 chars)&x=1#f"
    assert redact_url("https://user@host.test/p") == "https://user@host.test/p"
    assert redact_url("not a url [::") == "not a url [::"


# ---------------------------------------------------------------- JSON


@pytest.mark.parametrize(
    "key",
    [
        "api_key",
        "apiKey",
        "x-api-key",
        "access_token",
        "client_secret",
        "password",
        "Authorization",
        "secret",
        "sessionToken",
        "private_key",
        "refresh_token",
        "cookie",
    ],
)
def test_secret_json_keys(key: str) -> None:
    assert is_secret_json_key(key)


@pytest.mark.parametrize(
    "key",
    [
        "max_tokens",
        "prompt_tokens",
        "token",
        "tokens",
        "token_ids",
        "tokenCount",
        "key",
        "prompt_cache_key",
        "thoughtSignature",
        "public_key",
        "isModelAuthor",
        "keys",
    ],
)
def test_ordinary_json_keys(key: str) -> None:
    assert not is_secret_json_key(key)


def test_redact_json_masks_values_under_secret_keys_and_key_shapes_in_strings() -> None:
    body = {
        "model": "gpt-4o",
        "max_tokens": 100,
        "api_key": "plain-looking-secret",
        "credentials": {"user": "bob", "pin": 1234, "enabled": True},
        "messages": [
            {"role": "user", "content": f"my key is {OPENAI}, do not tell"},
            {"role": "assistant", "content": [{"type": "text", "text": f"{AWS} noted"}]},
        ],
        "logprobs": [{"token": "Hello", "logprob": -0.1}],
        f"weird {XAI}": 1,
    }
    original = json.loads(json.dumps(body))
    out = redact_json(body)
    assert body == original  # the input is not modified
    assert out["model"] == "gpt-4o" and out["max_tokens"] == 100
    assert out["api_key"] == "…(masked, 20 chars)"
    assert out["credentials"] == {"user": "…(masked, 3 chars)", "pin": "…(masked, 4 chars)", "enabled": True}
    assert (
        out["messages"][0]["content"] == f"my key is sk-proj-…(masked, {len(OPENAI) - 8} chars), do not tell"
    )
    assert out["messages"][1]["content"][0]["text"] == "AKIA…(masked, 16 chars) noted"
    assert out["logprobs"] == [{"token": "Hello", "logprob": -0.1}]
    assert_no_secret(json.dumps(out), OPENAI, AWS, XAI)
    assert list(out) == list(body)[:-1] + ["weird xai-…(masked, 80 chars)"]


def test_redact_json_survives_deep_nesting_and_plain_values() -> None:
    deep: object = OPENAI
    for _ in range(50_000):
        deep = [deep]
    out = redact_json(deep)
    for _ in range(50_000):
        assert isinstance(out, list)
        out = out[0]
    assert out == f"sk-proj-…(masked, {len(OPENAI) - 8} chars)"
    for value in (None, 1, 2.5, True, "", "text"):
        assert redact_json(value) == value


def test_sse_body_with_planted_secrets() -> None:
    events = [
        {"id": "gen-1", "choices": [{"delta": {"content": "Your key: "}}]},
        {"id": "gen-1", "choices": [{"delta": {"content": OPENROUTER}}]},
        {"id": "gen-1", "choices": [{"delta": {"content": f" and {GITHUB}"}}]},
    ]
    body = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
    out = redact_bytes(body.encode())
    assert_no_secret(out.decode(), OPENROUTER, GITHUB)
    # Still valid SSE with valid JSON payloads.
    payloads = [line[6:] for line in out.decode().splitlines() if line.startswith("data: ")]
    assert payloads[-1] == "[DONE]"
    assert json.loads(payloads[1])["choices"][0]["delta"]["content"] == "sk-or-v1-…(masked, 64 chars)"


def test_redact_bytes_keeps_non_utf8_bytes() -> None:
    body = b"\xff\xfe binary \x00 " + OPENAI.encode() + b" \x80"
    out = redact_bytes(body)
    assert out.startswith(b"\xff\xfe binary \x00 sk-proj-\xe2\x80\xa6(masked")
    assert out.endswith(b" \x80")
    assert redact_bytes(b"\x00\x01\xff") == b"\x00\x01\xff"


def test_redact_raw_masks_every_place_a_secret_can_be() -> None:
    from tui_replay.model import RawInteraction

    raw = RawInteraction(
        index=0,
        method="POST",
        url=f"https://g.test/v1?key={GOOGLE}",
        request_headers=(("Authorization", f"Bearer {OPENAI}"),),
        request_body=json.dumps({"api_key": "s3cr3tv4lu3", "q": XAI}).encode(),
        status=200,
        status_text="OK",
        response_headers=(("Set-Cookie", "sid=s3cr3tc00k1e"),),
        response_body=f"data: {JWT}\n\n".encode(),
        duration_ms=None,
        request_json={"api_key": "s3cr3tv4lu3", "q": XAI},
    )
    out = redact_raw(raw)
    assert_no_secret(repr(out), GOOGLE, OPENAI, XAI, JWT)
    assert "s3cr3tc00k1e" not in repr(out)
    assert "s3cr3tv4lu3" not in repr(out.request_json)
    assert out.status == 200 and out.method == "POST"


# ---------------------------------------------------------------- properties and speed


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_redact_text_is_idempotent_and_never_raises(text: str) -> None:
    once = redact_text(text)
    assert redact_text(once) == once


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.sampled_from(sorted(SHAPES)), st.text(max_size=80))
def test_a_planted_key_never_survives_between_separators(before: str, secret: str, after: str) -> None:
    out = redact_text(f"{before} {secret} {after}")
    # The secret may only survive if the surrounding random text itself contains it.
    if secret[-12:] not in before + after:
        assert secret[-12:] not in out


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4),
        max_leaves=30,
    )
)
def test_redact_json_keeps_the_shape_of_any_json(value: object) -> None:
    out = redact_json(value)
    assert json.loads(json.dumps(out)) == out
    assert type(out) is type(value)


def test_one_megabyte_body_is_redacted_quickly() -> None:
    rng = random.Random(1)
    words = ["the", "task-", "risk", "call_abc123", "gen-17587", '"content":', "\n", "data: {", "}", "tokens"]
    clean = " ".join(rng.choice(words) for _ in range(200_000))[:1_000_000]
    dirty = clean[:500_000] + f" {OPENAI} " + clean[500_000:]
    for body in (clean, dirty, base64.b64encode(rng.randbytes(750_000)).decode()):
        start = time.perf_counter()
        out = redact_text(body)
        elapsed = time.perf_counter() - start
        assert elapsed < 0.5, f"{elapsed:.3f}s for 1 MB"
    assert out is not None
    assert redact_text(clean) == clean
    assert_no_secret(redact_text(dirty), OPENAI)


# ---------------------------------------------------------------- end to end through the CLI


def _secret_cassette(tmp_path: Path) -> Path:
    request = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": f"use {ANTHROPIC} please"}],
        "api_key": "s3cr3tv4lu3",
    }
    response = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": "gpt-4o",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": f"ok {GITHUB}"}, "finish_reason": "stop"}
        ],
    }
    chunks = [
        {"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": part}}]}
        for part in ("key ", XAI)
    ]
    sse = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    doc = f"""---
version: 2
interactions:
  - id: 0
    request:
      body: {json.dumps(json.dumps(request))}
      headers:
        Authorization:
          - Bearer {OPENAI}
        X-Goog-Api-Key:
          - {GOOGLE}
        Content-Type:
          - application/json
      url: https://api.openai.com/v1/chat/completions?key={GOOGLE}
      method: POST
    response:
      body: {json.dumps(json.dumps(response))}
      headers:
        Set-Cookie:
          - sid=s3cr3tc00k1e
        Content-Type:
          - application/json
      status: 200 OK
      code: 200
      duration: 1s
  - id: 1
    request:
      body: {json.dumps(json.dumps(dict(request, stream=True)))}
      headers:
        Authorization:
          - Bearer {OPENAI}
      url: https://api.openai.com/v1/chat/completions
      method: POST
    response:
      body: {json.dumps(sse)}
      headers:
        Content-Type:
          - text/event-stream
      status: 200 OK
      code: 200
      duration: 1s
"""
    path = tmp_path / "secrets.yaml"
    path.write_text(doc)
    return path


def _inspect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", "inspect", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_inspect_masks_planted_secrets_by_default(tmp_path: Path, as_json: bool) -> None:
    path = _secret_cassette(tmp_path)
    result = _inspect(str(path), *(["--json"] if as_json else []))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_no_secret(result.stdout, OPENAI, GOOGLE, ANTHROPIC, GITHUB, XAI)
    assert "s3cr3t" not in result.stdout
    assert "(masked, " in result.stdout


def test_inspect_no_redact_shows_the_secrets(tmp_path: Path) -> None:
    path = _secret_cassette(tmp_path)
    result = _inspect(str(path), "--json", "--no-redact")
    assert result.returncode == 0, result.stderr
    # The decoded conversation carries the key-shaped strings verbatim.
    assert ANTHROPIC in result.stdout and GITHUB in result.stdout
    assert "(masked, " not in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_exports_mask_planted_secrets(tmp_path: Path, fmt: str) -> None:
    path = _secret_cassette(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "tui_replay", "export", "--format", fmt, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert_no_secret(result.stdout, OPENAI, GOOGLE, ANTHROPIC, GITHUB, XAI)
    assert "s3cr3t" not in result.stdout


async def _tui_text(path: Path, redact: bool) -> str:
    """Everything the TUI draws for both interactions with the raw and headers panes open."""
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play

    app = ReplayApp([path], redact=redact, autoplay=False)
    screens = []
    async with app.run_test(size=(200, 80)) as pilot:
        await play(app, pilot, ())
        for keys in ((), ("end",), ("r",), ("r", "h"), ("h", "n"), ("end",), ("r",), ("r", "h")):
            await play(app, pilot, keys)
            screens.append(app.export_screenshot())
    return "\n".join(screens)


def _visible(svg: str) -> str:
    import html

    return html.unescape(svg).replace("\u00a0", " ")


async def test_tui_masks_secrets_in_headers_urls_and_raw_bodies(tmp_path: Path) -> None:
    path = _secret_cassette(tmp_path)
    masked = _visible(await _tui_text(path, redact=True))
    assert "masked" in masked
    # SVG text is split into runs, so look for short distinctive pieces of each secret.
    for secret in (OPENAI, GOOGLE, "s3cr3tc00k1e", "s3cr3tv4lu3"):
        assert secret[-8:] not in masked
    shown = _visible(await _tui_text(path, redact=False))
    assert OPENAI[-8:] in shown and GOOGLE[-8:] in shown


async def test_tui_masks_key_shapes_in_conversation_text(tmp_path: Path) -> None:
    path = _secret_cassette(tmp_path)
    masked = _visible(await _tui_text(path, redact=True))
    for secret in (ANTHROPIC, GITHUB, XAI):  # in the user message, the reply and a streamed delta
        assert secret[-8:] not in masked
    shown = _visible(await _tui_text(path, redact=False))
    for secret in (ANTHROPIC, GITHUB, XAI):  # --no-redact draws them as recorded
        assert secret[-8:] in shown
