"""Safe YAML loading: plain data only, never code.

`SafeCassetteLoader` is PyYAML's C safe loader when libyaml is present (the
pure-Python safe loader otherwise) with one addition: Ruby VCR's local tags
(`!ruby/object:...`, `!ruby/hash:...`, `!ruby/struct:...`, `!binary`, any
other `!tag`) are read as the plain mapping, sequence or string they decorate.
Python tags (`!!python/object/apply:...`) keep failing with a ConstructorError
because nothing here constructs them.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import yaml

BaseSafeLoader: Any
try:
    BaseSafeLoader = yaml.CSafeLoader
    USING_LIBYAML = True
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    BaseSafeLoader = yaml.SafeLoader
    USING_LIBYAML = False


def _plain(loader: Any, node: yaml.Node) -> Any:
    """The node's value with its tag ignored."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


def _ruby_binary(loader: Any, node: yaml.Node) -> Any:
    """Ruby's `!binary` scalar: base64 text -> bytes (the text itself if it is not base64)."""
    value = _plain(loader, node)
    if not isinstance(value, str):
        return value
    try:
        return base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        return value


def _local_tag(loader: Any, suffix: str, node: yaml.Node) -> Any:
    if suffix == "binary":
        return _ruby_binary(loader, node)
    value = _plain(loader, node)
    if suffix.startswith("ruby/sym") and isinstance(value, str):
        return value.lstrip(":")
    return value


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class SafeCassetteLoader(BaseSafeLoader):  # type: ignore[misc]
    """Safe loader that also reads Ruby's local tags as plain data.

    `construct_document` builds plain strings, lists and dicts directly (most of
    a cassette) and leaves every other node (ints, `!!binary`, timestamps, merge
    keys, Ruby tags, recursive aliases) to PyYAML's safe constructors. Same
    result as `yaml.CSafeLoader`, in less time.
    """

    def construct_document(self, node: yaml.Node) -> Any:
        try:
            data = self._fast(node)
        except (RecursionError, TypeError):  # recursive aliases, unhashable keys: the slow path decides
            self.constructed_objects: dict[Any, Any] = {}
            return super().construct_document(node)
        self.constructed_objects = {}
        self.recursive_objects: dict[Any, Any] = {}
        return data

    def _fast(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        if tag == _MAP and type(node) is yaml.MappingNode:
            fast = self._fast
            pairs = node.value
            if any(key.tag == _MERGE for key, _ in pairs):
                return self.construct_object(node, deep=True)
            return {fast(key): fast(value) for key, value in pairs}
        if tag == _SEQ and type(node) is yaml.SequenceNode:
            fast = self._fast
            return [fast(child) for child in node.value]
        return self.construct_object(node, deep=True)


SafeCassetteLoader.add_multi_constructor("!", _local_tag)


def load_yaml(data: bytes | str) -> Any:
    """Parse one YAML document safely (raises yaml.YAMLError)."""
    return yaml.load(data, Loader=SafeCassetteLoader)  # noqa: S506 - a safe loader subclass


def error_place(exc: yaml.YAMLError, data: bytes) -> tuple[int, int] | None:
    """0-based (line, column) of a YAML error in `data`, when the parser knows it."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line), int(mark.column)
    position = getattr(exc, "position", None)  # ReaderError: bad bytes
    if isinstance(position, int) and 0 <= position <= len(data):
        line = data.count(b"\n", 0, position)
        column = position - (data.rfind(b"\n", 0, position) + 1)
        return line, column
    return None


def error_text(exc: yaml.YAMLError) -> str:
    """The parser's complaint in one line, without its own file/line decoration."""
    if isinstance(exc, yaml.reader.ReaderError):
        encoding = exc.encoding if exc.encoding and exc.encoding != "?" else "UTF-8"
        if isinstance(exc.character, int):
            return (
                f"not {encoding} text: {exc.reason} (byte 0x{exc.character:02x}; expected a text YAML file)"
            )
        return f"not {encoding} text: {exc.reason} (expected a text YAML file)"
    if isinstance(exc, yaml.constructor.ConstructorError) and "could not determine a constructor" in str(
        exc.problem
    ):
        tag = str(exc.problem).rsplit("tag ", 1)[-1].strip("'")
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return (
            f"refused YAML tag {tag} (only plain data is read: tags that build objects or run code are not)"
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        text = ", ".join(parts) if parts else "invalid YAML"
        return f"invalid YAML: {text}"
    return f"invalid YAML: {exc}"
