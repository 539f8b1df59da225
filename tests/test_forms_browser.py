"""Filling a form in headless Chromium: kept in the browser, limited, printed, cleared."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_filled_form_is_kept_printed_and_cleared(page, site_url, tmp_path, artifacts):
    url = site_url + "forms/application/"
    page.goto(url)
    page.fill("#hb-application-full-name", "Aigerim Example")
    page.fill("#hb-application-experience-details", "Two summers at a reading club for children.")
    page.check("#hb-application-education-higher")
    page.check("#hb-application-self-rating-patience-4")
    page.check("#hb-application-health-no")

    # "Choose at most 3": the fourth box is disabled and a message says why.
    for option in ("better-place", "learn", "friends"):
        page.check(f"#hb-application-motivation-{option}")
    assert page.is_disabled("#hb-application-motivation-career")
    assert "at most 3" in page.inner_text("fieldset[data-max='3'] .hb-form-limit")
    page.uncheck("#hb-application-motivation-friends")
    assert page.is_enabled("#hb-application-motivation-career")
    page.check("#hb-application-motivation-friends")

    # Kept in this browser: a reload shows the same answers.
    page.reload()
    assert page.input_value("#hb-application-full-name") == "Aigerim Example"
    assert page.is_checked("#hb-application-education-higher")
    assert page.is_checked("#hb-application-self-rating-patience-4")
    assert page.is_disabled("#hb-application-motivation-career")

    # Printed filled: the values are on paper, the buttons and the site navigation are not.
    pdf = tmp_path / "filled.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    (artifacts / "application-filled-en.pdf").write_bytes(pdf.read_bytes())
    text = pdf_text(pdf)
    assert "Aigerim Example" in text
    assert "Two summers at a reading club for children." in text
    assert "Volunteer application" in text
    assert "Clear the form" not in text and "Download blank PDF" not in text
    assert "Stage 1: Preparation" not in text  # the navigation is not printed
    page.emulate_media(media="screen")

    # Cleared: every answer gone, after a reload too.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".hb-form-clear")
    assert page.input_value("#hb-application-full-name") == ""
    assert not page.is_checked("#hb-application-education-higher")
    page.reload()
    assert page.input_value("#hb-application-full-name") == ""
    assert page.is_enabled("#hb-application-motivation-career")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.includes(':form:')).length") == 0

    assert page.outside_requests == []
    assert page.console_errors == []


def test_arabic_form_is_right_to_left_and_keyboard_usable(page, site_url):
    page.goto(site_url + "ar/forms/skills/")
    assert page.get_attribute("body", "dir") == "rtl"
    page.focus("#hb-skills-hours-under-2")
    page.keyboard.press("Space")
    assert page.is_checked("#hb-skills-hours-under-2")
    box = page.locator("#hb-skills-hours-under-2").bounding_box()
    label = page.locator("label[for='hb-skills-hours-under-2']").bounding_box()
    assert box["x"] > label["x"], "in Arabic the tick box stands to the right of its label"
    assert page.outside_requests == []
    assert page.console_errors == []
