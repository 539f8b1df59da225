"""What a command prints: lines for people, or JSON for other programs.

Every problem is one line, `file:line:col: what is wrong; what to do`, with its file as
a person finds it from the current folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Location, Problem

INTERRUPTED = 130


def say(text: str = "") -> None:
    """Print a line for the person at the terminal."""
    print(text, flush=True)


def complain(text: str) -> None:
    """Print a line about what went wrong, on the error stream."""
    print(text, file=sys.stderr, flush=True)


def shown_path(path: Path) -> str:
    """`path` as a person finds it from the current folder: relative to it when it is
    inside it, else the whole path (never `../`)."""
    full = path.resolve()
    return os.path.relpath(full) if full.is_relative_to(Path.cwd()) else str(full)


@dataclass
class Report:
    """Problems and warnings of one command, each tied to a file, line and column."""

    project: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def shown(self, problem: Problem) -> Problem:
        """`problem` with its file as a person finds it from the current folder: relative to
        it when the handbook is inside it, else the whole path (never `../`)."""
        file = problem.location.file
        if not file or Path(file).is_absolute() or self.project.resolve() == Path.cwd():
            return problem
        where = shown_path(self.project / file)
        return Problem(
            Location(where, problem.location.line, problem.location.column), problem.message
        )

    def sorted(self, problems: list[Problem]) -> list[Problem]:
        return [self.shown(problem) for problem in sorted(set(problems))]


def finish_check(report: Report, args: argparse.Namespace) -> int:
    """Print what `check` found, as text or JSON; its exit code."""
    problems, warnings = report.sorted(report.problems), report.sorted(report.warnings)
    if args.format == "json":
        # For programs: each file relative to the handbook folder, given whole.
        say(
            json.dumps(
                {
                    "handbook": str(report.project.resolve()),
                    "problems": [p.as_dict() for p in sorted(set(report.problems))],
                    "warnings": [w.as_dict() for w in sorted(set(report.warnings))],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            say(str(problem))
        for warning in warnings:
            say(f"{warning.location}: warning: {warning.message}")
        if problems or warnings:
            count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
            say(f"{count} and {len(warnings)} warning{'s' * (len(warnings) != 1)}.")
        else:
            say("The handbook is ready to build: no problem found.")
    return 1 if problems or (args.strict and warnings) else 0
