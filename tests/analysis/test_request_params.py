"""Every parameter a request sent, as short text: none dropped, in the order sent, long values
cut with what is left said, secrets masked as the opened cassette masks them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers.poll_cassettes import OPENAI, interaction
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.request_params import ITEM_LIMIT, pack_items, param_items, param_text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("auto", "auto"),
        (True, "true"),
        (False, "false"),
        (None, "null"),
        (4000, "4000"),
        (0.7, "0.7"),
        (0.000056, "0.000056"),
        (
            {"disable_parallel_tool_use": False, "type": "auto"},
            '{"disable_parallel_tool_use":false,"type":"auto"}',
        ),
        (
            {"type": "function", "function": {"name": "météo"}},
            '{"type":"function","function":{"name":"météo"}}',
        ),
        # strings that bare would read as something else keep their quotes
        ("\n\nHuman:", '"\\n\\nHuman:"'),
        ("", '""'),
        ("true", '"true"'),
        ("12", '"12"'),
        (" x", '" x"'),
    ],
)
def test_param_text_is_compact_json(value: object, shown: str) -> None:
    assert param_text(value) == shown


def test_every_param_is_shown_in_the_order_sent() -> None:
    params = {
        "temperature": 0.2,
        "top_p": 1,
        "seed": 42,
        "response_format": {"type": "json_object"},
        "max_completion_tokens": 512,
        "stop": ["\n", "END"],
        "store": False,
        "x_vendor_flag": None,
    }
    assert param_items(params) == [
        "temperature 0.2",
        "top_p 1",
        "seed 42",
        'response_format {"type":"json_object"}',
        "max_completion_tokens 512",
        'stop ["\\n","END"]',
        "store false",
        "x_vendor_flag null",
    ]
    reordered = dict(reversed(params.items()))
    assert param_items(reordered) == list(reversed(param_items(params)))


def test_a_long_value_is_cut_and_says_how_much_is_left() -> None:
    prompt = "p" * 100
    (item,) = param_items({"prompt_cache_key": prompt})
    kept = ITEM_LIMIT - len("prompt_cache_key ") - len("… (+NNN chars)")
    assert item == f"prompt_cache_key {'p' * kept}… (+{100 - kept} chars)"
    assert len(item) <= ITEM_LIMIT
    (item,) = param_items({"a_very_long_parameter_name_that_leaves_little_room_for_the_value": prompt})
    assert item.endswith(f" {'p' * 10}… (+90 chars)")  # a value keeps a few characters anyway


def test_a_long_object_is_shown_field_by_field_none_dropped() -> None:
    config = {
        "temperature": 0,
        "maxOutputTokens": 1024,
        "thinkingConfig": {"includeThoughts": True, "thinkingBudget": 2048},
        "responseSchema": {"type": "object", "properties": {f"f{n}": {"type": "string"} for n in range(20)}},
    }
    items = param_items({"generationConfig": config, "safetySettings": []})
    assert items[:4] == [
        "generationConfig.temperature 0",
        "generationConfig.maxOutputTokens 1024",
        "generationConfig.thinkingConfig.includeThoughts true",
        "generationConfig.thinkingConfig.thinkingBudget 2048",
    ]
    # two levels down, what is still too long is cut, saying so
    assert items[4] == "generationConfig.responseSchema.type object"
    assert items[5].startswith('generationConfig.responseSchema.properties {"f0":') and "chars)" in items[5]
    assert items[6:] == ["safetySettings []"]


def test_packing_keeps_each_item_whole_and_within_the_width() -> None:
    items = ["model gpt-4o", "temperature 0.2", 'reasoning {"effort":"high","summary":"auto"}', "x" * 50]
    lines = pack_items(items, 40)
    assert lines == [
        "model gpt-4o · temperature 0.2",
        'reasoning {"effort":"high","summary":"auto"}',  # wider than the line: one of its own
        "x" * 50,
    ]
    assert pack_items(items, 200) == [" · ".join(items)]
    assert pack_items([], 40) == []


KEY = "sk-proj-" + "Pa7Ra3Mk1Ey9Vx5Lq2Wn8Zt4Bc6Hd0Jf"
"""A key in a request parameter (`user`, and one nested in `metadata`)."""


def test_params_are_masked_as_the_cassette_is_opened(tmp_path: Path) -> None:
    request = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "hi"}],
        "user": KEY,
        "metadata": {"api_key": "plainvalue123456"},
        "temperature": 0.2,
    }
    path = tmp_path / "param-secret.yaml"
    answer = interaction("POST", f"{OPENAI}/chat/completions", request, {"choices": []})
    path.write_text(yaml.safe_dump({"interactions": [answer], "version": 1}))
    masked = " · ".join(param_items(open_cassette(path).exchange(0).request.params))
    assert KEY[-10:] not in masked and "plainvalue123456" not in masked
    assert "(masked, " in masked and "temperature 0.2" in masked
    shown = " · ".join(param_items(open_cassette(path, redact=False).exchange(0).request.params))
    assert f"user {KEY}" in shown and '"api_key":"plainvalue123456"' in shown
