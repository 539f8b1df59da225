"""Search that serves each language: one index per language, with that language's stemmer
and spelling rules.

static-i18n writes a single `search/search_index.json` holding every language, so a search
on a Kazakh page lists English, Turkish and Arabic pages too, and every visitor downloads
all four languages. After the whole site is written this feature:

- splits that index into `search/search_index.json` (default language) and
  `<lang>/search/search_index.json`, each with its own lunr language and with locations
  relative to the language's home page;
- points each page's search at its language's index: Material reads the index from the
  `"base"` of the page's `__config` JSON, which becomes the language's home page;
- puts the language's spelling rules (`spelling.py`: folded letters, lookalikes,
  transliteration; the package's and the handbook's `data/search/<language>.yml`) into
  that index's config, where the search worker reads them;
- installs the Kazakh lunr language (`lunr.kk.min.js`, where Material's worker loads
  languages from) and a search worker that stems, folds and transliterates query words and
  forgives one typing mistake (see `assets/search/worker.js`).

Material's other uses of `"base"` still work: result links are resolved against it (hence
the relative locations); the sitemap it reads is copied into every language folder by
`site_extras`; the language switcher links straight to each page's translation.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

from .. import not_found
from ..context import BuildContext
from ..data_files import HandbookData
from ..feature import DataFileKind, Feature
from ..problems import Problem
from ..stand_ins import isolated_strings
from .spelling import SpellingFile, SpellingRules, handbook_file_problems, merge, package_rules

ASSETS = Path(__file__).parent.parent / "assets" / "search"
LUNR_LANGUAGES = Path("assets/javascripts/lunr/min")
WORKER_NAME = "ngo-handbook-search.js"
WORKERS = Path("assets/javascripts/workers")
"""Where Material's search worker is (`search.<hash>.min.js`), and ours beside it."""
INDEX = Path("search/search_index.json")

# Languages lunr can stem: Material ships lunr-languages; Kazakh is ours (lunr.kk.js).
# English is built into lunr itself.
SHIPPED_LANGUAGES = {"kk": ASSETS / "lunr.kk.js"}

# Words end at spaces, hyphens and punctuation, Arabic punctuation included; HTML entities
# such as &amp; separate words too. (Material's default splits at spaces and hyphens only,
# which leaves "кітапхана," with its comma and out of reach of the stemmer.)
SEPARATOR = r"[\s\-–—,.;:!?…()\[\]{}\"'«»“”„‘’/|،؛؟]+|&[a-z]+;"

CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


def split_search_index(context: BuildContext) -> None:
    """Give every language its own search index, stemmer and search worker."""
    site = context.site_dir
    combined_path = site / INDEX
    if not combined_path.is_file():
        return  # the search plugin is not enabled
    install_languages(site)
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    for language in context.languages:
        index = language_index(combined, language, context.languages, context.default_language)
        lunr_language, pipeline = search_setup(site, language)
        index["config"].update(
            lang=[lunr_language],
            pipeline=pipeline,
            separator=SEPARATOR,
            spelling=spelling_rules(context, language).as_json(),
            # For the worker: a result without a letter of a right-to-left language on a
            # page of one reads left to right.
            direction=context.site.direction(language),
        )
        folder = context.site.folder(site, language)
        target = folder / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    # The theme's pages were pointed as they were written (`page_html`); the others, the
    # "page not found" pages (MkDocs renders them outside the pages' events), are pointed
    # here.
    for page in site.rglob(not_found.TEMPLATE):
        html = page.read_text(encoding="utf-8")
        pointed = point_at_language_index(html, page.relative_to(site).as_posix(), context)
        if pointed != html:
            page.write_text(pointed, encoding="utf-8")
    workers = sorted((site / WORKERS).glob("search.*.js"))
    if workers:
        install_worker(site, workers[0].name)


def spelling_rules(context: BuildContext, language: str) -> SpellingRules:
    """The spelling rules of `language`: the package's, then the handbook's own file."""
    cached = context.cache.setdefault("search.spelling", {})
    if language not in cached:
        own = context.data.get(f"search/{language}.yml")
        cached[language] = merge(package_rules(language), [own] if own is not None else [])
    return cached[language]


def check_handbook_spelling(data: HandbookData) -> list[Problem]:
    """A handbook's `data/search/<language>.yml` files: rules that contradict each other,
    a file named for a language the handbook does not have."""
    return [
        problem
        for name, value in data.matching("search/*.yml").items()
        for problem in handbook_file_problems(name, data.sources[name], value, data.languages)
    ]


def language_index(
    combined: dict[str, Any], language: str, languages: list[str], default_language: str
) -> dict[str, Any]:
    """The part of static-i18n's combined index in one language, locations made relative
    to that language's home page."""
    others = [lang for lang in languages if lang != default_language]
    docs = []
    for doc in combined["docs"]:
        location = doc["location"]
        doc_language = next(
            (lang for lang in others if location == lang or location.startswith(lang + "/")),
            default_language,
        )
        if doc_language != language:
            continue
        if language != default_language:
            location = location[len(language) :].removeprefix("/")
        docs.append({**doc, "location": location})
    return {**combined, "config": dict(combined["config"]), "docs": docs}


def search_setup(site: Path, language: str) -> tuple[str, list[str]]:
    """The lunr language for a handbook language, and the pipeline steps Material keeps.

    lunr's English trimmer strips every letter outside A–Z from the ends of a word, so
    English relies on the separator instead; the other languages' trimmers know their
    alphabets. For a language lunr does not know, words are found as written (and by
    their beginning, as Material always does).
    """
    if language == "en":
        return "en", ["stopWordFilter", "stemmer"]
    if (site / LUNR_LANGUAGES / f"lunr.{language}.min.js").is_file():
        return language, ["trimmer", "stopWordFilter", "stemmer"]
    return "en", []


def install_languages(site: Path) -> None:
    """Put our lunr languages where Material's worker loads `lunr.<lang>.min.js` from."""
    folder = site / LUNR_LANGUAGES
    if not folder.is_dir():
        return
    for language, source in SHIPPED_LANGUAGES.items():
        shutil.copyfile(source, folder / f"lunr.{language}.min.js")


def point_at_language_index(html: str, path: str, context: BuildContext) -> str:
    """A page's HTML (at `path` in the site) with its `__config` pointing its search at its
    language's index and at our worker; unchanged for a page without search or one
    pointed already."""
    match = CONFIG_SCRIPT.search(html)
    if match is None:
        return html
    config = json.loads(match.group(2))
    material_worker = config.get("search")
    if not material_worker or posixpath.basename(material_worker) == WORKER_NAME:
        return html
    first_folder = path.split("/", 1)[0]
    if first_folder in context.languages and first_folder != context.default_language:
        base = config["base"]
        # With its trailing slash, or URLs resolved against it would drop the language.
        prefix = "" if base in ("", ".") else base.rstrip("/") + "/"
        config["base"] = f"{prefix}{first_folder}/"
    config["search"] = posixpath.join(posixpath.dirname(material_worker), WORKER_NAME)
    language = first_folder if first_folder in context.languages else context.default_language
    translations = config.get("translations")
    if context.site.direction(language) == "rtl" and isinstance(translations, dict):
        # Material's texts still in English on a right-to-left page ("12 matching
        # documents") read the right way round, as the handbook's own do.
        config["translations"] = isolated_strings(translations)
    return html[: match.start(2)] + script_json(config) + html[match.end(2) :]


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element, as Jinja's `tojson` writes it."""
    text = json.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def worker_script(material_worker: str) -> str:
    """Our worker: the spelling functions and our hooks, whose message listener must come
    before Material's, then Material's worker (by its hashed name), then the hooks installed
    into the lunr it brings.

    In a worker `importScripts` waits and resolves against the worker's address; on file://
    (the offline copy) the worker runs in an iframe (`assets/vendor/iframe-worker.js`),
    where it returns a promise and resolves against the page. Hence Material's worker by
    this script's own address, and the hooks installed once it has loaded."""
    parts = [(ASSETS / name).read_text(encoding="utf-8") for name in ("spelling.js", "worker.js")]
    here = "self.document ? document.currentScript.src : self.location.href"
    return "\n".join(
        [
            *parts,
            f"Promise.resolve(importScripts(new URL({json.dumps(material_worker)}, {here}).href))",
            "  .then(() => handbookSearch.install(self.lunr))\n",
        ]
    )


def install_worker(site: Path, material_worker: str) -> None:
    """Write our worker beside Material's, so Material's relative paths to `../lunr/min/`
    still resolve."""
    (site / WORKERS / WORKER_NAME).write_text(worker_script(material_worker), encoding="utf-8")


KIND = DataFileKind(
    "search/*.yml",
    SpellingFile,
    "a language's search spelling rules (folded letters, lookalikes, transliteration)",
    cross_checks=(check_handbook_spelling,),
)

FEATURE = Feature(
    name="search",
    data_kinds=(KIND,),
    page_html=point_at_language_index,
    finalize=split_search_index,
    early_scripts=("search_on_demand.js",),
)
