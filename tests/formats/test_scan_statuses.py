"""The browser's quick scan counts errors from HTTP statuses only, as each recorder writes them,
and agrees with the loaded cassette (responses with a status >= 400)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.paths import CORPUS, CORPUS_NEW, corpus_file
from tui_replay.formats import scan
from tui_replay.formats.errors import CassetteError
from tui_replay.formats.load import load_cassette
from tui_replay.formats.scan import iter_cassette_files

OPENROUTER_ERRORS = "vcrpy/pydantic-ai/models/cassettes/test_openrouter/test_openrouter_errors_raised.yaml"
CHUNKS = [1, 7, 16, 64, 1 << 20]
"""Block sizes that put a `status:` line and its `code:` line in different chunks."""


def _loaded_errors(path: Path) -> int:
    return sum(1 for raw in load_cassette(path) if (raw.status or 0) >= 400)


# pydantic-ai's serializer records a JSON body as YAML (`parsed_body`): its error holds `code:`
# and `status:` lines that are no HTTP status.
PARSED_BODY_ERRORS = """\
interactions:
- request:
    headers:
      content-type:
      - application/json
    method: POST
    parsed_body:
      model: google/gemini-2.0-flash-exp:free
    uri: https://openrouter.ai/api/v1/chat/completions
  response:
    headers:
      content-type:
      - application/json
    parsed_body:
      error:
        code: 429
        message: Provider returned error
    status:
      code: 429
      message: Too Many Requests
- request:
    method: POST
    parsed_body:
      model: x
    uri: https://openrouter.ai/api/v1/chat/completions
  response:
    parsed_body:
      code: 500
      status: 400
      detail:
        status:
          code: 503
    status:
      code: 200
      message: OK
version: 1
"""


@pytest.mark.parametrize("chunk", CHUNKS)
def test_a_code_inside_a_body_recorded_as_yaml_is_no_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    path = tmp_path / "parsed_body.yaml"
    path.write_text(PARSED_BODY_ERRORS)
    monkeypatch.setattr(scan, "SUMMARY_CHUNK", chunk)
    summary = scan.quick_summary(path)
    assert summary is not None
    assert (summary.interactions, summary.errors) == (2, 1) == (2, _loaded_errors(path))


def test_the_openrouter_errors_file_lists_as_many_errors_as_it_has() -> None:
    # the file a new user saw listed as "3× 6 err" while its preview said "errors 3"
    path = corpus_file(
        "vcrpy/pydantic-ai/models/cassettes/test_openrouter/test_openrouter_errors_raised.yaml"
    )
    summary = scan.quick_summary(path)
    assert summary is not None
    assert (summary.interactions, summary.errors) == (3, 3) == (3, _loaded_errors(path))


GOVCR_V1 = """\
version: 1
interactions:
- request:
    body: ""
    url: https://api.openai.com/v1/chat/completions
    method: POST
  response:
    body: |
      status: 500
      code: 500
    headers: {}
    status: 404 Not Found
    code: 404
    duration: 1ms
- request:
    url: https://api.openai.com/v1/chat/completions
    method: POST
  response:
    body: '{"error": {"code": 429}}'
    status: 200 OK
    code: 200
"""
GOVCR_V2 = """\
---
version: 2
interactions:
    - id: 0
      request:
        url: https://api.openai.com/v1/chat/completions
        method: POST
      response:
        body: |-
          code: 500
        status: 503 Service Unavailable
        code: 503
        duration: 1ms
    - id: 1
      request:
        url: https://api.openai.com/v1/chat/completions
        method: POST
      response:
        status: 429 Too Many Requests
    - id: 2
      request:
        url: https://api.openai.com/v1/chat/completions
        method: POST
      response:
        code: 500
"""
RUBY_VCR = """\
---
http_interactions:
- request:
    method: post
    uri: https://api.anthropic.com/v1/messages
    body:
      encoding: UTF-8
      string: '{"model":"claude"}'
    headers: {}
  response:
    status:
      code: 401
      message: Unauthorized
    headers: {}
    body:
      encoding: UTF-8
      string: '{"type":"error"}'
  recorded_at: Mon, 01 Jan 2024 00:00:00 GMT
- request:
    method: post
    uri: https://api.anthropic.com/v1/messages
    body: {encoding: UTF-8, string: ''}
    headers: {}
  response:
    status: {code: 502, message: Bad Gateway}
    headers: {}
    body: {encoding: UTF-8, string: ''}
- request:
    method: post
    uri: https://api.anthropic.com/v1/messages
    body: {encoding: UTF-8, string: ''}
    headers: {}
  response:
    status: 200
    headers: {}
    body: {encoding: UTF-8, string: ''}
recorded_with: VCR 6.2.0
"""
HAR = """\
{"log": {"version": "1.2", "entries": [
  {"request": {"method": "POST", "url": "https://api.openai.com/v1/responses", "headers": []},
   "response": {"status": 500, "statusText": "x", "headers": [],
                "content": {"text": "{\\"status\\": 404, \\"code\\": 404}"}}},
  {"request": {"method": "POST", "url": "https://api.openai.com/v1/responses", "headers": []},
   "response": {"status": 200, "statusText": "OK", "headers": [], "content": {"text": ""}}}
]}}
"""
VCRPY_JSON = """\
{"interactions": [
  {"request": {"method": "POST", "uri": "https://api.openai.com/v1/responses", "body": null,
               "headers": {}},
   "response": {"status": {
                  "code": 429, "message": "Too Many Requests"},
                "headers": {}, "body": {"string": "{\\"error\\": {\\"code\\": 500}}"}}}
], "version": 1}
"""


@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize(
    "name,text,errors",
    [
        pytest.param(name, text, errors, id=name)
        for name, text, errors in [
            ("govcr_v1.yaml", GOVCR_V1, 1),
            ("govcr_v2.yaml", GOVCR_V2, 3),
            ("ruby.yml", RUBY_VCR, 2),
            ("parsed_body.yaml", PARSED_BODY_ERRORS, 1),
            ("entries.har", HAR, 1),
            ("vcrpy.json", VCRPY_JSON, 1),
        ]
    ],
)
def test_each_recorders_status_is_counted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, errors: int, chunk: int
) -> None:
    path = tmp_path / name
    path.write_text(text)
    monkeypatch.setattr(scan, "SUMMARY_CHUNK", chunk)
    summary = scan.quick_summary(path)
    assert summary is not None and summary.error is None
    assert summary.errors == errors == _loaded_errors(path)


@pytest.mark.parametrize("root", [CORPUS, CORPUS_NEW], ids=["corpus", "corpus-new"])
def test_every_shared_file_lists_the_errors_it_has(root: Path) -> None:
    if not root.is_dir():
        pytest.skip(f"{root} is not present")
    wrong = []
    for path in iter_cassette_files([root]):
        summary = scan.quick_summary(path)
        assert summary is not None
        try:
            errors = _loaded_errors(path)
        except CassetteError:
            continue  # an unreadable file lists its reason, not counts (test_scan.py)
        if summary.errors != errors:
            wrong.append(f"{path.relative_to(root)}: listed {summary.errors} errors, has {errors}")
    assert not wrong, "\n".join(wrong)
