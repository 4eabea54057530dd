"""The app's start-up imports none of the core: the browser's first paint must not wait for
PyYAML, the dialects or the model's dataclasses (importing them cost ~35 ms before the first
frame when the browser's content search imported the search engine at module level)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_importing_the_app_imports_no_decoder_yaml_or_model() -> None:
    code = (
        "import json, sys, tui_replay.ui.app\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'yaml' or m.startswith("
        "('tui_replay.dialects', 'tui_replay.model', 'tui_replay.analysis', 'tui_replay.formats.load')))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
