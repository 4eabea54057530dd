"""The timeline's totals line writes a small cost as a plain decimal (`0.000092`, not `9.2e-05`)."""

from __future__ import annotations

from tests.helpers.paths import corpus_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.spend import cassette_spend
from tui_replay.ui.widgets.spend_header import totals_words


def test_grok_totals_show_its_cost_as_a_plain_decimal() -> None:
    spend = cassette_spend(
        open_cassette(corpus_file("go-vcr/fantasy/TestOpenRouterCommon/grok/simple_streaming.yaml"))
    )
    assert spend is not None
    assert totals_words(spend) == "Σ 332 tok · cost 0.000092"
