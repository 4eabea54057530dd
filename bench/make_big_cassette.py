"""Generate a big go-vcr v2 cassette: 5,000 streamed chat interactions, ~100 MB.

Deterministic (same bytes every run). Written to bench/out/ (git-ignored):

    python bench/make_big_cassette.py [--interactions 5000] [--mb 100] [--out PATH]

Each interaction is an OpenAI-style streamed chat completion (SSE body in a
`|+` block scalar, as go-vcr writes it), padded with text deltas until the
file reaches the target size.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out" / "big_streamed.yaml"
WORDS = "the a model tool call weather Florence sunny rain token stream delta replay cassette".split()


def _chunk(gen_id: str, created: int, delta: dict[str, object], finish: str | None = None) -> str:
    payload = {
        "id": gen_id,
        "provider": "Bench",
        "model": "bench/model-1",
        "object": "chat.completion.chunk",
        "created": created,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return "data: " + json.dumps(payload, separators=(",", ":")) + "\n\n"


def interaction(index: int, body_bytes: int, rng: random.Random) -> str:
    gen_id = f"gen-bench-{index:06d}"
    created = 1_758_000_000 + index
    request = {
        "messages": [
            {"role": "system", "content": "You are a helpful assistant"},
            {"role": "user", "content": f"Question number {index}: what's the weather?"},
        ],
        "model": "bench/model-1",
        "stream": True,
    }
    request_body = json.dumps(request, separators=(",", ":")).replace("'", "''")
    events = [_chunk(gen_id, created, {"role": "assistant", "content": ""})]
    size = len(events[0]) + 12
    while size < body_bytes:
        words = " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
        event = _chunk(gen_id, created, {"role": "assistant", "content": words})
        events.append(event)
        size += len(event) + 12  # the block scalar indents its one non-blank line
    events.append(_chunk(gen_id, created, {"role": "assistant", "content": ""}, "stop"))
    events.append("data: [DONE]\n\n")
    body_lines = "".join(events).split("\n")
    body = "\n".join((" " * 12 + line) if line else "" for line in body_lines[:-1])
    duration = f"{rng.randint(200, 5000)}.{rng.randint(0, 999999):06d}ms"
    return (
        f"  - id: {index}\n"
        "    request:\n"
        "        proto: HTTP/1.1\n"
        "        proto_major: 1\n"
        "        proto_minor: 1\n"
        f"        content_length: {len(request_body)}\n"
        '        host: ""\n'
        f"        body: '{request_body}'\n"
        "        headers:\n"
        "            Content-Type:\n"
        "              - application/json\n"
        "        url: https://openrouter.ai/api/v1/chat/completions\n"
        "        method: POST\n"
        "    response:\n"
        "        proto: HTTP/2.0\n"
        "        proto_major: 2\n"
        "        proto_minor: 0\n"
        "        content_length: -1\n"
        "        body: |+\n"
        f"{body}\n"
        "        headers:\n"
        "            Content-Type:\n"
        "              - text/event-stream\n"
        "        status: 200 OK\n"
        "        code: 200\n"
        f"        duration: {duration}\n"
    )


def generate(path: Path, interactions: int, megabytes: float) -> Path:
    rng = random.Random(20250925)
    per_item = int(megabytes * 1_000_000 / interactions) - 900  # minus the item's fixed YAML
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("---\nversion: 2\ninteractions:\n")
        for index in range(interactions):
            out.write(interaction(index, max(per_item, 200), rng))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=5000)
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    path = generate(args.out, args.interactions, args.mb)
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {args.interactions} interactions")


if __name__ == "__main__":
    main()
