"""A page's sections by heading, and the sections that changed between two versions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{[^}]*\})?\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Section:
    """A heading and the lines under it, down to the next heading; the first section
    (heading "") is what comes before the first heading, the front matter included."""

    heading: str
    occurrence: int
    lines: tuple[str, ...]

    @property
    def key(self) -> tuple[str, int]:
        return self.heading, self.occurrence


@dataclass(frozen=True)
class SectionChange:
    """A section of the source that changed: its heading and the change as a diff."""

    heading: str
    diff: str


def split_sections(text: str) -> list[Section]:
    """The sections of a Markdown page, in order (headings inside fenced code are text)."""
    sections: list[Section] = []
    heading, lines, fenced = "", [], False
    seen: dict[str, int] = {}

    def close() -> None:
        # Blank lines before the next heading are no part of the text: a section added
        # after this one changes nothing in it for its translators.
        while lines and not lines[-1].strip():
            lines.pop()
        sections.append(Section(heading, seen.get(heading, 0), tuple(lines)))
        seen[heading] = seen.get(heading, 0) + 1

    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        found = None if fenced else HEADING.match(line)
        if found:
            close()
            heading, lines = found.group(2), []
        lines.append(line)
    close()
    return sections


def changed_sections(before: str | None, after: str) -> list[SectionChange]:
    """The sections of `after` that are new or differ from `before`, each with its diff;
    a section removed since `before` counts too."""
    old = {section.key: section for section in split_sections(before or "")}
    changes = []
    new_keys = set()
    for section in split_sections(after):
        new_keys.add(section.key)
        previous = old.get(section.key)
        if previous is not None and previous.lines == section.lines:
            continue
        if not section.heading and not any(line.strip() for line in section.lines):
            continue
        changes.append(SectionChange(section.heading, _diff(previous, section)))
    for key, section in old.items():
        if key not in new_keys and section.heading:
            changes.append(SectionChange(section.heading, _diff(section, None)))
    return changes


def _diff(before: Section | None, after: Section | None) -> str:
    old = list(before.lines) if before else []
    new = list(after.lines) if after else []
    lines = difflib.unified_diff(old, new, "then", "now", lineterm="", n=1)
    return "\n".join(list(lines)[2:])


def text_diff(before: str, after: str) -> str:
    """A diff of two texts (a data string then and now), a line per line of text."""
    lines = difflib.unified_diff(
        before.splitlines(), after.splitlines(), "then", "now", lineterm="", n=1
    )
    return "\n".join(list(lines)[2:])
