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
import operator
import re
from itertools import accumulate
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
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"
_Scalar, _Sequence, _Mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_DEFAULT_TAGS = {_Scalar: _STR, _Sequence: _SEQ, _Mapping: _MAP}


class _LeanResolution:
    """PyYAML's implicit tag resolution, without its per-call overhead.

    libyaml's composer calls `resolve` (and `descend_resolver`/`ascend_resolver`)
    in Python for every node; the stock versions rebuild the candidate list and
    check path resolvers each time, about a fifth of a bare C-loader parse. The
    candidates here are PyYAML's own table, taken once (no wildcard and no path
    resolvers are registered on the safe loader, which the class checks), so every
    node gets the tag the stock resolver gives it.
    """

    _implicit: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}

    @classmethod
    def take_resolvers(cls) -> None:
        table: dict[Any, list[tuple[str, re.Pattern[str]]]] = cls.yaml_implicit_resolvers  # type: ignore[attr-defined]
        if None in table or cls.yaml_path_resolvers:  # type: ignore[attr-defined]
            raise RuntimeError("lean resolution assumes no wildcard or path resolvers")
        cls._implicit = {first: tuple(found) for first, found in table.items()}

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        if kind is _Scalar and implicit[0]:
            for tag, regexp in self._implicit.get(value[:1], ()):  # type: ignore[index]
                if regexp.match(value):  # type: ignore[arg-type]
                    return tag
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _MergeKey(Exception):
    """A merge key (`<<`) met by the fast path: the mapping holding it is built by PyYAML."""


class _PlainConstruction:
    """Build plain strings, lists and dicts directly (most of a cassette).

    Every other node (most ints, `!!binary`, timestamps, Ruby tags) and every
    mapping with a merge key goes to PyYAML's safe constructors. A node reached twice through an alias is
    built once and shared, as PyYAML does (so alias bombs stay small);
    recursive aliases and unhashable keys take PyYAML's own path.
    """

    constructed_objects: dict[Any, Any]
    recursive_objects: dict[Any, Any]

    def construct_document(self, node: yaml.Node) -> Any:
        self._memo: dict[int, Any] = {}
        try:
            data = self._fast(node)
        except (RecursionError, TypeError, _MergeKey):
            self.constructed_objects = {}
            return super().construct_document(node)  # type: ignore[misc]
        finally:
            self._memo = {}
        self.constructed_objects = {}
        self.recursive_objects = {}
        return data

    def _fast(self, node: yaml.Node) -> Any:
        tag = node.tag
        kind = type(node)
        if kind is _Scalar:
            if tag == _STR:
                return node.value
            if tag == _INT:  # decimal without sign, `_` or leading zero: as PyYAML reads it
                value = node.value
                if value.isdigit() and (value[0] != "0" or len(value) == 1):
                    return int(value)
        memo = self._memo
        key = id(node)
        if key in memo:
            return memo[key]
        fast = self._fast
        data: Any
        if kind is _Mapping and tag == _MAP:
            try:  # plain string keys and values (most of a cassette) are read in place
                data = {
                    (k.value if type(k) is _Scalar and k.tag == _STR else fast(k)): (
                        v.value if type(v) is _Scalar and v.tag == _STR else fast(v)
                    )
                    for k, v in node.value
                }
            except _MergeKey:  # `<<: *base` in this mapping: PyYAML merges it
                data = self.construct_object(node, deep=True)  # type: ignore[attr-defined]
        elif kind is _Sequence and tag == _SEQ:
            data = [fast(child) for child in node.value]
        elif tag == _MERGE:
            raise _MergeKey
        else:
            data = self.construct_object(node, deep=True)  # type: ignore[attr-defined]
        memo[key] = data
        return data


class SafeCassetteLoader(_PlainConstruction, _LeanResolution, BaseSafeLoader):  # type: ignore[misc]
    """The safe loader (libyaml's when present) that also reads Ruby's local tags as plain data."""


SafeCassetteLoader.take_resolvers()

SafeCassetteLoader.add_multi_constructor("!", _local_tag)


MAX_DEPTH = 1000
"""Deeper input is refused before parsing: libyaml's composer recurses in C and
overflows the stack (a crash, not an exception) around 20,000 levels."""
_BLOCK_CHAIN = re.compile(rb"(?:[-?][ \t]+){%d}" % MAX_DEPTH)
_INDICATOR_PAIR = re.compile(rb"[-?][ \t]+[-?][ \t]")
_ALL_BUT_DEPTH_MARKS = bytes(range(256)).translate(None, b"[]{}-?")
_ALL_BUT_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
_STEP = [0] * 256
_STEP[ord("[")] = _STEP[ord("{")] = 1
_STEP[ord("]")] = _STEP[ord("}")] = -1


def nesting_bound(data: bytes) -> int:
    """An upper bound on how deep `data` nests flow collections (brackets in strings count too)."""
    return _bracket_depth(data.translate(None, _ALL_BUT_BRACKETS))


def _bracket_depth(brackets: bytes) -> int:
    """How deep a string of brackets only nests (an upper bound: `[` and `{` are not matched)."""
    opens = brackets.count(b"[") + brackets.count(b"{")
    if opens <= MAX_DEPTH:
        return opens
    for _ in range(8):  # drop innermost pairs: cheap, and real files shrink to almost nothing
        peeled = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if len(peeled) == len(brackets):
            break
        brackets = peeled
    sums = list(accumulate(map(_STEP.__getitem__, brackets), initial=0))
    lows = accumulate(sums, min)
    return max(map(operator.sub, sums, lows), default=0)


def too_deep(data: bytes) -> bool:
    """True when `data` may nest deeper than MAX_DEPTH. One pass keeps only the bytes that
    can nest (brackets, `-` and `?`); the rest works on that short string."""
    marks = data.translate(None, _ALL_BUT_DEPTH_MARKS)
    if len(marks) < MAX_DEPTH:  # neither 1,000 opening brackets nor 1,000 indicators
        return False
    if _bracket_depth(marks.translate(None, b"-?")) > MAX_DEPTH:
        return True
    # Compact block nesting (`- - - x`, `? - ? x`, `-  -  x`) on one line needs MAX_DEPTH
    # indicators, then a pair of them (one quick regex), before the full chain regex runs.
    if marks.count(b"-") + marks.count(b"?") < MAX_DEPTH:
        return False
    return _INDICATOR_PAIR.search(data) is not None and _BLOCK_CHAIN.search(data) is not None


def load_yaml(data: bytes | str) -> Any:
    """Parse one YAML document safely.

    Raises yaml.YAMLError for bad YAML and RecursionError for input nested more
    than MAX_DEPTH levels (refused before libyaml sees it).
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if too_deep(raw):
        raise RecursionError(f"nested more than {MAX_DEPTH} levels deep")
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
