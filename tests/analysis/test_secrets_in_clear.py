"""`check --secrets`: a value its recorder scrubbed is no secret in clear, and a header that
counts tokens or names a rate-limit bucket holds no secret; real credentials are still found."""

from __future__ import annotations

import pytest

from tests.helpers.paths import CORPUS_NEW
from tui_replay.analysis.secrets_in_clear import is_placeholder, secrets_in
from tui_replay.formats.errors import CassetteError
from tui_replay.formats.load import load_cassette
from tui_replay.formats.scan import iter_cassette_files
from tui_replay.model import Headers, RawInteraction

SCOPE = "20250101/us-east-1/bedrock/aws4_request"
SIGNED = "SignedHeaders=host;x-amz-content-sha256;x-amz-date"
SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
# ruby_llm's recorder writes the SigV4 Authorization so: key id and signature replaced
SCRUBBED_SIGV4 = (
    "AWS4-HMAC-SHA256 Credential=<AWS_ACCESS_KEY_ID>/<DATE>/<AWS_REGION>/bedrock/aws4_request, "
    f"{SIGNED}, Signature=<AWS_SIGV4_SIGNATURE>"
)


def _raw(request: Headers = (), response: Headers = ()) -> RawInteraction:
    return RawInteraction(
        index=0,
        method="POST",
        url="https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke",
        request_headers=request,
        request_body=b"",
        status=200,
        status_text="OK",
        response_headers=response,
        response_body=b"",
        duration_ms=None,
    )


@pytest.mark.parametrize(
    "value",
    [
        SCRUBBED_SIGV4,
        f"AWS4-HMAC-SHA256 Credential=[FILTERED]/{SCOPE}, {SIGNED}, Signature=[FILTERED]",
        'AWS4-HMAC-SHA256 Credential="<KEY_ID>/x/y/s3/aws4_request", Signature="REDACTED"',
    ],
)
def test_a_sigv4_authorization_whose_key_id_and_signature_are_placeholders_is_scrubbed(value: str) -> None:
    assert is_placeholder(value)
    assert secrets_in(_raw(request=(("Authorization", value),))) == []


@pytest.mark.parametrize(
    "value",
    [
        f"AWS4-HMAC-SHA256 Credential=<AWS_ACCESS_KEY_ID>/{SCOPE}, {SIGNED}, Signature={SIGNATURE}",
        f"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLF/{SCOPE}, {SIGNED}, Signature=<SIG>",
        f"AWS4-HMAC-SHA256 Credential=<AWS_ACCESS_KEY_ID>/{SCOPE}, Extra=s3cr3tv4lu3, Signature=<SIG>",
        f"AWS4-HMAC-SHA256 Credential=<AWS_ACCESS_KEY_ID>/{SCOPE}, Signature=<SIG> trailing-text",
    ],
)
def test_a_sigv4_authorization_with_any_real_part_is_a_secret(value: str) -> None:
    assert not is_placeholder(value)
    assert secrets_in(_raw(request=(("Authorization", value),))) == ["request header Authorization"]


@pytest.mark.parametrize(
    "value",
    ["<COOKIE>", "[FILTERED]", "Bearer [FILTERED]", "Token <DEEPGRAM_API_KEY>", "Bearer <AUTH_TOKEN>"],
)
def test_the_placeholders_recorders_write_are_scrubbed(value: str) -> None:
    assert is_placeholder(value)


def test_a_token_count_and_a_rate_limit_bucket_are_no_secrets_but_a_key_is() -> None:
    raw = _raw(
        response=(
            ("X-Amzn-Bedrock-Input-Token-Count", "8"),
            ("X-Ratelimit-Key", "gpt-5-nano"),
            ("X-Api-Key", "s3cr3tv4lu3"),
            ("X-Auth-Token", "s3cr3tv4lu3"),
        )
    )
    assert secrets_in(raw) == ["response header X-Api-Key", "response header X-Auth-Token"]


def test_no_scrubbed_sigv4_or_count_or_bucket_header_is_reported_in_corpus_new() -> None:
    root = CORPUS_NEW / "ruby-vcr"
    if not root.is_dir():
        pytest.skip(f"{root} is not present")
    hits = []
    for path in iter_cassette_files([root]):
        try:
            raws = list(iter(load_cassette(path)))
        except CassetteError:
            continue
        hits += [where for raw in raws for where in secrets_in(raw)]
    assert hits  # the Openai-Project ids are still reported
    assert not [
        where
        for where in hits
        if where in {"request header Authorization", "response header X-Ratelimit-Key"}
        or "Token-Count" in where
    ]


@pytest.mark.parametrize(
    "value",
    ["REDACTED", "[FILTERED]", "Bearer sk-fake-key", "your-api-key", "<OPENAI_API_KEY>", "dummy; other=<X>"],
)
def test_a_word_that_says_stand_in_makes_a_placeholder(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "session=9f8e7d6c5b4a3f2e1d0c; theme=example",  # a real session cookie beside a stand-in
        "AKIAIOSFODNN7EXAMPLE1234",  # a key id that merely contains a stand-in's word
        "Bearer sk-proj-3f9a8b7c6d5e4f3a2b1c0d9e-redacted-later",
    ],
)
def test_a_random_run_beside_a_stand_in_word_is_still_a_secret(value: str) -> None:
    assert not is_placeholder(value)
