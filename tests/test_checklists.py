"""Orientation checklists, safety briefing, rights and duties: pages in every language built
from data/, in the search index, with an edit link to the YAML file. Mistakes in their data
files are golden cases in tests/cases/data_errors.yml."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import LANGUAGES, REPO

DATA = REPO / "data"
PAGES = {
    "orientation": "orientation.yml",
    "safety": "safety.yml",
    "rights-and-duties": "rights_duties.yml",
}


def load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def in_language(text, language: str) -> str:
    return text if isinstance(text, str) else text.get(language, text["en"])


def page_html(site: Path, language: str, page: str) -> str:
    prefix = "" if language == "en" else f"{language}/"
    return (site / prefix / page / "index.html").read_text(encoding="utf-8")


def visible_text(markup: str) -> str:
    """The page's text with tags dropped and entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def expected_texts(page: str, language: str) -> list[str]:
    """Every title and item of the page's data file in `language`."""
    data = load(PAGES[page])
    texts = [in_language(data["title"], language)]
    if page == "orientation":
        for checklist in data["checklists"]:
            texts.append(in_language(checklist["title"], language))
            for section in checklist["sections"]:
                texts.append(in_language(section["title"], language))
                for item in section["items"]:
                    texts.append(in_language(item["text"], language))
                    if "details" in item:
                        texts.append(in_language(item["details"], language))
    elif page == "safety":
        for group in data["groups"]:
            texts.append(in_language(group["title"], language))
            for topic in group["topics"]:
                texts.append(in_language(topic["title"], language))
                texts.append(in_language(topic["explanation"], language))
    else:
        for block in (data["parties"], data.get("remote", {})):
            for party in ("organisation", "volunteer"):
                for kind in ("duties", "rights"):
                    for item in block.get(party, {}).get(kind, []):
                        texts.append(in_language(item["text"], language))
    return [" ".join(text.split()) for text in texts]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_shows_every_item_in_its_language(built_site: Path, page: str, language: str) -> None:
    markup = page_html(built_site, language, page)
    text = visible_text(markup)
    missing = [item for item in expected_texts(page, language) if item not in text]
    assert not missing, f"{language}/{page} lacks: {missing[:5]}"
    title = in_language(load(PAGES[page])["title"], language)
    assert re.search(rf"<h1[^>]*>{re.escape(html.escape(title))}", markup)
    assert re.search(rf'<html[^>]* lang="{language}"', markup)
    if language == "ar":
        assert 'dir="rtl"' in markup
    # The description meta tag holds the introduction, escaped once.
    description = re.search(r'<meta name="description" content="([^"]*)"', markup)
    introduction = " ".join(in_language(load(PAGES[page])["introduction"], language).split())
    assert description and html.unescape(description.group(1)) == introduction
    # The edit button leads to the YAML file, not to a Markdown page.
    edit = re.search(r'<a href="([^"]+)"[^>]*class="md-content__button', markup)
    edit = edit or re.search(r'class="md-content__button[^"]*"[^>]*href="([^"]+)"', markup)
    assert edit, "no edit link"
    assert edit.group(1).endswith(f"/edit/main/data/{PAGES[page]}")


@pytest.mark.parametrize("page", PAGES)
def test_page_is_in_the_navigation_of_every_language(built_site: Path, page: str) -> None:
    for language in LANGUAGES:
        markup = (built_site / ("" if language == "en" else language) / "index.html").read_text(
            encoding="utf-8"
        )
        title = in_language(load(PAGES[page])["title"], language)
        assert re.search(rf'href="[^"]*{page}/"[^>]*>\s*(<[^>]+>\s*)*{re.escape(title)}', markup), (
            f"{language}: no navigation entry for {page}"
        )


def search_documents(site: Path) -> list[dict]:
    documents = []
    for index in site.rglob("search_index.json"):
        documents += json.loads(index.read_text(encoding="utf-8"))["docs"]
    return documents


@pytest.mark.parametrize("language", ["tr", "ar", "kk"])
def test_search_index_holds_the_safety_topics_of_each_language(
    built_site: Path, language: str
) -> None:
    topic = in_language(load("safety.yml")["groups"][1]["topics"][1]["title"], language)
    explanation = in_language(load("safety.yml")["groups"][1]["topics"][1]["explanation"], language)
    hits = [
        document
        for document in search_documents(built_site)
        if "safety" in document["location"]
        and topic in html.unescape(document["title"] + " " + document["text"])
    ]
    assert hits, f"no search entry of the {language} safety page holds {topic!r}"
    assert any(explanation.split()[0] in html.unescape(hit["text"]) for hit in hits)


def test_checklists_and_items_are_linkable_and_labelled(built_site: Path) -> None:
    markup = page_html(built_site, "en", "orientation")
    for checklist in load("orientation.yml")["checklists"]:
        key = f"orientation-{checklist['id']}"
        assert f'data-hb-checklist="{key}"' in markup
        for section in checklist["sections"]:
            for item in section["items"]:
                box = f"{key}-{item['id']}-box"
                assert re.search(rf'<input[^>]*id="{box}"', markup)
                assert f'<label class="hb-checklist__label" for="{box}">' in markup
    rights = page_html(built_site, "en", "rights-and-duties")
    assert 'id="volunteer-duties-give-notice"' in rights
    assert 'id="remote-organisation-duties-named-contact"' in rights
    # Remote extras continue the numbering of the general list (1.12 → 1.13).
    count = len(load("rights_duties.yml")["parties"]["organisation"]["duties"])
    assert re.search(
        rf'>1\.{count + 1}</span> <span class="hb-rights__text">Send a clear welcome', rights
    )
