"""Problems found in a handbook's sources, each tied to a file, a line and a column.

`HandbookError` is the generator's own exception: the engine adapter (the MkDocs plugin,
the command line) turns it into the engine's error or an exit code, so nothing below the
adapter depends on an engine.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; `line` and `column` count from 1 (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing the author must fix: where, what is wrong, and what was expected."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The problem as plain values, for `ngo-handbook check --format json`."""
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "message": self.message,
        }


class HandbookError(Exception):
    """Raised with every problem found, so the author can fix them all in one pass."""

    def __init__(self, problems: Iterable[Problem], *, heading: str | None = None):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        if heading is None:
            counted = "1 problem" if count == 1 else f"{count} problems"
            heading = f"The handbook sources have {counted}; nothing was built"
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{heading}:\n{lines}")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word`, or None when none is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' Did you mean 'x'?' for the closest choice, or '' when none is close."""
    meant = closest(word, choices)
    return f" Did you mean '{meant}'?" if meant else ""
