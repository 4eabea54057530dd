"""`tui-replay export PATH --format svg --interaction N -o FILE`, run from the shell as a user would."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WANDB = ROOT / "cassettes/openrouter_kimi_tool_wandb.yaml"
SECRET = "AIzaSyTESTSECRETnotreal0123456789"


def export_svg(path: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", "export", str(path), "--format", "svg", "-o", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def screen_lines(svg: str) -> list[str]:
    """The terminal's text, row by row (Textual writes one <text> per styled run)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), html.unescape(m.group(3))))
    return ["".join(t for _, t in sorted(v)).replace("\xa0", " ") for _, v in sorted(rows.items())]


def final_answer() -> str:
    """The last interaction's assistant text, read from the cassette itself."""
    body = yaml.safe_load(WANDB.read_text())["interactions"][-1]["response"]["body"]
    return str(json.loads(body.strip())["choices"][0]["message"]["content"])


def test_svg_of_an_interaction_is_valid_and_shows_that_interaction(tmp_path: Path) -> None:
    last = len(yaml.safe_load(WANDB.read_text())["interactions"]) - 1
    phrase = " ".join(final_answer().split()[-4:])  # e.g. "out enjoying the city!"
    out = tmp_path / "last.svg"
    result = export_svg(WANDB, out, "--interaction", str(last), "--size", "120x40")
    assert result.returncode == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = "\n".join(screen_lines(svg))
    assert f"#{last}  turn" in text  # the detail pane shows interaction N (0-based, as in the CLI)
    assert phrase in text

    first = tmp_path / "first.svg"
    assert export_svg(WANDB, first, "--interaction", "0").returncode == 0
    first_text = "\n".join(screen_lines(first.read_text(encoding="utf-8")))
    assert "#0  turn" in first_text and phrase not in first_text


def test_svg_export_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    assert export_svg(WANDB, a, "--interaction", "2").returncode == 0
    assert export_svg(WANDB, b, "--interaction", "2").returncode == 0
    strip_ids = re.compile(r"terminal-\d+")  # Textual numbers the CSS classes per export
    assert strip_ids.sub("", a.read_text()) == strip_ids.sub("", b.read_text())


def test_secrets_are_masked_unless_asked(tmp_path: Path) -> None:
    cassette = tmp_path / "keyed.yaml"
    text = WANDB.read_text()
    assert "/chat/completions\n" in text
    cassette.write_text(text.replace("/chat/completions\n", f"/chat/completions?key={SECRET}\n"))
    masked, shown = tmp_path / "masked.svg", tmp_path / "shown.svg"
    assert export_svg(cassette, masked, "--interaction", "0").returncode == 0
    assert export_svg(cassette, shown, "--interaction", "0", "--no-redact").returncode == 0
    masked_text = detail_text(masked.read_text())
    assert "openrouter.ai" in masked_text and SECRET not in masked_text
    assert SECRET in detail_text(shown.read_text())


def detail_text(svg: str) -> str:
    """The detail pane's lines joined without breaks: a long URL folds over two lines."""
    return "".join(line.rstrip("\n").split("▕", 1)[-1] for line in screen_lines(svg))


@pytest.mark.parametrize("interaction", ["12", "-1"])
def test_an_interaction_the_cassette_lacks_is_a_clear_error(tmp_path: Path, interaction: str) -> None:
    out = tmp_path / "x.svg"
    result = export_svg(WANDB, out, "--interaction", interaction)
    assert result.returncode == 2  # the number is wrong, not the file: a usage error
    assert f"no interaction {interaction}" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_an_unreadable_cassette_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("interactions: [\n  - request: {oops\n")
    result = export_svg(broken, tmp_path / "x.svg")
    assert result.returncode == 1
    assert "broken.yaml" in result.stderr and "Traceback" not in result.stderr
