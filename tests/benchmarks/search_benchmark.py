"""How well the search forgives the way people type, in the sample's four languages.

Builds the sample handbook (or takes a built site), opens each language's home page in
headless Chromium and types every query below into Material's search box, as a visitor
would. Each query names the page it should find; the report gives, per language and kind of
query, how many found that page among the results shown (recall) and its rank, then per
language the size of its search index, the time until the search box can search (the index
fetched and loaded after the first click in it), and the time from typing a query to its
results (median and slowest).

    .venv/bin/python tests/benchmarks/search_benchmark.py [--site DIR] [--baseline DIR]
                                                         [--json FILE]

--site takes an already built site instead of building the sample; --baseline runs the
same queries on a second built site (an older version, say) and prints both side by side.
The kinds of query: `correct` (as the page writes it), `unaccented` (without the
language's own letters: no Turkish keyboard, ه for ة, alef without hamza), `wrong keyboard`
(Kazakh on a Russian keyboard, or with Latin look-alike letters), `other alphabet` (Kazakh
in its Latin alphabet) and `one typo` (a letter left out, added, changed or swapped).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_FLAGS,
    copy_sources,
    run_build,
    serve_folder,
)

HOME = {"en": "", "tr": "tr/", "ar": "ar/", "kk": "kk/"}
KINDS = ("correct", "unaccented", "wrong keyboard", "other alphabet", "one typo")

# (kind, query, the page it should find: its path under the language's home)
QUERIES: dict[str, list[tuple[str, str, str]]] = {
    "en": [
        ("correct", "recruitment", "strategy/recruitment/"),
        ("correct", "orientation", "orientation/"),
        ("correct", "safety", "safety/"),
        ("correct", "retention", "strategy/retention/"),
        ("correct", "completion", "strategy/completion/"),
        ("correct", "preparation", "strategy/preparation/"),
        ("correct", "diary", "forms/activity-diary/"),
        ("correct", "education", "education/"),
        ("correct", "promotion", "promotion-and-media/"),
        ("correct", "partner organisations", "partners/"),
        ("one typo", "recruitmnet", "strategy/recruitment/"),
        ("one typo", "orientaton", "orientation/"),
        ("one typo", "saftey", "safety/"),
        ("one typo", "retension", "strategy/retention/"),
        ("one typo", "completoin", "strategy/completion/"),
        ("one typo", "preperation", "strategy/preparation/"),
        ("one typo", "educaton", "education/"),
        ("one typo", "promotoin", "promotion-and-media/"),
        ("one typo", "resourses", "resources/"),
        ("one typo", "checklsts", "orientation/"),
    ],
    "tr": [
        ("correct", "güvenlik", "safety/"),
        ("correct", "hazırlık", "strategy/preparation/"),
        ("correct", "tamamlama", "strategy/completion/"),
        ("correct", "becerilerim", "forms/skills/"),
        ("correct", "günlüğü", "forms/activity-diary/"),
        ("correct", "eğitim", "education/"),
        ("correct", "tanıtım", "promotion-and-media/"),
        ("unaccented", "guvenlik", "safety/"),
        ("unaccented", "hazirlik", "strategy/preparation/"),
        ("unaccented", "gunlugu", "forms/activity-diary/"),
        ("unaccented", "egitim", "education/"),
        ("unaccented", "tanitim", "promotion-and-media/"),
        ("unaccented", "kuruluslar", "partners/"),
        ("unaccented", "yonetimi", "volunteer-management/"),
        ("unaccented", "ISLEVI", "volunteer-management/"),
        ("one typo", "güvenlk", "safety/"),
        ("one typo", "hazırlkı", "strategy/preparation/"),
        ("one typo", "tamamalma", "strategy/completion/"),
        ("one typo", "becerilerm", "forms/skills/"),
        ("one typo", "oryantasyn", "orientation/"),
    ],
    "ar": [
        ("correct", "السلامة", "safety/"),
        ("correct", "الإعداد", "strategy/preparation/"),
        ("correct", "الاستقطاب", "strategy/recruitment/"),
        ("correct", "الختام", "strategy/completion/"),
        ("correct", "مهاراتي", "forms/skills/"),
        ("correct", "سجل الأنشطة", "forms/activity-diary/"),
        ("unaccented", "احاطه", "safety/"),
        ("unaccented", "السلامه", "safety/"),
        ("unaccented", "الاعداد", "strategy/preparation/"),
        ("unaccented", "الاحلال", "strategy/retention/"),
        ("unaccented", "استماره", "forms/application/"),
        ("unaccented", "الشريكه", "partners/"),
        ("unaccented", "الاولي", "strategy/preparation/"),
        ("unaccented", "السَّلامة", "safety/"),
        ("unaccented", "الإِعداد", "strategy/preparation/"),
        ("one typo", "السلامت", "safety/"),
        ("one typo", "الاستقطب", "strategy/recruitment/"),
        ("one typo", "مهارتي", "forms/skills/"),
        ("one typo", "سجل الأنشظة", "forms/activity-diary/"),
        ("one typo", "الحقزق", "rights-and-duties/"),
    ],
    "kk": [
        ("correct", "қауіпсіздік", "safety/"),
        ("correct", "дайындық", "strategy/preparation/"),
        ("correct", "серіктес", "partners/"),
        ("correct", "құқықтар", "rights-and-duties/"),
        ("correct", "бағдарлау", "orientation/"),
        ("wrong keyboard", "кауипсиздик", "safety/"),
        ("wrong keyboard", "дайындык", "strategy/preparation/"),
        ("wrong keyboard", "кукыктар", "rights-and-duties/"),
        ("wrong keyboard", "кунделиги", "forms/activity-diary/"),
        ("wrong keyboard", "кауiпсiздiк", "safety/"),
        ("wrong keyboard", "багдарлау", "orientation/"),
        ("wrong keyboard", "сeрiктeс", "partners/"),
        ("other alphabet", "qauipsizdik", "safety/"),
        ("other alphabet", "dayındıq", "strategy/preparation/"),
        ("other alphabet", "seriktes", "partners/"),
        ("other alphabet", "qūqıqtar", "rights-and-duties/"),
        ("other alphabet", "kündeligi", "forms/activity-diary/"),
        ("one typo", "қауіпсіздк", "safety/"),
        ("one typo", "серіктсе", "partners/"),
        ("one typo", "бағдарлуа", "orientation/"),
        ("one typo", "күнделгі", "forms/activity-diary/"),
    ],
}

# Runs in the page: wait until the search is ready, then search and return the links.
READY = """() => document.querySelector(".md-search-result__meta").innerText.trim() ===
    JSON.parse(document.getElementById("__config").textContent)
        .translations["search.result.placeholder"]"""


def search(page, query: str) -> tuple[list[str], float]:
    """Type `query` into the open page's search box; the result links, in order, and the
    milliseconds from typing it to the results shown (as the browser driver sees it: a few
    milliseconds of its own messages are in it)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(READY)
    started = time.perf_counter()
    # Material searches on keyup, and typed non-ASCII text fires none: End sends one.
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"() => !({READY})()", polling=5)
    elapsed = (time.perf_counter() - started) * 1000
    links = [
        unquote(link.get_attribute("href"))
        for link in page.locator(".md-search-result__item > a").all()
    ]
    return links, elapsed


def rank_of(links: list[str], expected: str, home_url: str) -> int | None:
    """The rank (from 1) of the page `expected` among the result pages, or None."""
    pages: list[str] = []
    for link in links:
        path = urlsplit(link).path.removeprefix(urlsplit(home_url).path)
        if path not in pages:
            pages.append(path)
    return pages.index(expected) + 1 if expected in pages else None


def run_queries(site: Path) -> tuple[dict[str, list[dict]], dict[str, float]]:
    """Every query on `site`: language → [{kind, query, expected, rank, ms}]; and per
    language the milliseconds from the first click in the search box until it can search
    (its index fetched and loaded by the search worker)."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[dict]] = {}
    ready: dict[str, float] = {}
    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        for language, queries in QUERIES.items():
            page = browser.new_page()
            home = url + HOME[language]
            page.goto(home)
            started = time.perf_counter()
            page.locator("input.md-search__input").click()
            page.wait_for_function(READY, polling=5)
            ready[language] = (time.perf_counter() - started) * 1000
            found[language] = []
            for kind, query, expected in queries:
                links, elapsed = search(page, query)
                rank = rank_of(links, expected, home)
                found[language].append(
                    {
                        "kind": kind,
                        "query": query,
                        "expected": expected,
                        "rank": rank,
                        "ms": elapsed,
                    }
                )
            page.close()
        browser.close()
    return found, ready


def index_sizes(site: Path) -> dict[str, float]:
    """The size of each language's search index, in KiB."""
    return {
        language: (site / home / "search/search_index.json").stat().st_size / 1024
        for language, home in HOME.items()
    }


def summary(results: list[dict]) -> str:
    """`found/total`, the number ranked first, and the median rank of those found."""
    ranks = [result["rank"] for result in results if result["rank"] is not None]
    median = f"{statistics.median(ranks):g}" if ranks else "–"
    first = sum(1 for rank in ranks if rank == 1)
    return f"{len(ranks)}/{len(results)} | {first} | {median}"


def report(runs: dict[str, dict]) -> str:
    names = list(runs)
    header = "| language | kind | " + " | ".join(
        f"{name}: found | first | median rank" for name in names
    )
    lines = [header + " |", "|" + " --- |" * (2 + 3 * len(names))]
    for language in QUERIES:
        for kind in KINDS:
            cells = []
            for name in names:
                chosen = [r for r in runs[name]["queries"][language] if r["kind"] == kind]
                cells.append(summary(chosen) if chosen else "")
            if any(cells):
                lines.append(f"| {language} | {kind} | " + " | ".join(cells) + " |")
    columns = ("index KiB", "ready ms", "query ms, median", "query ms, slowest")
    lines += [
        "",
        "| language | "
        + " | ".join(f"{name}: {column}" for name in names for column in columns)
        + " |",
        "|" + " --- |" * (1 + len(columns) * len(names)),
    ]
    for language in QUERIES:
        cells = []
        for name in names:
            times = [result["ms"] for result in runs[name]["queries"][language]]
            cells += [
                f"{runs[name]['sizes'][language]:.0f}",
                f"{runs[name]['ready'][language]:.0f}",
                f"{statistics.median(times):.0f}",
                f"{max(times):.0f}",
            ]
        lines.append(f"| {language} | {' | '.join(cells)} |")
    misses = [
        f"  {name} {language}: {r['kind']} '{r['query']}' → {r['expected']} not found"
        for name in names
        for language, results in runs[name]["queries"].items()
        for r in results
        if r["rank"] is None
    ]
    return "\n".join(lines + ["", "Not found:", *misses] if misses else lines)


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample)")
    parser.add_argument("--baseline", type=Path, help="a second built site to compare with")
    parser.add_argument("--json", type=Path, help="also write every query's rank to this file")
    return parser


def main(argv: list[str] | None = None) -> int:
    options = get_parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-benchmark-") as folder:
        site = options.site
        if site is None:
            result = run_build(copy_sources(Path(folder) / "sample"), compressed=True)
            if not result.ok:
                raise SystemExit(f"the sample does not build:\n{result.output[-3000:]}")
            site = result.site
        sites = {"now": site}
        if options.baseline is not None:
            sites = {"baseline": options.baseline, **sites}
        runs = {}
        for name, built in sites.items():
            queries, ready = run_queries(built)
            runs[name] = {"queries": queries, "ready": ready, "sizes": index_sizes(built)}
    print(report(runs))
    if options.json is not None:
        options.json.write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
