"""The comparison engine's verdict on second versions of a seed cassette edited as a re-recording would.

Expected changes are what the edit did (read off `tests/helpers/cassette_edits.py`), not output copied back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cassette_edits import (
    SEED,
    message_added,
    only_volatile_changed,
    retry_inserted,
    seed_text,
    tool_argument_changed,
    write,
)
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.compare import CassetteComparison, compare_cassettes
from tui_replay.analysis.compare_align import pair_block
from tui_replay.analysis.volatile import is_volatile_header, is_volatile_key


def compared(tmp_path: Path, edit: Callable[[str], str]) -> CassetteComparison:
    edited = write(tmp_path, "edited.yaml", edit(seed_text()))
    return compare_cassettes(open_cassette(SEED), open_cassette(edited), "seed", "edited")


def test_a_cassette_is_the_same_as_itself() -> None:
    result = compare_cassettes(open_cassette(SEED), open_cassette(SEED))
    assert not result.differ
    assert [(p.a, p.b, p.status) for p in result.pairs] == [(0, 0, "same"), (1, 1, "same")]


def test_a_changed_tool_argument_is_named_in_the_answer_and_in_the_next_request(tmp_path: Path) -> None:
    result = compared(tmp_path, tool_argument_changed)
    assert result.differ
    assert [p.status for p in result.pairs] == ["changed", "changed"]
    first, second = (p.comparison for p in result.pairs)
    assert first is not None and second is not None
    [answer] = first.changes
    assert (answer.section, answer.before, answer.after) == ("response", "120", "150")
    assert answer.where.endswith("tool call convert_currency arguments.amount")
    [request] = second.changes
    assert (request.section, request.before, request.after) == ("request", "120", "150")
    assert request.where.startswith("message 3 (assistant)")


def test_an_added_message_is_one_change_and_the_other_interaction_stays_same(tmp_path: Path) -> None:
    result = compared(tmp_path, message_added)
    assert [p.status for p in result.pairs] == ["changed", "same"]
    comparison = result.pairs[0].comparison
    assert comparison is not None
    [change] = comparison.changes
    assert (
        change.kind == "added" and change.where == "message 3 (user)" and change.after == "Please be brief."
    )


def test_an_inserted_retry_stands_alone_and_later_pairs_do_not_shift(tmp_path: Path) -> None:
    result = compared(tmp_path, retry_inserted)
    assert result.differ
    assert [(p.a, p.b, p.status) for p in result.pairs] == [
        (None, 0, "only-b"),
        (0, 1, "same"),
        (1, 2, "same"),
    ]
    assert result.pairs[0].label.endswith("→ 500")


def test_only_ids_and_timestamps_changed_is_the_same_and_strict_lists_them(tmp_path: Path) -> None:
    result = compared(tmp_path, only_volatile_changed)
    assert not result.differ
    volatile = [c for p in result.pairs if p.comparison for c in p.comparison.volatile]
    shown = {(c.before, c.after) for c in volatile}
    assert ("chatcmpl-example01", "chatcmpl-rerecorded01") in shown
    assert ("call_example_fx_01", "call_rerecorded_fx_99") in shown
    assert ("1761000100", "1765000200") in shown
    assert ("412", "977") in shown


def test_volatile_names() -> None:
    for key in (
        "id",
        "call_id",
        "created_at",
        "createdAt",
        "thoughtSignature",
        "total_duration",
        "encrypted_content",
    ):
        assert is_volatile_key(key), key
    for key in ("model", "max_tokens", "content", "width", "temperature"):
        assert not is_volatile_key(key), key
    for name in ("Date", "x-request-id", "anthropic-ratelimit-tokens-remaining", "Authorization", "CF-RAY"):
        assert is_volatile_header(name), name
    for name in ("Content-Type", "User-Agent", "X-Stainless-Retry-Count"):
        assert not is_volatile_header(name), name


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # B has an extra interaction in the middle: it stands alone, the neighbours pair up
        ("xy", "xzy", [(0, 0), (None, 1), (1, 2)]),
        # nothing pairs across different letters (score 0): two lone interactions
        ("x", "z", [(0, None), (None, 0)]),
    ],
)
def test_block_pairing_keeps_order_and_only_pairs_what_may_be_the_same_call(
    a: str, b: str, expected: list[tuple[int | None, int | None]]
) -> None:
    pairs = pair_block(0, len(a), 0, len(b), lambda i, j: 1.0 if a[i] == b[j] else 0.0)
    assert pairs == expected


GEMINI = SEED.parent / "gemini_stream.yaml"
"""go-vcr: numbered items (`- id: 0`, `- id: 1`); a question in euros to yen, then the tool result turn."""


def test_go_vcr_renumbering_after_an_insert_keeps_equal_items_undecoded(tmp_path: Path) -> None:
    text = GEMINI.read_text(encoding="utf-8")
    head, first_start, rest = text.partition("  - id: 0\n")
    first, second_start, second = rest.partition("  - id: 1\n")
    inserted = first.replace("How much is 250 euros in Japanese yen?", "How much is 250 euros in pounds?")
    assert inserted != first
    edited = head + first_start + first + "  - id: 1\n" + inserted + "  - id: 2\n" + second
    path = tmp_path / "gemini_edited.yaml"
    path.write_text(edited, encoding="utf-8")
    result = compare_cassettes(open_cassette(GEMINI), open_cassette(path))
    assert [(p.a, p.b, p.status) for p in result.pairs] == [
        (0, 0, "same"),
        (None, 1, "only-b"),
        (1, 2, "same"),
    ]
    # byte-equal items (ids aside) are never decoded: they carry no label
    assert [p.label for p in result.pairs if p.status == "same"] == ["", ""]


def test_a_burst_of_lone_retries_is_one_row_in_the_report() -> None:
    from tui_replay.analysis.compare_report import render_markdown, render_text

    wandb = open_cassette(SEED.parent / "openrouter_kimi_tool_wandb.yaml")  # 429s around two answers
    together = open_cassette(SEED.parent / "openrouter_kimi_tool_together.yaml")  # the two answers only
    result = compare_cassettes(wandb, together)
    assert result.count("only-a") == 10 and result.count("changed") == 2
    text = render_text(result)
    assert "A#3–A#10 (8)  only in A  POST /api/v1/chat/completions · moonshotai/kimi-k2-0905 → 429" in text
    assert "A#4" not in text
    assert "**A#3–A#10 (8)** only in A" in render_markdown(result)


def test_a_tool_argument_named_like_an_id_is_a_real_change(tmp_path: Path) -> None:
    # `user_id` in a request's metadata is per-run noise, but as a tool argument it is what was asked
    text = seed_text().replace('\\"amount\\":120', '\\"account_id\\":\\"A-1\\",\\"amount\\":120')
    edited = text.replace('\\"account_id\\":\\"A-1\\"', '\\"account_id\\":\\"B-2\\"')
    assert text != seed_text() and edited != text
    before, after = write(tmp_path, "before.yaml", text), write(tmp_path, "after.yaml", edited)
    result = compare_cassettes(open_cassette(before), open_cassette(after))
    assert result.differ
    comparison = result.pairs[0].comparison
    assert comparison is not None
    assert [(c.before, c.after) for c in comparison.changes] == [("A-1", "B-2")]


def test_a_field_no_dialect_decodes_still_makes_the_pair_differ(tmp_path: Path) -> None:
    # nothing a provider sent disappears: `route_hint` has no place in the model, so the body speaks
    fingerprint = '"system_fingerprint":"fp_example"}'
    edited = seed_text().replace(fingerprint, '"route_hint":"eu",' + fingerprint, 1)
    assert edited != seed_text()
    result = compare_cassettes(open_cassette(SEED), open_cassette(write(tmp_path, "hint.yaml", edited)))
    assert [p.status for p in result.pairs] == ["changed", "same"]
    comparison = result.pairs[0].comparison
    assert comparison is not None
    assert [(c.where, c.kind, c.after) for c in comparison.changes] == [("body.route_hint", "added", "eu")]


def test_a_changed_service_tier_is_named(tmp_path: Path) -> None:
    fingerprint = '"system_fingerprint":"fp_example"}'
    edited = seed_text().replace(fingerprint, '"service_tier":"flex",' + fingerprint, 1)
    result = compare_cassettes(open_cassette(SEED), open_cassette(write(tmp_path, "tier.yaml", edited)))
    comparison = result.pairs[0].comparison
    assert comparison is not None
    assert [(c.where, c.kind, c.after) for c in comparison.changes] == [("service tier", "added", "flex")]


def test_a_stream_event_no_dialect_decodes_still_makes_the_pair_differ(tmp_path: Path) -> None:
    stream = SEED.parent / "anthropic_thinking_tool_stream.yaml"
    text = stream.read_text(encoding="utf-8")
    edited = text.replace('data: {"type":"ping"}', 'data: {"type":"ping","region":"eu"}', 1)
    assert edited != text
    result = compare_cassettes(open_cassette(stream), open_cassette(write(tmp_path, "ping.yaml", edited)))
    assert [p.status for p in result.pairs] == ["changed", "same"]
    comparison = result.pairs[0].comparison
    assert comparison is not None
    [change] = comparison.changes
    assert change.section == "response" and change.where.endswith(".region") and change.after == "eu"
