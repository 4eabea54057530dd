"""One lazily read cassette read from two threads at once: the app counts a big cassette's
interactions in a thread while the UI thread reads the first ones."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui_replay.formats.load import load_cassette

ITEMS = 4000


@pytest.fixture
def often_switching() -> Iterator[None]:
    """Threads take turns after every few bytecodes (a race shows at once, not one run in many)."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def test_two_threads_reading_the_split_list_every_item_once(tmp_path: Path, often_switching: None) -> None:
    items = "".join(
        f"  - request: {{method: GET, url: 'http://a/{i}'}}\n    response: {{code: 200}}\n"
        for i in range(ITEMS)
    )
    path = tmp_path / "cassette.yaml"
    path.write_text("version: 2\ninteractions:\n" + items)
    file = load_cassette(path)
    assert file.lazy

    def count() -> None:
        for limit in range(1, ITEMS + 2):
            file.count_up_to(limit)

    counter = threading.Thread(target=count)
    counter.start()
    for i in range(0, ITEMS, 7):  # the other thread reads items as they are found
        file.has(i)
    counter.join()
    assert len(file) == ITEMS
    for i in range(ITEMS):
        assert f"url: 'http://a/{i}'" in (file.item_bytes(i) or b"").decode(), i
