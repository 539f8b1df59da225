"""The generator's interface strings: every shipped language complete, plurals by CLDR in
Python and in the browser, a handbook's own strings checked with file and line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from ngo_handbook import languages
from ngo_handbook.interface_strings import (
    PACKAGE_DIR,
    InterfaceStrings,
    package_languages,
    placeholders,
    plural_rules_script,
)
from ngo_handbook.yaml_source import read_yaml

SHIPPED = ("en", "tr", "ar", "kk", "fr", "es", "ru", "zh", "fa", "uk")


def _raw(language: str) -> dict:
    document, problems = read_yaml(PACKAGE_DIR / f"{language}.yml", f"{language}.yml")
    assert not problems
    return document.data


def _names(message) -> set[str]:
    texts = message.values() if isinstance(message, dict) else [message]
    return set().union(*(placeholders(text) for text in texts))


def test_every_language_is_shipped():
    assert set(package_languages()) == set(SHIPPED)
    assert package_languages()[0] == "en"


@pytest.mark.parametrize("language", SHIPPED)
def test_a_shipped_language_has_every_key_plural_form_and_placeholder(language):
    english = _raw("en")
    own = _raw(language)
    assert list(own) == list(english)
    for section, texts in english.items():
        assert set(own[section]) == set(texts), section
        for key, reference in texts.items():
            message = own[section][key]
            where = f"{language}: {section}.{key}"
            if isinstance(reference, dict):
                assert isinstance(message, dict), where
                assert tuple(message) == languages.plural_categories(language), where
                assert "count" in placeholders(message["other"]), where
            else:
                assert isinstance(message, str), where
            assert _names(message) == _names(reference), where
    assert (PACKAGE_DIR / f"{language}.yml").read_text(encoding="utf-8").startswith("#")


def test_the_package_strings_have_no_problem():
    strings = InterfaceStrings(SHIPPED, "en")
    assert strings.problems == []
    assert strings.warnings == []
    assert all(strings.has_language(language) for language in SHIPPED)
    assert not strings.has_language("de")


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("ar", 3, "تطابق 3 منظمات من أصل 250"),
        ("ar", 11, "تطابق 11 منظمةً من أصل 250"),
        ("ar", 2, "تطابق منظمتان من أصل 250"),
        ("ar", 100, "تطابق 100 منظمة من أصل 250"),
        ("ru", 3, "Подходят 3 организации из 250"),
        ("ru", 5, "Подходят 5 организаций из 250"),
        ("ru", 21, "Подходит 21 организация из 250"),
        ("uk", 12, "Підходять 12 організацій із 250"),
        ("kk", 7, "250 ұйымның ішінен 7 ұйым сәйкес келеді"),
        ("en", 1, "1 of 250 organisations matches"),
        ("fr", 0, "0 organisation sur 250 correspond"),
        ("fa", 5, "۵ سازمان از ۲۵۰ سازمان مطابقت دارند"),
    ],
)
def test_text_picks_the_plural_form_of_the_language(language, count, expected):
    strings = InterfaceStrings((language,), "en")
    assert strings.text("partners", "count_some", language, count=count, total=250) == expected


def test_get_and_browser_give_plural_mappings():
    strings = InterfaceStrings(("ru",), "en")
    progress = strings.get("checklists", "ru")["progress"]
    assert set(progress) == {"one", "few", "many", "other"}
    assert progress.format(count=2, total=9) == "Отмечено 2 пункта из 9"
    assert json.loads(json.dumps(strings.browser("checklists", "ru")))["progress"] == dict(progress)


def _handbook(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "data" / "strings"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_an_unknown_key_in_a_handbook_file_names_file_line_and_the_closest_key(tmp_path):
    folder = _handbook(tmp_path, {"tr.yml": "checklists:\n  reset: Temizle\n  prnt: Bas\n"})
    strings = InterfaceStrings(("en", "tr"), "en", folder, display_root=tmp_path)
    [problem] = strings.problems
    assert str(problem.location) == "data/strings/tr.yml:3:3"
    assert "Did you mean 'print'?" in problem.message
    assert strings.get("checklists", "tr")["reset"] == "Temizle"


def test_a_handbook_plural_with_the_wrong_forms_or_placeholders_is_an_error(tmp_path):
    folder = _handbook(
        tmp_path,
        {
            "ru.yml": "partners:\n  count_all:\n    one: '{count} организация'\n"
            "    other: '{count} организаций'\n",
            "tr.yml": "checklists:\n  progress:\n    one: '{count}/{totl}'\n    other: '{count}'\n",
            "en.yml": "forms:\n  too_many:\n    one: Only one.\n    other: At most.\n",
        },
    )
    strings = InterfaceStrings(("en", "ru", "tr"), "en", folder, display_root=tmp_path)
    messages = {str(problem.location): problem.message for problem in strings.problems}
    assert "one, few, many, other" in messages["data/strings/ru.yml:3:5"]
    assert "{totl}" in messages["data/strings/tr.yml:3:10"]
    assert "add {count}" in messages["data/strings/en.yml:4:12"]


def test_a_missing_key_warns_with_the_file_and_line_and_strict_makes_it_a_problem(tmp_path):
    folder = _handbook(tmp_path, {"de.yml": "# Deutsch\nchecklists:\n  reset: Zurücksetzen\n"})
    strings = InterfaceStrings(("en", "de"), "en", folder, display_root=tmp_path)
    assert strings.has_language("de")
    assert strings.problems == []
    checklists = [w for w in strings.warnings if "'checklists'" in w.message]
    assert str(checklists[0].location) == "data/strings/de.yml:2:1"
    assert "German (de)" in checklists[0].message and "line 2" in checklists[0].message
    assert strings.get("checklists", "de")["print"] == "Print"
    strict = InterfaceStrings(("en", "de"), "en", folder, strict=True, display_root=tmp_path)
    assert set(strict.warnings) <= set(strict.problems)


@pytest.mark.parametrize("language", ["ar", "ru", "uk", "fr"])
def test_the_browser_plural_rules_agree_with_babel(language):
    numbers = [0, 1, 2, 3, 11, 21, 100, 101, 1000000]
    script = plural_rules_script([language])
    program = (
        "var window = {};\n"
        + script
        + "\nconsole.log(JSON.stringify(["
        + ",".join(f"window.ngoHandbook.pluralRules[{json.dumps(language)}]({n})" for n in numbers)
        + "]));"
    )
    output = subprocess.run(
        ["node", "-e", program], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    assert json.loads(output) == [languages.plural_category(language, n) for n in numbers]


def test_strings_js_formats_a_plural_message():
    script = (PACKAGE_DIR.parent / "assets" / "strings.js").read_text(encoding="utf-8")
    message = json.dumps(InterfaceStrings(("ru",), "en").browser("partners", "ru")["count_some"])
    program = (
        "var window = {}; var document = {documentElement: {lang: 'ru'}};\n"
        + plural_rules_script(["ru"])
        + script
        + f"\nconsole.log(window.ngoHandbook.format({message}, {{count: 22, total: 250}}));"
    )
    output = subprocess.run(
        ["node", "-e", program], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    assert output.strip() == "Подходят 22 организации из 250"


@pytest.mark.parametrize(
    "language, english_forms",
    [
        ("de", {"one": "one", "other": "other"}),
        ("he", {"one": "one", "two": "other", "other": "other"}),
        ("pl", {"one": "one", "few": "other", "many": "other", "other": "other"}),
        ("ja", {"other": "other"}),
    ],
)
def test_a_new_languages_strings_stand_in_with_the_english_form_that_reads_right(
    language, english_forms
):
    """A new language's strings file holds English until it is translated: each plural
    form holds the English form of its typical number, so a German stand-in reads
    "1 organisation", not "1 organisations", and Japanese, with one form, the plural."""
    import yaml
    from ngo_handbook.scaffold import strings_file

    written = yaml.safe_load(strings_file(language))
    english = _raw("en")
    plurals = [
        (section, key)
        for section, texts in english.items()
        for key, text in texts.items()
        if isinstance(text, dict)
    ]
    assert plurals
    for section, key in plurals:
        message = written[section][key]
        assert tuple(message) == languages.plural_categories(language)
        expected = {form: english[section][key][english_forms[form]] for form in message}
        assert message == expected, (section, key)
