"""Gates over the built site: its HTML is valid (the Nu HTML Checker, one page of every type
in every language), and no page of any language makes a request off its own origin: no
page's markup or stylesheet names a file elsewhere, and one page of each kind, loaded in
Chromium with its scripts, asks for nothing elsewhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, node_tool
from test_accessibility import pages_loaded

LANGUAGES = ("", "tr/", "ar/", "kk/")
PAGE_TYPES = (
    "",  # the home page
    "strategy/activity/",  # a chapter, with an embedded block
    "safety/",
    "orientation/",
    "rights-and-duties/",
    "partners/",
    "self-assessment/",
    "self-assessment/guidance/q7-c3/",
    "forms/",
    "forms/application/",
)

# Errors in Material's own markup, which our templates do not write; each is left to it:
MATERIAL_MARKUP = (
    # <input class="md-toggle" type="checkbox" autocomplete="off">: Material turns off
    # Firefox's restoring of its drawer and search toggles after a reload.
    "Attribute “autocomplete” is only allowed when the input type is",
    # <label class="md-nav__link" tabindex="">: Material's nav sections (partials/nav-item.html)
    # print an empty tabindex when a section has no index page.
    "Bad value “” for attribute “tabindex” on element “label”",
)


JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m")
"""One short run of the checker: Java's quick compiler only (half the processor time of the
full one here), with the deeper stack its schema then needs."""


def test_every_page_type_is_valid_html(built_site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java runs the Nu HTML Checker: apt-get install default-jre-headless"
    checker = node_tool("vnu-jar/build/dist/vnu.jar")
    pages = [
        built_site / language / kind / "index.html" for language in LANGUAGES for kind in PAGE_TYPES
    ]
    result = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(checker), "--errors-only", "--format", "json"]
        + list(map(str, pages)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    assert len({m["url"] for m in messages}) <= len(pages)
    ours = [
        f"{Path(urlsplit(m['url']).path).relative_to(built_site)}:{m.get('lastLine')}: "
        + m["message"]
        for m in messages
        if not any(m["message"].startswith(known) for known in MATERIAL_MARKUP)
    ]
    assert ours == []
    # The filters still match what Material writes (or they are no longer needed).
    assert {known for m in messages for known in MATERIAL_MARKUP if m["message"].startswith(known)}


# Attributes that make a browser fetch what they name, or send a form's entries to it.
FETCHING = {
    "src": None,
    "srcset": None,
    "poster": None,
    "data": {"object"},
    "action": {"form"},
    "formaction": None,
    "background": None,
    "href": {"link", "image", "use", "feimage"},
}
# <link rel> values that name a page to go to, not a file the page loads.
LINKS_TO_PAGES = {"alternate", "canonical", "author", "help", "license", "next", "prev", "search"}
CSS_URL = re.compile(r"""(?:url\(\s*|@import\s+)['"]?([^'")\s]+)""", re.I)


def _off_origin(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme.lower() in (
        "http",
        "https",
        "ftp",
        "ws",
        "wss",
    )


class _FetchedUrls(HTMLParser):
    """Every address a page's markup makes the browser fetch (or submit to): the attributes
    above, inline styles and <style> blocks, and a <meta> refresh."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        rel = set(attributes.get("rel", "").lower().split())
        for name, value in attributes.items():
            tags = FETCHING.get(name, ())
            if name not in FETCHING or (tags is not None and tag not in tags):
                continue
            if tag == "link" and rel and rel <= LINKS_TO_PAGES:
                continue
            candidates = [part.split()[0] for part in value.split(",") if part.strip()]
            self.urls += candidates if name == "srcset" else [value]
        self.urls += CSS_URL.findall(attributes.get("style", ""))
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.urls.append(attributes.get("content", "").partition("=")[2])
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += CSS_URL.findall(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def test_no_page_or_stylesheet_names_a_file_off_its_origin(built_site: Path) -> None:
    """Every page of every language and every stylesheet: nothing a staff member writes in
    Markdown or data/ (an image, a form's address) and nothing of the theme is fetched from
    another site."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 200
    found = []
    for path in pages:
        parser = _FetchedUrls()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [
            f"{path.relative_to(built_site)}: {url}" for url in parser.urls if _off_origin(url)
        ]
    for path in sorted(built_site.rglob("*.css")):
        urls = CSS_URL.findall(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(built_site)}: {url}" for url in urls if _off_origin(url)]
    assert found == []


def test_the_markup_check_sees_what_a_browser_fetches() -> None:
    parser = _FetchedUrls()
    parser.feed(
        '<img src="https://example.org/a.png" alt="">'
        '<img srcset="b.png 1x, //cdn.example/c.png 2x">'
        '<link rel="stylesheet" href="https://fonts.example/x.css">'
        '<link rel="alternate" hreflang="tr" href="https://handbook.example/tr/">'
        '<a href="https://partner.example/">a partner</a>'
        '<form action="https://collect.example/"></form><p style="background:url(http://x.example/i)">'
        "<style>@import 'https://y.example/s.css';</style>"
    )
    assert [url for url in parser.urls if _off_origin(url)] == [
        "https://example.org/a.png",
        "//cdn.example/c.png",
        "https://fonts.example/x.css",
        "https://collect.example/",
        "http://x.example/i",
        "https://y.example/s.css",
    ]


def page_kinds(built_site: Path, first: set[str] = frozenset()) -> list[str]:
    """Every language's home page, and one page of each kind in each direction of writing,
    as paths from the site's root: chapters written in Markdown are one kind (per depth),
    each page the generator makes another (per folder depth: the forms index and a form, the
    questionnaire and a guidance page), and the 404 page. Pages of a kind that load the same
    scripts run the same code, so the requests one of them makes once loaded (Material's
    start-up fetches, the search index, our features') are those of the others; what
    differs between them is their markup, checked for every page above, and the fonts their
    letters call for, which a right-to-left page stands for. A page among `first` stands
    for its kind where there is one."""
    kinds: dict[tuple, str] = {}
    homes = []

    def site_path(path: Path) -> str:
        return path.relative_to(built_site).as_posix().removesuffix("index.html")

    for path in sorted(built_site.rglob("*.html"), key=lambda p: (site_path(p) not in first, p)):
        relative = site_path(path)
        parts = relative.rstrip("/").split("/")
        language = parts[0] if parts[0] in ("tr", "ar", "kk") else "en"
        inside = parts[1:] if language != "en" else parts
        if inside in ([""], []):
            homes.append(relative)
        source = REPO / "content" / "en" / "/".join(inside)
        written = source.with_suffix(".md").is_file() or (source / "index.md").is_file()
        kind = "chapter" if written and inside != [""] else inside[0]
        html = path.read_text(encoding="utf-8")
        direction = "rtl" if re.search(r'<body[^>]* dir="rtl"', html) else "ltr"
        scripts = tuple(
            src.rsplit("/", 1)[-1] for src in re.findall(r'<script[^>]* src="([^"]+)"', html)
        )
        kinds.setdefault((direction, kind, len(inside), scripts), relative)
    return sorted({*kinds.values(), *homes})


@pytest.mark.browser
def test_no_kind_of_page_makes_a_request_off_its_origin(
    built_site: Path, site_url: str, page
) -> None:
    """Loads the kinds of page that the accessibility check (which asserts the same of the
    pages it loads) leaves out."""
    checked = pages_loaded(built_site)
    kinds = page_kinds(built_site, first=checked)
    assert {"", "tr/", "kk/", "ar/", "ar/404.html", "ar/partners/", "forms/"} <= set(kinds), kinds
    assert {"ar/self-assessment/", "kk/self-assessment/"} <= set(kinds), kinds
    paths = [path for path in kinds if path not in checked]
    assert "ar/404.html" in paths and "ar/partners/" not in paths, paths
    origin = urlsplit(site_url).netloc
    found: dict[str, list[str]] = {}

    def record(request) -> None:
        url = urlsplit(request.url)
        if url.scheme not in ("data", "blob", "about") and url.netloc != origin:
            page_url = "service worker" if request.service_worker else request.frame.page.url
            found.setdefault(page_url, []).append(request.url)

    # Every request a page makes while it loads and its scripts start (images,
    # stylesheets, fonts, Material's start-up fetches, the search index); the service
    # worker's own requests are the browser context's.
    page.context.on("request", record)
    try:
        for path in paths:
            page.goto(site_url + path, wait_until="load")
    finally:
        page.context.remove_listener("request", record)
    assert found == {}
