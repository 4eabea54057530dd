"""Bad input: every failure is a CassetteError naming the file, the place and what was expected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_replay.formats.load import load_cassette
from tui_replay.model import CassetteError

GO_VCR_ITEM = "version: 2\ninteractions:\n  - id: 0\n    request:\n      method: GET\n      url: http://x\n"


def _error(path: Path) -> CassetteError:
    """The CassetteError that loading and reading every interaction raises."""
    with pytest.raises(CassetteError) as info:
        load_cassette(path).validate()
    assert str(info.value).startswith(str(path))
    return info.value


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_empty_file(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "empty.yaml", ""))
    assert "the file is empty" in error.message and "`interactions:`" in error.message


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert "empty" in _error(_write(tmp_path, "blank.yaml", "\n  \n")).message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "cannot read" in _error(tmp_path / "absent.yaml").message
    assert "directory" in _error(tmp_path).message


def test_truncated_file_names_the_last_interaction(tmp_path: Path, seeds_dir: Path) -> None:
    data = (seeds_dir / "openrouter_kimi_tool_wandb.yaml").read_bytes()
    path = _write(tmp_path, "truncated.yaml", data[:5000])  # inside interaction 2's quoted body
    file = load_cassette(path)
    assert file.raw(0).status == 429  # what was recorded before the cut still reads
    error = _error(path)
    assert error.interaction == 2
    assert error.line == data[:5000].count(b"\n") + 1  # the stream ends on the last line
    assert "unexpected end of stream" in error.message


def test_broken_indentation_has_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "indent.yaml", GO_VCR_ITEM.replace("      url:", "     url:") + "    response:\n")
    error = _error(path)
    assert (error.line, error.interaction) == (6, 0)
    assert error.column is not None
    assert f"{path}:6:" in str(error) and "invalid YAML" in str(error)


def test_byte_flip_to_non_utf8(tmp_path: Path, seeds_dir: Path) -> None:
    data = bytearray((seeds_dir / "openrouter_kimi_tool_wandb.yaml").read_bytes())
    data[900] = 0xFF
    error = _error(_write(tmp_path, "flip.yaml", bytes(data)))
    assert error.line == data[:900].count(b"\n") + 1
    assert error.column == 900 - data[:900].rfind(b"\n")
    assert "not UTF-8 text" in error.message and "0xff" in error.message


def test_binary_file(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert error.line is not None and "text" in error.message


def test_yaml_that_is_not_a_cassette(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "config.yaml", "name: app\nreplicas: 3\n"))
    assert "not a cassette" in error.message
    assert "`http_interactions:` (Ruby VCR)" in error.message and "`name`, `replicas`" in error.message


def test_a_plain_list_is_not_a_cassette(tmp_path: Path) -> None:
    assert "found a list" in _error(_write(tmp_path, "list.yaml", "- 1\n- 2\n")).message


def test_interactions_not_a_list(tmp_path: Path) -> None:
    assert "`interactions` is not a list" in _error(_write(tmp_path, "x.yaml", "interactions: 5\n")).message


def test_json_files(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "data.json", json.dumps({"items": [1, 2]})))
    assert "not a cassette" in error.message and "HAR" in error.message and "JSON object" in error.message
    broken = _error(_write(tmp_path, "broken.har", '{"log": {"entries": [\n  {"request": 5}'))
    assert (broken.line, broken.column) == (2, 17) and "invalid JSON" in broken.message
    not_har_entry = _error(_write(tmp_path, "entry.har", '{"log": {"entries": [{"request": 5}]}}'))
    assert not_har_entry.interaction == 0 and "`request` is the number 5 (expected a mapping)" in str(
        not_har_entry
    )


def test_interaction_missing_response(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "x.yaml", GO_VCR_ITEM))
    assert (error.interaction, error.line) == (0, 3)
    assert "has no `response`" in error.message


def test_interaction_missing_request_vcrpy(tmp_path: Path) -> None:
    text = "interactions:\n- response: {status: {code: 200, message: OK}}\nversion: 1\n"
    error = _error(_write(tmp_path, "x.yaml", text))
    assert error.interaction == 0 and "has no `request`" in error.message


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("      code: abc\n", "`response.code` is the text 'abc' (expected an HTTP status code like 200)"),
        ("      code: [200]\n", "`response.code` is a list (expected an HTTP status code like 200)"),
        ("      code: true\n", "`response.code` is the boolean True"),
        ("      status: 200 OK\n      code: 99999\n", "`response.code` is the number 99999"),
        ("      headers: text/plain\n      code: 200\n", "`response.headers` is the text 'text/plain'"),
        ("      body: x\n", "`response` has no `code` or `status`"),
    ],
)
def test_wrong_types(tmp_path: Path, response: str, expected: str) -> None:
    error = _error(_write(tmp_path, "x.yaml", GO_VCR_ITEM + "    response:\n" + response))
    assert error.interaction == 0 and expected in error.message


def test_vcrpy_status_wrong_type(tmp_path: Path) -> None:
    text = (
        "interactions:\n- request: {method: GET, uri: 'http://x', headers: {}, body: null}\n"
        "  response: {status: {code: abc, message: OK}, headers: {}, body: {string: ''}}\n"
    )
    error = _error(_write(tmp_path, "x.yaml", text))
    assert "`response.status.code` is the text 'abc'" in error.message


def test_an_error_in_one_item_leaves_the_others_readable(tmp_path: Path) -> None:
    good = "  - request: {method: GET, url: 'http://x/%d'}\n    response: {code: 200}\n"
    text = "version: 2\ninteractions:\n" + good % 0 + "  - request: 7\n    response: {code: 200}\n" + good % 2
    path = _write(tmp_path, "x.yaml", text)
    file = load_cassette(path)
    assert [file.raw(0).url, file.raw(2).url] == ["http://x/0", "http://x/2"]
    with pytest.raises(CassetteError) as info:
        file.raw(1)
    assert (info.value.interaction, info.value.line) == (1, 5)
    assert str(info.value) == f"{path}:5: interaction 1: `request` is the number 7 (expected a mapping)"


SEED_BYTES: dict[str, bytes] = {}


def _seed(seeds_dir: Path) -> bytes:
    if "wandb" not in SEED_BYTES:
        SEED_BYTES["wandb"] = (seeds_dir / "openrouter_kimi_tool_wandb.yaml").read_bytes()
    return SEED_BYTES["wandb"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=0, max_size=4), st.integers(0, 8)),
        min_size=1,
        max_size=4,
    ),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
def test_mutated_seed_raises_only_cassette_error(
    tmp_path: Path, seeds_dir: Path, edits: list[tuple[float, bytes, int]], cut: float | None
) -> None:
    data = bytearray(_seed(seeds_dir))
    for where, insert, remove in edits:
        at = int(where * len(data))
        data[at : at + remove] = insert
    if cut is not None:
        data = data[: int(cut * len(data))]
    path = tmp_path / "mutated.yaml"
    path.write_bytes(bytes(data))
    try:
        file = load_cassette(path)
        for raw in file:
            assert isinstance(raw.response_body, bytes)
    except CassetteError as error:
        assert str(error).startswith(str(path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    document=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.binary(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "interactions",
                        "request",
                        "response",
                        "status",
                        "code",
                        "url",
                        "uri",
                        "method",
                        "headers",
                        "body",
                        "string",
                        "version",
                        "http_interactions",
                        "log",
                        "entries",
                        "parsed_body",
                    ]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=20,
    )
)
def test_random_documents_raise_only_cassette_error(tmp_path: Path, document: object) -> None:
    import yaml

    path = tmp_path / "random.yaml"
    path.write_text(yaml.safe_dump({"interactions": [document]} if isinstance(document, dict) else document))
    try:
        for raw in load_cassette(path):
            assert isinstance(raw.request_body, bytes)
    except CassetteError as error:
        assert str(error).startswith(str(path))


@pytest.mark.parametrize(
    "item",
    [
        "[" * 100_000 + "]" * 100_000,  # libyaml's C composer would overflow the stack on this
        "- " * 100_000 + "x",
        "{a: " * 5_000 + "1" + "}" * 5_000,
    ],
)
def test_absurd_nesting_is_refused_not_a_crash(tmp_path: Path, item: str) -> None:
    error = _error(_write(tmp_path, "deep.yaml", "interactions:\n- " + item + "\n"))
    assert error.interaction == 0 and "levels deep" in error.message


def test_nesting_real_bodies_need_is_fine(tmp_path: Path) -> None:
    deep_json = json.dumps(
        {"messages": [{"content": "[[[ not brackets that nest ]]]"}]} | {"x": [[[[[[1]]]]]]}
    )
    text = (
        "version: 2\ninteractions:\n  - request: {method: POST, url: 'http://x'}\n"
        f"    response:\n      code: 200\n      body: '{deep_json}'\n"
    )
    raw = load_cassette(_write(tmp_path, "ok.yaml", text)).raw(0)
    assert json.loads(raw.response_body)["x"] == [[[[[[1]]]]]]


def test_alias_bomb_stays_small(tmp_path: Path) -> None:
    lines = ["interactions:", "- request:", "    method: POST", "    uri: http://x", "    parsed_body:"]
    lines.append("      a0: &a0 [x, x, x, x, x, x, x, x, x, x]")
    for level in range(1, 9):  # 10**9 strings once expanded
        lines.append(f"      a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    lines += [
        "  response:",
        "    status: {code: 200, message: OK}",
        "    headers: {}",
        "    body: {string: ''}",
    ]
    error = _error(_write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n"))
    assert error.interaction == 0 and "expands to more than" in error.message
