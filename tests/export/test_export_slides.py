"""`tui-replay export PATH --format svg --present -o FOLDER`: slides, one SVG per step."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from tests.helpers.svg_text import screen_lines

ROOT = Path(__file__).resolve().parents[2]
WANDB = ROOT / "cassettes/openrouter_kimi_tool_wandb.yaml"


def export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_replay", "export", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )


def wandb_steps() -> int:
    return len(yaml.safe_load(WANDB.read_text())["interactions"])


def final_answer() -> str:
    body = yaml.safe_load(WANDB.read_text())["interactions"][-1]["response"]["body"]
    return str(json.loads(body.strip())["choices"][0]["message"]["content"])


def test_one_slide_per_step_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "lesson"  # made by the export
    done = export(str(WANDB), "--format", "svg", "--present", "-o", str(folder))
    assert done.returncode == 0, done.stderr
    count = wandb_steps()
    names = [f"step-{n:02d}.svg" for n in range(1, count + 1)]
    assert sorted(p.name for p in folder.iterdir()) == names
    assert f"{count} slides" in done.stdout and str(folder) in done.stdout
    for step, name in enumerate(names, start=1):
        svg = (folder / name).read_text(encoding="utf-8")
        assert ET.fromstring(svg).tag.endswith("svg")
        text = "\n".join(screen_lines(svg))
        assert f"Step {step} of {count}" in text
        assert "0-based" not in text and "interactions (" not in text
        assert "Quit" not in text and "palette" not in text  # no key bindings on a slide
    last = "\n".join(screen_lines((folder / names[-1]).read_text(encoding="utf-8")))
    assert " ".join(final_answer().split()[-4:]) in last  # e.g. "out enjoying the city!"


def test_one_slide_of_one_interaction(tmp_path: Path) -> None:
    out = tmp_path / "third.svg"
    done = export(str(WANDB), "--format", "svg", "--present", "--interaction", "2", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = "\n".join(screen_lines(out.read_text(encoding="utf-8")))
    assert f"Step 3 of {wandb_steps()}" in text


def test_slides_need_svg_and_a_folder(tmp_path: Path) -> None:
    no_folder = export(str(WANDB), "--format", "svg", "--present")
    assert no_folder.returncode == 2 and "-o FOLDER" in no_folder.stderr
    markdown = export(str(WANDB), "--format", "markdown", "--present", "-o", str(tmp_path / "x"))
    assert markdown.returncode == 2 and "--format svg" in markdown.stderr
    a_file = tmp_path / "taken.svg"
    a_file.write_text("mine", encoding="utf-8")
    onto_file = export(str(WANDB), "--format", "svg", "--present", "-o", str(a_file))
    assert onto_file.returncode == 2 and "is a file" in onto_file.stderr
    assert a_file.read_text(encoding="utf-8") == "mine"
    for done in (no_folder, markdown, onto_file):
        assert "Traceback" not in done.stderr


def test_help_says_how_to_make_slides() -> None:
    done = export("--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "--present" in text and "step-01.svg" in text and "-o FOLDER" in text
