"""Diff of two exchanges: canonical pretty JSON, masked headers, side-by-side rows and summary."""

from __future__ import annotations

import json
import time

import yaml

from tests.helpers.paths import CASSETTES
from tui_replay import dialects
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.diff import (
    MAX_LINES,
    body_lines,
    diff_exchanges,
    diff_lines,
    request_lines,
)
from tui_replay.analysis.masked_exchange import masked_exchange
from tui_replay.model import Exchange, RawInteraction

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"


def recorded(path: object) -> list[dict]:  # the cassette read directly, to check facts independently
    with open(str(path), "rb") as fh:
        return yaml.safe_load(fh)["interactions"]


def exchange(
    body: bytes = b'{"model":"m","messages":[]}',
    *,
    status: int = 200,
    headers: tuple[tuple[str, str], ...] = (),
    response: bytes = b'{"ok":true}',
    content_type: str = "application/json",
) -> Exchange:
    raw = RawInteraction(
        index=0,
        method="POST",
        url="https://api.example.com/v1/chat/completions",
        request_headers=(("Content-Type", "application/json"),) + headers,
        request_body=body,
        status=status,
        status_text="",
        response_headers=(("Content-Type", content_type),),
        response_body=response,
        duration_ms=10.0,
    )
    return dialects.decode(raw)


# -- the wandb seed -------------------------------------------------------------


def test_wandb_attempt_1_against_the_success_of_its_turn() -> None:
    items = recorded(WANDB)
    assert items[0]["response"]["code"] == 429 and items[2]["response"]["code"] == 200
    assert items[0]["request"]["body"] == items[2]["request"]["body"]
    cassette = open_cassette(WANDB)
    assert (cassette.turn(0).turn, cassette.turn(2).turn) == (1, 1)

    diff = diff_exchanges(cassette.exchange(0), cassette.exchange(2))
    request, response = diff.sections
    assert request.identical
    assert not response.identical
    assert diff.summary.startswith("request identical · response: 429 error body → 200 message")
    removed = [r.left for r in response.rows if r.tag in ("delete", "replace")]
    added = [r.right for r in response.rows if r.tag in ("insert", "replace")]
    assert any("Provider returned error" in (line or "") for line in removed)
    assert any('"finish_reason": "tool_calls"' in (line or "") for line in added)
    assert "HTTP 429 Too Many Requests" in removed
    assert "HTTP 200 OK" in added


def test_wandb_turn_2_adds_the_tool_call_and_its_result() -> None:
    items = recorded(WANDB)
    first = json.loads(items[2]["request"]["body"])["messages"]
    second = json.loads(items[11]["request"]["body"])["messages"]
    assert second[: len(first)] == first and [m["role"] for m in second[len(first) :]] == [
        "assistant",
        "tool",
    ]

    cassette = open_cassette(WANDB)
    assert (cassette.turn(2).turn, cassette.turn(11).turn) == (1, 2)
    request = diff_exchanges(cassette.exchange(2), cassette.exchange(11)).sections[0]
    assert request.removed == 0
    added = [r.right for r in request.rows if r.tag == "insert"]
    assert '"role": "tool"' in [line.strip().rstrip(",") for line in added if line]
    assert any('"tool_call_id": "functions.weather:0"' in line for line in added if line)
    assert any('"name": "weather"' in line for line in added if line)
    # line numbers on the right run on past the insertion
    numbers = [r.right_no for r in request.rows if r.right_no is not None]
    assert numbers == sorted(numbers)


# -- canonical text ------------------------------------------------------------


def test_json_bodies_are_pretty_with_sorted_keys() -> None:
    assert body_lines(b'{"b":1,"a":{"d":2,"c":3}}', None, "application/json") == [
        "{",
        '  "a": {',
        '    "c": 3,',
        '    "d": 2',
        "  },",
        '  "b": 1',
        "}",
    ]


def test_key_order_alone_is_no_difference() -> None:
    left = exchange(b'{"model":"m","temperature":0}')
    right = exchange(b'{"temperature":0,"model":"m"}')
    assert diff_exchanges(left, right).identical


def test_sse_bodies_become_the_list_of_event_data() -> None:
    body = b'data: {"x":1}\n\nevent: ping\ndata: {}\n\ndata: [DONE]\n\n'
    lines = body_lines(body, None, "text/event-stream")
    assert json.loads("\n".join(lines)) == [{"x": 1}, {"event": "ping", "data": {}}, "[DONE]"]


def test_text_and_binary_bodies() -> None:
    assert body_lines(b"hello\nworld", None, "text/plain") == ["hello", "world"]
    assert body_lines(b"\xff\xd8\xff\x00", None, "image/jpeg") == ["<4 bytes of binary image/jpeg>"]
    assert body_lines(b"", None, "") == []


def test_masked_headers_are_shown_masked_and_compared_masked() -> None:
    secret_a = "sk-or-v1-" + "a" * 64
    secret_b = "sk-or-v1-" + "b" * 64
    left = masked_exchange(exchange(headers=(("Authorization", f"Bearer {secret_a}"),)))
    right = masked_exchange(exchange(headers=(("Authorization", f"Bearer {secret_b}"),)))
    lines = request_lines(left.raw)
    assert not any(secret_a in line for line in lines)
    assert any(line.startswith("Authorization: Bearer") and "masked" in line for line in lines)
    # both keys mask to the same text: the requests read as identical
    assert diff_exchanges(left, right).sections[0].identical


def test_secrets_inside_masked_bodies_stay_masked() -> None:
    key = "sk-proj-" + "Z" * 40
    left = masked_exchange(exchange(json.dumps({"api_key": key, "messages": []}).encode()))
    right = masked_exchange(exchange(b'{"messages":[1]}'))
    texts = [t for s in diff_exchanges(left, right).sections for r in s.rows for t in (r.left, r.right) if t]
    assert not any(key in t for t in texts)


def test_unmasked_exchanges_diff_as_recorded() -> None:
    """The diff masks nothing itself (`--no-redact` opens the cassette unmasked)."""
    key = "sk-proj-" + "Z" * 40
    secret = "sk-or-v1-" + "a" * 64
    left = exchange(json.dumps({"api_key": key}).encode(), headers=(("Authorization", f"Bearer {secret}"),))
    right = exchange(b'{"messages":[1]}')
    diff = diff_exchanges(left, right)
    texts = [t for s in diff.sections for r in s.rows for t in (r.left, r.right) if t]
    assert any(key in t for t in texts)
    assert any(t == f"Authorization: Bearer {secret}" for t in texts)


# -- rows, folding and unified form -------------------------------------------------


def test_replace_pairs_lines_side_by_side_and_unified_lists_removals_first() -> None:
    section = diff_lines(["a", "b", "c"], ["a", "B", "X", "c"], "s", context=None)
    assert [(r.tag, r.left_no, r.left, r.right_no, r.right) for r in section.rows] == [
        ("equal", 1, "a", 1, "a"),
        ("replace", 2, "b", 2, "B"),
        ("insert", None, None, 3, "X"),
        ("equal", 3, "c", 4, "c"),
    ]
    assert (section.added, section.removed) == (2, 1)
    assert [(u.sign, u.text) for u in section.unified()] == [
        (" ", "a"),
        ("-", "b"),
        ("+", "B"),
        ("+", "X"),
        (" ", "c"),
    ]


def test_long_unchanged_runs_fold_keeping_context() -> None:
    left = [f"line {i}" for i in range(100)]
    right = list(left)
    right[50] = "changed"
    section = diff_lines(left, right, "s", context=3)
    tags = [r.tag for r in section.rows]
    assert (
        tags
        == ["equal"] * 3 + ["fold"] + ["equal"] * 3 + ["replace"] + ["equal"] * 3 + ["fold"] + ["equal"] * 3
    )
    folds = [r.folded for r in section.rows if r.tag == "fold"]
    assert folds == [44, 43]
    assert sum(folds) + 12 + 1 == 100
    assert len(diff_lines(left, right, "s", context=None).rows) == 100


def test_a_20k_line_diff_stays_fast() -> None:
    messages = [
        {"role": "user", "content": f"message {i}", "meta": {"i": i, "tags": ["a"]}} for i in range(2500)
    ]
    changed = [dict(m) for m in messages]
    for i in range(0, 2500, 60):
        changed[i]["content"] += " (edited)"
    left = exchange(json.dumps({"messages": messages}).encode())
    right = exchange(json.dumps({"messages": changed}).encode())
    assert len(request_lines(left.raw)) > 20_000
    start = time.perf_counter()
    diff = diff_exchanges(left, right)
    elapsed = time.perf_counter() - start
    assert diff.sections[0].added == diff.sections[0].removed == 42
    assert elapsed < 5.0, f"20k-line diff took {elapsed:.1f} s"


def test_sides_past_the_cap_are_cut_and_say_so() -> None:
    big = [str(i) for i in range(MAX_LINES + 10)]
    section = diff_lines(big, big[:5], "s")
    assert section.truncated
    assert section.removed == MAX_LINES - 5


def test_messages_all_edited_in_place_align_line_by_line() -> None:
    """Autojunk ignores `{`/`},` lines in big bodies; equal-length blocks are still paired line by line."""
    before = [{"role": "user", "content": f"question {i}"} for i in range(400)]
    after = [{"role": "user", "content": f"answer {i}"} for i in range(400)]
    left = exchange(json.dumps({"messages": before}).encode())
    right = exchange(json.dumps({"messages": after}).encode())
    request = diff_exchanges(left, right).sections[0]
    assert (request.added, request.removed) == (400, 400)
    changed = [r for r in request.rows if r.tag == "replace"]
    assert all(
        '"content": "question' in (r.left or "") and '"content": "answer' in (r.right or "") for r in changed
    )


def test_small_changed_blocks_are_refined_without_autojunk() -> None:
    filler = [f"unique {i}" for i in range(300)]
    common = ["{", "}"] * 10  # frequent lines: autojunk would treat them as junk
    left = filler + ["a"] + common + ["b"] + filler
    right = filler + ["A"] + common + ["B", "C"] + filler
    section = diff_lines(left, right, "s", context=None)
    assert (section.added, section.removed) == (3, 2)
