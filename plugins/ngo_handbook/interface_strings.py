"""The generator's own interface strings, in every language of the handbook.

The package ships one file per language, `strings/<language>.yml`: section (`checklists`,
`forms`, …) → key → text. English (`strings/en.yml`) is the reference: it decides which
sections, keys and `{placeholders}` exist. A text whose grammar follows a number is a
mapping of CLDR plural categories (`one`, `few`, `other`…) to texts, and that number is
always `{count}`; each language writes the categories Babel lists for it.

A handbook adds a language, or replaces some texts, in `data/strings/<language>.yml`, with
the same structure. Its files are checked like every data file (an unknown key, a wrong
set of plural forms, a placeholder the English text does not have), and a key a language
lacks falls back to English with a warning naming the file and line to add it in.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from . import languages as language_facts
from .problems import Location, Problem, did_you_mean
from .yaml_source import YamlDocument, YamlSyntaxError, read_yaml

PACKAGE_DIR = Path(__file__).parent / "strings"
REFERENCE = "en"
"""The language whose file lists every section, key and placeholder."""

Message = str | dict[str, str]

# The digits of the numbering systems CLDR makes the default for some languages (Persian
# writes ۱۲۳); Babel formats with Latin digits whatever the locale, browsers do not.
_DIGITS = {
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "beng": "০১২৩৪৫৬৭৮৯",
    "deva": "०१२३४५६७८९",
}


def format_number(value: float, language: str) -> str:
    """`value` written as a reader of `language` expects (`1 250` in French, `۱٬۲۵۰` in Persian),
    the way `Intl.NumberFormat` writes it in the browser."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
        text = format_decimal(value, locale=locale, numbering_system="default")
    except (UnknownLocaleError, ValueError, TypeError):  # a code CLDR does not know
        return str(value)
    system = locale.default_numbering_system
    digits = _DIGITS.get(system)
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


class PluralText(dict[str, str]):
    """A text with one form per plural category of `language`; `format` picks the form.

    It is a plain mapping for JSON and templates; in a template,
    `{{ strings.count_all.format(count=n) }}` writes the right form.
    """

    def __init__(self, forms: dict[str, str], language: str) -> None:
        super().__init__(forms)
        self.language = language

    def form(self, count: float) -> str:
        """The form for the number `count` (`other` when the category has no form here)."""
        category = language_facts.plural_category(self.language, count)
        return self.get(category, self.get("other", ""))

    def format(self, **values: Any) -> str:
        """The form chosen by `values["count"]`, with every `{name}` filled in."""
        return _fill(self.form(values["count"]), values, self.language)


def _fill(text: str, values: dict[str, Any], language: str) -> str:
    shown = {
        name: format_number(value, language)
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else value
        for name, value in values.items()
    }
    return text.format(**shown)


def placeholders(text: str) -> set[str]:
    """The `{names}` in `text`. Raises ValueError for a brace that is not closed."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@lru_cache(maxsize=256)
def _one_number_only(language: str, category: str) -> bool:
    """Whether `category` covers a single whole number in `language` (Arabic `two` is 2 only,
    Russian `one` is 1, 21, 31…): only then may its form leave out `{count}`."""
    numbers = [n for n in (*range(1001), 10**6) if language_facts.plural_category(language, n)
               == category]  # fmt: skip
    return len(numbers) == 1


def _language_label(code: str) -> str:
    return f"{language_facts.english_name(code)} ({code})"


@dataclass
class _StringsFile:
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
    strings_file: _StringsFile,
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
                    f"for each plural category {_language_label(language)} needs: "
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
                    f"{dotted}: {_language_label(language)} writes a counted text in the plural "
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
                        f"{_language_label(language)}, so it must show the number: add {{count}}",
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


def _read_strings_file(
    path: Path, display: str, language: str, reference: dict[str, dict[str, Message]] | None
) -> _StringsFile:
    """Read one strings file; with no `reference` it is the English file itself."""
    strings_file = _StringsFile(language, display)
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


@cache
def _package_files() -> dict[str, _StringsFile]:
    """The package's strings files, read once per process (they never change)."""
    display = f"plugins/ngo_handbook/{PACKAGE_DIR.name}/"
    english = _read_strings_file(
        PACKAGE_DIR / f"{REFERENCE}.yml", f"{display}{REFERENCE}.yml", REFERENCE, None
    )
    files = {REFERENCE: english}
    for path in sorted(PACKAGE_DIR.glob("*.yml")):
        if path.stem != REFERENCE:
            files[path.stem] = _read_strings_file(
                path, display + path.name, path.stem, english.texts
            )
    return files


def package_languages() -> tuple[str, ...]:
    """The languages the package has strings for, English first."""
    return tuple(_package_files())


class InterfaceStrings:
    """The interface strings of one build: the package's, with the handbook's on top."""

    def __init__(
        self,
        languages: tuple[str, ...],
        default_language: str,
        handbook_strings_dir: Path | None = None,
        *,
        strict: bool = False,
        display_root: Path | None = None,
    ) -> None:
        self.languages = languages
        self.default_language = default_language
        self.warnings: list[Problem] = []
        self.problems: list[Problem] = []
        package = _package_files()
        reference = package[REFERENCE].texts
        self._texts: dict[str, dict[str, dict[str, Message]]] = {}
        for language, strings_file in package.items():
            self.problems.extend(strings_file.problems)
            self._texts[language] = {section: dict(t) for section, t in strings_file.texts.items()}
        self._handbook_files: dict[str, _StringsFile] = {}
        self._handbook_dir = handbook_strings_dir
        self._display_root = display_root
        if handbook_strings_dir is not None and handbook_strings_dir.is_dir():
            for path in sorted(handbook_strings_dir.glob("*.yml")):
                self._read_handbook_file(path, reference)
        for language in dict.fromkeys(languages):
            if self.has_language(language):
                self._check_complete(language, reference)
        if strict:
            self.problems.extend(self.warnings)

    def _display(self, path: Path) -> str:
        if self._display_root is not None:
            try:
                return path.relative_to(self._display_root).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def _read_handbook_file(self, path: Path, reference: dict[str, dict[str, Message]]) -> None:
        display = self._display(path)
        language = path.stem
        if not language_facts.is_known(language):
            self.problems.append(
                Problem(
                    Location(display),
                    f"'{path.name}' is not named after a language code; name it after the "
                    "language its texts are in, for example de.yml for German"
                    + did_you_mean(language, self._texts),
                )
            )
            return
        strings_file = _read_strings_file(path, display, language, reference)
        self.problems.extend(strings_file.problems)
        self.warnings.extend(strings_file.warnings)
        self._handbook_files[language] = strings_file
        merged = self._texts.setdefault(language, {})
        for section, texts in strings_file.texts.items():
            merged.setdefault(section, {}).update(texts)

    def _check_complete(self, language: str, reference: dict[str, dict[str, Message]]) -> None:
        """Warn once per section about the keys `language` lacks (English is shown)."""
        own = self._texts.get(language, {})
        handbook_file = self._handbook_files.get(language)
        for section, keys in reference.items():
            missing = [key for key in keys if key not in own.get(section, {})]
            if not missing:
                continue
            listed = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8
                                               else "")  # fmt: skip
            what = (
                f"{_language_label(language)} has no text for {listed} in '{section}', so "
                "English is shown there"
            )
            if handbook_file is not None:
                line = handbook_file.section_line(section)
                if line:
                    where = Location(handbook_file.display, line, 1)
                    advice = f"add {'it' if len(missing) == 1 else 'them'} under '{section}:' " \
                        f"(line {line})"  # fmt: skip
                else:
                    where = Location(handbook_file.display, handbook_file.last_line(), 1)
                    advice = (
                        f"add a section '{section}:' with {'it' if len(missing) == 1 else 'them'}"
                    )
            else:
                target = (
                    self._handbook_dir / f"{language}.yml"
                    if self._handbook_dir is not None
                    else PACKAGE_DIR / f"{language}.yml"
                )
                where = Location(self._display(target), 1, 1)
                advice = f"add a section '{section}:' with {'it' if len(missing) == 1 else 'them'}"
            self.warnings.append(
                Problem(
                    where,
                    f"{what}; {advice} (the English texts are in "
                    f"plugins/ngo_handbook/strings/{REFERENCE}.yml)",
                )  # fmt: skip
            )

    def has_language(self, language: str) -> bool:
        """Whether the package or the handbook has strings in `language`."""
        return language in self._texts

    def get(self, section: str, language: str) -> dict[str, Any]:
        """The texts of `section` in `language`, English filling any gap: key → text, or
        key → `PluralText` (a mapping category → text) for a text that follows a number."""
        english = self._texts[REFERENCE]
        if section not in english:
            raise KeyError(f"unknown section of interface strings: {section!r}")
        merged = dict(english[section])
        if language != REFERENCE:
            merged.update(self._texts.get(language, {}).get(section, {}))
        return {
            key: PluralText(value, language) if isinstance(value, dict) else value
            for key, value in merged.items()
        }

    def text(self, section: str, key: str, language: str, **values: Any) -> str:
        """One text of `section` in `language` with its `{placeholders}` filled in; for a
        counted text the form is chosen by `values["count"]` (CLDR rules, through Babel)."""
        message = self.get(section, language)[key]
        if isinstance(message, PluralText):
            return message.format(**values)
        return _fill(message, values, language)

    def browser(self, section: str, language: str) -> dict[str, Any]:
        """The texts of `section` as the page scripts receive them (JSON), for
        `ngoHandbook.format` in `assets/strings.js`."""
        return {
            key: dict(value) if isinstance(value, dict) else value
            for key, value in self.get(section, language).items()
        }


@cache
def _package_strings() -> InterfaceStrings:
    return InterfaceStrings(package_languages(), REFERENCE)


def interface_strings(section: str, language: str) -> dict[str, Any]:
    """The package's texts of `section` in `language`, English filling any gap (no handbook
    overrides: use a build's `InterfaceStrings` for those)."""
    return _package_strings().get(section, language)


def plural_rules_script(languages: Iterable[str]) -> str:
    """JavaScript that sets `ngoHandbook.pluralRules[language]` to the CLDR plural rule of
    each of `languages` (number → category), written by Babel."""
    rules = []
    for code in dict.fromkeys(languages):
        # Babel's functions leave the operands e and c (compact exponent) undefined; our
        # numbers are never written in compact notation, so both are 0.
        rule = language_facts.plural_rule_javascript(code)
        rules.append(
            f"  {json.dumps(code)}: (function () {{ var e = 0, c = 0; return {rule}; }})()"
        )
    return (
        "window.ngoHandbook = window.ngoHandbook || {};\n"
        "window.ngoHandbook.pluralRules = Object.assign(window.ngoHandbook.pluralRules || {}, {\n"
        + ",\n".join(rules)
        + "\n});\n"
    )
