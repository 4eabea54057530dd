"""Audio in a realtime session is printed as audio, with its playing time in milliseconds:
`inspect`, the Markdown and the HTML export said `[image audio/pcm;rate=24000, 198 bytes, 0.00 s]`."""

from __future__ import annotations

import pytest

from tests.helpers.paths import corpus_new_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.cli.main import main
from tui_replay.export.html import export_html
from tui_replay.export.markdown import export_markdown

SESSION = "vcrpy/pydantic-ai/realtime/cassettes/test_xai_ws/test_session_resumption_after_drop.yaml"
# 198 bytes of 16-bit mono PCM at 24 kHz: 198 / 48,000 s = 4.1 ms
CHUNK = "audio audio/pcm;rate=24000, 198 bytes, 4 ms"


def test_inspect_prints_audio_as_audio(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(corpus_new_file(SESSION))]) == 0
    out = capsys.readouterr().out
    assert f"[{CHUNK}]" in out
    assert "[image audio/" not in out and "0.00 s" not in out


def test_the_exports_print_audio_as_audio() -> None:
    cassette = open_cassette(corpus_new_file(SESSION))
    markdown = export_markdown(cassette)
    assert f"*[{CHUNK}]*" in markdown and "[image audio/" not in markdown
    html = export_html(cassette)
    assert f"[{CHUNK}]" in html and "[image audio/" not in html
