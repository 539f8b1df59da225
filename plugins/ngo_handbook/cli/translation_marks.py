"""The texts of data/ and content/ still marked to translate, as warnings."""

from __future__ import annotations

from pathlib import Path

from ..languages import english_name
from ..new_entries import entry_marks
from ..partial_translations import copy_language, page_body
from ..problems import Location, Problem
from ..stand_ins import TRANSLATE, is_page_mark
from .output import Report


def borrowed_lines(data) -> dict[tuple[str, int], tuple[str, str]]:
    """(data file as shown, line) → (its language, the language its text is still in), for
    every text the loaded `data` found marked as a copy (`model.Text.borrowed`)."""
    found = {}
    for name, document in data.sources.items():
        if name not in data.documents:
            continue
        for path, text in data.texts(name):
            for language, written in (text.borrowed or {}).items():
                line = document.value_marks.get((*path, language), (0, 0))[0]
                found[(document.display_path, line)] = (language, written)
    return found


def translate_marks(sources, report: Report, data=None) -> None:
    """A warning for every text still marked to translate in data/ and content/; with the
    loaded `data`, the warning of a copied text names the language it is still in."""
    data_dir, project = sources.data_dir, sources.project_dir
    marks = entry_marks()
    copies = borrowed_lines(data) if data is not None else {}

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
            copy = copies.get((display(path), number))
            message = (
                f"this text is still in {english_name(copy[1])}; translate it into "
                f"{english_name(copy[0])} and remove '{mark}'"
                if copy
                else f"this text is still to write in its language (marked '{mark}'); "
                "write it and remove the mark"
            )
            report.warnings.append(
                Problem(
                    Location(display(path), number, len(line) - len(mark) + 1),
                    message,
                )
            )
    docs = sources.docs_dir
    for path in sorted(docs.rglob("*.md")):
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        for number, line in enumerate(lines, 1):
            if is_page_mark(line):
                report.warnings.append(
                    Problem(
                        Location(display(path), number, 1),
                        _copied_page(path, docs, sources.site),
                    )
                )


def _copied_page(path: Path, docs: Path, site) -> str:
    """What to do with a page marked as a copy, naming the language it is still in when
    that can be told (`partial_translations.copy_language`)."""
    language, *rest = path.relative_to(docs).parts
    written = None
    if rest:  # a page of a language's folder
        written = copy_language(
            docs,
            "/".join(rest),
            language,
            page_body(path),
            site.languages,
            site.default_language,
        )
    if written is None:
        return "this page is a copy in another language; translate it and remove this line"
    return (
        f"this page is still in {english_name(written)}; translate it into "
        f"{english_name(language)} and remove this line"
    )
