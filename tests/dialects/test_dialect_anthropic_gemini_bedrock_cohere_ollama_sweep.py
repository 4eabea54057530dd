"""Every corpus interaction the block-based dialects claim decodes cleanly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.helpers.paths import corpus_files
from tui_replay import dialects
from tui_replay.dialects import anthropic, bedrock, cohere, gemini, ollama
from tui_replay.formats.load import load_cassette
from tui_replay.model import CassetteError

OURS = {
    d.name: d
    for d in (
        anthropic.DIALECT,
        gemini.DIALECT,
        bedrock.DIALECT,
        bedrock.INVOKE_DIALECT,
        cohere.DIALECT,
        ollama.DIALECT,
    )
}


def test_every_claimed_interaction_decodes(corpus_dir: Path) -> None:
    seen: Counter[str] = Counter()
    failures: list[str] = []
    for path in corpus_files():
        try:
            file = load_cassette(path)
        except CassetteError:
            continue
        for raw in file:
            claimed = [name for name, d in OURS.items() if d.detect(raw)]
            if not claimed:
                continue
            exchange = dialects.decode(raw)
            seen[exchange.dialect] += 1
            if exchange.dialect != claimed[0]:
                failures.append(f"{path}:{raw.index}: claimed by {claimed[0]}, decoded as {exchange.dialect}")
            for problem in exchange.problems:
                if problem.code in ("decode-failed", "eventstream-invalid", "stream-unterminated"):
                    failures.append(f"{path}:{raw.index}: {problem.code}: {problem.message}")
    assert failures == []
    # the corpus has all of these; a detection regression shows up as a missing dialect
    assert seen["anthropic"] >= 70 and seen["gemini"] >= 100
    assert seen["bedrock-converse"] >= 20 and seen["bedrock-invoke"] >= 20 and seen["cohere"] >= 5


def test_bundled_examples_read_as_written(cassettes_dir: Path) -> None:
    from tui_replay.analysis.cassette import open_cassette

    claude = open_cassette(cassettes_dir / "anthropic_thinking_tool_stream.yaml")
    first = claude.exchange(0).response.message
    assert first is not None and first.parts[0].text.startswith("The user wants to know about rain in Lisbon")
    assert first.tool_calls[0].arguments == {"city": "Lisbon"}
    assert claude.exchange(1).response.message.text.startswith("Yes, take an umbrella")  # type: ignore[union-attr]
    gemini_file = open_cassette(cassettes_dir / "gemini_stream.yaml")
    call = gemini_file.exchange(0).response.message.tool_calls[0]  # type: ignore[union-attr]
    assert (call.name, call.arguments) == ("convert_currency", {"amount": 250, "from": "EUR", "to": "JPY"})
    ollama_file = open_cassette(cassettes_dir / "ollama_chat_stream.yaml")
    assert ollama_file.exchange(0).response.message.text == "Tagus (Tejo), Douro and Guadiana."  # type: ignore[union-attr]
    bedrock_file = open_cassette(cassettes_dir / "bedrock_converse_stream.yaml")
    assert (
        bedrock_file.exchange(0).response.message.text == "Grey breath on the harbor — gulls vanish mid-cry."
    )  # type: ignore[union-attr]
    for cassette in (claude, gemini_file, ollama_file, bedrock_file):
        for i in range(len(cassette)):
            assert cassette.exchange(i).problems == ()
