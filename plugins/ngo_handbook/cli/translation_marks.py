"""The texts of data/ and content/ still marked to translate, as warnings."""

from __future__ import annotations

from pathlib import Path

from ..new_entries import entry_marks
from ..problems import Location, Problem
from ..stand_ins import PAGE_TRANSLATE, TRANSLATE
from .output import Report


def translate_marks(sources, report: Report) -> None:
    """A warning for every text still marked to translate in data/ and content/."""
    data_dir, project = sources.data_dir, sources.project_dir
    marks = entry_marks()

    def display(path: Path) -> str:
        return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)

    for path in sorted(data_dir.rglob("*.yml")) if data_dir.is_dir() else []:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        marked = [number for number, line in enumerate(lines, 1) if line.rstrip().endswith(marks)]
        if not marked:
            continue
        if path.parent.name == "strings":  # a whole file of interface strings: one line
            report.warnings.append(
                Problem(
                    Location(display(path), marked[0], 1),
                    f"{len(marked)} interface texts are still in English (marked "
                    f"'{TRANSLATE}'); translate them and remove the marks",
                )
            )
            continue
        for number in marked:
            line = lines[number - 1].rstrip()
            mark = next(mark for mark in marks if line.endswith(mark))
            report.warnings.append(
                Problem(
                    Location(display(path), number, len(line) - len(mark) + 1),
                    f"this text is still to write in its language (marked '{mark}'); "
                    "write it and remove the mark",
                )
            )
    for path in sorted(sources.docs_dir.rglob("*.md")):
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        for number, line in enumerate(lines, 1):
            if PAGE_TRANSLATE in line:
                report.warnings.append(
                    Problem(
                        Location(display(path), number, 1),
                        "this page is a copy in another language; translate it and remove "
                        "this line",
                    )
                )
