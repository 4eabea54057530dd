"""Property-based tests: whatever the bytes, loading and decoding raise nothing but `CassetteError`.

A fixed, small budget (a few hundred examples per test, well under a minute in all), the same
examples on every run (the "repeatable" profile in tests/conftest.py). `bench/fuzz_long.py` runs
the same generators for longer with fresh examples (`TUI_REPLAY_FUZZ_EXAMPLES` and
`--hypothesis-profile=explore`) and prints its figures. A crash found here is kept as a
reproducer in `tests/data/crashers/` (see `test_safety_crashers.py`).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.safety_fuzz import MUTATIONS, exercise, fuzz_bases

# `bench/fuzz_long.py` raises the budget through this variable for its long run.
EXAMPLES = int(os.environ.get("TUI_REPLAY_FUZZ_EXAMPLES", "150"))
BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

BASES = fuzz_bases(per_endpoint=1)
BASE_BYTES = {path: path.read_bytes() for path in BASES}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def run_on(workdir: Path, data: bytes, suffix: str = ".yaml") -> str:
    path = workdir / f"input{suffix}"
    path.write_bytes(data)
    outcome = exercise(path)
    assert outcome in {"decoded", "reported"}
    return outcome


def test_two_runs_draw_the_same_examples() -> None:
    """CI repeats itself: a red run stays red when re-run. Only `--hypothesis-profile=explore` varies."""
    if settings.get_current_profile_name() == "explore":
        pytest.skip("exploring: fresh examples were asked for")
    drawn: list[bytes] = []

    @settings(BUDGET, max_examples=20)
    @given(st.binary(min_size=8))
    def probe(data: bytes) -> None:
        drawn.append(data)

    probe()
    first = list(drawn)
    drawn.clear()
    probe()
    assert drawn == first


# ---------------------------------------------------------------- mutated real files

mutation_plans = st.lists(
    st.tuples(st.sampled_from(sorted(MUTATIONS)), st.integers(0, 2**32 - 1)), min_size=1, max_size=4
)


@BUDGET
@given(base=st.sampled_from(BASES), plan=mutation_plans)
def test_mutated_cassettes_are_decoded_or_reported(
    workdir: Path, base: Path, plan: list[tuple[str, int]]
) -> None:
    data = BASE_BYTES[base]
    for name, seed in plan:
        data = MUTATIONS[name](data, random.Random(seed))
    run_on(workdir, data, base.suffix)


def test_the_unmutated_bases_decode(workdir: Path) -> None:
    """The fuzz starts from files that decode, so mutations test damage, not already-broken input."""
    assert len(BASES) >= 8
    for base in BASES:
        assert exercise(base) == "decoded", base


# ---------------------------------------------------------------- random YAML

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.binary(max_size=30)
)
any_yaml = st.recursive(
    scalars,
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), kids, max_size=4)
    ),
    max_leaves=20,
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The expected value most of the time, anything at all sometimes."""
    return st.one_of(strategy, strategy, strategy, any_yaml)


headers = maybe(
    st.dictionaries(
        st.sampled_from(["Content-Type", "content-type", "X-Api-Key", "Set-Cookie"]),
        maybe(st.lists(st.text(max_size=20), max_size=2)),
        max_size=3,
    )
)
urls = maybe(
    st.sampled_from(
        [
            "https://api.openai.com/v1/chat/completions",
            "https://api.openai.com/v1/responses",
            "https://api.anthropic.com/v1/messages",
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude/converse-stream",
            "https://api.cohere.com/v2/chat",
            "http://localhost:11434/api/chat",
            "https://example.com/",
            "http://[::1",
            "",
        ]
    )
)
govcr_interaction = st.fixed_dictionaries(
    {
        "id": maybe(st.integers(0, 10)),
        "request": maybe(
            st.fixed_dictionaries(
                {
                    "body": maybe(st.text(max_size=60)),
                    "headers": headers,
                    "url": urls,
                    "method": maybe(st.sampled_from(["POST", "GET"])),
                }
            )
        ),
        "response": maybe(
            st.fixed_dictionaries(
                {
                    "body": maybe(st.text(max_size=60)),
                    "headers": headers,
                    "status": maybe(st.sampled_from(["200 OK", "429 Too Many Requests", ""])),
                    "code": maybe(st.integers(-1, 999)),
                    "duration": maybe(st.sampled_from(["1.5s", "823.6ms", "1h2m", "x", "-1s"])),
                }
            )
        ),
    }
)
vcrpy_interaction = st.fixed_dictionaries(
    {
        "request": maybe(
            st.fixed_dictionaries(
                {
                    "body": maybe(st.text(max_size=60) | st.binary(max_size=60)),
                    "headers": headers,
                    "method": maybe(st.just("POST")),
                    "uri": urls,
                }
            )
        ),
        "response": maybe(
            st.fixed_dictionaries(
                {
                    "status": maybe(
                        st.fixed_dictionaries(
                            {"code": maybe(st.integers(100, 599)), "message": maybe(st.text(max_size=5))}
                        )
                    ),
                    "headers": headers,
                    "body": maybe(
                        st.fixed_dictionaries(
                            {"string": maybe(st.text(max_size=60) | st.binary(max_size=60))}
                        )
                    ),
                }
            )
        ),
    }
)
cassette_docs = (
    st.fixed_dictionaries(
        {"version": maybe(st.just(2)), "interactions": maybe(st.lists(govcr_interaction, max_size=3))}
    )
    | st.fixed_dictionaries(
        {"interactions": maybe(st.lists(vcrpy_interaction, max_size=3)), "version": maybe(st.just(1))}
    )
    | st.fixed_dictionaries(
        {
            "http_interactions": maybe(st.lists(vcrpy_interaction, max_size=3)),
            "recorded_with": st.just("VCR 6.0.0"),
        }
    )
    | st.fixed_dictionaries(
        {"log": maybe(st.fixed_dictionaries({"entries": maybe(st.lists(any_yaml, max_size=3))}))}
    )
    | any_yaml
)


@BUDGET
@given(doc=cassette_docs, as_json=st.booleans())
def test_random_cassette_shaped_documents(workdir: Path, doc: Any, as_json: bool) -> None:
    if as_json:
        data = json.dumps(doc, default=repr).encode()
    else:
        data = yaml.safe_dump(doc, allow_unicode=True).encode("utf-8", "surrogatepass")
    run_on(workdir, data, ".json" if as_json else ".yaml")


yaml_soup = st.lists(
    st.sampled_from(
        [
            "interactions:",
            "version: 2",
            "\n",
            "  ",
            "- ",
            "request:",
            "response:",
            "body: ",
            "url: ",
            "status: ",
            "code: ",
            "headers:",
            "{",
            "}",
            "[",
            "]",
            "&a ",
            "*a",
            "!!binary ",
            "!!str ",
            "!ruby/object:X ",
            "? ",
            ": ",
            "|",
            ">-",
            "'",
            '"',
            "#",
            "---\n",
            "...\n",
            "\t",
            "%TAG ! x\n",
            "200",
            "null",
            "~",
            "<<: *a",
            "\\x00",
            "data: {}",
            "\ufeff",
        ]
    )
    | st.text(max_size=5),
    max_size=60,
)


@BUDGET
@given(pieces=yaml_soup)
def test_random_yaml_text(workdir: Path, pieces: list[str]) -> None:
    run_on(workdir, "".join(pieces).encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- random SSE and JSON inside valid cassettes

ENDPOINTS = {
    "openai-chat": "https://api.openai.com/v1/chat/completions",
    "openai-responses": "https://api.openai.com/v1/responses",
    "anthropic": "https://api.anthropic.com/v1/messages",
    "gemini": "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    "cohere": "https://api.cohere.com/v2/chat",
    "ollama": "http://localhost:11434/api/chat",
    "bedrock": "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-3/converse-stream",
    "bedrock-invoke": "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-3/invoke-with-response-stream",
}


def govcr(url: str, request_body: str, response_body: str, content_type: str, code: int = 200) -> bytes:
    doc = {
        "version": 2,
        "interactions": [
            {
                "id": 0,
                "request": {
                    "body": request_body,
                    "headers": {"Content-Type": ["application/json"]},
                    "url": url,
                    "method": "POST",
                },
                "response": {
                    "body": response_body,
                    "headers": {"Content-Type": [content_type]},
                    "status": f"{code} X",
                    "code": code,
                    "duration": "1s",
                },
            }
        ],
    }
    return yaml.safe_dump(doc, allow_unicode=True).encode("utf-8", "surrogatepass")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4),
    max_leaves=15,
)
# Field names the dialects look for, so random objects reach deep into the decoders.
FIELDS = [
    "type",
    "role",
    "content",
    "text",
    "delta",
    "choices",
    "index",
    "id",
    "name",
    "arguments",
    "tool_calls",
    "function",
    "finish_reason",
    "usage",
    "message",
    "error",
    "candidates",
    "parts",
    "functionCall",
    "content_block",
    "input",
    "partial_json",
    "thinking",
    "signature",
    "output",
    "item",
    "response",
    "output_index",
    "contentBlockIndex",
    "toolUse",
    "stopReason",
    "metrics",
    "done",
    "model",
    "messages",
    "tools",
    "input_schema",
    "parameters",
    "reasoning",
    "reasoning_content",
    "reasoning_details",
    "status",
    "thoughtSignature",
    "inlineData",
    "data",
    "mimeType",
    "image_url",
    "url",
    "events",
    "event_type",
]
shaped_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=12) | st.sampled_from(FIELDS),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.sampled_from(FIELDS), kids, max_size=5),
    max_leaves=25,
)
sse_lines = st.lists(
    st.one_of(
        shaped_json.map(lambda v: "data: " + json.dumps(v)),
        st.sampled_from(
            [
                "",
                "",
                "data: [DONE]",
                "event: message_start",
                "event: content_block_delta",
                "event: error",
                "event: response.completed",
                ": ping",
                "id: 1",
                "retry: 5",
                "data: {",
                "data:",
                "event:",
                "data: null",
                "data: 5",
            ]
        ),
        st.text(max_size=20),
    ),
    max_size=25,
)


@BUDGET
@given(
    dialect=st.sampled_from(sorted(ENDPOINTS)),
    lines=sse_lines,
    request=shaped_json,
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_random_sse_bodies_in_a_valid_cassette(
    workdir: Path, dialect: str, lines: list[str], request: Any, newline: str
) -> None:
    body = newline.join(lines)
    request_body = json.dumps({"model": "m", "stream": True, "messages": [], "extra": request})
    outcome = run_on(workdir, govcr(ENDPOINTS[dialect], request_body, body, "text/event-stream"))
    assert outcome == "decoded"  # the cassette itself is valid: only the stream is odd


def _json_bodies() -> list[tuple[str, Any, Any]]:
    """(url, request JSON, response JSON or SSE text) of the base interactions that have them."""
    from tui_replay.analysis.cassette import open_cassette

    found = []
    for base in BASES:
        cassette = open_cassette(base)
        for i in range(len(cassette)):
            raw = cassette.file.raw(i)
            try:
                request = json.loads(raw.request_body)
            except ValueError:
                continue
            try:
                response: Any = json.loads(raw.response_body)
            except ValueError:
                if "event-stream" not in raw.response_content_type:
                    continue
                try:
                    response = raw.response_body.decode("utf-8")
                except UnicodeDecodeError:
                    continue
            found.append((raw.url, request, response))
    return found


JSON_BODIES = _json_bodies()


def _replace_at(doc: Any, path_choices: list[int], value: Any) -> Any:
    """`doc` with the node reached by following `path_choices` replaced by `value`."""
    if not path_choices or not isinstance(doc, (dict, list)) or not doc:
        return value
    choice, rest = path_choices[0], path_choices[1:]
    if isinstance(doc, dict):
        keys = list(doc)
        key = keys[choice % len(keys)]
        return {k: (_replace_at(v, rest, value) if k == key else v) for k, v in doc.items()}
    index = choice % len(doc)
    return [(_replace_at(v, rest, value) if i == index else v) for i, v in enumerate(doc)]


@settings(max_examples=EXAMPLES + 50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(0, max(len(JSON_BODIES) - 1, 0)),
    side=st.sampled_from(["request", "response"]),
    path=st.lists(st.integers(0, 50), max_size=8),
    value=json_values | st.sampled_from([5, "x", [], {}, None, "[]", -1, 1e308, True]),
)
def test_wrong_json_types_inside_a_valid_cassette(
    workdir: Path, which: int, side: str, path: list[int], value: Any
) -> None:
    url, req, resp = JSON_BODIES[which]
    if side == "request":
        req = _replace_at(req, path, value)
    elif not isinstance(resp, str):
        resp = _replace_at(resp, path, value)
    request_body = json.dumps(req) if req is not None else ""
    response_body = resp if isinstance(resp, str) else json.dumps(resp)
    ctype = "text/event-stream" if isinstance(resp, str) else "application/json"
    assert run_on(workdir, govcr(url, request_body, response_body, ctype)) == "decoded"


@pytest.mark.parametrize(
    "dialect,request_body,response_body",
    [
        ("openai-chat", {"model": "m", "messages": [{"role": 5, "content": 7}]}, {"choices": "x"}),
        (
            "openai-chat",
            {"messages": [{"role": "assistant", "tool_calls": "add(2,3)"}]},
            {"choices": [{"message": 5}]},
        ),
        (
            "openai-chat",
            {"messages": "hello"},
            {"choices": [{"message": {"role": "assistant", "tool_calls": [5]}}]},
        ),
        (
            "anthropic",
            {"messages": [{"role": "user", "content": [{"type": "image", "source": 5}]}]},
            {"content": 5},
        ),
        ("anthropic", {"system": 5, "messages": [None]}, {"content": [{"type": "tool_use", "input": "x"}]}),
        (
            "gemini",
            {"contents": [{"parts": 5}]},
            {"candidates": [{"content": {"parts": [{"functionCall": 5}]}}]},
        ),
        ("openai-responses", {"input": 5, "tools": "x"}, {"output": [{"type": "message", "content": 5}]}),
        ("cohere", {"messages": [{"role": 5}]}, {"message": {"content": "x"}}),
        ("ollama", {"messages": [{"role": None, "content": None}]}, {"message": [], "done": "yes"}),
    ],
)
def test_wrong_types_named_in_the_issue(
    workdir: Path, dialect: str, request_body: Any, response_body: Any
) -> None:
    data = govcr(
        ENDPOINTS[dialect].split("?")[0].replace(":streamGenerateContent", ":generateContent"),
        json.dumps(request_body),
        json.dumps(response_body),
        "application/json",
    )
    assert run_on(workdir, data) == "decoded"
