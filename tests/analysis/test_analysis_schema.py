"""The small JSON Schema checker used for tool arguments."""

from __future__ import annotations

from typing import Any

import pytest

from tui_replay.analysis.schema import schema_errors

POINT = {
    "type": "object",
    "properties": {
        "x": {"type": "number"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "unit": {"enum": ["cm", "in"]},
    },
    "required": ["x"],
    "additionalProperties": False,
}


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ({"x": 1}, None),
        ({"x": 1.5, "tags": ["a"], "unit": "cm"}, None),
        ({}, "$: missing required property 'x'"),
        ({"x": "1"}, "$.x: expected number, got string"),
        ({"x": True}, "$.x: expected number, got boolean"),
        ({"x": 1, "tags": ["a", 2]}, "$.tags[1]: expected string, got integer"),
        ({"x": 1, "unit": "mm"}, '$.unit: "mm" is not one of "cm", "in"'),
        ({"x": 1, "y": 2}, "$: unexpected property 'y' (additionalProperties is false)"),
        ([1], "$: expected object, got array"),
    ],
)
def test_subset(value: Any, error: str | None) -> None:
    assert schema_errors(value, POINT) == ([] if error is None else [error])


def test_integer_accepts_integral_floats_only() -> None:
    assert schema_errors(2.0, {"type": "integer"}) == []
    assert schema_errors(2.5, {"type": "integer"}) == ["$: expected integer, got number"]


def test_type_lists_nullable_and_gemini_upper_case() -> None:
    assert schema_errors(None, {"type": ["string", "null"]}) == []
    assert schema_errors(None, {"type": "string", "nullable": True}) == []
    assert schema_errors(3, {"type": "STRING"}) == ["$: expected string, got integer"]


def test_any_of_and_refs() -> None:
    schema = {
        "$defs": {
            "Pet": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
        },
        "type": "object",
        "properties": {"pet": {"anyOf": [{"$ref": "#/$defs/Pet"}, {"type": "null"}]}},
    }
    assert schema_errors({"pet": {"name": "Rex"}}, schema) == []
    assert schema_errors({"pet": None}, schema) == []
    assert schema_errors({"pet": 3}, schema) == ["$.pet: matches none of the 2 allowed shapes (anyOf)"]


def test_additional_properties_schema() -> None:
    schema = {"type": "object", "additionalProperties": {"type": "integer"}}
    assert schema_errors({"a": 1}, schema) == []
    assert schema_errors({"a": "x"}, schema) == ["$.a: expected integer, got string"]


def test_unknown_keywords_and_bad_schemas_never_invent_errors() -> None:
    assert schema_errors("abc", {"type": "string", "pattern": "^z", "maxLength": 1}) == []
    assert schema_errors({"a": 1}, None) == []
    assert schema_errors({"a": 1}, {"$ref": "#/nowhere"}) == []
    assert schema_errors(1, {"type": "mystery"}) == []


def test_recursive_schema_terminates() -> None:
    schema: dict[str, Any] = {"$ref": "#"}
    assert schema_errors({"a": 1}, schema) == []
