"""Retries grouped into turns: the seeds as read by hand, and small built cases for each rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.paths import CASSETTES, CORPUS, corpus_file, corpus_files
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.turns import TurnIndex, canonical_url, same_request
from tui_replay.dialects import plain_http
from tui_replay.model import ApiError, Exchange, RawInteraction, TurnInfo

URL = "https://api.example.com/v1/chat/completions"
PYDANTIC_AI = "vcrpy/pydantic-ai/models/cassettes"  # under the corpus


def raw(
    index: int,
    body: object,
    status: int | None = 200,
    *,
    url: str = URL,
    response: bytes = b"{}",
) -> RawInteraction:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return RawInteraction(
        index=index,
        method="POST",
        url=url,
        request_headers=(("x-stainless-retry-count", str(index)),),
        request_body=data,
        status=status,
        status_text="",
        response_headers=(),
        response_body=response,
        duration_ms=None,
    )


class Recorder:
    """Serves built interactions and counts what the index asks for."""

    def __init__(self, raws: list[RawInteraction], errors: frozenset[int] = frozenset()) -> None:
        self.raws = raws
        self.errors = errors
        self.raw_calls: list[int] = []
        self.decoded: list[int] = []

    def raw(self, i: int) -> RawInteraction:
        self.raw_calls.append(i)
        return self.raws[i]

    def exchange(self, i: int) -> Exchange:
        self.decoded.append(i)
        ex = plain_http.decode(self.raws[i])
        if i in self.errors:
            from dataclasses import replace

            error = ApiError(200, "server_error", "stream ended with an error event")
            return replace(ex, response=replace(ex.response, error=error))
        return ex

    def index(self) -> TurnIndex:
        return TurnIndex(lambda i: 0 <= i < len(self.raws), self.raw, self.exchange)


def infos(index: TurnIndex) -> list[tuple[int, int, int]]:
    found = []
    while True:
        try:
            info = index.info(len(found))
        except IndexError:
            return found
        found.append((info.turn, info.attempt, info.attempts))


# --- the seeds, as read from their statuses and bodies -----------------------------------

SEED_TURNS = {
    # 429, 200 (same body), then a new request carrying the tool results
    "openrouter_kimi_multi_tool.yaml": [(1, 1, 2), (1, 2, 2), (2, 1, 1)],
    # two streamed turns, no failure
    "openrouter_kimi_multi_tool_streaming.yaml": [(1, 1, 1), (2, 1, 1)],
    # 200, then 429 and its retry with the same body
    "openrouter_kimi_tool_siliconflow.yaml": [(1, 1, 1), (2, 1, 2), (2, 2, 2)],
    "openrouter_kimi_tool_together.yaml": [(1, 1, 1), (2, 1, 1)],
    # 429, 429, 200; then eight 429s and a 200 for the tool-result request
    "openrouter_kimi_tool_wandb.yaml": [(1, a, 3) for a in (1, 2, 3)] + [(2, a, 9) for a in range(1, 10)],
}


# the project's own examples: a 500 and its retry of the same body are one turn of two attempts
BUNDLED_TURNS = {
    "anthropic_500_retry.yaml": [(1, 1, 2), (1, 2, 2)],
    "openai_responses_function_call_stream.yaml": [(1, 1, 1), (2, 1, 1)],
    "vcrpy_openai_chat.yaml": [(1, 1, 1), (2, 1, 1)],
}
SEED_TURNS.update(BUNDLED_TURNS)


@pytest.mark.parametrize("name", sorted(SEED_TURNS))
def test_seed_turns(name: str) -> None:
    cassette = open_cassette(CASSETTES / name)
    got = [(t.turn, t.attempt, t.attempts) for t in (cassette.turn(i) for i in range(len(cassette)))]
    assert got == SEED_TURNS[name]


def test_wandb_is_two_turns_of_3_and_9_attempts() -> None:
    cassette = open_cassette(CASSETTES / "openrouter_kimi_tool_wandb.yaml")
    assert len(cassette) == 12
    assert cassette.turn(2) == TurnInfo(1, 3, 3)
    assert cassette.turn(3) == TurnInfo(2, 1, 9)
    assert cassette.turn(11) == TurnInfo(2, 9, 9)
    assert cassette.turn_index.turn_count() == 2


def test_corpus_retry_storm_is_one_turn() -> None:
    # pydantic-ai's OpenRouter test: three 429 answers to one request body.
    path = corpus_file(f"{PYDANTIC_AI}/test_openrouter/test_openrouter_errors_raised.yaml")
    cassette = open_cassette(path)
    assert [cassette.turn(i) for i in range(len(cassette))] == [TurnInfo(1, a, 3) for a in (1, 2, 3)]


def test_corpus_changed_request_after_error_is_a_new_turn() -> None:
    # Groq answers 400 tool_use_failed; pydantic-ai sends a new request with the model's
    # output and a correction, which is a new turn, not a retry.
    path = corpus_file(f"{PYDANTIC_AI}/test_groq/test_tool_use_failed_error_with_text.yaml")
    cassette = open_cassette(path)
    assert cassette.turn(0) == TurnInfo(1, 1, 1)
    assert cassette.turn(1) == TurnInfo(2, 1, 1)


# --- rules, one built case each -----------------------------------------------------------


def test_same_request_after_success_is_a_new_turn() -> None:
    rec = Recorder([raw(0, {"m": 1}), raw(1, {"m": 1})])
    assert infos(rec.index()) == [(1, 1, 1), (2, 1, 1)]


@pytest.mark.parametrize("status", [400, 429, 500, 529])
def test_same_request_after_http_error_is_another_attempt(status: int) -> None:
    rec = Recorder([raw(0, {"m": 1}, status), raw(1, {"m": 1})])
    assert infos(rec.index()) == [(1, 1, 2), (1, 2, 2)]


def test_different_request_after_error_is_a_new_turn() -> None:
    rec = Recorder([raw(0, {"m": 1}, 500), raw(1, {"m": 2})])
    assert infos(rec.index()) == [(1, 1, 1), (2, 1, 1)]


def test_reserialised_json_counts_as_the_same_request() -> None:
    first = b'{"model": "x", "messages": []}'
    second = b'{"messages":[],"model":"x"}'
    rec = Recorder([raw(0, first, 503), raw(1, second)])
    assert infos(rec.index()) == [(1, 1, 2), (1, 2, 2)]


def test_headers_are_ignored_but_volatile_query_parameters_too() -> None:
    a = raw(0, {"m": 1}, 429, url=URL + "?api-version=1&_=111")
    b = raw(1, {"m": 1}, url=URL + "?_=222&api-version=1")
    assert a.request_headers != b.request_headers
    assert same_request(a, b)
    c = raw(2, {"m": 1}, url=URL + "?api-version=2")
    assert not same_request(b, c)
    assert canonical_url(URL) == URL


def test_different_method_or_path_is_not_the_same_request() -> None:
    a = raw(0, {"m": 1}, 500)
    assert not same_request(a, raw(1, {"m": 1}, url=URL.replace("chat/completions", "responses")))


def test_error_inside_a_2xx_response_makes_the_repeat_an_attempt() -> None:
    rec = Recorder([raw(0, {"m": 1}), raw(1, {"m": 1}), raw(2, {"m": 1})], errors=frozenset({0}))
    assert infos(rec.index()) == [(1, 1, 2), (1, 2, 2), (2, 1, 1)]
    # decoded only to look for the hidden error: repeats after a 2xx, never the 429s or changes
    assert sorted(set(rec.decoded)) == [0, 1]


def test_missing_response_counts_as_failed() -> None:
    rec = Recorder([raw(0, {"m": 1}, None, response=b""), raw(1, {"m": 1})])
    assert infos(rec.index()) == [(1, 1, 2), (1, 2, 2)]


def test_turns_after_a_retry_storm_keep_counting() -> None:
    raws = [raw(0, {"m": 1})] + [raw(i, {"m": 2}, 429) for i in range(1, 4)]
    raws += [raw(4, {"m": 2}), raw(5, {"m": 3})]
    assert infos(Recorder(raws).index()) == [(1, 1, 1), (2, 1, 4), (2, 2, 4), (2, 3, 4), (2, 4, 4), (3, 1, 1)]


def test_empty_cassette() -> None:
    index = Recorder([]).index()
    assert index.scan()
    assert index.turn_count() == 0
    with pytest.raises(IndexError):
        index.info(0)


# --- laziness: the last interaction of a long cassette ------------------------------------


def long_cassette(n: int) -> Recorder:
    # every 10th request fails once and is retried
    raws: list[RawInteraction] = []
    turn = 0
    while len(raws) < n:
        if turn % 10 == 0:
            raws.append(raw(len(raws), {"turn": turn}, 429))
        if len(raws) < n:
            raws.append(raw(len(raws), {"turn": turn}))
        turn += 1
    return Recorder(raws)


def test_attempt_of_the_last_interaction_reads_only_its_neighbours() -> None:
    rec = long_cassette(5000)
    index = rec.index()
    assert index.attempt(4999) == (1, 1)
    assert set(rec.raw_calls) <= {4997, 4998, 4999}
    assert index.peek(4999) is None  # the turn number is not known yet
    assert rec.decoded == []


def test_peek_is_known_at_the_start_and_after_a_scan() -> None:
    rec = long_cassette(5000)
    index = rec.index()
    assert index.peek(1) == TurnInfo(1, 2, 2)
    assert len(set(rec.raw_calls)) <= 3
    cancelled = iter([False] * 100 + [True])
    assert not index.scan(lambda: next(cancelled))  # a worker can stop half way
    assert index.scan()
    # turns 0..4544 of the generator, every 10th (455 of them) with a 429 first: 4545 + 455 = 5000
    assert index.turn_count() == 4545
    assert index.peek(4999) == TurnInfo(4545, 1, 1)
    assert index.info(4998) == TurnInfo(4544, 1, 1)
    # generator turn 4540 (the 4541st) is the last with a retry: interactions 4994 (429) and 4995
    assert index.info(4994) == TurnInfo(4541, 1, 2)
    assert index.info(4995) == TurnInfo(4541, 2, 2)


def test_corpus_turns_are_consistent(corpus_dir: Path) -> None:
    """Every turn numbers its attempts 1..n without gaps, and turns count up by one."""

    checked = 0
    for path in corpus_files():
        cassette = open_cassette(path)
        previous: TurnInfo | None = None
        for i in range(len(cassette)):
            info = cassette.turn(i)
            if previous is None:
                assert info.turn == 1 and info.attempt == 1, (path, i)
            elif previous.attempt < previous.attempts:
                assert info == TurnInfo(previous.turn, previous.attempt + 1, previous.attempts), (path, i)
            else:
                assert (info.turn, info.attempt) == (previous.turn + 1, 1), (path, i)
            previous = info
            checked += 1
    assert checked > 700  # 722 interactions in 475 files
    assert CORPUS.is_dir()
