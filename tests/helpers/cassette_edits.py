"""Second versions of a seed cassette, made by editing a copy as a person would re-record it.

Every edit is a text replacement on the YAML file (the seed stays untouched),
and each helper checks that its replacement really happened, so a seed that
changes shape fails loudly instead of producing two equal files.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "cassettes" / "vcrpy_openai_chat.yaml"
"""Two interactions: a tool call `convert_currency(amount=120, EUR→USD)`, then its result and answer."""


def replaced(text: str, old: str, new: str, count: int = -1) -> str:
    assert old in text, f"the seed no longer holds {old!r}"
    return text.replace(old, new, count)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def tool_argument_changed(text: str) -> str:
    """The model asks for 150 euros instead of 120 (in the answer and in the next request)."""
    return replaced(text, '\\"amount\\":120', '\\"amount\\":150')


def message_added(text: str) -> str:
    """A user message `Please be brief.` after the question of the first request only."""
    question = '{"role":"user","content":"How much is 120 euros in US dollars?"}]'
    return replaced(text, question, question[:-1] + ',{"role":"user","content":"Please be brief."}]', 1)


def blocks(text: str) -> tuple[str, list[str], str]:
    """(head, interaction blocks, tail) of a vcrpy cassette written as `- request:` items."""
    head, _, rest = text.partition("- request:")
    items = ("- request:" + rest).split("\n- request:")
    body, _, tail = items[-1].rpartition("\nversion:")
    items[-1] = body
    return head, [items[0]] + ["- request:" + item for item in items[1:]], "\nversion:" + tail


def retry_inserted(text: str) -> str:
    """The first call failed with a 500 once and was retried: the failed attempt is inserted first."""
    head, items, tail = blocks(text)
    failed = replaced(items[0], "code: 200", "code: 500")
    failed = replaced(failed, "message: OK", "message: Internal Server Error")
    start = failed.index("      string: '") + len("      string: '")
    end = failed.index("'\n", start)
    failed = (
        failed[:start]
        + '{"error":{"message":"The server had an error","type":"server_error"}}'
        + failed[end:]
    )
    return head + "\n".join([failed, *items]) + tail


def only_volatile_changed(text: str) -> str:
    """A re-recording: new completion ids, call id, timestamps, fingerprint and processing time."""
    text = replaced(text, "chatcmpl-example01", "chatcmpl-rerecorded01")
    text = replaced(text, "chatcmpl-example02", "chatcmpl-rerecorded02")
    text = replaced(text, "call_example_fx_01", "call_rerecorded_fx_99")
    text = replaced(text, '"created":1761000100', '"created":1765000200')
    text = replaced(text, '"system_fingerprint":"fp_example"', '"system_fingerprint":"fp_other"')
    return replaced(text, "- '412'", "- '977'")


MULTI = ROOT / "cassettes" / "openrouter_kimi_multi_tool.yaml"
"""Three interactions; the last answers "The results are:" and a two-item Markdown list."""
MULTI_ANSWER = "The results are:\\\\n- Addition: 2 + 3 = 5\\\\n- Multiplication: 2 × 3 = 6"
"""That answer as the YAML holds it: JSON in a double-quoted YAML string, its newlines escaped twice."""


def multi_tool_answering(tmp_path: Path, answer_lines: list[str]) -> Path:
    """A copy of the multi-tool seed whose last answer is `answer_lines`, one per line."""
    answer = "\\\\n".join(line.replace('"', '\\\\\\"') for line in answer_lines)
    return write(tmp_path, "answered.yaml", replaced(MULTI.read_text(encoding="utf-8"), MULTI_ANSWER, answer))
