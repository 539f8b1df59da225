"""Mistakes in mkdocs.yml stop the build at its start with one line each, naming the line
and what to write; nothing is left half-built.

The builds run on copies of the second handbook (tests/handbooks/food-bank: French by
default, English, Persian, and Kyrgyz, which neither Material nor the generator ships).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, BuildResult, assert_fails_with, line_of, run_build
from ngo_handbook.config_checks import (
    ConfigFile,
    check_direction,
    check_languages,
    check_nav,
    check_plugins,
)

FOOD_BANK = REPO / "tests" / "handbooks" / "food-bank"


@pytest.fixture
def food_bank(tmp_path: Path) -> Callable[..., BuildResult]:
    """Build a copy of the food bank's handbook after `change(project)`."""

    def build(change: Callable[[Path], None], *, strict: bool = True) -> BuildResult:
        project = tmp_path / "food-bank"
        shutil.copytree(FOOD_BANK, project)
        change(project)
        return run_build(project, strict=strict)

    return build


def edit(project: Path, old: str, new: str, path: str = "mkdocs.yml") -> None:
    """Replace `old` (which must be there) with `new` in a file of the project."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def where(result: BuildResult, fragment: str) -> str:
    """`mkdocs.yml:<line>:1` for the first line of the built project's mkdocs.yml with
    `fragment`."""
    return f"mkdocs.yml:{line_of(result.project / 'mkdocs.yml', fragment)}:1"


def assert_stopped_early(result: BuildResult) -> None:
    """Stopped before writing: no site, no side folder, no template traceback."""
    assert "TemplateNotFound" not in result.output, result.output
    assert not result.site.exists()
    assert not result.site.with_name("site.partial").exists()


# --- the plugins ---------------------------------------------------------------------------


def test_plugin_listed_before_i18n(food_bank) -> None:
    def change(project: Path) -> None:
        edit(project, "  - search\n", "  - search\n  - ngo-handbook\n")
        edit(
            project,
            "            Formulaires: Формалар\n  - ngo-handbook\n",
            "            Formulaires: Формалар\n",
        )

    result = food_bank(change)
    assert_fails_with(
        result,
        f"{where(result, '- ngo-handbook')}: "
        "the ngo-handbook plugin is listed before i18n; move '- ngo-handbook' "
        "below the i18n plugin's settings",
    )
    assert_stopped_early(result)


def test_i18n_missing(food_bank) -> None:
    def change(project: Path) -> None:
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        start, end = text.index("  - i18n:"), text.index("  - ngo-handbook")
        (project / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")

    result = food_bank(change)
    assert_fails_with(
        result,
        f"{where(result, 'plugins:')}: "
        "the ngo-handbook plugin needs the i18n plugin (mkdocs-static-i18n): "
        "list '- i18n:' with 'docs_structure: folder'",
    )
    assert_stopped_early(result)


def test_docs_structure_suffix(food_bank) -> None:
    result = food_bank(lambda p: edit(p, "docs_structure: folder", "docs_structure: suffix"))
    assert_fails_with(
        result,
        f"{where(result, 'docs_structure:')}: "
        "i18n's docs_structure is 'suffix'; the handbook keeps one folder per "
        "language (content/en/, content/fr/…): set 'docs_structure: folder' under i18n",
    )
    assert_stopped_early(result)


def test_fallback_to_default_true(food_bank) -> None:
    result = food_bank(lambda p: edit(p, "fallback_to_default: false", "fallback_to_default: true"))
    assert_fails_with(
        result,
        f"{where(result, 'fallback_to_default:')}: "
        "i18n's fallback_to_default: true publishes every untranslated page a "
        "second time",
        "set 'fallback_to_default: false' under i18n",
    )
    assert_stopped_early(result)


def test_fallback_to_default_left_out(food_bank) -> None:
    # static-i18n's default is true.
    result = food_bank(lambda p: edit(p, "      fallback_to_default: false\n", ""))
    assert_fails_with(
        result,
        f"{where(result, '- i18n:')}: i18n's fallback_to_default (true unless set) publishes every",
        "set 'fallback_to_default: false' under i18n",
    )


# --- direction -----------------------------------------------------------------------------


def test_global_direction(food_bank) -> None:
    result = food_bank(lambda p: edit(p, "  language: fr\n", "  language: fr\n  direction: ltr\n"))
    assert_fails_with(
        result,
        f"{where(result, 'direction: ltr')}: "
        "theme.direction: ltr gives every language that direction; remove the "
        "line: each language is written in its own direction",
    )
    assert_stopped_early(result)


def test_direction_of_one_language(food_bank) -> None:
    def change(project: Path) -> None:
        edit(project, "  language: fr\n", "  language: fr\n  direction: ltr\n")
        edit(
            project,
            "          name: فارسی\n",
            "          name: فارسی\n          theme:\n            direction: rtl\n",
        )

    result = food_bank(change)
    assert_fails_with(
        result,
        f"{where(result, 'direction: ltr')}: "
        "theme.direction: ltr gives every language that direction",
        f"{where(result, 'direction: rtl')}: "
        "the 'theme: direction: rtl' under Persian (fa) is not needed; remove "
        "it: Persian (fa) is written right to left and the theme knows it",
    )
    assert result.output.count("\n  mkdocs.yml:") == 2, result.output


# --- languages -----------------------------------------------------------------------------


def test_language_without_theme_strings(food_bank) -> None:
    def change(project: Path) -> None:
        (project / "overrides" / "partials" / "languages" / "ky.html").unlink()

    result = food_bank(change)
    assert_fails_with(
        result,
        f"{where(result, 'locale: ky')}: "
        "Material has no interface strings in Kyrgyz (ky) and the handbook has "
        "none either: create overrides/partials/languages/ky.html ('ngo-handbook new-language "
        "ky' writes it, with the English texts to translate)",
    )
    assert_stopped_early(result)


def test_language_without_theme_strings_nor_custom_dir(food_bank) -> None:
    def change(project: Path) -> None:
        shutil.rmtree(project / "overrides")
        edit(project, "  custom_dir: overrides\n", "")

    result = food_bank(change)
    assert_fails_with(
        result,
        "create overrides/partials/languages/ky.html and set 'custom_dir: overrides' under theme",
    )
    assert_stopped_early(result)


def test_language_without_interface_strings(food_bank) -> None:
    result = food_bank(lambda p: (p / "data" / "strings" / "ky.yml").unlink())
    assert_fails_with(
        result,
        f"{where(result, 'locale: ky')}: "
        "the generator has no interface strings in Kyrgyz (ky): create "
        "data/strings/ky.yml ('ngo-handbook new-language ky' writes it, with the English texts "
        "to translate)",
    )
    assert_stopped_early(result)


# --- the menu ------------------------------------------------------------------------------


def test_generated_page_missing_from_nav(food_bank) -> None:
    result = food_bank(lambda p: edit(p, "  - safety.md\n", ""), strict=False)
    assert result.ok, result.output
    expected = (
        f"{where(result, 'nav:')}: the page safety.md (made from data/safety.yml) is not in "
        "the menu; add the line '- safety.md' under nav"
    )
    warnings = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    assert any(line.endswith(expected) for line in warnings), result.output


def test_generated_page_under_a_wrong_path(food_bank) -> None:
    def change(project: Path) -> None:
        edit(project, "      - forms/registration.md", "      - forms/registraton.md")

    result = food_bank(change)
    project = result.project
    line = line_of(project / "mkdocs.yml", "forms/registraton.md")
    assert_fails_with(
        result,
        f"mkdocs.yml:{line}:1: nav lists 'forms/registraton.md', and there is no such page. "
        "Did you mean 'forms/registration.md'?",
    )
    assert "is not in the menu" not in result.output
    assert_stopped_early(result)


# --- the checks alone, on plain values ------------------------------------------------------

CONFIG = ConfigFile(
    "mkdocs.yml",
    "theme:\n  direction: ltr\nplugins:\n  - i18n:\n      languages:\n        - locale: ar\n"
    "          theme:\n            direction: rtl\n  - ngo-handbook\n"
    "nav:\n  - index.md\n  - Forms:\n      - forms/index.md\n      - forms/aplication.md\n"
    "      - forms/old.md\n  - missing.md\n",
)


def test_check_plugins_accepts_a_good_configuration() -> None:
    assert check_plugins(CONFIG, ["search", "i18n", "ngo-handbook"], "folder", False) == []


def test_check_direction_without_theme_direction() -> None:
    assert check_direction(CONFIG, None, {}) == []
    assert check_direction(CONFIG, "", {}) == []
    problems = check_direction(CONFIG, "ltr", {"ar": "rtl"})
    assert [str(problem.location) for problem in problems] == ["mkdocs.yml:2:1", "mkdocs.yml:8:1"]


def test_check_languages() -> None:
    problems = check_languages(
        CONFIG,
        ["en", "ar"],
        has_theme_strings=lambda code: code == "en",
        has_interface_strings=lambda code: True,
    )
    assert [str(problem) for problem in problems] == [
        "mkdocs.yml:6:1: Material has no interface strings in Arabic (ar) and the handbook has "
        "none either: create overrides/partials/languages/ar.html ('ngo-handbook new-language "
        "ar' writes it, with the English texts to translate)"
    ]


def test_check_nav() -> None:
    generated = {
        "forms/index.md": None,
        "forms/application.md": "data/forms/application.yml",
        "forms/agreement.md": "data/forms/agreement.yml",
        "safety.md": "data/safety.yml",
    }
    nav = ["index.md", "forms/index.md", "forms/aplication.md", "forms/old.md", "missing.md"]
    findings = check_nav(CONFIG, nav, generated, written={"index.md"})
    assert [str(problem) for problem in findings.errors] == [
        "mkdocs.yml:14:1: nav lists 'forms/aplication.md', and there is no such page. Did you "
        "mean 'forms/application.md'?",
        "mkdocs.yml:15:1: nav lists 'forms/old.md', and there is no such page. The pages there "
        "are: forms/agreement.md, forms/application.md, forms/index.md.",
    ]
    # 'missing.md' is MkDocs' own warning: it is no generated page.
    assert [str(problem) for problem in findings.warnings] == [
        "mkdocs.yml:10:1: the page forms/agreement.md (made from data/forms/agreement.yml) is "
        "not in the menu; add the line '- forms/agreement.md' under nav",
        "mkdocs.yml:10:1: the page safety.md (made from data/safety.yml) is not in the menu; "
        "add the line '- safety.md' under nav",
    ]


def test_check_nav_without_nav() -> None:
    findings = check_nav(CONFIG, None, {"safety.md": "data/safety.yml"}, set())
    assert findings.errors == findings.warnings == []
