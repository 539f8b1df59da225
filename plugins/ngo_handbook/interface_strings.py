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

from functools import cache
from pathlib import Path
from typing import Any

from . import languages as language_facts
from .plural_text import PluralText, fill, format_number, placeholders, plural_rules_script
from .problems import Location, Problem, did_you_mean
from .stand_ins import isolated_strings
from .strings_files import (
    PACKAGE_DIR,
    REFERENCE,
    Message,
    StringsFile,
    language_label,
    package_file,
    package_languages,
    read_strings_file,
)

__all__ = [
    "PACKAGE_DIR",
    "REFERENCE",
    "InterfaceStrings",
    "Message",
    "PluralText",
    "format_number",
    "interface_strings",
    "package_languages",
    "placeholders",
    "plural_rules_script",
]


COMMAND_LINE_SECTIONS = ("new_entries",)
"""Sections the command line writes into data files (`ngo-handbook add`), taken from the
package's strings files only: a handbook's own strings file need not have them."""


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
        reference = package_file(REFERENCE).texts
        self._texts: dict[str, dict[str, dict[str, Message]]] = {}
        # The package's files of the languages built (and English, which fills every gap).
        for language in dict.fromkeys((REFERENCE, *languages)):
            if language not in package_languages():
                continue
            strings_file = package_file(language)
            self.problems.extend(strings_file.problems)
            self._texts[language] = {section: dict(t) for section, t in strings_file.texts.items()}
        self._handbook_files: dict[str, StringsFile] = {}
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
                    + did_you_mean(language, [*package_languages(), *self._texts]),
                )
            )
            return
        strings_file = read_strings_file(path, display, language, reference)
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
            if not missing or section in COMMAND_LINE_SECTIONS:
                continue
            listed = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8
                                               else "")  # fmt: skip
            what = (
                f"{language_label(language)} has no text for {listed} in '{section}', so "
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
        # English standing in for a right-to-left language reads the right way round; the
        # command line's texts go into data files, as they are.
        if section not in COMMAND_LINE_SECTIONS and language_facts.direction(language) == "rtl":
            merged = isolated_strings(merged)
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
        return fill(message, values, language)

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
