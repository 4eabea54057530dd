"""A small JSON Schema checker for tool arguments: the subset tool definitions use.

Checked: ``type`` (one or a list; Gemini's upper-case names too), ``enum``,
``const``, ``properties``, ``required``, ``additionalProperties`` (false or a
schema), ``items``, ``anyOf``/``oneOf`` (as "any of"), ``allOf``, ``nullable``
(OpenAPI/Gemini) and local ``$ref`` into ``$defs``/``definitions``. Every other
keyword (formats, lengths, patterns, ...) is ignored, so the checker can miss a
violation but never invents one.
"""

from __future__ import annotations

from typing import Any

_MAX_DEPTH = 64


def _type_ok(value: Any, name: str) -> bool:
    name = name.lower()
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float))
    return True  # an unknown type name: do not judge


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _short(value: Any) -> str:
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Checker:
    def __init__(self, root: Any) -> None:
        self.root = root

    def resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return None
        node: Any = self.root
        for token in ref[1:].split("/"):
            if not token:
                continue
            token = token.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or token not in node:
                return None
            node = node[token]
        return node

    def errors(self, value: Any, schema: Any, path: str, depth: int = 0) -> list[str]:
        if not isinstance(schema, dict) or depth > _MAX_DEPTH:
            return []
        ref = schema.get("$ref")
        if isinstance(ref, str):
            target = self.resolve(ref)
            found = self.errors(value, target, path, depth + 1) if target is not None else []
            if found:
                return found
        if value is None and schema.get("nullable") is True:
            return []
        kind = schema.get("type")
        if isinstance(kind, str) or isinstance(kind, list):
            names = [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)]
            if names and not any(_type_ok(value, n) for n in names):
                return [f"{path}: expected {' or '.join(n.lower() for n in names)}, got {_describe(value)}"]
        if "enum" in schema and isinstance(schema["enum"], list) and value not in schema["enum"]:
            options = ", ".join(_short(v) for v in schema["enum"][:8])
            return [f"{path}: {_short(value)} is not one of {options}"]
        if "const" in schema and value != schema["const"]:
            return [f"{path}: expected {_short(schema['const'])}, got {_short(value)}"]
        out: list[str] = []
        for key in ("anyOf", "oneOf"):
            branches = schema.get(key)
            if isinstance(branches, list) and branches:
                if all(self.errors(value, b, path, depth + 1) for b in branches):
                    out.append(f"{path}: matches none of the {len(branches)} allowed shapes ({key})")
        branches = schema.get("allOf")
        if isinstance(branches, list):
            for branch in branches:
                out.extend(self.errors(value, branch, path, depth + 1))
        if isinstance(value, dict):
            out.extend(self.object_errors(value, schema, path, depth))
        elif isinstance(value, list):
            items = schema.get("items")
            if isinstance(items, dict):
                for n, item in enumerate(value):
                    out.extend(self.errors(item, items, f"{path}[{n}]", depth + 1))
        return out

    def object_errors(
        self, value: dict[str, Any], schema: dict[str, Any], path: str, depth: int
    ) -> list[str]:
        out: list[str] = []
        required = schema.get("required")
        if isinstance(required, list):
            for name in required:
                if isinstance(name, str) and name not in value:
                    out.append(f"{path}: missing required property {name!r}")
        properties = schema.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        extra = schema.get("additionalProperties")
        for name, item in value.items():
            if name in properties:
                out.extend(self.errors(item, properties[name], f"{path}.{name}", depth + 1))
            elif extra is False:
                out.append(f"{path}: unexpected property {name!r} (additionalProperties is false)")
            elif isinstance(extra, dict):
                out.extend(self.errors(item, extra, f"{path}.{name}", depth + 1))
        return out


def schema_errors(value: Any, schema: Any) -> list[str]:
    """Where `value` breaks `schema`, as `$.path: what` lines; [] when it fits (or cannot be judged)."""
    return _Checker(schema).errors(value, schema, "$")
