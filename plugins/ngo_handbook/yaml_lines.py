"""Lines of a YAML file as a person reads them: the lines that hold one value."""

from __future__ import annotations


def value_lines(lines: list[str], start: int) -> list[str]:
    """The lines of the value whose key is on line `start` (from 1): that line, and the
    deeper indented ones under it (a block text `tr: >-`)."""
    first = lines[start - 1]
    indent = len(first) - len(first.lstrip())
    end = start
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start - 1 : end]
