"""The partner directory in headless Chromium: filters, folded search, count, anchors, no-JS
view and print view. Every test checks that nothing was requested off this machine."""

from __future__ import annotations

import pytest
from conftest import REPO, yaml_data
from ngo_handbook.interface_strings import interface_strings

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("big-directory")]

ORGANISATIONS = yaml_data((REPO / "data" / "partners.yml").read_text(encoding="utf-8"))[
    "organisations"
]
TOTAL = len(ORGANISATIONS)


def in_areas(*areas: str) -> int:
    """How many of the sample's organisations work in any of `areas`."""
    return sum(1 for organisation in ORGANISATIONS if set(areas) & set(organisation["areas"]))


def open_directory(page, site_url: str, language: str = "en", fragment: str = ""):
    prefix = "" if language == "en" else f"{language}/"
    page.goto(f"{site_url}{prefix}partners/{fragment}")
    page.wait_for_selector(".hb-partners-filters:not([hidden])")


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        ".hb-partners-org:not([hidden])",
        "elements => elements.map(e => e.id.slice(4))",
    )


def type_query(page, text: str) -> None:
    box = page.locator("#hb-partners-query")
    box.fill("")
    box.press_sequentially(text)


def count_text(page) -> str:
    return page.inner_text(".hb-partners-count")


def test_filter_by_city(page, site_url):
    open_directory(page, site_url)
    assert count_text(page) == f"{TOTAL} organisations"
    page.select_option("#hb-partners-city", "oral")
    in_oral = sorted(o["id"] for o in ORGANISATIONS if o["city"] == "oral")
    assert len(in_oral) > 1
    assert sorted(visible_ids(page)) == in_oral
    assert count_text(page) == f"{len(in_oral)} of {TOTAL} organisations match"
    assert page.outside_requests == []
    assert page.console_errors == []


def test_filter_by_focus_area_and_reset(page, site_url):
    open_directory(page, site_url, "kk")
    page.check("input[name=area][value=disability]")
    disability = in_areas("disability")
    assert len(visible_ids(page)) == disability
    assert count_text(page) == f"{TOTAL} ұйымның ішінен {disability} ұйым сәйкес келеді"
    ticked = interface_strings("partners", "kk")["areas_ticked"].format(count=1)
    assert page.inner_text(".hb-partners-ticked") == f"({ticked})"
    # Two areas: organisations in either.
    page.check("input[name=area][value=women]")
    either = in_areas("disability", "women")
    assert either > disability
    assert len(visible_ids(page)) == either
    page.click(".hb-partners-reset")
    # The form's reset event fires before the controls clear, so the list follows a moment later.
    page.wait_for_function(f"document.querySelectorAll('.hb-partners-org').length === {TOTAL}")
    assert count_text(page) == f"Барлығы {TOTAL} ұйым"
    assert page.outside_requests == []
    assert page.console_errors == []


def test_kazakh_query_without_kazakh_letters(page, site_url):
    open_directory(page, site_url, "kk")
    type_query(page, "Казакстан")
    shown = visible_ids(page)
    # Names with "Қазақстан", and organisations in East, North and West Kazakhstan regions.
    for expected in (
        "kazakhstan-bolashak-zhastary",
        "takeda-kazakhstan",
        "red-crescent-kazakhstan",
        "east-kazakhstan-youth-children-association-semey",
        "nurly-zhurekter",
        "rukhani-urpaq",
        "batys-qamqor",
    ):
        assert expected in shown
    assert "komek" not in shown
    matching = interface_strings("partners", "kk")["count_some"]
    assert count_text(page) == matching.format(count=len(shown), total=TOTAL)
    # Two words must both match: a name word and a city.
    type_query(page, "казакстан алматы")
    assert sorted(visible_ids(page)) == ["red-crescent-kazakhstan", "takeda-kazakhstan"]
    assert page.outside_requests == []


@pytest.mark.parametrize("query", ["KIZILORDA", "kızılorda", "Kızılorda", "KİZİLORDA"])
def test_turkish_dotted_and_dotless_i(page, site_url, query):
    open_directory(page, site_url, "tr")
    type_query(page, query)
    assert sorted(visible_ids(page)) == [
        "kyzylorda-volunteers",
        "sana-youth-school",
        "zhyly-zhurek-zhastar",
    ]
    assert count_text(page) == f"{TOTAL} kuruluştan 3 tanesi aramanıza uyuyor"
    assert page.outside_requests == []


def test_turkish_capital_dotted_i_in_a_name(page, site_url):
    open_directory(page, site_url, "tr")
    type_query(page, "İSTOK")
    assert visible_ids(page) == ["istok-semey"]
    type_query(page, "ıstok")
    assert visible_ids(page) == ["istok-semey"]
    assert page.outside_requests == []


def test_arabic_query_ignores_diacritics_and_tatweel(page, site_url):
    open_directory(page, site_url, "ar")
    type_query(page, "الشباب")
    plain = visible_ids(page)
    assert "aktau-zhastary" in plain
    type_query(page, "الشَّبـــاب")
    assert visible_ids(page) == plain
    type_query(page, "لا شيء يطابق هذا")
    assert visible_ids(page) == []
    assert count_text(page).startswith("لا توجد منظمة مطابقة")
    assert page.outside_requests == []


def test_anchor_link_shows_and_highlights_the_entry(page, site_url, artifacts):
    open_directory(page, site_url, "en", "#org-komek")
    entry = page.locator("#org-komek")
    assert page.evaluate("document.querySelector(':target').id") == "org-komek"
    shadow = entry.evaluate("element => getComputedStyle(element).boxShadow")
    assert shadow != "none"
    box = entry.locator("h2").bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    page.screenshot(path=str(artifacts / "partners-anchor.png"))
    assert page.outside_requests == []


def test_count_is_announced_politely(page, site_url):
    open_directory(page, site_url)
    count = page.locator(".hb-partners-count")
    assert count.get_attribute("aria-live") == "polite"
    assert count.get_attribute("role") == "status"
    for control in ("#hb-partners-query", "#hb-partners-city"):
        assert page.locator(f"label[for={control[1:]}]").count() == 1
    assert page.outside_requests == []


def test_without_javascript_the_full_list_shows(page_without_javascript, site_url):
    page = page_without_javascript
    page.goto(f"{site_url}partners/")
    assert page.locator(".hb-partners-org:visible").count() == TOTAL
    assert not page.locator(".hb-partners-filters").is_visible()
    assert page.inner_text(".hb-partners-count") == f"{TOTAL} organisations"
    assert page.outside_requests == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_phone_screenshot(page, site_url, artifacts, language):
    page.set_viewport_size({"width": 390, "height": 900})
    open_directory(page, site_url, language)
    # On a phone the focus areas wait behind their heading.
    assert not page.locator("input[name=area]").first.is_visible()
    page.click(".hb-partners-areas-filter summary")
    assert page.locator("input[name=area]").first.is_visible()
    page.screenshot(path=str(artifacts / f"partners-phone-{language}.png"))
    assert page.outside_requests == []


def test_print_view_is_a_plain_list(page, site_url, artifacts):
    open_directory(page, site_url)
    page.emulate_media(media="print")
    assert not page.locator(".hb-partners-filters").is_visible()
    assert not page.locator(".hb-partners-download").is_visible()
    assert page.locator(".hb-partners-org:visible").count() == TOTAL
    after = page.evaluate(
        "getComputedStyle(document.querySelector('a.hb-partners-external'), '::after').content"
    )
    assert "https://" in after
    page.screenshot(path=str(artifacts / "partners-print.png"))
    pdf = page.pdf(format="A4")
    (artifacts / "partners.pdf").write_bytes(pdf)
    assert page.outside_requests == []


def test_an_address_on_paper_reads_left_to_right_on_a_right_to_left_page(page, site_url):
    """On screen the arrow of an outside link is turned to point the way Arabic runs; on
    paper the address replaces it, unturned, and reads left to right."""
    open_directory(page, site_url, "ar")
    style = "getComputedStyle(document.querySelector('a.hb-partners-external'), '::after')"
    assert page.evaluate(f"{style}.transform") != "none"
    page.emulate_media(media="print")
    after = page.evaluate(
        f"({{content: {style}.content, transform: {style}.transform, "
        f"direction: {style}.direction}})"
    )
    assert "https://" in after["content"]
    assert after["transform"] == "none" and after["direction"] == "ltr", after
