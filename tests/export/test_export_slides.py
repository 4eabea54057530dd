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


def wandb_steps() -> list[list[int]]:
    """The slides the wandb seed makes, read off the YAML: consecutive failures with the same
    status and the same request body are one step, every other interaction a step of its own."""
    steps: list[list[int]] = []
    previous = None
    for index, item in enumerate(yaml.safe_load(WANDB.read_text())["interactions"]):
        failure = (item["response"]["code"], item["request"]["body"])
        if failure == previous and failure[0] >= 400:
            steps[-1].append(index)
        else:
            steps.append([index])
        previous = failure
    return steps


def final_answer() -> str:
    body = yaml.safe_load(WANDB.read_text())["interactions"][-1]["response"]["body"]
    return str(json.loads(body.strip())["choices"][0]["message"]["content"])


def slide_text(path: Path) -> str:
    return "\n".join(screen_lines(path.read_text(encoding="utf-8")))


def test_one_slide_per_step_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "lesson"  # made by the export
    done = export(str(WANDB), "--format", "svg", "--present", "-o", str(folder))
    assert done.returncode == 0, done.stderr
    steps = wandb_steps()
    count = len(steps)
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
    last = slide_text(folder / names[-1])
    assert " ".join(final_answer().split()[-4:]) in last  # e.g. "out enjoying the city!"


def test_identical_retries_are_one_slide_that_says_so(tmp_path: Path) -> None:
    """The eight 429s of turn 2 make one slide, not eight copies of the same error box."""
    folder = tmp_path / "lesson"
    assert export(str(WANDB), "--format", "svg", "--present", "-o", str(folder)).returncode == 0
    steps = wandb_steps()
    runs = [(number, step) for number, step in enumerate(steps, start=1) if len(step) > 1]
    assert runs  # the seed retries
    for number, run in runs:
        # The attempts of the turn: the run, and the success right after it.
        attempts = len(run) + 1
        text = " ".join(slide_text(folder / f"step-{number:02d}.svg").split())
        assert f"attempts 1–{len(run)} of {attempts}: 429 Too Many Requests, same request" in text
        assert (
            f"Step {number} of {len(steps)} · turn" in text and f"attempts 1–{len(run)} of {attempts}" in text
        )
        assert "Attempt 2 of" not in text
    slides = [slide_text(path) for path in sorted(folder.iterdir())]
    # The provider's error box is on each run's slide only: no slide repeats it.
    assert sum("rate-limited upstream" in " ".join(text.split()) for text in slides) == len(runs)


def test_one_slide_of_one_interaction(tmp_path: Path) -> None:
    steps = wandb_steps()
    longest = max(steps, key=len)
    # An interaction of its own, and one inside a run: the run's slide (its step number).
    for interaction in (2, longest[len(longest) // 2]):
        out = tmp_path / f"{interaction}.svg"
        done = export(
            str(WANDB), "--format", "svg", "--present", "--interaction", str(interaction), "-o", str(out)
        )
        assert done.returncode == 0, done.stderr
        number = next(n for n, step in enumerate(steps, start=1) if interaction in step)
        assert f"Step {number} of {len(steps)}" in slide_text(out)


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
