"""Search that forgives how people type: folded letters, look-alike letters, Kazakh in its
Latin alphabet, one typing mistake.

The spelling rules are data (`ngo_handbook/search/languages/<lang>.yml`, and a handbook's
`data/search/<lang>.yml`); the build's Python and the search worker's JavaScript apply them,
and must agree word for word. The sample is searched in Chromium as a visitor would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import line_of, load_data
from ngo_handbook.problems import HandbookError
from ngo_handbook.search.spelling import PACKAGE_RULES, package_rules

ASSETS = Path(__file__).resolve().parent.parent / "plugins/ngo_handbook/assets/search"
WORKER = "assets/javascripts/workers/ngo-handbook-search.js"
HOME = {"en": "", "tr": "tr/", "ar": "ar/", "kk": "kk/"}
SHIPPED = ("en", "tr", "ar", "kk", "fr", "es", "ru", "zh", "fa", "uk")

WORDS = [
    # Turkish, with and without its letters, capitals with and without dots
    "gönüllü", "GÖNÜLLÜ", "gonullu", "İLKELERİ", "ılke", "Işık", "güvenlik", "şçğ",
    # Kazakh: Cyrillic, Russian keyboard, Latin look-alikes, the Latin alphabet
    "қауіпсіздік", "ҚАУІПСІЗДІК", "кауипсиздик", "кауiпсiздiк", "qauipsizdik", "dayındıq",
    "qūqıqtar", "kündeligi", "shaşu", "email", "Һ",
    # Arabic and Persian: ة/ه, ى/ي, alef forms, tatweel, short vowels, digits, ZWNJ
    "احاطة", "احاطه", "الإِعداد", "السـلامة", "مستوى", "٢٠٢٤", "كتاب", "می‌خواهم", "۱۴۰۳",
    # Russian, Ukrainian, French, Spanish, Chinese
    "ёлка", "привeт", "bezopasnost", "shchuka", "ґанок", "їжак", "м’ясо", "бeзпeкa",
    "école", "ŒUVRE", "niño", "ＡＢＣ１２３", "志愿者", "",
]  # fmt: skip

NODE_SPELLING = r"""
const fs = require("fs"), vm = require("vm")
const input = JSON.parse(fs.readFileSync(0, "utf-8"))
const context = {}
vm.createContext(context)
vm.runInContext(fs.readFileSync(input.script, "utf-8"), context)
const out = {}
for (const [language, rules] of Object.entries(input.rules)) {
  const spelling = context.handbookSpelling.spelling(rules)
  out[language] = input.words.map(word => [
    spelling.correct(word), spelling.folded(word), spelling.transliterated(word),
  ])
}
process.stdout.write(JSON.stringify(out))
"""


def test_every_language_ships_valid_rules() -> None:
    shipped = sorted(path.stem for path in PACKAGE_RULES.glob("*.yml"))
    assert shipped == sorted(SHIPPED)
    for language in SHIPPED:
        package_rules(language)  # raises HandbookError on a mistake
        text = (PACKAGE_RULES / f"{language}.yml").read_text("utf-8")
        assert text.startswith("# Search spelling rules"), language


def test_folding_in_python() -> None:
    tr, kk, ar, fa = (package_rules(lang) for lang in ("tr", "kk", "ar", "fa"))
    assert tr.folded("GÖNÜLLÜ") == tr.folded("gonullu") == "gonullu"
    assert tr.folded("İLKELERİ") == tr.folded("ılkeleri") == "ilkeleri"
    assert tr.correct("İLKE") == "ilke"
    assert kk.folded("қауіпсіздік") == kk.folded("кауiпсiздiк") == "кауипсиздик"
    assert kk.correct("кауiпсiздiк") == "кауіпсіздік"
    assert kk.transliterated("qauipsizdik") == "қауіпсіздік"
    assert kk.transliterated("dayındıq") == "дайындық"
    assert kk.transliterated("қауіп") is None  # already in the Kazakh alphabet
    assert kk.correct("email") == "email"  # no Cyrillic letter: no look-alikes
    assert ar.folded("احاطة") == ar.folded("احاطه") == "احاطه"
    assert ar.folded("الإِعداد") == ar.folded("الاعداد")
    assert ar.folded("السـلامة") == "السلامه"
    assert fa.folded("كتابي") == "کتابی"
    assert fa.folded("می‌خواهم") == "میخواهم"
    assert package_rules("ru").folded("ёлка") == "елка"
    assert package_rules("uk").folded("ґанок") == "ганок"
    assert package_rules("fr").folded("École") == "ecole"
    assert package_rules("es").folded("niño") == "nino"
    assert package_rules("xx").folded("Word") == "word"  # a language with no rules


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_python_and_javascript_fold_alike() -> None:
    rules = {language: package_rules(language) for language in SHIPPED}
    payload = {
        "script": str(ASSETS / "spelling.js"),
        "rules": {language: value.as_json() for language, value in rules.items()},
        "words": WORDS,
    }
    output = subprocess.run(
        ["node", "-e", NODE_SPELLING],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    javascript = json.loads(output.stdout)
    for language, value in rules.items():
        python = [[value.correct(w), value.folded(w), value.transliterated(w)] for w in WORDS]
        differ = {
            word: (mine, theirs)
            for word, mine, theirs in zip(WORDS, python, javascript[language], strict=True)
            if mine != theirs
        }
        assert differ == {}, language


# --- A handbook's own rules ---------------------------------------------------------------


def write_rules(project: Path, name: str, text: str) -> Path:
    folder = project / "data" / "search"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(project: Path) -> list[str]:
    with pytest.raises(HandbookError) as caught:
        load_data(project)
    return [str(problem) for problem in caught.value.problems]


def test_a_handbook_rule_file_with_a_mistake_gets_file_and_line(data_copy: Path) -> None:
    path = write_rules(
        data_copy,
        "kk.yml",
        "# our own rules\nfold:\n  ә: а\n  Ё: е\nlookalikes:\n  b: в\nspelling: x\n",
    )
    problems = problems_of(data_copy)
    upper = f"data/search/kk.yml:{line_of(path, 'Ё: е')}:"
    assert any(p.startswith(upper) and "write 'ё'" in p for p in problems), problems
    unknown = f"data/search/kk.yml:{line_of(path, 'spelling:')}:"
    assert any(p.startswith(unknown) and "unknown key 'spelling'" in p for p in problems)


def test_a_handbook_rule_that_folds_twice_or_names_no_language(data_copy: Path) -> None:
    path = write_rules(data_copy, "tr.yml", "fold:\n  â: á\n  á: a\n")
    write_rules(data_copy, "xx.yml", "fold:\n  a: b\n")
    problems = problems_of(data_copy)
    twice = f"data/search/tr.yml:{line_of(path, 'â: á')}:"
    assert any(p.startswith(twice) and "folded again" in p for p in problems), problems
    assert any(
        p.startswith("data/search/xx.yml:1:") and "'xx' is not a language" in p for p in problems
    ), problems


def test_a_handbook_rule_file_is_valid_and_loaded(data_copy: Path) -> None:
    write_rules(data_copy, "kk.yml", "fold:\n  ә: null\n  ъ: ''\n")
    data = load_data(data_copy)
    own = data.get("search/kk.yml")
    assert own.fold == {"ә": None, "ъ": ""}


# --- The sample, searched in Chromium -----------------------------------------------------

READY = """() => document.querySelector(".md-search-result__meta").innerText.trim() ===
    JSON.parse(document.getElementById("__config").textContent)
        .translations["search.result.placeholder"]"""


def search(page, url: str, query: str) -> list[str]:
    """Open `url` (unless it is open already: its search index is loaded), type `query`
    into Material's search box; the result pages, in order."""
    box = page.locator("input.md-search__input")
    if page.url != url:
        page.goto(url)
        box.click()
    else:  # back to "Type to start searching", so that the next results are seen to come
        box.fill("")
        box.press("End")
    page.wait_for_function(READY)
    box.fill(query)
    box.press("End")  # typed non-ASCII text sends no keyup, and Material searches on keyup
    page.wait_for_function(f"() => !({READY})()")
    links = [
        unquote(link.get_attribute("href"))
        for link in page.locator(".md-search-result__item > a").all()
    ]
    return links


def highlighted(link: str) -> str:
    """The words a result link asks its page to highlight (`?h=`)."""
    return "".join(parse_qs(urlsplit(link).query).get("h", []))


def page_of(link: str) -> str:
    return urlsplit(link).path


MISTYPED = {
    "tr": [("gönüllü", "gonullu"), ("güvenlik", "guvenlik")],
    "kk": [
        ("қауіпсіздік", "кауипсиздик"),
        ("қауіпсіздік", "кауiпсiздiк"),
        ("қауіпсіздік", "qauipsizdik"),
    ],
    "ar": [("احاطة", "احاطه")],
}


@pytest.mark.browser
@pytest.mark.parametrize("language", list(MISTYPED))
def test_mistyped_words_find_what_the_exact_spelling_finds(page, site_url: str, language):
    for exact, mistyped in MISTYPED[language]:
        expected = [page_of(link) for link in search(page, site_url + HOME[language], exact)]
        found = [page_of(link) for link in search(page, site_url + HOME[language], mistyped)]
        assert expected, exact
        assert found, f"'{mistyped}' finds nothing"
        # The page that ranks first for the exact spelling is among the first results.
        assert expected[0] in found[:3], (mistyped, expected[:3], found[:3])
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_opened_result_highlights_the_page_words(page, site_url: str) -> None:
    # A page listed above its matching sections (its own text does not hold the word) has
    # nothing to highlight: the first result that matched itself is opened.
    links = [link for link in search(page, site_url + "tr/", "gonullu") if highlighted(link)]
    link = links[0]
    highlight = highlighted(link)
    assert "gönüllü" in highlight.split(), highlight
    page.goto(link)
    page.wait_for_selector("article mark")
    marks = page.locator("article mark").all_inner_texts()
    assert marks and all(mark.lower().startswith("gönüllü") for mark in marks), marks
    links = search(page, site_url + "kk/", "qauipsizdik")
    page.goto(next(link for link in links if highlighted(link)))
    page.wait_for_selector("article mark")
    marks = page.locator("article mark").all_inner_texts()
    assert any(mark.lower().startswith("қауіпсіз") for mark in marks), marks
    assert page.console_errors == []
    assert page.outside_requests == []


# --- The worker with documents of its own: ranking -----------------------------------------

ASK_WORKER = """async ([workerUrl, config, docs, queries]) => {
  const worker = new Worker(workerUrl)
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data)
    worker.postMessage(message)
  })
  await ask({ type: 0, data: { config, docs, options: { suggest: true } } })
  const answers = {}
  for (const query of queries) {
    const { data } = await ask({ type: 2, data: query })
    answers[query] = data.items.map(group => [group[0].location, group[0].terms])
  }
  worker.terminate()
  return answers
}"""


def ask_worker(page, site_url: str, language: str, docs: list[dict], queries: list[str]):
    """The site's search worker with the language's index config and these documents:
    for each query, the results in order, each (location, terms to highlight)."""
    page.goto(site_url + HOME[language])
    url = site_url + HOME[language] + "search/search_index.json"
    config = page.evaluate(f"fetch('{url}').then(r => r.json())")["config"]
    answers = page.evaluate(ASK_WORKER, [site_url + WORKER, config, docs, queries])
    return {query: [tuple(result) for result in results] for query, results in answers.items()}


def doc(location: str, title: str, text: str) -> dict:
    return {"location": location, "title": title, "text": f"<p>{text}</p>"}


@pytest.mark.browser
def test_the_exact_spelling_ranks_above_the_folded_one(page, site_url: str) -> None:
    docs = [
        doc("folded/", "Birinci", "Bu sayfa kisa yazılmış bir not."),
        doc("exact/", "İkinci", "Bu sayfa kısa bir not."),
    ]
    answers = ask_worker(page, site_url, "tr", docs, ["kısa", "kisa"])
    assert [location for location, _ in answers["kısa"]] == ["exact/", "folded/"]
    assert {location for location, _ in answers["kisa"]} == {"exact/", "folded/"}
    # Each result highlights its own spelling of the word.
    terms = dict(answers["kisa"])
    assert [word[:3] for word in terms["exact/"]] == ["kıs"], terms
    assert [word[:3] for word in terms["folded/"]] == ["kis"], terms
    assert page.console_errors == []


@pytest.mark.browser
def test_one_typing_mistake_is_found_but_ranked_below(page, site_url: str) -> None:
    docs = [
        doc("typo/", "First", "Drive safely."),
        doc("exact/", "Second", "Safety rules."),
        doc("other/", "Third", "Something else."),
    ]
    answers = ask_worker(page, site_url, "en", docs, ["safety", "saftey", "safe"])
    assert [location for location, _ in answers["safety"]] == ["exact/", "typo/"]
    assert dict(answers["safety"])["typo/"] == {"safely": True}
    assert [location for location, _ in answers["saftey"]][:1] == ["exact/"]
    # Under five letters, no mistake is forgiven: "safe" is the start of both words only.
    assert {location for location, _ in answers["safe"]} == {"exact/", "typo/"}
    assert page.console_errors == []


@pytest.mark.browser
def test_kazakh_latin_and_russian_keyboard_in_the_worker(page, site_url: str) -> None:
    docs = [
        doc("safety/", "Қауіпсіздік", "Қауіпсіздік ережелері."),
        doc("email/", "Email", "Хат жіберу: email."),
    ]
    queries = ["qauipsizdik", "кауипсиздик", "кауiпсiздiк", "қауіпсіздігі", "email"]
    answers = ask_worker(page, site_url, "kk", docs, queries)
    for query in queries[:4]:
        assert [location for location, _ in answers[query]] == ["safety/"], query
        assert any(word.startswith("қауіпсіз") for word in answers[query][0][1]), answers[query]
    assert [location for location, _ in answers["email"]][:1] == ["email/"]
    assert page.console_errors == []
