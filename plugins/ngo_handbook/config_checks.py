"""Mistakes in `mkdocs.yml` that would break a handbook late, or quietly: found at the start.

Each check takes plain values the engine adapter reads from the engine's config (plugin
names, i18n options, languages, the menu) and returns `Problem`s that name the line of
`mkdocs.yml` and what to write there. A language the theme cannot show would otherwise
stop the build halfway with a template traceback; a generated page missing from the menu
would be built but unreachable. Nothing here imports MkDocs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import languages as language_facts
from .problems import Location, Problem

PLUGIN_NAME = "ngo-handbook"
I18N_NAME = "i18n"
NEW_LANGUAGE = "ngo-handbook new-language"


@dataclass(frozen=True)
class ConfigFile:
    """The text of `mkdocs.yml`, to point at the line a problem is on."""

    display: str
    """The file as a person finds it: `mkdocs.yml`."""
    text: str = ""

    def line(self, pattern: str, after: str | None = None) -> int:
        """The number of the first line matching the regular expression `pattern` (after
        the first line matching `after`, when given); 0 when none does."""
        start = self.line(after) if after is not None else 0
        for number, line in enumerate(self.text.splitlines(), 1):
            if number > start and re.search(pattern, line):
                return number
        return 0

    def at(self, pattern: str, after: str | None = None) -> Location:
        return Location(self.display, self.line(pattern, after), 0)

    @classmethod
    def read(cls, path: Path, display: str) -> ConfigFile:
        try:
            return cls(display, path.read_text(encoding="utf-8"))
        except OSError:
            return cls(display)


def _key(name: str) -> str:
    """A pattern for the line where the YAML key `name` is written."""
    return rf"^\s*(?:-\s*)?{re.escape(name)}\s*:"


def _language(code: str) -> str:
    return f"{language_facts.english_name(code)} ({code})"


def check_plugins(
    config: ConfigFile,
    plugin_names: Sequence[str],
    docs_structure: str | None,
    fallback_to_default: bool | None,
) -> list[Problem]:
    """The i18n plugin is there, before this one, one folder per language, no fallback.

    Args:
        config: `mkdocs.yml`.
        plugin_names: The plugins as listed under `plugins:`, in order.
        docs_structure: i18n's `docs_structure` (None when i18n is missing).
        fallback_to_default: i18n's `fallback_to_default` (its default is true).
    """
    plugins_line = config.at(_key("plugins"))
    if I18N_NAME not in plugin_names:
        return [
            Problem(
                plugins_line,
                "the ngo-handbook plugin needs the i18n plugin (mkdocs-static-i18n): list "
                "'- i18n:' with 'docs_structure: folder' and your languages under plugins:, "
                "before '- ngo-handbook'",
            )
        ]
    problems = []
    i18n_line = config.at(rf"^\s*-\s*{I18N_NAME}\b")
    if PLUGIN_NAME in plugin_names and plugin_names.index(PLUGIN_NAME) < plugin_names.index(
        I18N_NAME
    ):
        problems.append(
            Problem(
                config.at(rf"^\s*-\s*{re.escape(PLUGIN_NAME)}\b"),
                "the ngo-handbook plugin is listed before i18n; move '- ngo-handbook' below "
                "the i18n plugin's settings (it adds its pages to the languages i18n sorts)",
            )
        )
    if docs_structure != "folder":
        line = config.line(_key("docs_structure"))
        problems.append(
            Problem(
                Location(config.display, line) if line else i18n_line,
                f"i18n's docs_structure is '{docs_structure}'; the handbook keeps one folder "
                "per language (content/en/, content/fr/…): set 'docs_structure: folder' "
                "under i18n",
            )
        )
    if fallback_to_default is not False:
        line = config.line(_key("fallback_to_default"))
        written = "fallback_to_default: true" if line else "fallback_to_default (true unless set)"
        problems.append(
            Problem(
                Location(config.display, line) if line else i18n_line,
                f"i18n's {written} publishes every untranslated page a second time, in the "
                "default language under each other language's address; set "
                "'fallback_to_default: false' under i18n (the handbook says itself where a "
                "translation is missing)",
            )
        )
    return problems


def check_direction(
    config: ConfigFile, global_direction: str | None, overrides: dict[str, str]
) -> list[Problem]:
    """No `theme.direction` in `mkdocs.yml`: each language takes its own.

    Material takes the direction from the language's interface strings when
    `theme.direction` is empty. A global value wins for every language (Persian shown left
    to right under `direction: ltr`), and static-i18n accepts a per-language
    `theme: {direction: …}` only when a global one is set, so the only setting that is
    right for every language is none.

    Args:
        config: `mkdocs.yml`.
        global_direction: `theme.direction` as written (None or "" when absent).
        overrides: language → the `theme: {direction: …}` written under that language.
    """
    problems = []
    if global_direction:
        problems.append(
            Problem(
                config.at(_key("direction"), after=_key("theme")),
                f"theme.direction: {global_direction} gives every language that direction; "
                "remove the line: each language is written in its own direction (Material "
                "reads it from the language's interface strings)",
            )
        )
    for code, direction in overrides.items():
        problems.append(
            Problem(
                config.at(_key("direction"), after=rf"locale:\s*{re.escape(code)}\s*$"),
                f"the 'theme: direction: {direction}' under {_language(code)} is not needed; "
                f"remove it: {_language(code)} is written "
                f"{'right to left' if language_facts.direction(code) == 'rtl' else 'left to right'}"
                " and the theme knows it",
            )
        )
    return problems


def check_languages(
    config: ConfigFile,
    languages: Sequence[str],
    *,
    has_theme_strings: Callable[[str], bool] | None = None,
    has_interface_strings: Callable[[str], bool] | None = None,
    strings_dir: str = "data/strings",
    custom_dir: str | None = "overrides",
) -> list[Problem]:
    """Every language has the theme's interface strings and the generator's.

    Args:
        config: `mkdocs.yml`.
        languages: The languages built.
        has_theme_strings: Whether Material or the handbook has `partials/languages/<code>.html`.
        has_interface_strings: Whether the generator or the handbook has strings in a language.
        strings_dir: The handbook's strings folder, as a person finds it.
        custom_dir: The handbook's `theme.custom_dir`, as a person finds it, or None.
    """
    problems = []
    for code in languages:
        where = config.at(rf"locale:\s*{re.escape(code)}\s*$")
        if has_theme_strings is not None and not has_theme_strings(code):
            folder = custom_dir or "overrides"
            also = "" if custom_dir else " and set 'custom_dir: overrides' under theme"
            problems.append(
                Problem(
                    where,
                    f"Material has no interface strings in {_language(code)} and the handbook "
                    f"has none either: create {folder}/partials/languages/{code}.html{also} "
                    f"('{NEW_LANGUAGE} {code}' writes it, with the English texts to translate)",
                )
            )
        if has_interface_strings is not None and not has_interface_strings(code):
            problems.append(
                Problem(
                    where,
                    f"the generator has no interface strings in {_language(code)}: create "
                    f"{strings_dir}/{code}.yml ('{NEW_LANGUAGE} {code}' writes it, with the "
                    "English texts to translate)",
                )
            )
    return problems


@dataclass(frozen=True)
class NavFindings:
    errors: list[Problem]
    warnings: list[Problem]


def content_pages(docs_dir: Path, languages: Iterable[str]) -> set[str]:
    """The hand-written pages of every language, as written in `nav` (`strategy/index.md`)."""
    found: set[str] = set()
    for code in languages:
        folder = docs_dir / code
        if folder.is_dir():
            found.update(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
    return found


def _closest(path: str, candidates: Sequence[str]) -> list[str]:
    """The candidate `path` was probably meant to be, by file name first (`forms/` and
    `.md` are common to many pages, and say nothing), then by the whole path."""

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b).ratio()

    stem = PurePosixPath(path).stem
    scored = [
        (ratio(stem, PurePosixPath(other).stem), ratio(path, other), other) for other in candidates
    ]
    scored = [entry for entry in scored if entry[0] >= 0.7]
    return [max(scored)[2]] if scored else []


def check_nav(
    config: ConfigFile,
    nav: Sequence[str] | None,
    generated: dict[str, str | None],
    written: set[str],
) -> NavFindings:
    """Every generated page is in the menu, under its own path.

    Args:
        config: `mkdocs.yml`.
        nav: The page paths of `nav`, in order; None when `mkdocs.yml` has no `nav` (MkDocs
            then lists every page by itself).
        generated: path → the data file it is made from, for every page the features make.
        written: The hand-written pages' paths.
    """
    if nav is None:
        return NavFindings([], [])
    errors: list[Problem] = []
    listed = set(nav)
    unlisted = [path for path in generated if path not in listed]
    generated_folders = {
        PurePosixPath(path).parent for path in generated if PurePosixPath(path).parent.parts
    }
    for path in dict.fromkeys(nav):
        if path in generated or path in written:
            continue
        close = _closest(path, unlisted)
        if not close and PurePosixPath(path).parent not in generated_folders:
            continue  # MkDocs itself reports a menu entry with no page.
        if close:
            advice = f"Did you mean '{close[0]}'?"
            unlisted.remove(close[0])
        else:
            siblings = sorted(
                other
                for other in generated
                if PurePosixPath(other).parent == PurePosixPath(path).parent
            )
            advice = f"The pages there are: {', '.join(siblings)}."
        errors.append(
            Problem(
                config.at(rf"(^|[\s:'\"]){re.escape(path)}\s*['\"]?\s*$"),
                f"nav lists '{path}', and there is no such page. {advice}",
            )
        )
    warnings = [
        Problem(
            config.at(_key("nav")),
            f"the page {path}"
            + (f" (made from {generated[path]})" if generated[path] else "")
            + f" is not in the menu; add the line '- {path}' under nav",
        )
        for path in unlisted
    ]
    return NavFindings(errors, warnings)


SAMPLE_NAME = "Volunteer Centre Network"
"""The sample handbook's organisation: a handbook under another name is someone's own."""
SAMPLE_ADDRESSES = (
    "handbook.example.org",
    "handbook@example.org",
    "github.com/ngo-handbook/ngo-handbook",
)


def check_identity(
    config: ConfigFile, site_name: str, name: str, settings: dict[str, str | None]
) -> list[Problem]:
    """`site_name` is the organisation's name of `data/handbook.yml` (the one the pages
    show), and a handbook renamed from the sample keeps none of the sample's addresses.

    Args:
        config: `mkdocs.yml`.
        site_name: `site_name` as written in it.
        name: The organisation's name in `data/handbook.yml`, in the default language.
        settings: `site_url`, `repo_url`, `edit_uri` as written in `mkdocs.yml`.
    """
    problems = []
    if site_name != name:
        problems.append(
            Problem(
                config.at(_key("site_name")),
                f"site_name is '{site_name}' and data/handbook.yml names the organisation "
                f"'{name}'; the pages show the name of data/handbook.yml: write "
                f"'site_name: {name}' here too, so that every tool reading mkdocs.yml agrees",
            )
        )
    if name != SAMPLE_NAME:
        for key, value in settings.items():
            if value and any(address in value for address in SAMPLE_ADDRESSES):
                problems.append(
                    Problem(
                        config.at(_key(key)),
                        f"{key} is still the sample handbook's ('{value}'); write your "
                        f"handbook's own address, or remove the line",
                    )
                )
    return problems
