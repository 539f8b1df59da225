"""Checklists in headless Chromium: ticks kept per page and checklist, a reset, the keyboard,
and the printed sheet (A4, no site navigation, boxes, signature lines, no item split)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import REPO, yaml_data
from ngo_handbook.interface_strings import interface_strings

pytestmark = pytest.mark.browser

ORIENTATION = yaml_data((REPO / "data" / "orientation.yml").read_text(encoding="utf-8"))
HANDBOOK = yaml_data((REPO / "data" / "handbook.yml").read_text(encoding="utf-8"))
ON_SITE = "orientation-on-site"
REMOTE = "orientation-remote"


def count_items(checklist_id: str) -> int:
    checklist = next(
        c for c in ORIENTATION["checklists"] if f"orientation-{c['id']}" == checklist_id
    )
    return sum(len(section["items"]) for section in checklist["sections"])


def boxes(page, checklist_id: str):
    return page.locator(f'[data-hb-checklist="{checklist_id}"] input[type=checkbox]')


def checked_ids(page, checklist_id: str) -> list[str]:
    return page.eval_on_selector_all(
        f'[data-hb-checklist="{checklist_id}"] input:checked',
        "boxes => boxes.map(box => box.dataset.hbItem)",
    )


def test_ticks_are_kept_per_page_and_checklist(page, site_url: str) -> None:
    page.goto(f"{site_url}orientation/")
    checklist = page.locator(f'[data-hb-checklist="{ON_SITE}"]')
    progress = checklist.locator(".hb-checklist__progress")
    assert progress.inner_text() == f"0 of {count_items(ON_SITE)} ticked"
    # A click on the label ticks the box.
    checklist.locator('label[for="orientation-on-site-mission-box"]').click()
    # The keyboard alone: Tab reaches the next box, Space ticks it.
    page.focus("#orientation-on-site-mission-box")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "orientation-on-site-programmes-box"
    page.keyboard.press("Space")
    page.check("#orientation-remote-accounts-box")
    assert progress.inner_text() == f"2 of {count_items(ON_SITE)} ticked"

    page.reload()
    assert checked_ids(page, ON_SITE) == ["mission", "programmes"]
    assert checked_ids(page, REMOTE) == ["accounts"]
    assert progress.inner_text() == f"2 of {count_items(ON_SITE)} ticked"
    stored = page.evaluate(
        "Object.fromEntries(Object.keys(localStorage).filter(k => k.includes('checklist'))"
        ".map(k => [k, JSON.parse(localStorage.getItem(k))]))"
    )
    assert stored == {
        "ngo-handbook:checklist:/orientation/#orientation-on-site": ["mission", "programmes"],
        "ngo-handbook:checklist:/orientation/#orientation-remote": ["accounts"],
    }

    # The same checklist on another page (here: in Turkish) is ticked separately.
    page.goto(f"{site_url}tr/orientation/")
    assert checked_ids(page, ON_SITE) == []
    assert (
        "0" in page.locator(f'[data-hb-checklist="{ON_SITE}"] .hb-checklist__progress').inner_text()
    )

    # Reset clears one checklist only, and leaves the focus on its first box.
    page.goto(f"{site_url}orientation/")
    reset = checklist.locator(".hb-checklist__reset")
    assert (
        reset.get_attribute("aria-label")
        == "Reset “Orientation of a new volunteer”: clear every tick"
    )
    reset.focus()
    page.keyboard.press("Enter")
    assert checked_ids(page, ON_SITE) == []
    assert page.evaluate("document.activeElement.id") == "orientation-on-site-mission-box"
    page.reload()
    assert checked_ids(page, ON_SITE) == []
    assert checked_ids(page, REMOTE) == ["accounts"]
    assert page.outside_requests == []
    assert page.console_errors == []


def test_focus_is_visible_on_a_box(page, site_url: str) -> None:
    page.goto(f"{site_url}safety/")
    page.focus("#safety-building-security-box")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle + ' ' +"
        " getComputedStyle(document.activeElement).outlineWidth"
    )
    assert outline.startswith("solid") and not outline.endswith(" 0px")
    assert page.outside_requests == []


def test_print_view_shows_a_sheet_without_site_navigation(
    page, site_url: str, artifacts: Path
) -> None:
    page.goto(f"{site_url}orientation/")
    page.check("#orientation-on-site-mission-box")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".hb-checklist__tools"):
        assert not page.locator(hidden).first.is_visible(), hidden
    signatures = page.locator(f'[data-hb-checklist="{ON_SITE}"] .hb-checklist__signatures')
    assert signatures.is_visible()
    words = interface_strings("checklists", "en")
    assert signatures.inner_text().split("\n") == [
        words["volunteer_name"],
        words["volunteer_signature"],
        words["coordinator_name"],
        words["coordinator_signature"],
        words["date"],
    ]
    # The sheet prints the boxes as the person sees them: ticked where ticked, empty elsewhere.
    assert page.is_checked("#orientation-on-site-mission-box")
    box = page.locator("#orientation-on-site-programmes-box")
    assert box.is_visible()
    size = box.bounding_box()
    assert size and size["width"] >= 14 and size["height"] >= 14
    border = box.evaluate(
        "b => getComputedStyle(b).borderTopStyle + getComputedStyle(b).borderTopColor"
    )
    assert border == "solidrgb(0, 0, 0)"
    # The second checklist starts a new sheet with the organisation's name on top.
    remote = page.locator(f'[data-hb-checklist="{REMOTE}"]')
    assert remote.evaluate("s => getComputedStyle(s).breakBefore") == "page"
    assert remote.locator(".hb-checklist__sheet-header").inner_text() == HANDBOOK["name"]["en"]
    assert (
        page.locator(".hb-checklist__item").first.evaluate("li => getComputedStyle(li).breakInside")
        == "avoid"
    )
    page.screenshot(path=str(artifacts / "checklist-print-media.png"))
    assert page.outside_requests == []
    assert page.console_errors == []


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext), whitespace collapsed."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_printed_pdf_is_a4_with_whole_items(
    page, site_url: str, artifacts: Path, language: str
) -> None:
    prefix = "" if language == "en" else f"{language}/"
    page.goto(f"{site_url}{prefix}orientation/")
    page.check("#orientation-on-site-mission-box")
    page.emulate_media(media="print")
    target = artifacts / f"orientation-{language}.pdf"
    page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)

    from pypdf import PdfReader

    reader = PdfReader(str(target))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842), "not A4"
    pages = pdf_pages(target)
    assert 2 <= len(pages) <= 8
    everything = " ".join(pages)
    assert HANDBOOK["name"][language] in pages[0]
    # No site navigation on paper.
    assert "Stage 1" not in everything and "Dayanışma" not in everything
    if language == "en":
        words = interface_strings("checklists", "en")
        for label in (words["volunteer_name"], words["coordinator_signature"], words["date"]):
            assert label in everything
        assert "Reset" not in everything
        # Each item, with its details, stands whole on one page.
        for checklist in ORIENTATION["checklists"]:
            for section in checklist["sections"]:
                for item in section["items"]:
                    whole = " ".join(item["text"]["en"].split())
                    assert any(whole in text for text in pages), f"split or missing: {whole}"
        # The remote checklist starts on its own page, under the organisation's name.
        remote_title = ORIENTATION["checklists"][1]["title"]["en"]
        starts = [text for text in pages if remote_title in text]
        assert starts and starts[0].startswith(HANDBOOK["name"]["en"])
    else:
        assert "توقيع المتطوع" in everything
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(target),
            str(target.with_suffix("")),
        ],
        check=True,
    )
    assert page.outside_requests == []


def test_without_javascript_the_boxes_still_tick(page_without_javascript, site_url: str) -> None:
    tab = page_without_javascript
    tab.goto(f"{site_url}safety/")
    assert not tab.locator(".hb-checklist__tools").first.is_visible()
    tab.check("#safety-dress-code-box")
    assert tab.is_checked("#safety-dress-code-box")


def test_arabic_checklist_reads_right_to_left(page, site_url: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}ar/safety/")
    item = page.locator(".hb-checklist__item").first
    box = item.locator("input").bounding_box()
    label = item.locator("label").bounding_box()
    assert box and label and box["x"] > label["x"], "the box should stand at the right in Arabic"
    progress = page.locator(".hb-checklist__progress").first.inner_text()
    total = page.locator(".hb-checklist").first.locator(".hb-checklist__item").count()
    assert progress == interface_strings("checklists", "ar")["progress"].format(
        count=0, total=total
    )
    assert str(total) in progress and total > 0
    page.screenshot(path=str(artifacts / "safety-ar-phone.png"), full_page=False)
    assert page.outside_requests == []
    assert page.console_errors == []
