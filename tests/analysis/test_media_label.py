"""A media placeholder says what it is (audio is not an image) and how long audio plays, with
enough precision that a realtime chunk of a few milliseconds does not read `0.00 s`."""

from __future__ import annotations

import pytest

from tui_replay.analysis.handoff_text import part_text
from tui_replay.analysis.media_label import media_kind, media_placeholder, playing_time
from tui_replay.model import ImagePart


@pytest.mark.parametrize(
    ("media_type", "kind"),
    [
        ("audio/pcm;rate=24000", "audio"),
        ("AUDIO/wav", "audio"),
        ("video/mp4", "video"),
        ("application/pdf", "file"),
        ("image/png", "image"),
        ("", "image"),
    ],
)
def test_the_kind_comes_from_the_media_type(media_type: str, kind: str) -> None:
    assert media_kind(media_type) == kind


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (198 / (2 * 24_000), "4 ms"),  # 198 bytes of 16-bit mono PCM at 24 kHz
        (0.0384, "38 ms"),
        (0.0004, "0.4 ms"),
        (0.0, "0 ms"),
        (1.5, "1.5 s"),
        (125.0, "2 min 5 s"),
    ],
)
def test_playing_time_keeps_milliseconds(seconds: float, text: str) -> None:
    assert playing_time(seconds) == text


def test_a_placeholder_names_audio_as_audio() -> None:
    assert (
        media_placeholder("audio/pcm;rate=24000", 198, 198 / 48_000)
        == "audio audio/pcm;rate=24000, 198 bytes, 4 ms"
    )
    assert media_placeholder("image/png", 2048) == "image image/png, 2,048 bytes"


def test_the_handoff_text_names_audio_as_audio() -> None:
    assert part_text(ImagePart("audio/pcm;rate=24000", 198, seconds=198 / 48_000)) == (
        "[audio audio/pcm;rate=24000, 198 bytes, 4 ms]"
    )
