"""Dates and numbers as each language writes them, from CLDR through Babel."""

from __future__ import annotations

import datetime
import json

import pytest
from ngo_handbook.page_dates import written_date
from ngo_handbook.reader_formats import date_form, format_date, formats_script, number_form
from ngo_handbook.rendering import Templates

DAY = datetime.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "07/03/2026"),  # international English, as the forms' DD/MM/YYYY says
        ("tr", "07.03.2026"),
        ("kk", "07.03.2026"),
        ("ar", "07\u200f/03\u200f/2026"),  # with the marks that keep it in order in Arabic
        ("zh", "2026/03/07"),
        ("fa", "۲۰۲۶/۰۳/۰۷"),
    ],
)
def test_a_date_is_written_in_the_languages_order_and_digits(language, written):
    assert format_date(DAY, language) == written


def test_a_language_cldr_does_not_know_writes_iso_dates():
    assert format_date(DAY, "xx-unknown") == "2026-03-07"


def test_the_page_scripts_get_the_same_conventions():
    script = formats_script(["en", "kk", "fa"])
    formats = json.loads(script.split("formats || {}, ", 1)[1].rsplit(");", 1)[0])
    assert formats["kk"]["number"]["decimal"] == number_form("kk")["decimal"] == ","
    assert formats["en"]["number"]["decimal"] == "."
    assert formats["fa"]["number"]["digits"] == "۰۱۲۳۴۵۶۷۸۹"
    assert (
        formats["kk"]["date"]
        == date_form("kk").as_json()
        == {
            "order": "dmy",
            "separator": ".",
            "digits": "0123456789",
        }
    )


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "7 March 2026"),  # day before month, as in 07/03/2026 (not March 7, 2026)
        ("tr", "7 Mart 2026"),
        ("fa", "۷ مارس ۲۰۲۶"),  # in Persian digits, as every other number on the page
        ("xx-unknown", "2026-03-07"),
    ],
)
def test_a_pages_last_change_is_written_as_the_language_writes_dates(language, written):
    assert written_date(DAY, language) == written


def test_templates_write_a_number_in_the_languages_digits():
    render = Templates().environment.from_string("{{ n | number(language) }}.").render
    # Persian writes ۷ (CLDR's default numbering there); Arabic, in CLDR, 7.
    assert [render(n=7, language=code) for code in ("fa", "ar", "kk")] == ["۷.", "7.", "7."]
