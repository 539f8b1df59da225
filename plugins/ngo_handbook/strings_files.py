"""Reading one strings file, `<language>.yml`, and checking it against English.

Each problem names the file and line: an unknown section or key, a counted text without
the plural categories its language needs, a `{placeholder}` the English text does not have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from . import languages as language_facts
from .plural_text import placeholders
from .problems import Location, Problem, did_you_mean
from .yaml_source import YamlDocument, YamlSyntaxError, read_yaml

PACKAGE_DIR = Path(__file__).parent / "strings"
REFERENCE = "en"
"""The language whose file lists every section, key and placeholder."""

Message = str | dict[str, str]


@lru_cache(maxsize=256)
def _one_number_only(language: str, category: str) -> bool:
    """Whether `category` covers a single whole number in `language` (Arabic `two` is 2 only,
    Russian `one` is 1, 21, 31…): only then may its form leave out `{count}`."""
    numbers = [n for n in (*range(1001), 10**6) if language_facts.plural_category(language, n)
               == category]  # fmt: skip
    return len(numbers) == 1


def language_label(code: str) -> str:
    """A language as messages name it: `German (de)`."""
    return f"{language_facts.english_name(code)} ({code})"


@dataclass
class StringsFile:
    """One `<language>.yml`: its valid texts, and what was wrong in it."""

    language: str
    display: str
    texts: dict[str, dict[str, Message]] = field(default_factory=dict)
    document: YamlDocument | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def section_line(self, section: str) -> int:
        if self.document is None or (section,) not in self.document.key_marks:
            return 0
        return self.document.key_marks[(section,)][0]

    def last_line(self) -> int:
        if self.document is None or not self.document.value_marks:
            return 1
        marks = list(self.document.value_marks.values()) + list(self.document.key_marks.values())
        return max(line for line, _ in marks)


def _check_text(
    value: Any,
    reference: Message,
    strings_file: StringsFile,
    path: tuple[str, ...],
) -> Message | None:
    """`value` if it can stand for the English `reference`, else None (problems recorded)."""
    language = strings_file.language
    document = strings_file.document
    assert document is not None
    where = document.locate(path)
    dotted = ".".join(path)
    expected = (
        set().union(*(placeholders(form) for form in reference.values()))
        if isinstance(reference, dict)
        else placeholders(reference)
    )

    def check_placeholders(text: str, where: Location) -> set[str] | None:
        try:
            found = placeholders(text)
        except ValueError:
            strings_file.problems.append(
                Problem(
                    where,
                    f"{dotted}: a '{{' or '}}' without its pair; write placeholders as {{name}}",
                )  # fmt: skip
            )
            return None
        unknown = sorted(found - expected)
        if unknown:
            listed = ", ".join(f"{{{name}}}" for name in sorted(expected)) or "none"
            strings_file.problems.append(
                Problem(
                    where,
                    f"{dotted}: {', '.join(f'{{{name}}}' for name in unknown)} is not a "
                    f"placeholder of this text (the English text has {listed})."
                    + did_you_mean(unknown[0], expected)
                    + " A placeholder must be written exactly as in English.",
                )
            )
            return None
        return found

    if isinstance(reference, dict):
        needed = language_facts.plural_categories(language)
        if not isinstance(value, dict):
            strings_file.problems.append(
                Problem(
                    where,
                    f"{dotted}: this text changes with the number {{count}}; write one form "
                    f"for each plural category {language_label(language)} needs: "
                    + ", ".join(needed)
                    + " (for example 'one: …' and 'other: …' on lines of their own)",
                )
            )
            return None
        if set(value) != set(needed):
            extra = [name for name in value if name not in needed]
            missing = [name for name in needed if name not in value]
            advice = "; ".join(
                part
                for part in (
                    f"add {', '.join(missing)}" if missing else "",
                    f"remove {', '.join(extra)}" if extra else "",
                )
                if part
            )
            strings_file.problems.append(
                Problem(
                    where,
                    f"{dotted}: {language_label(language)} writes a counted text in the plural "
                    f"forms {', '.join(needed)}; this one has {', '.join(value) or 'none'}: "
                    f"{advice}",
                )
            )
            return None
        forms: dict[str, str] = {}
        shown: set[str] = set()
        for category in needed:
            form = value[category]
            form_where = document.locate((*path, category))
            if not isinstance(form, str):
                strings_file.problems.append(
                    Problem(form_where, f"{dotted}.{category}: expected a text; put it in quotes")
                )
                return None
            found = check_placeholders(form, form_where)
            if found is None:
                return None
            if "count" not in found and not _one_number_only(language, category):
                strings_file.problems.append(
                    Problem(
                        form_where,
                        f"{dotted}.{category}: the form '{category}' serves several numbers in "
                        f"{language_label(language)}, so it must show the number: add {{count}}",
                    )
                )
                return None
            shown |= found
            forms[category] = form
        missing_names = expected - shown - {"count"}
        if missing_names:
            strings_file.warnings.append(
                Problem(
                    where,
                    f"{dotted}: the English text shows "
                    + ", ".join(f"{{{name}}}" for name in sorted(missing_names))
                    + "; no form here does, so the reader misses it",
                )
            )
        return forms

    if isinstance(value, dict):
        strings_file.problems.append(
            Problem(
                where,
                f"{dotted}: this text does not change with a number; write it as one text, "
                "not as plural forms",
            )
        )
        return None
    if not isinstance(value, str):
        strings_file.problems.append(
            Problem(where, f'{dotted}: expected a text; put it in quotes ("{value}")')
        )
        return None
    found = check_placeholders(value, where)
    if found is None:
        return None
    if expected - found:
        strings_file.warnings.append(
            Problem(
                where,
                f"{dotted}: the English text shows "
                + ", ".join(f"{{{name}}}" for name in sorted(expected - found))
                + "; this one does not, so the reader misses it",
            )
        )
    return value


def read_strings_file(
    path: Path, display: str, language: str, reference: dict[str, dict[str, Message]] | None
) -> StringsFile:
    """Read one strings file; with no `reference` it is the English file itself."""
    strings_file = StringsFile(language, display)
    try:
        document, problems = read_yaml(path, display)
    except YamlSyntaxError as error:
        strings_file.problems.append(error.problem)
        return strings_file
    strings_file.document = document
    strings_file.problems.extend(problems)
    data = document.data
    if data is None:
        return strings_file
    if not isinstance(data, dict):
        strings_file.problems.append(
            Problem(
                document.locate(()),
                "expected sections such as 'checklists:' with 'key: text' lines under them",
            )
        )
        return strings_file
    for section, body in data.items():
        if reference is not None and section not in reference:
            strings_file.problems.append(
                Problem(
                    document.locate((section,), key=True),
                    f"unknown section '{section}'."
                    + (did_you_mean(section, reference) or " The sections are ")
                    + ("" if did_you_mean(section, reference) else ", ".join(reference) + "."),
                )
            )
            continue
        if not isinstance(body, dict):
            strings_file.problems.append(
                Problem(
                    document.locate((section,)),
                    f"'{section}' must hold 'key: text' lines, indented under it",
                )
            )
            continue
        texts = strings_file.texts.setdefault(section, {})
        for key, value in body.items():
            if reference is None:
                texts[key] = value  # the reference is checked by the tests
                continue
            if key not in reference[section]:
                strings_file.problems.append(
                    Problem(
                        document.locate((section, key), key=True),
                        f"'{section}' has no string '{key}'."
                        + (did_you_mean(key, reference[section]) or " Check its spelling")
                        + f" (the keys are those of {PACKAGE_DIR.name}/{REFERENCE}.yml in the "
                        "ngo_handbook package)",
                    )
                )
                continue
            checked = _check_text(value, reference[section][key], strings_file, (section, key))
            if checked is not None:
                texts[key] = checked
    return strings_file


PACKAGE_DISPLAY = f"plugins/ngo_handbook/{PACKAGE_DIR.name}/"


@cache
def package_file(language: str) -> StringsFile:
    """The package's strings file of `language` (one of `package_languages()`), read once
    per process (they never change); each is checked against the English one."""
    path = PACKAGE_DIR / f"{language}.yml"
    reference = None if language == REFERENCE else package_file(REFERENCE).texts
    return read_strings_file(path, PACKAGE_DISPLAY + path.name, language, reference)


def package_files() -> dict[str, StringsFile]:
    """Every strings file of the package, English first."""
    return {language: package_file(language) for language in package_languages()}


@cache
def package_languages() -> tuple[str, ...]:
    """The languages the package has strings for, English first."""
    others = sorted(path.stem for path in PACKAGE_DIR.glob("*.yml") if path.stem != REFERENCE)
    return (REFERENCE, *others)
