"""Safe YAML only: Python tags are refused and never run; Ruby tags are read as plain data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui_replay.formats import yaml_safe
from tui_replay.formats.load import load_cassette
from tui_replay.model import CassetteError

PAYLOADS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.call [['touch', '{marker}']]",
    "!!python/object/new:os.system ['touch {marker}']",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("where", ["top", "item", "body"])
def test_python_tags_are_refused_and_never_run(tmp_path: Path, payload: str, where: str) -> None:
    marker = tmp_path / "pwned"
    tag = payload.format(marker=marker)
    text = {
        "top": f"version: {tag}\ninteractions:\n  - request: {{method: GET, url: 'http://x'}}\n"
        "    response: {code: 200}\n",
        "item": f"version: 2\ninteractions:\n  - {tag}\n",
        "body": "version: 2\ninteractions:\n  - request: {method: GET, url: 'http://x'}\n"
        f"    response:\n      code: 200\n      body: {tag}\n",
    }[where]
    path = tmp_path / "evil.yaml"
    path.write_text(text)
    with pytest.raises(CassetteError) as info:
        load_cassette(path).validate()
    assert "refused YAML tag !!python/" in info.value.message
    assert info.value.line is not None
    assert not marker.exists()


def test_the_loader_is_libyaml_safe_loader() -> None:
    assert issubclass(
        yaml_safe.SafeCassetteLoader, yaml.SafeLoader if not yaml_safe.USING_LIBYAML else yaml.CSafeLoader
    )
    assert yaml_safe.USING_LIBYAML == hasattr(yaml, "CSafeLoader")


def test_ruby_tags_are_plain_data() -> None:
    data = yaml_safe.load_yaml(
        "obj: !ruby/object:Net::HTTPOK {code: '200'}\n"
        "hash: !ruby/hash:ActiveSupport::HashWithIndifferentAccess {a: 1}\n"
        "seq: !ruby/array:Array [1, 2]\n"
        "sym: !ruby/symbol get\n"
        "bin: !binary |-\n  aGVsbG8=\n"
        "notb64: !binary '***'\n"
        "other: !custom text\n"
    )
    assert data == {
        "obj": {"code": "200"},
        "hash": {"a": 1},
        "seq": [1, 2],
        "sym": "get",
        "bin": b"hello",
        "notb64": "***",
        "other": "text",
    }


def test_fast_construction_matches_pyyaml() -> None:
    text = (
        "a: &x {k: [1, 2.5, true, null, '3', 2020-01-02]}\n"
        "b: *x\n"
        "c:\n  <<: *x\n  j: !!binary aGk=\n"
        "d: !!set {p: null}\n"
        "e: &r [1, *r]\n"
    )
    ours, theirs = yaml_safe.load_yaml(text), yaml.load(text, Loader=yaml.SafeLoader)
    assert repr(ours) == repr(theirs)
    with pytest.raises(yaml.YAMLError):
        yaml_safe.load_yaml("? [1]\n: 2\n")  # unhashable key: PyYAML's own error, not a TypeError


def test_lean_resolution_gives_pyyaml_tags() -> None:
    """Plain scalars resolve (and ints construct) exactly as PyYAML's own safe loaders do."""
    scalars = [
        "0",
        "00",
        "012",
        "0o17",
        "0x1F",
        "0b101",
        "-3",
        "+4",
        "1_000",
        "1:30",
        "190:20:30",
        "007",
        "9" * 30,
        "1.5",
        "-.inf",
        ".NaN",
        "1e3",
        "yes",
        "No",
        "on",
        "OFF",
        "true",
        "~",
        "null",
        "",
        "2001-12-14",
        "2001-12-14 21:59:43.10 -5",
        "plain",
        "'quoted 7'",
        '"8"',
        "!!int '9'",
        "!!str 10",
        "a b",
    ]
    text = "".join(f"k{i}: {value}\n" for i, value in enumerate(scalars))
    text += "base: &b {x: 1}\nmerged: {<<: *b, y: 2}\nlist: [1, 012, yes, '']\n"
    ours = yaml_safe.load_yaml(text)
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        theirs = yaml.load(text, Loader=loader)  # noqa: S506 - safe loaders
        assert repr(ours) == repr(theirs)
    assert ours["k2"] == 10 and ours["k0"] == 0 and ours["k12"] == int("9" * 30)
    with pytest.raises(yaml.constructor.ConstructorError, match="yaml.org,2002:value"):
        yaml_safe.load_yaml("k: =\n")  # the `=` value key resolves, and is refused, as in PyYAML


@pytest.mark.parametrize("step", ["- ", "-  ", "- ? ", "?\t", "-\t? ", "?  - "])
def test_compact_block_chains_are_refused_before_libyaml(step: str) -> None:
    """`- - - x` style nesting on one line overflows libyaml's C stack (a crash): refused first,
    whatever mix of `-`/`?` and spaces/tabs separates the indicators."""
    deep = (step * 30_000 + "x").encode()
    assert yaml_safe.too_deep(deep)
    with pytest.raises(RecursionError):
        yaml_safe.load_yaml(deep)
    assert not yaml_safe.too_deep((step * 300 + "x").encode())


def test_compact_nesting_within_the_limit_still_loads() -> None:
    value = yaml_safe.load_yaml("-  " * 300 + "x")
    for _ in range(300):
        assert isinstance(value, list) and len(value) == 1
        value = value[0]
    assert value == "x"
