"""Light pages: every page loads the shared stylesheet and script, and the files of the
features it shows (a checklist, a form, the partner directory), never another feature's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

FOLDER = "assets/ngo-handbook/"
LOADED = re.compile(
    r'<(?:link rel="stylesheet" href|script src)="(?:/|(?:\.\./)*)(assets/ngo-handbook/[^"]+)"'
)
CLASSES = re.compile(r'\sclass="([^"]*)"')
STYLED = re.compile(r"\.(hb-[A-Za-z0-9_-]+)")

# What each kind of page of the sample shows, beyond the shared files.
PAGE_TYPES = {
    "index.html": set(),
    "about-volunteering/index.html": set(),
    "strategy/activity/index.html": {"checklists"},  # {{ handbook: safety }} in a chapter
    "orientation/index.html": {"checklists"},
    "kk/rights-and-duties/index.html": {"checklists"},
    "tr/partners/index.html": {"partner-directory"},
    "self-assessment/index.html": {"self-assessment"},
    "forms/index.html": {"forms"},
    "forms/application/index.html": {"forms"},
    "ar/forms/agreement/index.html": {"forms"},
    "glossary/index.html": {"glossary"},
    "404.html": set(),
}


def loaded_files(html: str) -> list[str]:
    return LOADED.findall(html)


def features_loaded(html: str) -> dict[str, set[str]]:
    """Feature name → the kinds of its files the page loads (`css`, `js`); the shared pair
    (`handbook.*`) is not a feature."""
    found: dict[str, set[str]] = {}
    for path in loaded_files(html):
        name, _, kind = path.removeprefix(FOLDER).rpartition(".")
        feature = name.rsplit(".", 1)[0]
        if feature != "handbook":
            found.setdefault(feature, set()).add(kind)
    return found


def site_pages(site: Path) -> list[Path]:
    return [
        path
        for path in sorted(site.rglob("*.html"))
        if not path.relative_to(site).as_posix().startswith("handbook-offline/")
    ]


def test_each_kind_of_page_loads_the_shared_files_and_its_own_features(built_site: Path) -> None:
    for path, expected in PAGE_TYPES.items():
        html = (built_site / path).read_text(encoding="utf-8")
        files = loaded_files(html)
        shared = [
            f for f in files if re.fullmatch(rf"{FOLDER}handbook\.[0-9a-f]{{8}}\.(css|js)", f)
        ]
        assert len(shared) == 2, (path, files)
        assert set(features_loaded(html)) == expected, path
        for file in files:
            assert re.search(r"\.[0-9a-f]{8}\.(css|js)$", file), file  # named by content
            assert (built_site / file).is_file(), file
        # A feature's script follows the shared one it builds on.
        scripts = [f for f in files if f.endswith(".js")]
        assert scripts[0].startswith(f"{FOLDER}handbook."), (path, scripts)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"forms\.[0-9a-f]{8}\.js|checklists\.|partner-directory\.", home)


def test_a_page_loads_a_feature_exactly_when_it_shows_one_of_its_classes(
    built_site: Path,
) -> None:
    """Over every page of every language: a feature's stylesheet is loaded where a class it
    styles is on the page (wherever the class came from), and nowhere else; its script
    (when it has one) with it."""
    styled: dict[str, set[str]] = {}  # feature → the hb- classes its stylesheet styles
    scripts: set[str] = set()
    for path in (built_site / FOLDER).iterdir():
        feature, _, suffix = path.name.partition(".")
        if feature == "handbook" or not path.is_file():
            continue
        if suffix.endswith(".css"):
            styled[feature] = set(STYLED.findall(path.read_text(encoding="utf-8")))
        elif suffix.endswith(".js"):
            scripts.add(feature)
    assert {"checklists", "forms", "partner-directory", "self-assessment", "glossary"} <= set(
        styled
    )
    pages = site_pages(built_site)
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        classes = {name for found in CLASSES.findall(html) for name in found.split()}
        shown = {feature for feature, names in styled.items() if names & classes}
        loaded = features_loaded(html)
        where = path.relative_to(built_site).as_posix()
        assert set(loaded) == shown, where
        for feature, kinds in loaded.items():
            assert kinds == ({"css", "js"} if feature in scripts else {"css"}), (where, feature)


@pytest.mark.browser
def test_a_checklist_embedded_in_a_chapter_works(page, site_url: str) -> None:
    """The chapter loads the checklist's script with its block: a tick is counted and kept."""
    page.goto(f"{site_url}strategy/activity/")
    checklist = page.locator('[data-hb-checklist="safety"]')
    progress = checklist.locator(".hb-checklist__progress")
    before = progress.inner_text()
    checklist.locator("input[type=checkbox]").first.check()
    assert progress.inner_text() != before
    page.reload()
    assert checklist.locator("input[type=checkbox]").first.is_checked()
    assert page.console_errors == [] and page.outside_requests == []


# Sum of the layout shifts a page made without the reader doing anything (the Cumulative
# Layout Shift of web.dev, over the whole visit), but for the frame in which a web font
# that arrived after the first paint replaced the device's font (on a machine as busy as
# the test suite keeps it, the Arabic font can arrive that late; `FONT_TIMES` notes when
# each font finished loading, an event that may run just before or just after the frame
# that shows the font): what the features' scripts move is what is measured.
FONT_TIMES = """
window.hbFontsLoaded = [];
document.fonts.addEventListener("loadingdone", () => window.hbFontsLoaded.push(performance.now()));
"""
LAYOUT_SHIFT = """() => new Promise((done) => {
  let total = 0;
  const swap = time => window.hbFontsLoaded.some(loaded => Math.abs(time - loaded) < 150);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput && !swap(entry.startTime)) total += entry.value;
    }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 500);
})"""


@pytest.mark.browser
@pytest.mark.own_tab
def test_pages_open_without_the_search_index_and_hold_still(page, site_url: str) -> None:
    """On a phone: no page fetches the search index or starts the search worker before the
    reader turns to the search, only Arabic pages fetch the Arabic font (asked for at once,
    with the stylesheets), and the controls the features' scripts show take their place
    from the first paint."""
    tab = page
    tab.set_viewport_size({"width": 390, "height": 800})
    tab.add_init_script(FONT_TIMES)
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
    pages = ("", "orientation/", "forms/application/", "tr/partners/", "ar/strategy/recruitment/")
    for path in pages:
        requests.clear()
        tab.goto(site_url + path, wait_until="load")
        tab.wait_for_timeout(300)
        assert tab.evaluate(LAYOUT_SHIFT) < 0.01, path
        assert not [url for url in requests if "search_index" in url], path
        assert tab.workers == [], path
        fonts = sorted(url for url in requests if url.endswith(".woff2"))
        arabic = [f"{FOLDER}fonts/NotoNaskhArabic-{w}.woff2" for w in ("Bold", "Regular")]
        assert fonts == (arabic if path.startswith("ar/") else []), path
    # The reader opens the search: the index arrives, and the search finds pages.
    tab.click("label.md-header__button[for=__search]")
    box = tab.locator("input.md-search__input")
    box.fill("تطوع")
    box.press("End")
    tab.wait_for_selector(".md-search-result__item")
    assert [url for url in requests if url == "ar/search/search_index.json"]
    assert [worker.url.removeprefix(site_url) for worker in tab.workers] == [
        "assets/javascripts/workers/ngo-handbook-search.js"
    ]
    assert tab.outside_requests == []
