"""The glossary check: a discouraged variant in a page or a data string, with its place.

Pages are read line by line in their language's folder (`content/<lang>/`): the body,
outside fenced code, and the `title:` of the front matter. Data strings are every text of
every data file in that language, at the line where the variant stands.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..build_cache import KeptValues, entry_name, kept_or_made, package_fingerprint
from ..context import BuildContext
from ..data_files import HandbookData
from ..problems import Location, Problem
from ..yaml_lines import value_lines
from .matching import Found, find_all, fold, required_text, variant_pattern
from .model import FILE, Glossary

FENCE = re.compile(r"^\s*(```|~~~)")
TITLE = re.compile(r"^title\s*:")


@dataclass(frozen=True)
class Variant:
    """One discouraged variant in one language, and the term to write instead."""

    concept: str
    language: str
    written: str
    term: str
    pattern: re.Pattern[str]
    required: str
    """What every match holds, folded (`matching.required_text`)."""


def variants(glossary: Glossary, default_language: str) -> dict[str, list[Variant]]:
    """Every discouraged variant of the glossary, by language."""
    found: dict[str, list[Variant]] = {}
    for concept in glossary.root:
        for language, words in concept.avoid.items():
            term = concept.term.get(language, default_language)
            found.setdefault(language, []).extend(
                Variant(
                    concept.id,
                    language,
                    word,
                    term,
                    variant_pattern(word, language),
                    required_text(word, language),
                )
                for word in words
                if word.strip()
            )
    return found


def _problem(location: Location, written: str, variant: Variant) -> Problem:
    return Problem(
        location,
        f"'{written}' is a variant the glossary discourages; write '{variant.term}' "
        f"(data/{FILE}, {variant.concept})",
    )


class _Scanner:
    """Finds the variants of one language in numbered lines (set up once per language: the
    data files of a big directory have tens of thousands of texts to look through)."""

    def __init__(self, candidates: list[Variant]) -> None:
        self.language = candidates[0].language
        self.by_pattern = {variant.pattern: variant for variant in candidates}
        # A line is searched only for the variants whose `required` piece it holds: a
        # common word (`gönüllü`) starts several variants, most lines hold none of them.
        self.by_required: dict[str, list[re.Pattern[str]]] = {}
        for pattern, variant in self.by_pattern.items():
            self.by_required.setdefault(variant.required, []).append(pattern)

    def patterns_for(self, text: str) -> list[re.Pattern[str]]:
        """The patterns of the variants that `text` might hold (it holds what each needs)."""
        folded = fold(text, self.language)
        return [
            pattern
            for piece, patterns in self.by_required.items()
            if piece in folded
            for pattern in patterns
        ]

    def scan(self, lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, Found, Variant]]:
        """(line number, place, variant) of every variant found in the numbered lines."""
        for number, line in lines:
            patterns = self.patterns_for(line)
            if not patterns:
                continue
            for found in find_all(line, patterns, self.language):
                yield number, found, self.by_pattern[found.pattern]


class _Scanners:
    """Each language's `_Scanner`, set up when first needed (a check taken from the kept
    values needs none)."""

    def __init__(self, by_language: dict[str, list[Variant]]) -> None:
        self.by_language = by_language
        self.made: dict[str, _Scanner | None] = {}

    def get(self, language: str) -> _Scanner | None:
        if language not in self.made:
            found = self.by_language.get(language)
            self.made[language] = _Scanner(found) if found else None
        return self.made[language]


def page_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of what a reader sees: the front matter's title, the body
    outside fenced code."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                for number in range(1, index):
                    if TITLE.match(lines[number]):
                        yield number + 1, lines[number]
                start = index + 1
                break
    fenced = False
    for index in range(start, len(lines)):
        if FENCE.match(lines[index]):
            fenced = not fenced
            continue
        if not fenced:
            yield index + 1, lines[index]


def check_pages(
    docs_dir: Path,
    display_root: Path,
    by_language: dict[str, list[Variant]],
    kept: KeptValues | None = None,
    settings: str = "",
) -> list[Problem]:
    """Problems for every variant in the pages of `content/<lang>/`. With `kept`, a page
    found as it was, with the glossary as it was (`settings`), is not looked through again."""
    problems = []
    scanners = _Scanners(by_language)
    for language in sorted(by_language):
        folder = docs_dir / language
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            display = path.relative_to(display_root).as_posix()
            text = path.read_text(encoding="utf-8-sig")
            key = entry_name(settings, "page", language, display, text) if kept is not None else ""
            scan = functools.partial(_page_problems, scanners.get, language, display, text)
            problems += _kept_or_found(kept, key, scan)
    return problems


def _page_problems(scanner_of, language: str, display: str, text: str) -> list[Problem]:
    """The variants in the page `display` in `language`, whose text is `text`."""
    scanner = scanner_of(language)
    found = scanner.scan(page_lines(text)) if scanner else ()
    return [
        _problem(Location(display, number, place.column), place.written, variant)
        for number, place, variant in found
    ]


def check_data(
    data: HandbookData,
    data_dir: Path,
    by_language: dict[str, list[Variant]],
    kept: KeptValues | None = None,
    settings: str = "",
) -> list[Problem]:
    """Problems for every variant in the data files' texts (the glossary's own excepted).
    With `kept`, a file found as it was, with the glossary as it was (`settings`), is not
    read again: the texts of ten thousand organisations take a while."""
    problems = []
    scanners = _Scanners(by_language)
    for name in sorted(data.documents):
        if name == FILE:
            continue
        source = (data_dir / name).read_text(encoding="utf-8")
        key = entry_name(settings, name, source) if kept is not None else ""
        scan = functools.partial(_check_file, data, name, source, scanners)
        problems += _kept_or_found(kept, key, scan)
    return sorted(set(problems))


def _kept_or_found(
    kept: KeptValues | None, key: str, find: Callable[[], list[Problem]]
) -> list[Problem]:
    """The problems kept under `key`, or those `find()` finds (then kept there)."""
    found = kept_or_made(kept, key, lambda: [_plain(problem) for problem in find()], list)
    return [Problem(Location(file, line, column), m) for file, line, column, m in found]


def kept_settings(data: HandbookData, data_dir: Path) -> str:
    """What a kept check of a page or a data file depends on besides its text: the
    glossary, the languages, the package."""
    return entry_name(
        "glossary",
        package_fingerprint(),
        (data_dir / FILE).read_bytes(),
        " ".join(data.languages),
        data.data_dir_name,
    )


def _plain(problem: Problem) -> tuple[str, int, int, str]:
    where = problem.location
    return where.file, where.line, where.column, problem.message


def _check_file(data: HandbookData, name: str, source: str, scanners: _Scanners) -> list[Problem]:
    """The variants in the texts of the data file `name`, whose text is `source`."""
    problems: list[Problem] = []
    lines = source.splitlines()
    display = f"{data.data_dir_name}/{name}"
    for path, text in data.texts(name):
        for language, value in text.values.items():
            scanner = scanners.get(language)
            # Most texts hold no variant: they are read in their lines only when one might be
            # there (a directory of ten thousand organisations has 60,000 texts).
            if scanner is None or not scanner.patterns_for(value):
                continue
            start = data.locate(name, (*path, language), key=True).line
            if not 0 < start <= len(lines):
                continue
            numbered = enumerate(value_lines(lines, start), start)
            for number, found, variant in scanner.scan(numbered):
                location = Location(display, number, found.column)
                problems.append(_problem(location, found.written, variant))
    return problems


def check_terms(context: BuildContext) -> list[Problem]:
    """Load phase: every discouraged variant in the pages and the data strings."""
    glossary: Glossary | None = context.data.get(FILE)
    if glossary is None:
        return []
    by_language = variants(glossary, context.default_language)
    if not by_language:
        return []
    data_dir = context.project_dir / context.data.data_dir_name
    kept = context.kept
    settings = kept_settings(context.data, data_dir) if kept is not None else ""
    found = {
        *check_pages(context.docs_dir, context.project_dir, by_language, kept, settings),
        *check_data(context.data, data_dir, by_language, kept, settings),
    }
    return sorted(found)
