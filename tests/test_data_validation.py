"""Broken data files: each gives one clear message with file, line and column, a non-zero
exit, no traceback, and leaves an existing site untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD_HANDBOOK = """\
name:
  en: Volunteer Centre
  tr: Gönüllü Merkezi
  ar: مركز التطوع
  kk: Волонтерлік орталық
default_language: en
website: https://example.org/
"""


def write_handbook(text: str):
    def change(project: Path) -> None:
        (project / "data" / "handbook.yml").write_text(text, encoding="utf-8")

    return change


def assert_fails_with(result, *messages: str) -> None:
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    for message in messages:
        assert message in result.output, f"expected {message!r} in:\n{result.output}"


CASES = {
    "malformed yaml": (
        GOOD_HANDBOOK.replace("  tr: Gönüllü Merkezi", " tr: Gönüllü Merkezi"),
        "data/handbook.yml:3:2: this is not valid YAML: this line is indented differently",
    ),
    "wrong type": (
        GOOD_HANDBOOK.replace("website: https://example.org/", "website: [a, b]"),
        "data/handbook.yml:7:10: 'website': input should be a valid string; got a list",
    ),
    "text given as a list": (
        GOOD_HANDBOOK + "tagline:\n  - one\n  - two\n",
        "data/handbook.yml:9:3: expected a text, or one text per language",
    ),
    "typo in a key": (
        GOOD_HANDBOOK + "tagine: Helping volunteers\n",
        "data/handbook.yml:8:1: unknown key 'tagine'. Did you mean 'tagline'?",
    ),
    "unknown language": (
        GOOD_HANDBOOK.replace("  kk: Волонтерлік орталық", "  kz: Волонтерлік орталық"),
        "data/handbook.yml:5:3: 'kz' is not a language of this handbook. Did you mean 'kk'?",
    ),
    "missing default language": (
        GOOD_HANDBOOK.replace("  en: Volunteer Centre\n", ""),
        "data/handbook.yml:2:3: there is no English ('en') text",
    ),
    "repeated key": (
        GOOD_HANDBOOK + "website: https://example.com/\n",
        "data/handbook.yml:8:1: the key 'website' appears twice in the same block (first on "
        "line 7); keep only one",
    ),
    "unsafe link": (
        GOOD_HANDBOOK.replace("https://example.org/", "javascript:alert(1)"),
        "data/handbook.yml:7:10: 'javascript:alert(1)' is not an accepted link",
    ),
    "missing required key": (
        GOOD_HANDBOOK.replace("default_language: en\n", ""),
        "data/handbook.yml:1:1: the key 'default_language' is missing",
    ),
    "default language differs from mkdocs.yml": (
        GOOD_HANDBOOK.replace("default_language: en", "default_language: tr"),
        "data/handbook.yml:6:19: default_language is 'tr' but mkdocs.yml makes 'en' the default",
    ),
    "empty file": ("", "data/handbook.yml:1:1: this file is empty"),
    "logo that is not an image path": (
        GOOD_HANDBOOK + 'logo: "x.svg\\" onerror=\\"alert(1)"\n',
        "data/handbook.yml:8:7: 'x.svg\" onerror=\"alert(1)' is not the path of an image inside "
        "content/",
    ),
    "logo from another site": (
        GOOD_HANDBOOK + "logo: https://cdn.example.org/logo.png\n",
        "data/handbook.yml:8:7: 'https://cdn.example.org/logo.png' is not the path of an image",
    ),
    "logo that is not there": (
        GOOD_HANDBOOK + "logo: assets/images/our-logo.png\n",
        "data/handbook.yml:8:7: there is no image 'content/assets/images/our-logo.png'; put the "
        "logo there",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_handbook_file_gives_exact_message(build_handbook, name):
    text, message = CASES[name]
    result = build_handbook(write_handbook(text))
    assert_fails_with(result, message, "nothing was built")


def test_all_problems_are_reported_at_once(build_handbook):
    text = (
        GOOD_HANDBOOK.replace("website: https://example.org/", "website: ftp://x") + "colour: red\n"
    )
    result = build_handbook(write_handbook(text))
    assert_fails_with(
        result,
        "The handbook sources have 2 problems",
        "data/handbook.yml:7:10: 'ftp://x' is not an accepted link",
        "data/handbook.yml:8:1: unknown key 'colour'.",
    )


def test_missing_translation_warns_with_location_and_is_fatal_in_strict(build_handbook):
    text = GOOD_HANDBOOK.replace("  kk: Волонтерлік орталық\n", "")
    message = (
        "data/handbook.yml:2:3: there is no Kazakh ('kk') text; the English text is shown "
        "instead. Add 'kk: …' here"
    )
    strict = build_handbook(write_handbook(text))
    assert_fails_with(strict, message)


def test_missing_translation_falls_back_outside_strict(build_handbook):
    text = GOOD_HANDBOOK.replace("  kk: Волонтерлік орталық\n", "")
    result = build_handbook(write_handbook(text), strict=False)
    assert (
        "WARNING" in result.output and "data/handbook.yml:2:3: there is no Kazakh" in result.output
    )
    assert result.ok, result.output
    kazakh_home = (result.site / "kk" / "index.html").read_text(encoding="utf-8")
    assert "Volunteer Centre" in kazakh_home


def test_missing_handbook_file(build_handbook):
    result = build_handbook(lambda project: (project / "data" / "handbook.yml").unlink())
    assert_fails_with(result, "data/handbook.yml: this file is missing")


def test_unknown_data_file_suggests_the_right_name(build_handbook):
    def change(project: Path) -> None:
        (project / "data" / "handbok.yml").write_text("name: x\n", encoding="utf-8")

    result = build_handbook(change)
    assert_fails_with(
        result, "data/handbok.yml: this is not a known data file. Did you mean 'handbook.yml'?"
    )


def test_file_that_is_not_utf8(build_handbook):
    def change(project: Path) -> None:
        (project / "data" / "handbook.yml").write_bytes("name: Gönüllü\n".encode("iso-8859-9"))

    result = build_handbook(change)
    assert_fails_with(result, "data/handbook.yml: this file is not UTF-8 text")


def test_broken_front_matter_in_a_page_is_an_error(build_handbook):
    def change(project: Path) -> None:
        page = project / "content" / "tr" / "about-volunteering.md"
        page.write_text(
            "---\ntitle: Gönüllülük\ndescription: Bir: iki: üç\n---\n\n# Gönüllülük\n",
            encoding="utf-8",
        )

    result = build_handbook(change)
    assert_fails_with(
        result,
        "content/tr/about-volunteering.md:3:17: the front matter is not valid YAML: a ': ' "
        "inside a value; put the whole value in quotes",
    )


def test_unclosed_front_matter_is_an_error(build_handbook):
    def change(project: Path) -> None:
        page = project / "content" / "kk" / "about-volunteering.md"
        page.write_text("---\ntitle: Волонтерлік\n\n# Волонтерлік\n", encoding="utf-8")

    result = build_handbook(change)
    assert_fails_with(
        result,
        "content/kk/about-volunteering.md:1:1: the front matter that starts here is never closed",
    )


def test_failed_build_leaves_the_existing_site_intact(build_handbook, tmp_path):
    marker_text = "previous good build"

    def change(project: Path) -> None:
        site = project / "site"
        site.mkdir()
        (site / "index.html").write_text(marker_text, encoding="utf-8")
        write_handbook(GOOD_HANDBOOK + "tagine: x\n")(project)

    result = build_handbook(change)
    assert_fails_with(result, "unknown key 'tagine'")
    assert (result.site / "index.html").read_text(encoding="utf-8") == marker_text
    assert sorted(p.name for p in result.site.iterdir()) == ["index.html"]


def test_strict_warning_late_in_the_build_leaves_the_existing_site_intact(build_handbook):
    """A broken link is only found while pages are rendered, after files were written:
    the build goes to a side folder and the old site stays."""
    marker_text = "previous good build"

    def change(project: Path) -> None:
        site = project / "site"
        site.mkdir()
        (site / "index.html").write_text(marker_text, encoding="utf-8")
        page = project / "content" / "en" / "index.md"
        page.write_text(
            page.read_text(encoding="utf-8") + "\n[x](no-such-page.md)\n", encoding="utf-8"
        )

    result = build_handbook(change)
    assert result.returncode != 0
    assert "no-such-page.md" in result.output
    assert (result.site / "index.html").read_text(encoding="utf-8") == marker_text
