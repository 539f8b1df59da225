"""What a visitor sees: layout, direction and language switching in headless Chromium."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES

pytestmark = pytest.mark.browser


def home(site_url: str, language: str) -> str:
    return site_url if language == "en" else f"{site_url}{language}/"


def test_arabic_layout_is_right_to_left(page, site_url, artifacts):
    page.goto(f"{site_url}ar/strategy/recruitment/")
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    navigation = page.locator(".md-sidebar--primary").bounding_box()
    article = page.locator("article.md-content__inner").bounding_box()
    assert navigation["x"] > article["x"] + article["width"] / 2, (navigation, article)
    paragraph = page.locator("article p").first
    align = paragraph.evaluate("p => getComputedStyle(p).textAlign")
    assert align in ("right", "start"), align
    # A short line of RTL text hugs the right edge of its column.
    ends = paragraph.evaluate(
        """p => { const r = document.createRange(); r.selectNodeContents(p);
                  const rects = [...r.getClientRects()]; const box = p.getBoundingClientRect();
                  return {firstRight: rects[0].right, boxRight: box.right}; }"""
    )
    assert abs(ends["firstRight"] - ends["boxRight"]) < 4, ends
    page.screenshot(path=str(artifacts / "ar-recruitment.png"), full_page=False)
    assert page.outside_requests == []
    assert page.console_errors == []


def test_kazakh_page_renders_in_kazakh(page, site_url, artifacts):
    page.goto(f"{site_url}kk/about-volunteering/")
    assert page.evaluate("document.documentElement.lang") == "kk"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    heading = page.locator("article h1").inner_text()
    assert any(ch in heading.lower() for ch in "әғқңөұүһі"), heading
    page.screenshot(path=str(artifacts / "kk-about-volunteering.png"), full_page=False)
    assert page.outside_requests == []
    assert page.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_pages_load_cleanly_on_a_phone(page, site_url, language, artifacts):
    tab = page
    tab.set_viewport_size({"width": 390, "height": 844})
    failures, outside, errors = [], [], []
    tab.on("response", lambda r: failures.append(r.url) if r.status >= 400 else None)
    tab.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith("http://127.0.0.1") else None,
    )
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(home(site_url, language))
    tab.wait_for_load_state("networkidle")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    tab.screenshot(path=str(artifacts / f"{language}-home-phone.png"))
    assert failures == [] and outside == [] and errors == []


def test_language_switcher_keeps_the_same_chapter(page, site_url):
    page.goto(f"{site_url}tr/strategy/agreement/")
    page.locator(".md-header__option .md-select").first.hover()
    link = page.locator('.md-select__link[hreflang="kk"]')
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/kk/strategy/agreement/")
    assert page.outside_requests == []
