"""Load and validate every file under `data/`, reporting all problems at once.

The kinds of data file come from the features (`features.data_kinds()`), each with the
model that describes it. Loading never stops at the first problem: every file is read,
every value checked, and `HandbookError` lists all that is wrong, each with
`data/FILE.yml:LINE:COL`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .data_salvage import sound_part
from .feature import DataFileKind
from .handbook_identity import Handbook
from .languages import english_name
from .model import DataModel, Text, collect_texts
from .parsed_files import ParsedFiles
from .problems import HandbookError, Location, Problem, did_you_mean
from .stand_ins import TRANSLATE, marked_lines, written_language
from .validation import validate_document
from .yaml_source import YamlDocument, YamlSyntaxError

# Country codes people often write where a language code is meant.
COUNTRY_TO_LANGUAGE = {
    "kz": "kk",
    "sa": "ar",
    "eg": "ar",
    "ae": "ar",
    "jo": "ar",
    "gb": "en",
    "uk": "en",
    "us": "en",
    "tur": "tr",
    "kaz": "kk",
    "ara": "ar",
    "eng": "en",
}


@dataclass
class HandbookData:
    """Every validated data file, keyed by its path under `data/` (for example `safety.yml`)."""

    languages: list[str]
    default_language: str
    documents: dict[str, DataModel] = field(default_factory=dict)
    sources: dict[str, YamlDocument] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    data_dir_name: str = "data"
    _texts: dict[str, list[tuple[tuple, Text]]] = field(default_factory=dict, repr=False)

    def texts(self, name: str) -> list[tuple[tuple, Text]]:
        """Every translatable text of document `name`, with its path in it: walked once a
        build for the checks of languages, of the glossary and of translations (a directory
        of 10,000 organisations holds 60,000 texts)."""
        if name not in self._texts:
            self._texts[name] = collect_texts(self.documents[name])
        return self._texts[name]

    @property
    def handbook(self) -> Handbook:
        return self.documents["handbook.yml"]  # type: ignore[return-value]

    def get(self, name: str) -> Any:
        """The validated document `name`, or None when the file does not exist."""
        return self.documents.get(name)

    def matching(self, pattern: str) -> dict[str, Any]:
        """All documents whose path matches a glob, sorted by path."""
        return {
            name: doc
            for name, doc in sorted(self.documents.items())
            if fnmatch.fnmatch(name, pattern)
        }

    def locate(self, name: str, path: tuple = (), *, key: bool = False) -> Location:
        """Where a value of document `name` stands in its file."""
        return self.sources[name].locate(path, key=key)

    def text(self, value: Any, language: str) -> str:
        """A Text (or None) in `language`, else a `model.Fallback` in the default language."""
        if value is None:
            return ""
        return value.shown(language, self.default_language)


def check_languages(
    name: str,
    document: YamlDocument,
    texts: Iterable[tuple[tuple, Text]],
    languages: list[str],
    default: str,
) -> tuple[list[Problem], list[Problem]]:
    """Problems (unknown or missing default language) and warnings (missing translation) of
    a document's `texts` (`HandbookData.texts`)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path, text in texts:
        if text.uniform:
            continue
        for language in text.values:
            if language not in languages:
                meant = COUNTRY_TO_LANGUAGE.get(language.lower())
                hint = f" Did you mean '{meant}'?" if meant in languages else ""
                problems.append(
                    Problem(
                        document.locate((*path, language), key=True),
                        f"'{language}' is not a language of this handbook.{hint} "
                        f"Expected one of: {', '.join(languages)}",
                    )
                )
        missing = [language for language in languages if language not in text.values]
        if default in missing:
            problems.append(
                Problem(
                    document.locate(path),
                    f"there is no {english_name(default)} ('{default}') text; "
                    "the default language is required because other languages fall back to it",
                )
            )
            missing.remove(default)
        for language in missing:
            warnings.append(
                Problem(
                    document.locate(path),
                    f"there is no {english_name(language)} ('{language}') "
                    f"text; the {english_name(default)} text is shown instead. "
                    f"Add '{language}: …' here",
                )
            )
    return problems, warnings


def mark_borrowed(
    path: Path, document: YamlDocument, texts: Iterable[tuple[tuple, Text]], default: str
) -> None:
    """Note, on each text of `texts` (those of the data file at `path`), the languages whose
    line is marked to translate, with the language the text is still written in
    (`stand_ins`; `default` is the handbook's default language): the page shows it as a
    text of that language."""
    source = path.read_bytes()
    if TRANSLATE.encode() not in source:
        return
    from .new_entries import entry_marks  # reads the package's strings files

    lines = source.decode("utf-8-sig", errors="replace")
    copied = marked_lines(lines)
    marked = marked_lines(lines, entry_marks())  # copies, and hints still to write
    marks = document.value_marks
    for text_path, text in texts:
        if text.uniform:
            continue
        line_of = {
            language: marks.get((*text_path, language), (0, 0))[0] for language in text.values
        }
        copies = [language for language, line in line_of.items() if line in copied]
        if not copies:
            continue
        originals = [
            (language, value)
            for language, value in text.values.items()
            if line_of[language] not in marked
        ]
        borrowed = {
            language: written
            for language in copies
            if (written := written_language(text.values[language], language, originals, default))
        }
        text.borrowed = borrowed or None


def load_handbook_data(
    data_dir: Path,
    languages: list[str],
    default_language: str,
    kinds: Sequence[DataFileKind],
    *,
    display_root: Path | None = None,
    strict: bool = False,
) -> HandbookData:
    """Read, validate and cross-check every data file; raise HandbookError listing all problems
    (with `strict`, a missing translation is one too)."""
    data, problems = read_handbook_data(
        data_dir, languages, default_language, kinds, display_root=display_root, strict=strict
    )
    if problems:
        raise HandbookError(problems)
    return data


def read_handbook_data(
    data_dir: Path,
    languages: list[str],
    default_language: str,
    kinds: Sequence[DataFileKind],
    *,
    display_root: Path | None = None,
    strict: bool = False,
    parsed: ParsedFiles | None = None,
) -> tuple[HandbookData, list[Problem]]:
    """Read and check every data file; return what validated (`data_salvage`) and every
    problem found: the pages are checked against it, so one run lists them all. With
    `parsed`, a file that did not change since it was last parsed is not parsed again."""
    parsed = parsed or ParsedFiles(None)
    root = display_root or data_dir.parent
    data_dir_name = (
        data_dir.relative_to(root).as_posix() if data_dir.is_relative_to(root) else str(data_dir)
    )
    data = HandbookData(languages, default_language, data_dir_name=data_dir_name)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        message = "the data folder does not exist; create it with a handbook.yml"
        return data, [Problem(Location(data_dir_name), message)]

    found = sorted(
        path.relative_to(data_dir).as_posix()
        for path in data_dir.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )
    patterns = [kind.pattern for kind in kinds]
    for name in found:
        display = f"{data_dir_name}/{name}"
        kind = next((k for k in kinds if fnmatch.fnmatch(name, k.pattern)), None)
        if kind is None:
            if name.endswith((".yml", ".yaml")):
                hint = did_you_mean(name, patterns)
                problems.append(
                    Problem(
                        Location(display),
                        f"this is not a known data file.{hint} "
                        f"Expected one of: {', '.join(patterns)}",
                    )
                )
            continue
        if kind.model is None:
            continue  # read and checked by its own feature (the interface strings)
        try:
            document, parse_problems = parsed.read_yaml(data_dir / name, display)
        except YamlSyntaxError as error:
            problems.append(error.problem)
            continue
        problems.extend(parse_problems)
        if document.data is None and parse_problems:
            continue  # nothing was read (aliases that repeat too much): said already
        value, model_problems = validate_document(document, kind.model)
        problems.extend(model_problems)
        data.sources[name] = document
        if value is None and model_problems:  # what is sound, for the other checks
            value = sound_part(document.data, kind.model)
        if value is not None:
            data.documents[name] = value
            mark_borrowed(data_dir / name, document, data.texts(name), default_language)
            text_problems, text_warnings = check_languages(
                name, document, data.texts(name), languages, default_language
            )
            problems.extend(text_problems)
            (problems if strict else data.warnings).extend(text_warnings)

    parsed.prune()
    for kind in kinds:
        if kind.required and not any(fnmatch.fnmatch(name, kind.pattern) for name in found):
            problems.append(
                Problem(
                    Location(f"{data_dir_name}/{kind.pattern}"),
                    f"this file is missing; it holds {kind.summary}",
                )
            )

    handbook = data.documents.get("handbook.yml")
    if isinstance(handbook, Handbook) and handbook.default_language != default_language:
        problems.append(
            Problem(
                data.locate("handbook.yml", ("default_language",)),
                f"default_language is '{handbook.default_language}' but mkdocs.yml makes "
                f"'{default_language}' the default; make them the same",
            )
        )

    # Every check runs on what validated, so a mistake does not hide those of other entries.
    for kind in kinds:
        for check in kind.cross_checks:
            problems.extend(check(data))
    return data, problems


def check_unique_ids(
    data: HandbookData, name: str, items: Iterable[tuple[tuple, str]]
) -> list[Problem]:
    """Report every id that appears twice; `items` gives (path of the id, id)."""
    seen: dict[str, tuple] = {}
    problems = []
    for path, identifier in items:
        if identifier in seen:
            first = data.locate(name, seen[identifier]).line
            problems.append(
                Problem(
                    data.locate(name, path),
                    f"the id '{identifier}' is already used on line {first}; "
                    "every id must be unique",
                )
            )
        else:
            seen[identifier] = path
    return problems
