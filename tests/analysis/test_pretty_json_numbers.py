"""`pretty_json` writes small numbers as the provider did (`0.000056`), not as Python's
`5.6e-05`, and the JSON still reads back to the same values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.paths import CASSETTES, corpus_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.compare import compare_cassettes
from tui_replay.analysis.compare_report import render_text
from tui_replay.analysis.pretty_json import plain_number, pretty_json
from tui_replay.analysis.volatile import short
from tui_replay.export.model_json import cassette_json


@pytest.mark.parametrize(
    ("number", "plain"),
    [
        (9.19e-05, "0.0000919"),
        (5.6e-05, "0.000056"),
        (1e-12, "0.000000000001"),
        (0.00025495, None),
        (2.5, None),
    ],
)
def test_plain_number(number: float, plain: str | None) -> None:
    assert plain_number(number) == plain


@pytest.mark.parametrize("number", [1e-13, 1e20, 1e300, float("inf"), float("nan")])
def test_out_of_range_keeps_what_json_writes(number: float) -> None:
    assert plain_number(number) is None


def test_nested_small_numbers_are_plain_and_read_back_the_same() -> None:
    value = {
        "usage": {"cost": 9.19e-05, "upstream": [5.6e-05, {"n": 8.4e-06}], "big": 1e20, "ok": True},
        "text": "a 1e-5 in a string stays",
        "tuple": (1e-07, None),
    }
    text = pretty_json(value)
    assert '"cost": 0.0000919' in text and "0.000056," in text and '"n": 0.0000084' in text
    assert "0.0000001" in text and '"text": "a 1e-5 in a string stays"' in text
    assert "e-0" not in text.replace("1e-5 in", "")
    assert '"big": 1e+20' in text
    assert json.loads(text) == json.loads(json.dumps(value))
    in_order = json.loads(pretty_json(value, sort_keys=True))
    assert list(in_order) == ["text", "tuple", "usage"]
    assert list(in_order["usage"]) == ["big", "cost", "ok", "upstream"]


def test_a_seed_raw_usage_reads_as_the_provider_wrote_it() -> None:
    # openrouter_kimi_multi_tool.yaml: usage.cost_details.upstream_inference_completions_cost 0.000056
    doc = pretty_json(cassette_json(open_cassette(CASSETTES / "openrouter_kimi_multi_tool.yaml")))
    assert '"upstream_inference_completions_cost": 0.000056' in doc
    assert "5.6e-05" not in doc


def test_a_cost_that_changed_reads_plainly_in_the_diff(tmp_path: Path) -> None:
    grok = corpus_file("go-vcr/fantasy/TestOpenRouterCommon/grok/simple_streaming.yaml")
    cheaper = tmp_path / "cheaper.yaml"
    cheaper.write_bytes(grok.read_bytes().replace(b'"cost":0.0000919', b'"cost":0.0000918'))
    text = render_text(compare_cassettes(open_cassette(grok), open_cassette(cheaper), "A", "B"))
    assert "usage.cost: 0.0000919 → 0.0000918" in text
    assert short({"cost": 9.19e-05}) == '{"cost":0.0000919}'
