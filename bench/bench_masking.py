"""What masking secrets costs on top of decoding, on the largest interactions of a corpus.

    python bench/bench_masking.py [--corpus /work/shared/corpus] [--top 10] [--repeat 5]

For the `--top` interactions with the most body bytes it prints, each the best of
`--repeat` tries: decode (`dialects.decode` of the recorded interaction) and
decode + mask (`masked_exchange` of it), which is what `Cassette.exchange(i)` does once
per interaction (the result is cached). Then the same for every interaction of the corpus.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui_replay import dialects  # noqa: E402
from tui_replay.analysis.masked_exchange import masked_exchange  # noqa: E402
from tui_replay.formats.load import load_cassette  # noqa: E402
from tui_replay.model import CassetteError, RawInteraction  # noqa: E402

SUFFIXES = {".yaml", ".yml", ".json", ".har"}


def best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def interactions(corpus: Path) -> list[tuple[str, RawInteraction]]:
    found = []
    for path in sorted(p for p in corpus.rglob("*") if p.suffix in SUFFIXES and p.is_file()):
        try:
            file = load_cassette(path)
            found += [(f"{path.relative_to(corpus)}#{i}", file.raw(i)) for i in range(len(file))]
        except CassetteError:
            continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    found = interactions(args.corpus)
    found.sort(key=lambda item: len(item[1].request_body) + len(item[1].response_body), reverse=True)
    print(f"{'interaction':70} {'KB':>6} {'decode ms':>10} {'+mask ms':>9} {'mask %':>7}")
    for name, raw in found[: args.top]:
        decode = best_of(args.repeat, lambda raw=raw: dialects.decode(raw))
        exchange = dialects.decode(raw)
        mask = best_of(args.repeat, lambda exchange=exchange: masked_exchange(exchange))
        size = (len(raw.request_body) + len(raw.response_body)) / 1024
        share = 100 * mask / decode
        print(f"{name[-70:]:70} {size:6.0f} {decode * 1000:10.2f} {mask * 1000:9.2f} {share:6.0f}%")
    decoded = [dialects.decode(raw) for _, raw in found]
    decode_all = best_of(1, lambda: [dialects.decode(raw) for _, raw in found])
    mask_all = best_of(1, lambda: [masked_exchange(e) for e in decoded])
    print(
        f"all {len(found)} interactions: decode {decode_all * 1000:.0f} ms, "
        f"mask {mask_all * 1000:.0f} ms ({100 * mask_all / decode_all:.0f}% more)"
    )


if __name__ == "__main__":
    main()
