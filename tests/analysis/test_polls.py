"""Polls (background responses, long-running operations, batches) join the turn that
started them, and the turn's answer is the last poll's.

No cassette in `../shared` holds a poll (grep for `background`, `/operations/`, `batches`
finds none), so these cassettes are built (`tests.helpers.poll_cassettes`).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.poll_cassettes import (
    ANTHROPIC,
    BACKGROUND_POST,
    GEMINI,
    OPENAI,
    POLL_DONE,
    background,
    cassette,
    chat,
    interaction,
    response_object,
)
from tui_replay.analysis.captions import caption
from tui_replay.analysis.polls import might_be_poll, names_target, poll_target
from tui_replay.model import RawInteraction, TextPart, TurnInfo


def test_background_polls_join_the_turn_that_started_them(tmp_path: Path) -> None:
    c = background(tmp_path)
    turns = [c.turn(i) for i in range(len(c))]
    assert [t.turn for t in turns] == [1, 2, 2, 2, 2, 3]
    assert [(t.poll, t.polls, t.polls_for) for t in turns] == [
        (0, 0, None),
        (0, 3, None),
        (1, 3, 1),
        (2, 3, 1),
        (3, 3, 1),
        (0, 0, None),
    ]
    # a poll is no retry: every interaction is the one attempt of its request
    assert {(t.attempt, t.attempts) for t in turns} == {(1, 1)}
    assert [t.label for t in turns[1:5]] == [
        "turn 2 · attempt 1/1",
        "turn 2 · poll 1/3",
        "turn 2 · poll 2/3",
        "turn 2 · poll 3/3",
    ]
    assert c.turn_index.turn_count() == 3


def test_the_last_poll_carries_the_answer(tmp_path: Path) -> None:
    c = background(tmp_path)
    done = c.exchange(4)
    assert done.dialect == "openai-responses"
    assert done.response.message is not None
    assert [p.text for p in done.response.message.parts if isinstance(p, TextPart)] == ["The essay."]
    assert done.response.finish_reason == "completed"


def test_queued_post_and_pending_polls_are_no_empty_turn(tmp_path: Path) -> None:
    c = background(tmp_path)
    codes = {(p.interaction, p.code) for p in c.problems()}
    assert not {code for _, code in codes if code == "empty-turn"}, codes


def test_a_completed_response_without_output_is_still_an_empty_turn(tmp_path: Path) -> None:
    empty = interaction("GET", f"{OPENAI}/responses/resp_bg1", None, response_object("completed"))
    c = cassette(tmp_path, BACKGROUND_POST, empty)
    assert ("empty-turn", 1) in {(p.code, p.interaction) for p in c.problems()}


def test_a_poll_after_an_unrelated_request_starts_its_own_turn(tmp_path: Path) -> None:
    c = cassette(tmp_path, BACKGROUND_POST, chat("other"), POLL_DONE)
    assert [c.turn(i).turn for i in range(3)] == [1, 2, 3]
    assert c.turn(2).poll == 0


def test_a_failed_poll_retried_counts_as_a_poll_and_an_attempt(tmp_path: Path) -> None:
    failed = interaction("GET", f"{OPENAI}/responses/resp_bg1", None, {"error": {"message": "boom"}}, 500)
    c = cassette(tmp_path, BACKGROUND_POST, failed, POLL_DONE)
    assert [c.turn(i).turn for i in range(3)] == [1, 1, 1]
    last = c.turn(2)
    assert (last.poll, last.polls, last.polls_for, last.attempt, last.attempts) == (2, 2, 0, 2, 2)


def test_gemini_operation_polls(tmp_path: Path) -> None:
    name = "models/veo-3.0-generate-preview/operations/op123"
    start = interaction(
        "POST",
        f"{GEMINI}/models/veo-3.0-generate-preview:predictLongRunning",
        {"instances": [{"prompt": "a cat"}]},
        {"name": name},
    )
    running = interaction("GET", f"{GEMINI}/{name}", None, {"name": name})
    done = interaction(
        "GET",
        f"{GEMINI}/{name}",
        None,
        {"name": name, "done": True, "response": {"generateVideoResponse": {"generatedSamples": []}}},
    )
    c = cassette(tmp_path, start, running, done)
    assert [(c.turn(i).turn, c.turn(i).poll, c.turn(i).polls) for i in range(3)] == [
        (1, 0, 2),
        (1, 1, 2),
        (1, 2, 2),
    ]


def test_anthropic_batch_polls_and_results(tmp_path: Path) -> None:
    batch = f"{ANTHROPIC}/messages/batches/msgbatch_01"
    start = interaction(
        "POST",
        f"{ANTHROPIC}/messages/batches",
        {"requests": [{"custom_id": "a", "params": {"model": "claude", "max_tokens": 10, "messages": []}}]},
        {"id": "msgbatch_01", "type": "message_batch", "processing_status": "in_progress"},
    )
    polled = interaction(
        "GET",
        batch,
        None,
        {"id": "msgbatch_01", "processing_status": "ended", "results_url": f"{batch}/results"},
    )
    results = interaction(
        "GET", f"{batch}/results", None, {"custom_id": "a", "result": {"type": "succeeded"}}
    )
    c = cassette(tmp_path, start, polled, results)
    assert [(c.turn(i).turn, c.turn(i).poll) for i in range(3)] == [(1, 0), (1, 1), (1, 2)]


def test_openai_batch_poll(tmp_path: Path) -> None:
    start = interaction(
        "POST", f"{OPENAI}/batches", {"input_file_id": "file-1"}, {"id": "batch_9", "status": "validating"}
    )
    polled = interaction("GET", f"{OPENAI}/batches/batch_9", None, {"id": "batch_9", "status": "completed"})
    c = cassette(tmp_path, start, polled)
    assert c.turn(1).polls_for == 0


def raw(method: str, url: str, answer: bytes = b"{}") -> RawInteraction:
    return RawInteraction(0, method, url, (), b"", 200, "", (), answer, None)


def test_poll_target_reads_the_path_only() -> None:
    assert poll_target(raw("GET", f"{OPENAI}/responses/resp_1?stream=true&starting_after=3")) == "resp_1"
    assert poll_target(raw("GET", f"{OPENAI}/responses/resp_1/input_items")) is None
    assert poll_target(raw("POST", f"{OPENAI}/responses/resp_1")) is None
    assert poll_target(raw("GET", f"{OPENAI}/responses")) is None
    assert poll_target(raw("GET", f"{OPENAI}/batches")) is None
    assert poll_target(raw("GET", f"{ANTHROPIC}/messages/batches/msgbatch_1/results")) == "msgbatch_1"


def test_names_target_wants_the_whole_id() -> None:
    assert names_target(raw("POST", "u", b'{"id":"resp_1"}'), "resp_1")
    assert names_target(raw("POST", "u", b'{"name":"models/m/operations/op1"}'), "op1")
    assert not names_target(raw("POST", "u", b'{"id":"resp_12"}'), "resp_1")
    assert not names_target(raw("POST", "u", b'{"id":"xresp_1"}'), "resp_1")


def test_might_be_poll_skips_only_what_holds_no_poll_path() -> None:
    assert might_be_poll(None)
    assert might_be_poll(b"method: GET\nuri: https://x/v1/responses/resp_1")
    assert not might_be_poll(b"method: POST\nuri: https://x/v1/responses")


def test_captions_say_what_is_polled(tmp_path: Path) -> None:
    c = background(tmp_path)
    assert caption(c, 1) == "The user asks “write a long essay”; the response is queued"
    assert caption(c, 3) == "Poll 2 of 3 for what step 2 started; the response is in progress"
    assert caption(c, 4) == "Poll 3 of 3 for what step 2 started; the model answers “The essay.”"


def test_peek_knows_a_poll_of_the_first_turn_without_a_scan(tmp_path: Path) -> None:
    c = cassette(tmp_path, BACKGROUND_POST, POLL_DONE)
    assert c.turn_if_known(1) == TurnInfo(1, 1, 1, poll=1, polls=1, polls_for=0)
