"""Texts still in another language, marked to translate: a new handbook in a right-to-left
language the package has no example texts for (Uyghur) shows its English examples as
English, left to right, until they are translated."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import new_handbook, run_build
from ngo_handbook.pdf.server import serve_folder
from ngo_handbook.stand_ins import isolated_for, marked_page, page_language, written_language

FSI, PDI = "\u2068", "\u2069"

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = pytest.mark.xdist_group("stand-ins")


def test_a_copy_is_in_the_language_it_was_copied_from():
    originals = [("tr", "Güvenlik"), ("en", "Safety")]
    assert written_language("Güvenlik", "ug", originals) == "tr"
    assert written_language("Safety", "ug", originals) == "en"


def test_a_text_copied_from_no_language_of_the_handbook_is_english_when_latin():
    assert written_language("Safety first.", "he", [("ur", "Hifazat")]) == "en"
    assert written_language("Safety first.", "he", []) == "en"
    # A hint written in the language itself, or a translation still marked: left alone.
    assert written_language("Қауіпсіздік", "kk", []) is None
    assert written_language("بىخەتەرلىك", "ug", []) is None
    assert written_language("Safety first.", "en", []) is None


def test_a_copy_of_an_edited_original_is_still_in_the_default_language():
    """`new --languages tr,ug,en` copies Turkish into Uyghur; the Turkish is then edited."""
    originals = [("tr", "Güvenlik eğitimi"), ("en", "Safety briefing")]
    assert written_language("Güvenlik bilgilendirmesi", "ug", originals, "tr") == "tr"
    # Another script than the default language's original: not a copy of it.
    assert written_language("Safety", "ug", [("kk", "Қауіпсіздік")], "kk") == "en"
    assert written_language("اقرأ هذا", "ar", [("tr", "Bunu okuyun")], "tr") is None


def test_a_page_copy_is_compared_without_its_mark():
    mark = "<!-- translate: this page is still in another language -->"
    body = f"\n{mark}\n\n# Bienvenue\n"
    assert page_language(body, "ug", [("fr", "\n# Bienvenue\n"), ("en", "# Welcome")]) == "fr"
    # A page that is itself a marked copy is no original: English, as the package writes.
    welcome = f"\n{mark}\n\n# Welcome\n"
    assert page_language(welcome, "ug", [("fr", f"{mark}\n# Welcome")]) == "en"
    # A page that quotes the mark in a sentence is no copy.
    quoting = f"Pages still to translate start with `{mark}`."
    assert page_language(welcome, "ug", [("fr", quoting), ("tr", "# Welcome")]) == "tr"
    assert not marked_page(quoting) and marked_page(welcome)


def test_the_mark_new_writes_names_the_language(uyghur: Path):
    from ngo_handbook.stand_ins import is_page_mark, page_mark

    mark = page_mark("Turkish", "tr")
    assert mark == "<!-- translate: this page is still in Turkish (tr) -->"
    assert is_page_mark(f"  {mark}") and not is_page_mark(f"Start a copy with {mark}")
    # Named, the language holds even once the original has changed.
    assert page_language(f"{mark}\n# Hoş geldiniz", "ug", [("tr", "# Merhaba")]) == "tr"
    assert page_language(f"{mark}\n# Hoş geldiniz", "tr", []) is None
    home = (uyghur.parent / "content" / "ug" / "index.md").read_text("utf-8")
    assert "\n<!-- translate: this page is still in English (en) -->\n" in home


def test_english_interface_strings_of_a_right_to_left_language_are_isolated():
    for text in ("{count} of {total} ticked", "Links:", "Print"):
        assert isolated_for(text, "rtl") == FSI + text + PDI
    # A translation, a left-to-right language, a text without letters: as they are.
    for text, direction in [("{count} تاللاندى", "rtl"), ("Links:", "ltr"), ("1 / 2", "rtl")]:
        assert isolated_for(text, direction) == text
    assert isolated_for(FSI + "Print" + PDI, "rtl") == FSI + "Print" + PDI


def test_a_colon_goes_inside_an_isolated_label():
    from ngo_handbook.rendering import with_colon

    assert with_colon(FSI + "If yes, explain" + PDI) == FSI + "If yes, explain:" + PDI
    assert with_colon(FSI + "Who?" + PDI) == FSI + "Who?" + PDI
    assert with_colon("Name") == "Name:"


@pytest.fixture(scope="module")
def uyghur(tmp_path_factory) -> Path:
    """`ngo-handbook new --languages ug,en`, built: Uyghur has no example texts, so its
    pages, data lines and interface strings are English, marked to translate."""
    project = new_handbook(tmp_path_factory.mktemp("stand-ins"), "ug,en", "Our volunteer centre")
    result = run_build(project, strict=False)
    assert result.ok, result.output
    return result.site


def test_a_page_still_in_english_is_marked_english(uyghur: Path):
    home = (uyghur / "index.html").read_text("utf-8")
    assert '<html lang="ug"' in home
    copied = home.find('<div class="hb-original-language" dir="ltr" lang="en">')
    assert 0 < copied < home.find("<h1") < home.find("This handbook gathers")
    # The English original is English already.
    assert "hb-original-language" not in (uyghur / "en" / "index.html").read_text("utf-8")


def test_data_texts_still_in_english_are_marked_english(uyghur: Path):
    safety = (uyghur / "safety" / "index.html").read_text("utf-8")
    exits = "Where the exits are, and where to gather after an evacuation."
    assert f'<span lang="en" dir="ltr">{exits}</span>' in safety
    english = (uyghur / "en" / "safety" / "index.html").read_text("utf-8")
    assert 'lang="en" dir="ltr">Where the exits' not in english


def test_a_guidance_page_still_in_english_has_an_english_heading(uyghur: Path):
    page = (uyghur / "self-assessment" / "guidance" / "q1-c1" / "index.html").read_text("utf-8")
    assert re.search(r'<h1 lang="en" dir="ltr">They start straight away[^<]*</h1>', page)
    assert "<title>They start straight away" in page
    assessment = (uyghur / "self-assessment" / "index.html").read_text("utf-8")
    assert re.search(
        r'<div class="hb-sa-guidance" data-guidance="q1-c1"[^>]* lang="en" dir="ltr">', assessment
    )
    assert '<p class="hb-sa-intro"><span lang="en" dir="ltr">Answer the questions' in assessment


def test_the_themes_english_texts_are_isolated_on_a_uyghur_page(uyghur: Path):
    """Material's search texts (still in English) read the right way round: the number
    that replaces '#' comes first."""
    home = (uyghur / "index.html").read_text("utf-8")
    config = json.loads(re.search(r'<script id="__config"[^>]*>(.*?)</script>', home).group(1))
    assert config["translations"]["search.result.other"] == FSI + "# matching documents" + PDI
    english = (uyghur / "en" / "index.html").read_text("utf-8")
    assert '"search.result.other": "# matching documents"' in english


def test_no_element_lands_in_an_attribute_or_a_title(uyghur: Path):
    """A text in another language is an element between tags only: never inside an
    attribute, `<title>`, the search index or a script's JSON."""
    leaked = re.compile(r'="[^"<>]*<span lang=|&lt;span lang=|<title>[^<]*<span|<span lang=\\"')
    found = [
        path.relative_to(uyghur).as_posix()
        for path in uyghur.rglob("*")
        if path.suffix in (".html", ".json", ".js", ".webmanifest")
        and leaked.search(path.read_text("utf-8", errors="replace"))
    ]
    assert found == []
    # The directory's CSV is data: its headings carry no marks of direction.
    csv = (uyghur / "partners" / "partners.csv").read_text("utf-8-sig")
    assert csv.startswith("Id,Name,") and FSI not in csv


# For each element: its text, and whether its first character stands left of its second
# and its last right of the one before (so in a left-to-right text, whatever its lines);
# null for one with fewer than two.
_ENDS_IN_ORDER = """(selector) => [...document.querySelectorAll(selector)].map((element) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const letters = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.length; i++) {
      if (/[^\\s\u2068\u2069]/.test(node.data[i])) letters.push([node, i]);
    }
  }
  const left = ([node, i]) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect().left;
  };
  const n = letters.length;
  if (n < 2) return null;
  return [element.textContent.trim(), left(letters[0]) < left(letters[1]),
          left(letters[n - 2]) < left(letters[n - 1])];
})"""


@pytest.mark.browser
def test_english_examples_read_left_to_right_on_a_uyghur_page(uyghur: Path, page):
    """An English sentence ends with its full stop on the right, and the checklist's count
    starts with its number on the left, as Chromium lays out the Uyghur page."""
    with serve_folder(uyghur) as url:
        page.goto(f"{url}safety/")
        page.wait_for_selector(".hb-checklist__progress:not(:empty)")
        found = page.evaluate(
            _ENDS_IN_ORDER, ".hb-checklist__details, .hb-checklist__progress, .hb-checklist__note"
        )
    assert len(found) == 4, found
    for text, starts_left, ends_right in found:
        assert starts_left and ends_right, f"{text!r} does not read left to right"
    assert any(text.strip(FSI + PDI).startswith("0 of 2 ticked") for text, *_ in found), found
    assert page.outside_requests == []


@pytest.mark.browser
def test_search_results_still_in_english_read_left_to_right(uyghur: Path, page):
    """On the Uyghur site, results from pages and texts still in English read left to
    right: their full stops end their sentences on the right."""
    with serve_folder(uyghur) as url:
        page.goto(f"{url}?q=volunteer")
        page.wait_for_selector(".md-search-result__article p")
        found = page.evaluate(
            _ENDS_IN_ORDER, ".md-search-result__article h1, .md-search-result__article p"
        )
        found = [entry for entry in found if entry]
        meta = page.inner_text(".md-search-result__meta")
    assert len(found) >= 4, found
    for text, starts_left, ends_right in found:
        assert starts_left and ends_right, f"{text!r} does not read left to right"
    assert meta.strip(FSI + PDI + " ").split(" ", 1)[1] == "matching documents", meta
    assert page.outside_requests == []


def test_check_names_the_language_a_text_is_still_in(uyghur: Path, capsys):
    from ngo_handbook.cli import main

    capsys.readouterr()
    main(["check", "--project", str(uyghur.parent)])
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert (
        "content/ug/index.md:5:1: warning: this page is still in English; translate it into "
        "Uyghur and remove this line"
    ) in said
    safety = (uyghur.parent / "data" / "safety.yml").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(safety, 1) if "ug: Emergency exits" in text)
    assert (
        f"data/safety.yml:{line}:"
        f"{safety[line - 1].index('# translate') + 1}: warning: this text is still in English; "
        "translate it into Uyghur and remove '# translate'"
    ) in said


def test_a_page_copied_from_the_default_language_is_in_that_language(tmp_path):
    """`ngo-handbook new --languages tr,ug`: the Uyghur page is the Turkish one, marked."""
    from ngo_handbook.partial_translations import page_body

    mark = "<!-- translate: this page is still in another language -->"
    turkish = "---\ntitle: Hoş geldiniz\n---\n\n# Hoş geldiniz\n\nBu el kitabı…\n"
    (tmp_path / "tr.md").write_text(turkish, "utf-8")
    (tmp_path / "ug.md").write_text(turkish.replace("---\n\n", f"---\n\n{mark}\n\n"), "utf-8")
    assert page_body(tmp_path / "tr.md") == "\n# Hoş geldiniz\n\nBu el kitabı…\n"
    copy = page_body(tmp_path / "ug.md")
    assert page_language(copy, "ug", [("tr", page_body(tmp_path / "tr.md"))]) == "tr"
