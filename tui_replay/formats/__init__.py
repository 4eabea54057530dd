"""Record formats: cassette file -> `CassetteFile` of `RawInteraction`s.

The format is detected from content, never from the file extension.
`load_cassette` must raise nothing but `CassetteError`.

NOTE: minimal eager bootstrap; the formats owner replaces it with the
lazy, indexed implementation (go-vcr v1/v2, vcrpy variants, Ruby VCR, HAR).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tui_replay.errors import CassetteError
from tui_replay.model import Headers, RawInteraction

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader


class CassetteFile:
    """A cassette on disk: its format and its interactions, read on demand."""

    def __init__(self, path: Path, format: str, interactions: list[RawInteraction]) -> None:
        self.path = path
        self.format = format
        self._interactions = interactions

    def __len__(self) -> int:
        return len(self._interactions)

    def raw(self, index: int) -> RawInteraction:
        return self._interactions[index]

    def __iter__(self) -> Iterator[RawInteraction]:
        for i in range(len(self)):
            yield self.raw(i)


def _headers(value: Any) -> Headers:
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            for item in v if isinstance(v, list) else [v]:
                out.append((str(k), str(item)))
    return tuple(out)


def _body(value: Any) -> bytes:
    if value is None:
        return b""
    if isinstance(value, dict):
        value = value.get("string", "")
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def load_cassette(path: str | Path) -> CassetteFile:
    path = Path(path)
    try:
        data = yaml.load(path.read_bytes(), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise CassetteError(path, str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("interactions"), list):
        raise CassetteError(path, "not a cassette (expected a mapping with `interactions:`)")
    out = []
    fmt = "go-vcr" if data.get("version") == 2 else "vcrpy"
    for i, item in enumerate(data["interactions"]):
        req, resp = item.get("request") or {}, item.get("response") or {}
        status = resp.get("status")
        code = resp.get("code")
        if isinstance(status, dict):
            code, text = status.get("code"), str(status.get("message", ""))
        else:
            text = str(status or "")
        req_json = req.get("parsed_body")
        resp_json = resp.get("parsed_body")
        out.append(
            RawInteraction(
                index=i,
                method=str(req.get("method", "")),
                url=str(req.get("url") or req.get("uri") or ""),
                request_headers=_headers(req.get("headers")),
                request_body=json.dumps(req_json).encode() if req_json is not None else _body(req.get("body")),
                status=int(code) if code is not None else None,
                status_text=text,
                response_headers=_headers(resp.get("headers")),
                response_body=json.dumps(resp_json).encode() if resp_json is not None else _body(resp.get("body")),
                duration_ms=None,
                request_json=req_json,
                response_json=resp_json,
            )
        )
    return CassetteFile(path, fmt, out)
