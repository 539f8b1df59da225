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
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, RootModel, ValidationError

from .data_salvage import sound_part
from .feature import DataFileKind
from .handbook_identity import Handbook
from .languages import english_name
from .model import DataModel, iter_texts
from .problems import HandbookError, Location, Problem, closest, did_you_mean
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
        """A Text (or None) in `language`, else a `model.Fallback` in the default language."""
        if value is None:
            return ""
        return value.shown(language, self.default_language)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _model_at(model: Any, loc: tuple) -> tuple[Any, tuple, str | None]:
    """Follow a pydantic error's `loc` through the model classes (lists, dicts, optionals
    and unions): the model class holding the last key, the path of the value in the file,
    and `key: tag` when that class was chosen by a discriminated union's tag (else None).

    pydantic puts the tag of a discriminated union in `loc` (`sections, 0, fields, 2,
    long_text, max`); the file has no such key, so the path leaves it out.
    """

    def is_model(value: Any) -> bool:
        return isinstance(value, type) and issubclass(value, BaseModel)

    current: Any = model
    holder = model if is_model(model) else None
    discriminator: str | None = None
    chosen: tuple[Any, str] | None = None
    path: list = []
    for part in loc:
        consumed = False
        while not consumed:
            origin, args = get_origin(current), get_args(current)
            if origin is Annotated:
                found = [getattr(m, "discriminator", None) for m in current.__metadata__]
                discriminator = next((d for d in found if isinstance(d, str)), discriminator)
                current = args[0]
            elif origin in (Union, UnionType):
                members = [a for a in args if a is not type(None)]
                named = {m.__name__: m for m in members if is_model(m)}
                for member in list(named.values()):
                    if discriminator in member.model_fields:
                        tags = get_args(member.model_fields[discriminator].annotation)
                        named.update({str(tag): member for tag in tags})
                if isinstance(part, str) and part in named:
                    current, consumed = named[part], True
                    if discriminator:
                        chosen = (current, f"{discriminator}: {part}")
                else:
                    current = next(iter(named.values()), members[0] if members else None)
            else:
                break
        if consumed:
            continue
        path.append(part)
        discriminator = None
        if get_origin(current) in (list, tuple, set, frozenset) and isinstance(part, int):
            current = get_args(current)[0] if get_args(current) else None
        elif get_origin(current) is dict:
            current = get_args(current)[-1] if get_args(current) else None
        elif is_model(current):
            holder = current
            names = {info.alias or name: name for name, info in current.model_fields.items()}
            info = current.model_fields.get(names.get(str(part), ""))
            current = info.annotation if info else None
            found = info.discriminator if info else None
            discriminator = found if isinstance(found, str) else None
        else:
            current = None
    choice = chosen[1] if chosen and chosen[0] is holder else None
    return holder, tuple(path), choice


def _meant(holder: Any, path: tuple) -> str | None:
    """The key of `holder` closest to the last key of `path`."""
    return closest(str(path[-1]), holder.model_fields) if holder and path else None


def _misspelt_required_keys(items: list[tuple]) -> dict[tuple, tuple]:
    """Each missing key whose name an unknown key beside it misspells (`idd:` for `id:`),
    with that unknown key's path: the two are one mistake, told in one message."""
    missing = {path for item, _, path, _ in items if item["type"] == "missing"}
    renamed: dict[tuple, tuple] = {}
    for item, holder, path, _ in items:
        if item["type"] == "extra_forbidden" and (meant := _meant(holder, path)):
            if (required := (*path[:-1], meant)) in missing:
                renamed.setdefault(required, path)
    return renamed


def _problems_from_validation(
    error: ValidationError, document: YamlDocument, model: Any
) -> list[Problem]:
    problems = []
    items = [
        (item, *_model_at(model, tuple(item["loc"]))) for item in error.errors(include_url=False)
    ]
    renamed = _misspelt_required_keys(items)
    for item, holder, path, choice in items:
        kind = item["type"]
        context = item.get("ctx", {})
        if kind == "missing" and path in renamed:
            continue
        meant = _meant(holder, path) if kind == "extra_forbidden" else None
        if meant and renamed.get((*path[:-1], meant)) == path:
            message = (
                f"unknown key '{path[-1]}': the required key '{meant}' is missing here; "
                f"rename '{path[-1]}' to '{meant}'"
            )
            problems.append(Problem(document.locate(path, key=True), message))
        elif kind == "extra_forbidden":
            allowed = list(holder.model_fields) if holder else []
            hint = did_you_mean(str(path[-1]), allowed)
            # A class of a discriminated union: name the tag, whose keys these are.
            expected = f"With '{choice}' the keys are" if choice else "Expected one of"
            message = f"unknown key '{path[-1]}'.{hint} {expected}: {', '.join(allowed)}"
            problems.append(Problem(document.locate(path, key=True), message))
        elif kind == "union_tag_invalid":
            key = context["discriminator"].strip("'")
            tags = [tag.strip().strip("'") for tag in context["expected_tags"].split(",")]
            hint = did_you_mean(str(context["tag"]), tags)
            message = f"'{context['tag']}' is not a known {key}.{hint} Expected one of: "
            problems.append(Problem(document.locate((*path, key)), message + ", ".join(tags)))
        elif kind == "union_tag_not_found":
            key = context["discriminator"].strip("'")
            message = f"the key '{key}' is missing; add '{key}: …' here"
            problems.append(Problem(document.locate(path), message))
        elif kind == "missing":
            message = f"the key '{path[-1]}' is missing; add '{path[-1]}: …' here"
            problems.append(Problem(document.locate(path[:-1]), message))
        elif kind.startswith(
            ("text_", "identifier", "unsafe_link", "email", "image_path")
        ) or kind in (
            "value_error",
            "assertion_error",
        ):
            message = item["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
            problems.append(Problem(document.locate(path), message))
        else:
            where = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this value"
            reason = item["msg"][0].lower() + item["msg"][1:]
            message = f"{where}: {reason}; got {_describe(item.get('input'))}"
            problems.append(Problem(document.locate(path), message))
    return problems


def validate_document(
    document: YamlDocument, model: type[DataModel]
) -> tuple[DataModel | None, list[Problem]]:
    """Validate a parsed file against its model; the problems carry file:line:col."""
    if document.data is None:
        return None, [
            Problem(document.locate(()), "this file is empty; see the docs for what it holds")
        ]
    is_list = isinstance(model, type) and issubclass(model, RootModel)
    if not isinstance(document.data, list if is_list else dict):
        expected = (
            "a list of entries, each starting with '- '"
            if is_list
            else ("a block of 'key: value' lines")
        )
        return None, [
            Problem(
                document.locate(()),
                f"expected {expected}, got {_describe(document.data)}",
            )
        ]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        # A list file's errors name positions in the list, not the model's `root`.
        shape = model.model_fields["root"].annotation if is_list else model
        return None, _problems_from_validation(error, document, shape)


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
) -> tuple[HandbookData, list[Problem]]:
    """Read and check every data file; return what validated (`data_salvage`) and every
    problem found: the pages are checked against it, so one run lists them all."""
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
            document, parse_problems = read_yaml(data_dir / name, display)
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
