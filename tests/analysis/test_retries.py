"""Identical retries: one failed request repeated, grouped for the exports."""

from __future__ import annotations

from pathlib import Path

from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.retries import grouped_problems, identical_retries, same_failed_request

ROOT = Path(__file__).resolve().parents[2]
WANDB = ROOT / "cassettes" / "openrouter_kimi_tool_wandb.yaml"
RATE_LIMITED = "is temporarily rate-limited upstream"
URI = "url: https://openrouter.ai/api/v1/chat/completions\n"


def nth_replaced(text: str, old: str, new: str, n: int) -> str:
    """`text` with the `n`th (0-based) occurrence of `old` replaced."""
    at = -1
    for _ in range(n + 1):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old) :]


def statuses() -> list[int]:
    cassette = open_cassette(WANDB)
    return [cassette.exchange(i).raw.status or 0 for i in range(len(cassette))]


def test_the_wandb_retries_are_two_runs_of_the_same_429() -> None:
    cassette = open_cassette(WANDB)
    codes = statuses()
    runs = identical_retries(cassette, range(len(cassette)))
    # Read off the cassette: each run is the 429s before a 200.
    first_ok = codes.index(200)
    assert [run.indices for run in runs] == [
        tuple(range(first_ok)),
        tuple(range(first_ok + 1, len(codes) - 1)),
    ]
    assert all(codes[i] == 429 for run in runs for i in run.indices)
    last = runs[-1]
    assert (
        last.summary()
        == f"attempts 1–{len(last.indices)} of {len(last.indices) + 1}: 429 Too Many Requests, same request"
    )
    assert last.provider == "WandB" and last.message and RATE_LIMITED in last.message


def test_a_different_error_in_the_middle_splits_the_run(tmp_path: Path) -> None:
    text = WANDB.read_text(encoding="utf-8")
    assert text.count(RATE_LIMITED) == 10
    # The 6th failure (interaction 6: turn 2, attempt 4) says something else.
    edited = tmp_path / "edited.yaml"
    edited.write_text(nth_replaced(text, RATE_LIMITED, "is overloaded", 5), encoding="utf-8")
    cassette = open_cassette(edited)
    runs = identical_retries(cassette, range(len(cassette)))
    assert [run.indices for run in runs] == [(0, 1), (3, 4, 5), (7, 8, 9, 10)]
    assert [(r.first_attempt, r.last_attempt) for r in runs[1:]] == [(1, 3), (5, 8)]


def test_a_volatile_query_parameter_still_counts_as_the_same_request(tmp_path: Path) -> None:
    text = WANDB.read_text(encoding="utf-8")
    assert text.count(URI) == 12
    for n, nonce in ((4, "abc"), (5, "def")):  # interactions 4 and 5 each with their own request id
        text = nth_replaced(text, URI, URI[:-1] + f"?request_id={nonce}\n", n)
    edited = tmp_path / "edited.yaml"
    edited.write_text(text, encoding="utf-8")
    cassette = open_cassette(edited)
    assert cassette.exchange(4).raw.url != cassette.exchange(5).raw.url
    runs = identical_retries(cassette, range(len(cassette)))
    assert [run.indices for run in runs] == [(0, 1), tuple(range(3, 11))]


def test_a_changed_request_is_not_the_same_request(tmp_path: Path) -> None:
    text = WANDB.read_text(encoding="utf-8")
    edited = tmp_path / "edited.yaml"
    # interaction 5 asks for fewer tokens: a different request, though it failed the same way
    edited.write_text(nth_replaced(text, '"max_tokens":4000', '"max_tokens":3000', 5), encoding="utf-8")
    cassette = open_cassette(edited)
    four, five, six = (cassette.exchange(i) for i in (4, 5, 6))
    assert four.raw.status == five.raw.status == six.raw.status == 429
    assert same_failed_request(four, six)
    assert not same_failed_request(four, five) and not same_failed_request(five, six)
    assert all(5 not in run.indices for run in identical_retries(cassette, range(len(cassette))))


def test_successes_and_gaps_end_a_run() -> None:
    cassette = open_cassette(WANDB)
    assert identical_retries(cassette, [3, 4, 6, 7]) == identical_retries(
        cassette, [3, 4]
    ) + identical_retries(cassette, [6, 7])
    assert identical_retries(cassette, [1, 2, 3]) == []  # a 429, the 200, a 429 of the next turn


def test_the_same_problem_on_every_attempt_of_a_run_is_listed_once() -> None:
    cassette = open_cassette(WANDB)
    runs = identical_retries(cassette, range(len(cassette)))
    grouped = grouped_problems(cassette.problems(), runs)
    http_errors = [g for g in grouped if g.problem.code == "http-error"]
    assert [g.where() for g in http_errors] == ["interactions 0–1", "interactions 3–10"]
    # Without runs nothing is merged: one line per failed interaction.
    assert len([g for g in grouped_problems(cassette.problems(), []) if g.problem.code == "http-error"]) == 10
