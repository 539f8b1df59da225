"""Which pages and data strings are translated, missing or out of date, per language.

A translation is out of date when its source (the default language's page section, by
heading, or data string, by line) changed after the translation last changed, as Git
records it. A translator who checked a translation against the source without changing
it says so:

- a page: `translation_checked: 2026-12-03` (or a commit) in its front matter;
- a data string: a comment `# checked 2026-12-03` at the end of the translation's line
  (`tr: Güvenlik  # checked 2026-12-03`); committing the changed line also counts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content_checks import split_front_matter
from ..data_files import HandbookData
from ..git_history import NOW, Change, Git
from ..yaml_lines import value_lines
from .sections import SectionChange, changed_sections, text_diff

STATES = ("translated", "missing", "outdated")
CHECKED_FIELD = "translation_checked"
CHECKED_COMMENT = re.compile(r"#\s*checked\b\s*(\d{4}-\d{2}-\d{2})?")


@dataclass(frozen=True)
class Entry:
    """A page (`strategy/activity.md`) or data string (`data/safety.yml:14`) in a language."""

    name: str
    state: str
    since: str = ""
    """For an out-of-date one, the date of the translation's last change (or check)."""
    changes: tuple[SectionChange, ...] = ()
    """For an out-of-date one, what changed in the source since then."""


@dataclass
class LanguageStatus:
    language: str
    pages: list[Entry] = field(default_factory=list)
    strings: list[Entry] = field(default_factory=list)

    def names(self, state: str) -> list[str]:
        return [entry.name for entry in [*self.pages, *self.strings] if entry.state == state]


@dataclass
class TranslationStatus:
    """The status of every language but the default one; `git` False outside Git."""

    default_language: str
    languages: dict[str, LanguageStatus]
    git: bool

    def as_json(self) -> dict[str, dict[str, list[str]]]:
        return {
            language: {state: status.names(state) for state in STATES}
            for language, status in self.languages.items()
        }

    def page(self, language: str, path: str) -> Entry | None:
        status = self.languages.get(language)
        return next((e for e in status.pages if e.name == path), None) if status else None


def _end_of_day(day: dt.date) -> int:
    moment = dt.datetime.combine(day, dt.time.max, tzinfo=dt.timezone.utc)
    return int(moment.timestamp())


def _front_matter(text: str) -> dict[str, Any]:
    block, start = split_front_matter(text)
    if block is None or start == -1:
        return {}
    try:
        found = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return found if isinstance(found, dict) else {}


def _page_reference(git: Git, translation: Path, text: str) -> Change | None:
    """The version of the source the translation matches: its last change, or the
    `translation_checked` mark when that is later."""
    reference = git.last_change(translation)
    mark = _front_matter(text).get(CHECKED_FIELD) if CHECKED_FIELD in text else None
    checked: Change | None = None
    if isinstance(mark, dt.date):
        checked = git.commit_before(_end_of_day(mark))
    elif isinstance(mark, (str, int)) and str(mark).strip():
        checked = git.commit_time(str(mark).strip())
    if checked is not None and (reference is None or checked.time > reference.time):
        if reference is None or reference.commit != NOW:
            return checked
    return reference


def page_entry(git: Git | None, path: str, source: Path, translation: Path) -> Entry:
    if not translation.is_file():
        return Entry(path, "missing")
    if git is None:
        return Entry(path, "translated")
    reference = _page_reference(git, translation, translation.read_text(encoding="utf-8-sig"))
    source_change = git.last_change(source)
    if reference is None or reference.commit == NOW or source_change is None:
        return Entry(path, "translated")
    if source_change.commit != NOW and not git.later(source_change, reference):
        return Entry(path, "translated")
    before = git.show(reference.commit, source)
    changes = changed_sections(before, source.read_text(encoding="utf-8-sig"))
    if not changes:
        return Entry(path, "translated")
    return Entry(path, "outdated", reference.date, tuple(changes))


def _pages(docs_dir: Path, languages, default: str, git: Git | None, found: dict) -> None:
    source_dir = docs_dir / default
    for source in sorted(source_dir.rglob("*.md")):
        path = source.relative_to(source_dir).as_posix()
        for language in languages:
            found[language].pages.append(page_entry(git, path, source, docs_dir / language / path))


def _value_at(document: Any, path: tuple) -> Any:
    for part in path:
        try:
            document = document[part]
        except (KeyError, IndexError, TypeError):
            return None
    return document


def _latest(changes: list[Change], first: int, count: int) -> Change | None:
    span = changes[first - 1 : first - 1 + count]
    return max(span, key=lambda change: change.time) if span else None


def _strings(data: HandbookData, data_dir: Path, languages, git: Git | None, found: dict):
    default = data.default_language
    names = sorted(data.documents)
    blames = git.blame_all([data_dir / name for name in names]) if git else {}
    for name in names:
        path_on_disk = data_dir / name
        lines = path_on_disk.read_text(encoding="utf-8").splitlines()
        blame = blames.get(path_on_disk, [])
        display = f"{data.data_dir_name}/{name}"
        earlier: dict[str, Any] = {}
        for path, text in data.texts(name):
            if text.uniform or default not in text.values:
                continue
            source_change = None
            if blame:  # else nothing is known of when a text changed
                source_line = data.locate(name, (*path, default), key=True).line
                source_change = _latest(blame, source_line, len(value_lines(lines, source_line)))
            for language in languages:
                if language not in text.values:
                    line = data.locate(name, path, key=True).line
                    found[language].strings.append(Entry(f"{display}:{line}", "missing"))
                    continue
                line = data.locate(name, (*path, language), key=True).line
                where = f"{display}:{line}"
                change = None
                if source_change is not None:
                    change = _latest(blame, line, len(value_lines(lines, line)))
                if change is None:
                    found[language].strings.append(Entry(where, "translated"))
                    continue
                checked = CHECKED_COMMENT.search(lines[line - 1])
                seen = change
                if checked and checked.group(1):
                    day_checked = _end_of_day(dt.date.fromisoformat(checked.group(1)))
                    if day_checked > change.time:
                        seen = Change(change.commit, day_checked)
                if change.commit == NOW or not git.later(source_change, seen):
                    found[language].strings.append(Entry(where, "translated"))
                    continue
                if change.commit not in earlier:
                    old = git.show(change.commit, path_on_disk) if git else None
                    try:
                        earlier[change.commit] = yaml.safe_load(old) if old else None
                    except yaml.YAMLError:
                        earlier[change.commit] = None
                then = _value_at(earlier[change.commit], (*path, default))
                diff = text_diff(then if isinstance(then, str) else "", text.values[default])
                entry = Entry(where, "outdated", change.date, (SectionChange("", diff),))
                found[language].strings.append(entry)


def translation_status(
    docs_dir: Path, data: HandbookData, data_dir: Path, git: Git | None
) -> TranslationStatus:
    """The status of every page of `docs_dir` and every data string, per language; `git`
    None (outside a repository) leaves out what needs history."""
    default = data.default_language
    languages = [language for language in data.languages if language != default]
    found = {language: LanguageStatus(language) for language in languages}
    _pages(docs_dir, languages, default, git, found)
    _strings(data, data_dir, languages, git, found)
    return TranslationStatus(default, found, git is not None)
