"""Accessibility of the whole site (WCAG 2.1 AA), checked in headless Chromium.

axe-core, the rule engine behind most accessibility checkers, runs on a representative
set of pages: the home page, a chapter with tables and admonitions, and every page the
generator makes from data/ (discovered from the built site's navigation, so a page kind
added later is checked without a change here), in every language, in both colour schemes
and at a phone's width (see VIEWS). A second set of tests walks each page with the Tab
key, as a keyboard user does.

axe-core comes from npm (tests/package.json, locked in tests/package-lock.json);
`make test` installs it, and the fixture below does so when it is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import LANGUAGES, NODE_PROJECT, REPO, VIEWPORT, node_tool, serve_folder

pytestmark = pytest.mark.browser


# A chapter with tables, admonitions, a collapsible example and links in running text.
CHAPTER = "strategy/recruitment/"
PHONE = {"width": 390, "height": 844}

# The WCAG 2.0 and 2.1 success criteria of levels A and AA; and `aria-dialog-name`, a
# best-practice rule of axe, because an unnamed dialog is what a screen reader announces
# when the search opens.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "rules": {"aria-dialog-name": {"enabled": True}},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script."""
    return node_tool("axe-core/axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def axe_url() -> Iterator[str]:
    """The axe-core script's address on 127.0.0.1. A page loads it from there (rather than
    from a copy of its text, as `add_script_tag(content=...)` would), so Chromium keeps it
    compiled from one page to the next: it costs a third as much to load."""
    script = node_tool("axe-core/axe.min.js")
    with serve_folder(script.parent) as url:
        yield url + script.name


class _NavigationLinks(HTMLParser):
    """Collects the targets of the primary navigation's links in one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        href = attributes.get("href")
        if tag == "a" and "md-nav__link" in classes and href and not href.startswith("#"):
            self.links.append(href)


def site_pages(built_site: Path) -> list[str]:
    """Every page of the default language's navigation, as paths like `safety/`."""
    parser = _NavigationLinks()
    parser.feed((built_site / "index.html").read_text(encoding="utf-8"))
    pages = []
    for href in parser.links:
        if href.startswith(("http://", "https://", "mailto:")):
            continue
        path = href.removeprefix("./").removeprefix(".")
        path = "" if path in ("", "/") else path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages


def written_in_markdown(path: str) -> bool:
    """Whether a page comes from a Markdown chapter rather than from data/."""
    source = REPO / "content" / "en" / path.rstrip("/")
    return source.with_suffix(".md").is_file() or (source / "index.md").is_file()


def pages_to_check(built_site: Path) -> list[str]:
    """The home page, one chapter, and every generated page in the navigation."""
    generated = [path for path in site_pages(built_site) if not written_in_markdown(path)]
    return ["", CHAPTER, *generated]


@pytest.fixture(scope="session")
def representative_pages(built_site: Path) -> list[str]:
    pages = pages_to_check(built_site)
    for path in pages:
        assert (built_site / path / "index.html").is_file(), f"{path or 'home'} was not built"
    return pages


def one_of_each_kind(pages: list[str]) -> list[str]:
    """The first page of each kind: pages under the same folder (the forms) share one
    template and one layout, so one of them stands for the rest where only the layout
    differs (on a phone)."""
    kinds: dict[str, str] = {}
    for path in pages:
        parts = path.strip("/").split("/")
        kinds.setdefault(parts[0] + ("/*" if len(parts) > 1 else ""), path)
    return list(kinds.values())


def page_url(site_url: str, language: str, path: str) -> str:
    return f"{site_url}{'' if language == 'en' else language + '/'}{path}"


def pages_loaded(built_site: Path) -> set[str]:
    """Every page `test_no_wcag_violations` loads, in every language, as a path from the
    site's root: that test also finds any request a page makes off its origin."""
    pages = pages_to_check(built_site)
    return {
        page_url("", language, path)
        for language in LANGUAGES
        for path in (pages if language == "en" else one_of_each_kind(pages))
    }


COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The rules whose outcome depends on colours: all that can change with the scheme."""


def axe_violations(
    page, axe_url: str, rules: list[str] | None = None, leave_out: Sequence[str] = ()
) -> list[str]:
    """Run axe-core on the loaded page (only `rules`, if given, and not those in
    `leave_out`); one line per failing element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=axe_url)
        # Long lists are laid out only near the screen (`content-visibility: auto`), so the
        # styles of the entries further down are not brought up to date when the colour
        # scheme or the width changes until a reader scrolls to them; axe reads every
        # element's style at once, so every entry is laid out first.
        page.add_style_tag(content="* { content-visibility: visible !important; }")
    options = dict(AXE_OPTIONS)
    if rules is not None:
        options["runOnly"] = {"type": "rule", "values": rules}
    options["rules"] = {**options["rules"], **{rule: {"enabled": False} for rule in leave_out}}
    violations = page.evaluate(
        "options => axe.run(document, options).then(result => result.violations)", options
    )
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(
                f"{violation['id']}: {' '.join(map(str, node['target']))}: {summary[:300]}"
            )
    return lines


def scheme_shown(page) -> str:
    return "dark" if page.evaluate("document.body.dataset.mdColorScheme") == "slate" else "light"


def settle(page) -> None:
    """Wait until the page's transitions have ended (Material animates its menu into the
    phone's drawer when the width changes): colours are measured as a reader sees them."""
    page.wait_for_function(
        "document.getAnimations().every(animation => animation.playState !== 'running')"
    )


def switch_scheme(page, scheme: str) -> None:
    """Press the header's light/dark switch, as a reader does (the page is not reloaded)."""
    target = "__palette_1" if scheme == "dark" else "__palette_0"
    page.locator(f'label[for="{target}"]').click()
    page.wait_for_function(
        f"document.body.dataset.mdColorScheme === '{'slate' if scheme == 'dark' else 'default'}'"
    )
    settle(page)


# Every page is checked in full, in the light scheme on a desktop, in the default language;
# in the others one page of each kind is (the rest share its template, and what differs
# between languages is the text: its `lang`, its ids, its labels). The dark scheme and the
# phone change the stylesheet, not the text: each is checked on one page of each kind in a
# left-to-right and in the right-to-left language; the phone in Kazakh, whose long words
# are the first to make a table scroll. Where a page is checked on the phone, its light
# colours are checked there, where the text wraps the most, and not again on the desktop.
VIEWS = {"en": ("dark",), "ar": ("dark", "phone"), "kk": ("phone",), "tr": ()}


SHARES = 3
"""The pages of a language are checked in this many tests, which `pytest -n` can run side
by side."""


@pytest.mark.parametrize("share", range(SHARES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_wcag_violations(page, site_url, axe_url, representative_pages, language, share):
    """Every WCAG 2.1 A/AA rule in the light scheme on a desktop; in the dark scheme the
    rules that colours decide; every rule again on a phone (drawer navigation, narrow
    tables)."""
    problems = []
    of_each_kind = one_of_each_kind(representative_pages)
    views = VIEWS[language]
    checked = representative_pages if language == "en" else of_each_kind
    for path in checked[share::SHARES]:
        url = page_url(site_url, language, path)
        page.set_viewport_size(VIEWPORT)
        page.goto(url)
        assert scheme_shown(page) == "light", url
        on_phone = path in of_each_kind and "phone" in views
        found = axe_violations(page, axe_url, leave_out=COLOUR_RULES if on_phone else ())
        problems += [f"{url} (light) {line}" for line in found]
        if path not in of_each_kind:
            continue
        if "dark" in views:
            switch_scheme(page, "dark")
            found = axe_violations(page, axe_url, COLOUR_RULES)
            problems += [f"{url} (dark) {line}" for line in found]
            switch_scheme(page, "light")
        if on_phone:
            page.set_viewport_size(PHONE)
            settle(page)
            problems += [f"{url} (phone) {line}" for line in axe_violations(page, axe_url)]
    assert problems == [], "axe-core finds WCAG 2.1 A/AA violations:\n" + "\n".join(problems)
    assert page.outside_requests == []


def test_the_dark_scheme_is_the_one_a_dark_preference_loads(page, site_url):
    """Switching with the header's button shows the same scheme as a reader whose system
    prefers dark gets on arrival: the colour checks above see what that reader sees. Two
    readers one after the other, the second with nothing kept of the first (Material keeps
    the scheme it showed in the browser's storage)."""
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "safety/")
    colours = (
        "['scheme', 'primary', 'accent'].map(k => document.body.getAttribute('data-md-color-' + k))"
    )
    on_arrival = page.evaluate(colours)
    assert on_arrival[0] == "slate", on_arrival
    # The first reader leaves; what the site kept in the browser is deleted.
    page.goto("about:blank")
    session = page.context.new_cdp_session(page)
    session.send(
        "Storage.clearDataForOrigin", {"origin": site_url.rstrip("/"), "storageTypes": "all"}
    )
    session.detach()
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "safety/")
    assert scheme_shown(page) == "light"
    switch_scheme(page, "dark")
    assert page.evaluate(colours) == on_arrival


def test_search_dialog_is_named_in_each_language(built_site):
    names = {}
    for language in LANGUAGES:
        html = (built_site / ("" if language == "en" else language) / "index.html").read_text(
            encoding="utf-8"
        )
        start = html.index('class="md-search"')
        tag = html[html.rindex("<", 0, start) : html.index(">", start)]
        assert 'role="dialog"' in tag, tag
        names[language] = tag.split('aria-label="', 1)[1].split('"', 1)[0]
    assert names == {"en": "Search", "tr": "Ara", "ar": "بحث", "kk": "Іздеу"}


def test_every_page_has_a_skip_link(built_site, representative_pages):
    """Material writes 'skip to content' only where the page's table of contents has a
    heading to point at: a page whose <h1> comes from a template needs one there too."""
    missing = []
    for language in LANGUAGES:
        for path in representative_pages:
            folder = built_site / ("" if language == "en" else language) / path
            html = (folder / "index.html").read_text(encoding="utf-8")
            if 'class="md-skip"' not in html:
                missing.append(f"/{'' if language == 'en' else language + '/'}{path}")
    assert missing == [], "no 'skip to content' link on: " + ", ".join(missing)


# What the focused element looks like. A visually hidden checkbox or radio button shows
# its focus on the label that follows it (Material's colour-scheme switch: the label after
# the current scheme's radio button is the one for the next scheme) or else on its own.
FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  let shown = element;
  const box = element.getBoundingClientRect();
  if (element.tagName === 'INPUT' && (box.width < 2 || box.height < 2)) {
    const next = element.nextElementSibling;
    shown = next && next.tagName === 'LABEL' ? next : (element.labels || [])[0] || element;
  }
  const style = getComputedStyle(shown);
  const rect = shown.getBoundingClientRect();
  return {
    element: element.tagName.toLowerCase()
      + (element.className ? '.' + String(element.className).trim().split(/\\s+/).join('.') : '')
      + (element.getAttribute('href') ? `[href="${element.getAttribute('href')}"]` : ''),
    text: (element.innerText || element.getAttribute('aria-label') || '').trim().slice(0, 40),
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none',
    size: rect.width >= 1 && rect.height >= 1,
    shown: shown.checkVisibility({visibilityProperty: true}),
    skip: element.matches('.md-skip'),
    search: element.matches('.md-search__input'),
    navigation: !!element.closest('.md-nav--primary'),
    content: !!element.closest('.md-content'),
  };
}"""


# What can take the focus, to guess how many Tab presses a walk takes; the walk itself
# counts what the browser focuses.
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, "
    "textarea, summary, [tabindex]:not([tabindex='-1'])"
)


def tab_through(page, limit: int = 400, within: str | None = None) -> list[dict]:
    """Press Tab from the top of the page until focus comes round to the first stop again
    (or, `within` a region, from its start until focus leaves it); the state of each stop,
    recorded as it takes focus."""
    expected = page.evaluate(
        f"""within => {{
          window.hbFocusStops = [];
          window.hbFocusRound = false;
          if (within) {{
            const region = document.querySelector(within);
            region.setAttribute('tabindex', '-1');
            region.focus();
          }}
          document.addEventListener('focusin', event => {{
            if (window.hbFocusRound) return;
            if (within && !event.target.closest(within)) {{ window.hbFocusRound = true; return; }}
            if (window.hbFirstStop === event.target) {{ window.hbFocusRound = true; return; }}
            window.hbFirstStop = window.hbFirstStop || event.target;
            window.hbFocusStops.push(({FOCUS_STATE})());
          }});
          const region = within ? document.querySelector(within) : document;
          return [...region.querySelectorAll({FOCUSABLE!r})]
            .filter(element => element.checkVisibility({{visibilityProperty: true}})).length;
        }}""",
        within,
    )
    # Asking the page after every key would double the time this takes: it is asked once
    # the expected stops are passed, then every few keys.
    pressed = 0
    while pressed < limit:
        keys = expected + 1 if pressed == 0 else 5
        for _ in range(min(keys, limit - pressed)):
            page.keyboard.press("Tab")
        pressed += keys
        if page.evaluate("window.hbFocusRound"):
            break
    return [stop for stop in page.evaluate("window.hbFocusStops") if stop]


def invisible_focus(stops: list[dict]) -> list[str]:
    return [
        f"{stop['element']} ({stop['text']!r}): "
        + ", ".join(
            what
            for what, ok in (
                ("no focus ring", stop["ring"]),
                ("no size", stop["size"]),
                ("hidden", stop["shown"]),
            )
            if not ok
        )
        for stop in stops
        if not (stop["ring"] and stop["size"] and stop["shown"])
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_reaches_skip_link_search_and_navigation(page, site_url, language):
    page.goto(page_url(site_url, language, CHAPTER))
    stops = tab_through(page)
    assert stops, "Tab reaches nothing on the page"
    assert stops[0]["skip"], f"the first Tab stop is {stops[0]}, not 'skip to content'"
    assert any(stop["search"] for stop in stops), "Tab never reaches the search field"
    assert any(stop["navigation"] for stop in stops), "Tab never reaches the navigation"
    problems = invisible_focus(stops)
    assert problems == [], "focus is not visible on:\n" + "\n".join(problems)
    assert page.outside_requests == []
    assert page.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_skip_link_moves_focus_to_the_content(page, site_url, language):
    page.goto(page_url(site_url, language, CHAPTER))
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_STATE)["skip"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    assert state and state["content"], f"after 'skip to content', Tab goes to {state}"
    assert page.outside_requests == []


def test_focus_is_visible_on_every_kind_of_page(page, site_url, representative_pages):
    """Every stop in the content of one page of each kind (the header, menu and footer
    around it are the chapter's, walked in every language above; pages of one kind share
    their template and stylesheet, and so their focus rings)."""
    problems = []
    for path in one_of_each_kind(representative_pages):
        url = page_url(site_url, "en", path)
        page.goto(url)
        stops = tab_through(page, within=".md-content")
        assert stops, f"Tab reaches nothing in the content of {url}"
        problems += [f"{url}: {line}" for line in invisible_focus(stops)]
    assert problems == [], "focus is not visible on:\n" + "\n".join(problems)
    assert page.outside_requests == []


def test_axe_reports_a_real_violation(page, site_url, axe_url):
    """The check above can fail: a page with an unlabelled field and grey-on-grey text."""
    page.goto(site_url)
    page.evaluate(
        """() => document.querySelector('article').insertAdjacentHTML('beforeend',
             '<input type="text"><p style="color:#bbb;background:#ccc">faint</p>')"""
    )
    rules = {line.split(":", 1)[0] for line in axe_violations(page, axe_url)}
    assert {"label", "color-contrast"} <= rules, rules
    # The dark scheme's check runs the colour rules only: they still see the faint text.
    rules = {line.split(":", 1)[0] for line in axe_violations(page, axe_url, COLOUR_RULES)}
    assert rules == {"color-contrast"}, rules
    # The desktop check before a phone's leaves the colour rules out, and only those.
    rules = {
        line.split(":", 1)[0] for line in axe_violations(page, axe_url, leave_out=COLOUR_RULES)
    }
    assert "label" in rules and "color-contrast" not in rules, rules
    assert page.outside_requests == []


def test_axe_is_the_locked_version(axe_source):
    lock = json.loads((NODE_PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/axe-core"]["version"]
    assert f"axe v{version}" in axe_source[:200]
