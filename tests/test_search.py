"""Search serves each language: its own index, its own stemmer, only its own pages.

The sample handbook is built once (`built_site`); browser tests type into Material's
search box in headless Chromium, or talk to the search worker directly with small
documents of their own, so the stemming rules are checked apart from the sample's text.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from ngo_handbook.search import language_index, search_setup

LANGUAGES = ("en", "tr", "ar", "kk")
DEFAULT = "en"
WORKER = "assets/javascripts/workers/ngo-handbook-search.js"
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)


def home(language: str) -> str:
    """A language's home folder, relative to the site root: "" or "tr/"."""
    return "" if language == DEFAULT else f"{language}/"


def read_index(site: Path, language: str) -> dict:
    return json.loads((site / home(language) / "search/search_index.json").read_text("utf-8"))


def index_text(site: Path, language: str) -> str:
    docs = read_index(site, language)["docs"]
    return " ".join(f"{doc['title']} {doc['text']}" for doc in docs).lower()


# --- The built files ----------------------------------------------------------------------


def test_every_language_has_an_index_of_its_own_pages(built_site: Path) -> None:
    others = [f"{lang}/" for lang in LANGUAGES if lang != DEFAULT]
    for language in LANGUAGES:
        index = read_index(built_site, language)
        assert index["config"]["lang"] == [language]
        assert "stemmer" in index["config"]["pipeline"]
        locations = [doc["location"] for doc in index["docs"]]
        assert "" in locations, f"{language}: the home page is missing from its index"
        assert len(locations) > 20
        # Locations are relative to the language's home page, which is the page's base.
        assert not [loc for loc in locations if loc.startswith(tuple(others))], language
        for location in locations:
            page = location.split("#")[0]
            assert (built_site / home(language) / page / "index.html").is_file(), location


def test_glossary_terms_and_their_languages_are_words_apart(built_site: Path) -> None:
    """The glossary writes each term beside its language's name (`<dt>English</dt>` then
    `<dd>volunteer</dd>`): the index holds them as two words, not one."""
    for language in LANGUAGES:
        page = (built_site / home(language) / "glossary/index.html").read_text("utf-8")
        labels = {html.unescape(label) for label in re.findall(r"<dt>([^<]+)</dt>", page)}
        assert len(labels) >= len(LANGUAGES), language
        texts = [
            doc["text"]
            for doc in read_index(built_site, language)["docs"]
            if doc["location"].startswith("glossary/")
        ]
        glued = [
            f"{language}: {text[found.start() : found.end() + 20]!r}"
            for text in texts
            for label in labels
            for found in re.finditer(re.escape(label) + r"(?=\w)", text)
        ]
        assert glued == []


def test_each_index_holds_the_pages_in_its_language(built_site: Path) -> None:
    # Every language has a strategy/ page: each index must hold its own language's one.
    for language in LANGUAGES:
        for doc in read_index(built_site, language)["docs"]:
            if "#" in doc["location"]:
                continue
            page = built_site / home(language) / doc["location"] / "index.html"
            title = re.search(r"<title>(.*?)</title>", page.read_text("utf-8"), re.DOTALL)
            # Both hold HTML: a title is escaped text (`page_titles`), as Material shows it.
            shown = html.unescape(doc["title"])
            assert shown in html.unescape(title.group(1)), (language, doc["location"])


def page_config(page: Path) -> dict:
    match = CONFIG.search(page.read_text("utf-8"))
    assert match, f"{page} has no __config"
    return json.loads(match.group(1))


def test_every_page_searches_its_own_language(built_site: Path) -> None:
    """Every page, "page not found" ones included (MkDocs renders them apart)."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40 and len([p for p in pages if p.name == "404.html"]) == len(LANGUAGES)
    for page in pages:
        relative = page.relative_to(built_site).as_posix()
        language = relative.split("/")[0] if relative.split("/")[0] in LANGUAGES else DEFAULT
        config = page_config(page)
        page_url = "http://site/" + relative
        assert urljoin(page_url, config["base"]) == "http://site/" + home(language), relative
        assert urljoin(page_url, config["search"]) == "http://site/" + WORKER, relative


# Our worker loads Material's by its hashed name, relative to its own address.
MATERIAL_WORKER = re.compile(r'importScripts\(new URL\("([^"]+)"')


def test_worker_and_kazakh_language_are_installed(built_site: Path) -> None:
    worker = (built_site / WORKER).read_text("utf-8")
    material = MATERIAL_WORKER.search(worker)
    assert material, worker[:200]
    assert (built_site / "assets/javascripts/workers" / material.group(1)).is_file()
    kazakh = built_site / "assets/javascripts/lunr/min/lunr.kk.min.js"
    assert "lunr.kk = function" in kazakh.read_text("utf-8")


def test_language_index_keeps_one_language_relative_to_its_home() -> None:
    docs = ["", "#a", "trips/", "strategy/", "kk/", "kk/#b", "kk/strategy/", "tr/x/", "tr"]
    combined = {
        "config": {"lang": ["en", "tr"], "separator": "x", "pipeline": []},
        "docs": [{"location": location, "title": "t", "text": ""} for location in docs],
    }

    def locations(language: str) -> list[str]:
        index = language_index(combined, language, list(LANGUAGES), DEFAULT)
        return [doc["location"] for doc in index["docs"]]

    # "trips/" is an English page, not a Turkish one
    assert locations("en") == ["", "#a", "trips/", "strategy/"]
    assert locations("kk") == ["", "#b", "strategy/"]
    assert locations("tr") == ["x/", ""]
    assert locations("ar") == []
    assert combined["docs"][4]["location"] == "kk/", "the combined index was changed"


def test_a_language_lunr_does_not_know_is_searched_as_written(tmp_path: Path) -> None:
    lunr = tmp_path / "assets/javascripts/lunr/min"
    lunr.mkdir(parents=True)
    (lunr / "lunr.tr.min.js").write_text("")
    assert search_setup(tmp_path, "tr") == ("tr", ["trimmer", "stopWordFilter", "stemmer"])
    assert search_setup(tmp_path, "en") == ("en", ["stopWordFilter", "stemmer"])
    assert search_setup(tmp_path, "uz") == ("en", [])


# --- The Kazakh stemmer, run by the browser -----------------------------------------------

KAZAKH_STEMS = {
    # the example, and the endings piled up
    "кітапханасы": "кітапхана",
    "кітапхана": "кітапхана",
    "кітапханаларымызда": "кітапхана",
    "кітапханаға": "кітапхана",
    "кітапхананың": "кітапхана",
    "кітапханадан": "кітапхана",
    "кітапханамен": "кітапхана",
    "кітапхананы": "кітапхана",
    "кітапханасында": "кітапхана",
    "кітапханасына": "кітапхана",
    "кітапханасын": "кітапхана",
    # plural -лер/-дар/-тер with the letter before them
    "волонтерлер": "волонтер",
    "волонтерлердің": "волонтер",
    "волонтерлеріміздің": "волонтер",
    "ұйымдарға": "ұйым",
    "мектептерге": "мектеп",
    # -лік makes an abstract noun of the same word
    "волонтерлік": "волонтер",
    "волонтерліктің": "волонтер",
    # voiced before a vowel ending: кітап → кітабы, мектеп → мектебінде
    "кітабы": "кітап",
    "мектебінде": "мектеп",
    "ұйымыңызға": "ұйым",
    "жобаңызды": "жоба",
    # words that only look inflected stay whole
    "волонтер": "волонтер",
    "ұйым": "ұйым",
    "орта": "орта",
    "су": "су",
    # case folding, a Latin i typed for і, and words in other scripts
    "КІТАПХАНАСЫ": "кітапхана",
    "кiтапханасы": "кітапхана",
    "email": "email",
}


@pytest.mark.browser
def test_kazakh_stemmer(page, site_url: str) -> None:
    page.goto(site_url + "kk/")
    material = page_config_url(page, site_url)
    page.add_script_tag(url=material)
    page.add_script_tag(url=site_url + "assets/javascripts/lunr/min/lunr.kk.min.js")
    stems = page.evaluate("words => words.map(word => lunr.kk.stem(word))", list(KAZAKH_STEMS))
    assert dict(zip(KAZAKH_STEMS, stems, strict=True)) == KAZAKH_STEMS
    assert page.outside_requests == []
    assert page.console_errors == []


def page_config_url(page, site_url: str) -> str:
    """URL of Material's worker script (it carries lunr), read from our worker's first line."""
    worker = page.evaluate(f"fetch('{site_url}{WORKER}').then(r => r.text())")
    name = MATERIAL_WORKER.search(worker).group(1)
    return f"{site_url}assets/javascripts/workers/{name}"


# --- The search worker with documents of our own ------------------------------------------

ASK_WORKER = """async ([workerUrl, language, spelling, docs, queries]) => {
  const worker = new Worker(workerUrl)
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data)
    worker.postMessage(message)
  })
  const config = {
    lang: [language], separator: SEPARATOR, pipeline: ["trimmer", "stopWordFilter", "stemmer"],
    fields: { title: { boost: 1000 }, text: { boost: 1 } }, spelling,
  }
  await ask({ type: 0, data: { config, docs, options: { suggest: true } } })
  const locations = {}, terms = {}
  for (const query of queries) {
    const { data } = await ask({ type: 2, data: query })
    locations[query] = data.items.map(group => group[0].location)
    terms[query] = data.items.length ? Object.keys(data.items[0][0].terms) : []
  }
  worker.terminate()
  return { locations, terms }
}"""


def ask_worker(page, site_url: str, language: str, docs: list[dict], queries: list[str]):
    """The site's search worker, given these docs and the language's spelling rules: each
    query's result locations, and the words Material highlights on the first result's page
    (`?h=`)."""
    index = read_index_over_http(page, site_url, language)
    script = ASK_WORKER.replace("SEPARATOR", json.dumps(index["config"]["separator"]))
    spelling = index["config"]["spelling"]
    return page.evaluate(script, [site_url + WORKER, language, spelling, docs, queries])


def read_index_over_http(page, site_url: str, language: str) -> dict:
    url = site_url + home(language) + "search/search_index.json"
    return page.evaluate(f"fetch('{url}').then(r => r.json())")


def doc(location: str, title: str, text: str) -> dict:
    return {"location": location, "title": title, "text": f"<p>{text}</p>"}


@pytest.mark.browser
def test_worker_finds_kazakh_words_in_inflected_forms(page, site_url: str) -> None:
    page.goto(site_url + "kk/")
    docs = [
        doc("library/", "Кітапхана", "Кітапхана – кітап оқитын орын."),
        doc("school/", "Мектеп", "Мектепте балалар оқиды."),
    ]
    queries = ["кітапхана", "кітапханасы", "кітапханаларымызда", "КІТАПХАНАҒА", "мектептеріміздің"]
    answers = ask_worker(page, site_url, "kk", docs, queries)["locations"]
    assert answers == {
        "кітапхана": ["library/"],
        "кітапханасы": ["library/"],
        "кітапханаларымызда": ["library/"],
        "КІТАПХАНАҒА": ["library/"],
        "мектептеріміздің": ["school/"],
    }
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_worker_folds_turkish_dotted_and_dotless_i(page, site_url: str) -> None:
    page.goto(site_url + "tr/")
    docs = [
        doc("ilkeler/", "Temel İlkeler", "Gönüllülüğün ilkeleri."),
        doc("tarihce/", "Kısa tarihçe", "Gönüllülüğün KISA tarihi."),
        doc("diger/", "Başka bir sayfa", "Hiçbir ortak kelime yok."),
    ]
    spellings = ["ilke", "İlke", "İLKE", "ılke", "ILKE", "ilkeler", "İLKELERİ"]
    short = ["kısa", "kisa", "KISA", "Kısa", "KİSA"]
    answers = ask_worker(page, site_url, "tr", docs, spellings + short)
    locations = answers["locations"]
    assert {query: locations[query] for query in spellings} == dict.fromkeys(
        spellings, ["ilkeler/"]
    )
    assert {query: locations[query] for query in short} == dict.fromkeys(short, ["tarihce/"])
    # Typed with ı, the word is highlighted as the page writes it: Kısa, and KISA (which
    # lower-cases to "kisa").
    assert sorted(answers["terms"]["kısa"]) == ["kis", "kıs"]
    assert answers["terms"]["ılke"] == ["ilke"]
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_worker_stems_arabic(page, site_url: str) -> None:
    page.goto(site_url + "ar/")
    docs = [
        doc("volunteers/", "المتطوعون", "يعمل المتطوعين في المدارس."),
        doc("schools/", "المدارس", "التعليم في القرى."),
    ]
    queries = ["متطوع", "المتطوعين", "والمتطوعات", "للمتطوعين"]
    answers = ask_worker(page, site_url, "ar", docs, queries)["locations"]
    assert answers == dict.fromkeys(queries, ["volunteers/"])
    assert page.console_errors == []
    assert page.outside_requests == []


# --- Searching the sample handbook in the browser -----------------------------------------


def open_and_search(page, url: str, query: str) -> list[str]:
    """Open `url` (unless it is open already: its search index is loaded), search for
    `query` in Material's search box, return the result links."""
    box = page.locator("input.md-search__input")
    if page.url != url:
        page.goto(url)
        box.click()
    else:  # back to "Type to start searching" first
        box.fill("")
        box.press("End")
    # Wait until the index is loaded: the "Initializing search" notice gives way to the
    # "Type to start searching" one.
    page.wait_for_function(
        """() => document.querySelector(".md-search-result__meta").innerText.trim() ===
        JSON.parse(document.getElementById("__config").textContent)
            .translations["search.result.placeholder"]"""
    )
    meta = page.locator(".md-search-result__meta")
    before = meta.inner_text()
    # Material searches on keyup, and typed non-ASCII text fires none: End sends one.
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "([el, before]) => el.innerText !== before", arg=[meta.element_handle(), before]
    )
    return [
        unquote(link.get_attribute("href"))
        for link in page.locator(".md-search-result__item > a").all()
    ]


def location_of(link: str, site_url: str, language: str) -> str:
    """A result link as a location in the language's index (Material adds ?h=…)."""
    parts = urlsplit(link)
    path = parts.path.removeprefix(urlsplit(site_url + home(language)).path)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def watch_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


SAMPLE_WORDS = {"en": "volunteer", "tr": "gönüllü", "ar": "التطوع", "kk": "волонтер"}


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_search_shows_only_pages_in_the_page_language(page, site_url: str, language) -> None:
    requests = watch_requests(page)
    links = open_and_search(page, site_url + home(language), SAMPLE_WORDS[language])
    assert len(links) >= 3
    others = [site_url + f"{lang}/" for lang in LANGUAGES if lang not in (DEFAULT, language)]
    for link in links:
        assert link.startswith(site_url + home(language)), link
        assert not link.startswith(tuple(others)), link
    indexes = [url for url in requests if url.endswith("search_index.json")]
    assert indexes == [site_url + home(language) + "search/search_index.json"]
    languages = {url.rsplit("/", 1)[1] for url in requests if "/lunr/min/" in url}
    expected = (
        set() if language == "en" else {f"lunr.{language}.min.js", "lunr.stemmer.support.min.js"}
    )
    assert languages == expected
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_kazakh_inflected_form_finds_the_base_word(page, site_url: str, built_site, artifacts):
    # "Our questionnaires" in the locative; the sample says сауалнама, never this form.
    query, base = "сауалнамаларымызда", "сауалнама"
    text = index_text(built_site, "kk")
    assert query not in text and base in text
    links = open_and_search(page, site_url + "kk/", query)
    assert links, "an inflected Kazakh form finds nothing"
    pages_with_base = {
        doc["location"]
        for doc in read_index(built_site, "kk")["docs"]
        if base in (doc["title"] + doc["text"]).lower()
    }
    found = {location_of(link, site_url, "kk") for link in links}
    assert found & pages_with_base, found
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    assert any(mark.lower().startswith(base) for mark in marks), marks
    page.screenshot(path=str(artifacts / "search-kk.png"))
    # Opening a result highlights the word on the page (Material's search.highlight).
    link = next(link for link in links if f"h={base}" in link)
    page.goto(link)
    page.wait_for_selector("article mark")
    highlighted = page.locator("article mark").all_inner_texts()
    assert any(mark.lower().startswith(base) for mark in highlighted), highlighted
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_turkish_dotted_and_dotless_i_find_the_same_pages(page, site_url: str, built_site):
    assert "ilkeler" in index_text(built_site, "tr")
    results = {
        query: open_and_search(page, site_url + "tr/", query) for query in ("ilke", "İLKE", "ılke")
    }
    assert results["ilke"], "no Turkish page for 'ilke'"
    assert results["İLKE"] == results["ilke"] == results["ılke"]
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_arabic_stemmed_form_finds_the_pages(page, site_url: str, built_site):
    # "and the (female) volunteers": the sample has المتطوعين and المتطوع, not this form.
    query = "والمتطوعات"
    assert query not in index_text(built_site, "ar")
    links = open_and_search(page, site_url + "ar/", query)
    assert len(links) >= 3
    assert all(link.startswith(site_url + "ar/") for link in links)
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_suggestion_completes_a_word_typed_halfway(page, site_url: str) -> None:
    open_and_search(page, site_url + "kk/", "сауалн")
    suggestion = page.locator(".md-search__suggest").inner_text()
    assert suggestion.startswith("сауалнама"), suggestion
    assert page.console_errors == []
    assert page.outside_requests == []
