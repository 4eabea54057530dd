"""A count the user reads goes through `counted`, so that one is said in the singular.

"1 messages" slipped through in `inspect` and in five screens after plurals were fixed once:
this scans the package for an f-string that writes a number straight before a plural noun.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui_replay.wording import counted

PACKAGE = Path(__file__).resolve().parents[1] / "tui_replay"

NOUNS = (
    "messages|interactions|files|tools|calls|turns|attempts|errors|problems|tokens|events|parts"
    "|words|retries|steps|results|chunks|matches|items|hits|cassettes|images|requests|responses"
    "|sessions|deltas|fragments|runs"
)
COUNT_BEFORE_PLURAL = re.compile(r"\{[^{}]*\} (?:" + NOUNS + r")\b")
"""`{len(x)} messages`; bytes and diff stats (`+3 −1 lines`) are left out: a unit, not a count."""

ALWAYS_MORE_THAN_ONE = {
    # written only when the count is above one
    ("export/markdown.py", "{info.attempts} attempts"),
    ("export/html.py", "{final.turn.attempts} attempts"),
    ("settings.py", "{len(self.problems)} problems"),
    # "3 → 4 interactions": two counts, one noun
    ("analysis/compare_report.py", "{result.count_b} interactions"),
    # "looked for .yaml, .yml, .json files": kinds, not a count
    ("ui/widgets/cassette_preview.py", "{suffixes} files"),
}


def plural_after_a_count(source: str) -> list[str]:
    return [match.group(0) for match in COUNT_BEFORE_PLURAL.finditer(source)]


def test_the_scan_finds_a_count_before_a_plural() -> None:
    assert plural_after_a_count('f"conversation ({len(messages)} messages):"') == ["{len(messages)} messages"]
    assert plural_after_a_count("f\"conversation ({counted(len(messages), 'message')}):\"") == []


def test_every_count_before_a_plural_goes_through_counted() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        for text in plural_after_a_count(path.read_text(encoding="utf-8")):
            if (where, text) not in ALWAYS_MORE_THAN_ONE:
                found.append(f"{where}: {text}")
    assert found == [], "write these with tui_replay.wording.counted:\n" + "\n".join(found)


def test_counted_says_one_in_the_singular() -> None:
    assert counted(1, "message") == "1 message"
    assert counted(0, "message") == "0 messages"
    assert counted(2, "match", "matches") == "2 matches"
