"""What a reader sees at every width, in both colour schemes and on paper: tick boxes beside
the first line of their text, nothing wider than the screen, the self-assessment's result
below the sticky header and readable on a phone, chart colours that stand out, a
page-not-found page in the reader's language, page breaks that keep things together."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import LANGUAGES, REPO, yaml_data

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "tr": "tr/", "ar": "ar/", "kk": "kk/"}
WIDTHS = (320, 390, 1280)
PAGES_WITH_BOXES = (
    "forms/application/",
    "forms/agreement-remote/",
    "forms/skills/",
    "orientation/",
    "self-assessment/",
)
"""Pages with tick boxes: the forms with choices, a checklist, the self-assessment."""
STRINGS = {
    language: yaml_data(
        (REPO / "plugins" / "ngo_handbook" / "strings" / f"{language}.yml").read_text(
            encoding="utf-8"
        )
    )
    for language in LANGUAGES
}
PAGE_NUMBER = re.compile(r"^\d+\s*/\s*\d+$")
"""The page number at the foot of a printed page ("2 / 4")."""
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Every tick box and radio button with its own label, and where the middle of the box lies
# against the first line of that label's text.
BOXES_AGAINST_FIRST_LINES = """() => {
  const found = [];
  const boxes = document.querySelectorAll("article :is(input[type=checkbox], input[type=radio])");
  for (const box of boxes) {
    if (box.closest(".hb-form-rating__choice")) continue;  // a number above each box, by design
    const label = box.id && document.querySelector(`label[for="${CSS.escape(box.id)}"]`);
    if (!label || !box.getClientRects().length) continue;
    const range = document.createRange();
    range.selectNodeContents(label);
    const first = [...range.getClientRects()].find(rect => rect.width > 0 && rect.height > 0);
    const b = box.getBoundingClientRect();
    const middle = (b.top + b.bottom) / 2;
    found.push({id: box.id, middle, top: first.top, bottom: first.bottom,
                beside: b.right <= first.left + 1 || b.left >= first.right - 1});
  }
  return found;
}"""

# Each "·" in the footer's address, and the part it leads into, where they lie.
FOOTER_SEPARATORS = """() => [...document.querySelectorAll(".hb-footer__contact a")].map(link => {
  const text = link.previousSibling || link.parentElement.previousSibling;
  const range = document.createRange();
  const at = text.textContent.lastIndexOf("·");
  range.setStart(text, at);
  range.setEnd(text, at + 1);
  const box = rect => ({left: rect.left, right: rect.right, top: rect.top});
  return [box(range.getBoundingClientRect()), box(link.getClientRects()[0])];
})"""

ANSWER_EVERY_QUESTION = """() => {
  document.querySelectorAll(".hb-sa-question").forEach((fieldset, index) => {
    const choices = fieldset.querySelectorAll("input[type=radio]");
    choices[index % choices.length].checked = true;
  });
  document.querySelector("[data-hb-sa-form]").dispatchEvent(new Event("change"));
}"""


# Each heading whose "¶" link does not share a line with the heading's last word.
LONE_HEADING_LINKS = """() => {
  const links = [...document.querySelectorAll(".md-typeset .headerlink")];
  return links.filter(link => {
    const words = document.createRange();
    words.setStart(link.parentElement, 0);
    words.setEndBefore(link);
    const mark = link.getClientRects()[0];
    const beside = r => r.width > 0 && Math.abs(r.top - mark.top) < 5;
    return mark && ![...words.getClientRects()].some(beside);
  }).map(link => link.parentElement.textContent.trim());
}"""


def tab_at(page, width: int, scheme: str = "light"):
    """The test's tab at `width` (800 high), its system preferring the `scheme`."""
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    return page


def overflow(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def page_direction(tab) -> str:
    return tab.evaluate("getComputedStyle(document.body).direction")


def header_bottom(tab) -> float:
    return tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


def test_boxes_sit_on_the_first_line_of_their_text_and_pages_fit_the_screen(page, site_url):
    tab = tab_at(page, WIDTHS[0])
    problems = []
    # Kazakh has the longest words, Arabic runs right to left. Each page is loaded once and
    # looked at in every width.
    for language in ("ar", "kk"):
        for path in PAGES_WITH_BOXES:
            tab.set_viewport_size({"width": WIDTHS[0], "height": 800})
            tab.goto(site_url + PREFIX[language] + path)
            if path == "self-assessment/":
                tab.click('[data-mode="all"]')
            for width in WIDTHS:
                tab.set_viewport_size({"width": width, "height": 800})
                boxes = tab.evaluate(BOXES_AGAINST_FIRST_LINES)
                assert len(boxes) >= 3, (language, path)
                for box in boxes:
                    if not (box["top"] <= box["middle"] <= box["bottom"] and box["beside"]):
                        problems.append((language, path, width, box))
                if overflow(tab) > 0:
                    problems.append((language, path, width, f"{overflow(tab)}px too wide"))
    assert problems == []
    assert tab.console_errors == []


def test_a_headings_link_stays_beside_its_last_word_on_a_phone(page, site_url):
    # A chapter with headings that end in "?", after which a line may break.
    tab = tab_at(page, WIDTHS[0])
    tab.goto(site_url + "tr/remote-and-skilled/")
    assert tab.locator(".md-typeset h2 .headerlink").count() >= 3
    assert tab.evaluate(LONE_HEADING_LINKS) == []
    assert overflow(tab) <= 0


def test_the_result_shows_below_the_header_readable_and_weakest_first(page, site_url, artifacts):
    tab = tab_at(page, WIDTHS[0])
    for language in ("en", "kk"):
        tab.set_viewport_size({"width": WIDTHS[0], "height": 800})
        tab.goto(site_url + PREFIX[language] + "self-assessment/")
        tab.evaluate("localStorage.clear()")
        tab.reload()
        # Too early: the message is on screen, and so is the question it moved to.
        tab.click('[data-action="results"]')
        message = tab.locator("[data-hb-sa-message]")
        assert message.inner_text().strip()
        box = message.bounding_box()
        assert message.is_visible() and box["y"] >= 0 and box["y"] + box["height"] <= 800
        question = tab.locator("#hb-sa-q1").bounding_box()
        controls = tab.locator("[data-hb-sa-controls]").bounding_box()
        assert question["y"] >= controls["y"] + controls["height"] - 1
        tab.fill("#hb-sa-organisation", "«Біз біргеміз» волонтерлік тобы")
        tab.fill("#hb-sa-respondent", "Волонтерлерді үйлестіруші Айгерім Нұрланқызы")
        tab.evaluate(ANSWER_EVERY_QUESTION)
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 800})
            tab.click('[data-hb-sa-form] [data-action="results"]')
            check_result(tab, language, width)
            tab.screenshot(path=str(artifacts / f"{language}-result-{width}.png"))
            tab.locator('[data-hb-sa-result] [data-action="questions"]').first.click()
    assert tab.console_errors == []


def check_result(tab, language: str, width: int) -> None:
    """The result just shown: below the header, its actions at hand, no wider than the
    screen, a chart with text of the page's size, all in the order the text announces."""
    heading = tab.locator("#hb-sa-result-title").bounding_box()
    assert heading["y"] >= header_bottom(tab) - 1, (language, width, heading)
    assert heading["y"] + heading["height"] <= 800
    # Print and back are at hand at the top of the result, not only at its end.
    print_button = tab.locator('[data-hb-sa-result] [data-action="print"]').first.bounding_box()
    assert print_button["y"] < 800
    assert overflow(tab) <= 0, (language, width, overflow(tab))
    sizes = tab.eval_on_selector_all(
        "svg.hb-sa-chart-svg text", "texts => texts.map(t => t.getBoundingClientRect().height)"
    )
    assert min(sizes) >= 12, (width, sizes)
    bars = tab.eval_on_selector_all(
        "svg.hb-sa-chart-svg rect.hb-sa-bar", "bars => bars.map(b => b.dataset.area)"
    )
    areas = tab.eval_on_selector_all(".hb-sa-result-area", "a => a.map(e => e.dataset.area)")
    assert bars == areas
    rows = tab.eval_on_selector_all(
        ".hb-sa-level-table tbody th", "cells => cells.map(c => c.textContent)"
    )
    titles = tab.eval_on_selector_all(".hb-sa-result-area h3", "h => h.map(e => e.textContent)")
    assert rows == titles
    border = tab.eval_on_selector(
        ".hb-sa-level-table td", "td => getComputedStyle(td).borderTopStyle"
    )
    assert border == "solid"
    if language == "kk":
        decimals = tab.locator(".hb-sa-level-table").inner_text()
        assert "1.5" not in decimals and "2.5" not in decimals
        if width == WIDTHS[0]:
            # A file too large to be answers: its size and the limit written as Kazakh
            # writes them (CLDR), not as this browser's locale data would.
            tab.set_input_files(
                "#hb-sa-load",
                files=[
                    {"name": "big.json", "mimeType": "application/json", "buffer": b" " * 1_500_000}
                ],
            )
            tab.wait_for_function("document.querySelector('[data-hb-sa-file-message]').textContent")
            message = tab.locator("[data-hb-sa-file-message]")
            assert "1,5 MБ" in message.inner_text() and "1 MБ" in message.inner_text()


def contrast(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgb(text: str) -> tuple[float, ...]:
    return tuple(float(part) for part in re.findall(r"[\d.]+", text)[:3])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_level_colours_stand_out_in_both_schemes(page, site_url, scheme):
    tab = tab_at(page, 1280, scheme)
    tab.goto(site_url + "self-assessment/")
    expected = "slate" if scheme == "dark" else "default"
    assert tab.evaluate("document.body.dataset.mdColorScheme") == expected
    tab.evaluate(ANSWER_EVERY_QUESTION)
    tab.click('[data-action="results"]')
    background = rgb(tab.evaluate("getComputedStyle(document.body).backgroundColor"))
    fills = tab.eval_on_selector_all(
        "rect.hb-sa-bar",
        "bars => bars.map(b => [b.getAttribute('class'), getComputedStyle(b).fill])",
    )
    levels = {name.split("--")[-1]: rgb(fill) for name, fill in fills}
    # The sample's answers give every level from 1 to 4.
    assert sorted(levels) == ["1", "2", "3", "4"]
    ratios = {level: round(contrast(colour, background), 2) for level, colour in levels.items()}
    assert all(ratio >= 3 for ratio in ratios.values()), ratios


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_page_says_so_in_the_readers_language(page, site_url, language):
    strings = STRINGS[language]["not_found"]
    response = page.goto(site_url + PREFIX[language] + "no-such-chapter/")
    assert response.status == 404
    if language != "en":
        # The root page, which static hosts serve, sent the visitor on to the language's own.
        page.wait_for_url(f"**/{language}/404.html")
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("article h1").inner_text() == strings["title"]
    assert strings["explanation"] in page.locator("article").inner_text()
    home = site_url + PREFIX[language]
    assert page.locator("article a.md-button").get_attribute("href") == "/" + PREFIX[language]
    links = page.eval_on_selector_all(
        ".hb-not-found__languages a", "links => links.map(a => [a.hreflang, a.href])"
    )
    assert links == [[code, site_url + PREFIX[code]] for code in LANGUAGES]
    # The header's language switch, too, leads to each language's home.
    switch = page.eval_on_selector_all(
        ".md-select__link[hreflang]", "links => links.map(a => [a.hreflang, a.href])"
    )
    assert switch == links
    # The search box leads to the language's home page with its search open on the words.
    page.fill("#hb-not-found-q", "volunteer")
    page.press("#hb-not-found-q", "Enter")
    page.wait_for_url(home + "?q=volunteer")
    assert page.evaluate("document.querySelector('[data-md-toggle=search]').checked")
    # On a phone, each "·" of the footer's address sits just before the part it leads into,
    # in the reading direction (not two dots side by side at a line's end).
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    separators = page.evaluate(FOOTER_SEPARATORS)
    assert len(separators) >= 2
    for dot, link in separators:
        assert abs(dot["top"] - link["top"]) < 4, (dot, link)
        gap = (
            dot["left"] - link["right"]
            if page_direction(page) == "rtl"
            else link["left"] - dot["right"]
        )
        assert 0 <= gap < 12, (dot, link)
    assert page.outside_requests == []


def pdf_pages(tab, path: Path) -> list[str]:
    """The text of each page of the tab printed to `path`."""
    tab.emulate_media(media="print")
    tab.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
    tab.emulate_media(media="screen")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", page)) for page in text.split("\f")]


def letters(text: str) -> str:
    """The letters of `text`, without spaces, punctuation or vowel marks."""
    return "".join(ch for ch in text if ch.isalpha() and unicodedata.category(ch) != "Mn")


def lines_of(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


@pytest.mark.parametrize("language", ["ar", "kk"])
def test_page_breaks_keep_things_together(page, site_url, language, artifacts):
    strings = STRINGS[language]
    base = site_url + PREFIX[language]

    # Forms: signatures never open a page; no section heading or its introduction ends one.
    signature_caption = strings["forms"]["signature"]
    for form in ("agreement-remote", "application"):
        page.goto(base + f"forms/{form}/")
        leads = page.eval_on_selector_all(
            ".hb-form-section__title, .hb-form-section__intro, .hb-form-text",
            "h => h.map(e => e.textContent.trim())",
        )
        pages = [
            text for text in pdf_pages(page, artifacts / f"{language}-{form}.pdf") if text.strip()
        ]
        assert len(pages) > 2
        for number, text in enumerate(pages, 1):
            lines = [line for line in lines_of(text) if not PAGE_NUMBER.match(line)]
            if signature_caption in lines:
                before = lines[: lines.index(signature_caption)]
                # Something the signatures sign (a numbered field) is on their page.
                assert any(re.search(r"\d", line) for line in before[1:]), lines[:8]
            last = lines[-1] if lines and number < len(pages) else ""
            # A whole heading, or a line of an introduction or of a paragraph among the fields
            # (longer than a rating's "5"), ends no page but the last.
            assert not any(last == lead or (len(last) > 12 and last in lead) for lead in leads), (
                form,
                lines[-3:],
            )

    # A checklist: each checklist's signature lines stay on a page with its items.
    page.goto(base + "orientation/")
    sign = strings["checklists"]["volunteer_signature"]
    items = page.eval_on_selector_all(
        ".hb-checklist__text", "items => items.map(e => e.textContent.trim())"
    )
    pages = pdf_pages(page, artifacts / f"{language}-orientation.pdf")
    for text in pages:
        if sign in text:
            # Compared by letters alone: text extraction moves Arabic vowel marks and colons.
            assert any(letters(item)[:15] in letters(text) for item in items), text[:300]

    # The self-assessment's printout: the level table shares its page with an area.
    page.goto(base + "self-assessment/")
    page.evaluate(ANSWER_EVERY_QUESTION)
    page.click('[data-action="results"]')
    caption = page.locator(".hb-sa-level-table caption").inner_text().strip()
    first_area = page.locator(".hb-sa-result-area h3").first.inner_text().strip()
    pages = pdf_pages(page, artifacts / f"{language}-action-plan.pdf")
    holding = [text for text in pages if caption in text and text.count(caption) == 1]
    assert holding and first_area in holding[-1]
    assert page.outside_requests == []
