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
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .feature import DataFileKind
from .handbook_identity import Handbook
from .languages import english_name
from .model import DataModel, iter_texts
from .problems import HandbookError, Location, Problem, did_you_mean
from .yaml_source import YamlDocument, YamlSyntaxError, read_yaml

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
        """A Text (or None) in `language`, falling back to the default language."""
        if value is None:
            return ""
        return value.get(language, self.default_language)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _model_at(model: Any, loc: tuple) -> Any:
    """The model class that holds the value at `loc`, following lists, dicts and optionals."""
    current = model
    for part in loc:
        while get_origin(current) is not None or get_args(current):
            args = [a for a in get_args(current) if a is not type(None)]
            origin = get_origin(current)
            if origin in (list, tuple) and isinstance(part, int):
                current = args[0]
                break
            if origin is dict:
                current = args[-1]
                break
            if len(args) >= 1 and not (
                isinstance(current, type) and issubclass(current, BaseModel)
            ):
                models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
                current = models[0] if models else args[0]
                if models:
                    break
            else:
                break
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = current.model_fields
            if part in fields:
                current = fields[part].annotation
                continue
            return current
    while not (isinstance(current, type) and issubclass(current, BaseModel)):
        models = [a for a in get_args(current) if isinstance(a, type) and issubclass(a, BaseModel)]
        if not models:
            return None
        current = models[0]
    return current


def _problems_from_validation(
    error: ValidationError, document: YamlDocument, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            holder = _model_at(model, loc[:-1])
            allowed = list(holder.model_fields) if holder else []
            hint = did_you_mean(str(loc[-1]), allowed)
            expected = ", ".join(allowed)
            message = f"unknown key '{loc[-1]}'.{hint} Expected one of: {expected}"
            problems.append(Problem(document.locate(loc, key=True), message))
        elif kind == "missing":
            message = f"the key '{loc[-1]}' is missing; add '{loc[-1]}: …' here"
            problems.append(Problem(document.locate(loc[:-1]), message))
        elif kind.startswith(
            ("text_", "identifier", "unsafe_link", "email", "image_path")
        ) or kind in (
            "value_error",
            "assertion_error",
        ):
            message = item["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
            problems.append(Problem(document.locate(loc), message))
        else:
            where = f"'{loc[-1]}'" if loc and isinstance(loc[-1], str) else "this value"
            reason = item["msg"][0].lower() + item["msg"][1:]
            message = f"{where}: {reason}; got {_describe(item.get('input'))}"
            problems.append(Problem(document.locate(loc), message))
    return problems


def validate_document(
    document: YamlDocument, model: type[DataModel]
) -> tuple[DataModel | None, list[Problem]]:
    """Validate a parsed file against its model; the problems carry file:line:col."""
    if document.data is None:
        return None, [
            Problem(document.locate(()), "this file is empty; see the docs for what it holds")
        ]
    if not isinstance(document.data, dict):
        return None, [
            Problem(
                document.locate(()),
                f"expected a block of 'key: value' lines, got {_describe(document.data)}",
            )
        ]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, _problems_from_validation(error, document, model)


def check_languages(
    name: str, document: YamlDocument, value: DataModel, languages: list[str], default: str
) -> tuple[list[Problem], list[Problem]]:
    """Problems (unknown or missing default language) and warnings (missing translation)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path, text in iter_texts(value):
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


def load_handbook_data(
    data_dir: Path,
    languages: list[str],
    default_language: str,
    kinds: Sequence[DataFileKind],
    *,
    display_root: Path | None = None,
    strict: bool = False,
) -> HandbookData:
    """Read, validate and cross-check every data file; raise HandbookError listing all problems.

    With `strict`, a missing translation is a problem too instead of a warning.
    """
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
) -> tuple[HandbookData, list[Problem]]:
    """Read and check every data file; return what validated and every problem found.

    The pages are checked against what validated even when some files have problems, so
    one run lists the problems of the data and of the pages together.
    """
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
        try:
            document, parse_problems = read_yaml(data_dir / name, display)
        except YamlSyntaxError as error:
            problems.append(error.problem)
            continue
        problems.extend(parse_problems)
        value, model_problems = validate_document(document, kind.model)
        problems.extend(model_problems)
        data.sources[name] = document
        if value is not None:
            data.documents[name] = value
            text_problems, text_warnings = check_languages(
                name, document, value, languages, default_language
            )
            problems.extend(text_problems)
            (problems if strict else data.warnings).extend(text_warnings)

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

    if not problems:
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
