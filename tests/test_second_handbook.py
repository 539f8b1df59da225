"""A second handbook, unlike the sample: a food bank's guide in French (the default),
English, Persian and Kyrgyz, with only some of the data files.

Kyrgyz is shipped by neither Material nor the generator: the handbook brings its own
interface strings (data/strings/ky.yml) and Material's (overrides/partials/languages/ky.html).
No page has a title in its front matter: menus take each page's heading.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, BuildResult, run_build
from ngo_handbook.languages import direction
from ngo_handbook.pdf.server import serve_folder

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = pytest.mark.xdist_group("food-bank")

FOOD_BANK = REPO / "tests" / "handbooks" / "food-bank"
LANGUAGES = ("fr", "en", "fa", "ky")
DEFAULT = "fr"
PAGES = (
    "",
    "shifts-and-hygiene/",
    "leaving/",
    "safety/",
    "self-assessment/",
    "forms/",
    "forms/registration/",
)
GENERATED = ("safety/", "self-assessment/", "forms/", "forms/registration/")
HEADINGS = {
    "fr": ("Bienvenue dans l'équipe", "Créneaux et hygiène", "Quitter le programme"),
    "en": ("Welcome to the team", "Shifts and hygiene", "Leaving the programme"),
    "fa": ("به گروه خوش آمدید", "نوبت‌های کاری و بهداشت", "کناره‌گیری از برنامه"),
    "ky": ("Топко кош келиңиз", "Кезектер жана гигиена", "Программадан чыгуу"),
}
ENGLISH_LABELS = ("Print", "Reset", "Download blank PDF", "Signature", "Full name")
SAME_IN = {"fr": {"Signature"}}
"""Labels spelt the same in English and in the language."""


@pytest.fixture(scope="module")
def food_bank(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The food bank's handbook, built once with --strict."""
    project = tmp_path_factory.mktemp("food-bank") / "food-bank"
    shutil.copytree(FOOD_BANK, project)
    return run_build(project, strict=True)


@pytest.fixture(scope="module")
def site(food_bank: BuildResult) -> Path:
    assert food_bank.ok, food_bank.output
    return food_bank.site


def read(site: Path, language: str, page: str) -> str:
    prefix = "" if language == DEFAULT else f"{language}/"
    return (site / prefix / page / "index.html").read_text(encoding="utf-8")


def test_builds_strictly_without_warnings(food_bank: BuildResult) -> None:
    assert food_bank.ok, food_bank.output
    assert "WARNING" not in food_bank.output, food_bank.output


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_and_direction_of_every_page(site: Path, language: str) -> None:
    for page in PAGES:
        text = read(site, language, page)
        assert f'<html lang="{language}"' in text, (language, page)
        assert f'<body dir="{direction(language)}"' in text, (language, page)
    assert direction("fa") == "rtl"


def menu_titles(page_html: str) -> list[str]:
    """The titles of the primary navigation's links, as a reader sees them."""
    nav = page_html[page_html.index("md-sidebar--primary") :]
    nav = nav[: nav.index("md-sidebar--secondary")]
    return [
        html.unescape(" ".join(title.split()))
        for title in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_menus_show_the_pages_headings(site: Path, language: str) -> None:
    titles = menu_titles(read(site, language, "safety/"))
    for heading in HEADINGS[language]:
        assert heading in titles, (language, titles)
    for file_name_title in ("Index", "Home", "Leaving", "Shifts and hygiene"):
        if file_name_title not in HEADINGS[language]:
            assert file_name_title not in titles, (language, titles)
    heading = HEADINGS[language][1]
    title = read(site, language, "shifts-and-hygiene/").split("<title>")[1].split("</title>")[0]
    assert html.unescape(title).startswith(heading)


def test_search_index_has_the_headings_titles(site: Path) -> None:
    index = (site / "ky" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Программадан чыгуу" in index


@pytest.mark.parametrize("language", ("fr", "fa", "ky"))
def test_no_english_interface_label(site: Path, language: str) -> None:
    for page in GENERATED:
        text = read(site, language, page)
        visible = re.sub(r"<script\b.*?</script>", "", text, flags=re.S)
        for label in ENGLISH_LABELS:
            if label in SAME_IN.get(language, set()):
                continue
            assert not re.search(rf"[>\"]\s*{re.escape(label)}\s*[<\"]", visible), (
                language,
                page,
                label,
            )


def test_handbook_stylesheet_comes_after_the_generators(site: Path) -> None:
    text = read(site, "fa", "")
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    own = next(i for i, href in enumerate(links) if href.endswith("food-bank.css"))
    package = next(i for i, href in enumerate(links) if "/ngo-handbook/" in href)
    assert package < own, links


def test_optional_data_files_make_no_pages(site: Path) -> None:
    for page in ("orientation", "rights-and-duties", "partners"):
        assert not (site / page).exists()


@pytest.mark.parametrize("width", (390, 1280))
def test_persian_pages_screenshots(site: Path, page, artifacts: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    with serve_folder(site) as url:
        for name, path in (
            ("home", "fa/"),
            ("safety", "fa/safety/"),
            ("self-assessment", "fa/self-assessment/"),
            ("form", "fa/forms/registration/"),
        ):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            # Nothing sticks out sideways on a phone.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (name, width, overflow)
            page.screenshot(
                path=str(artifacts / f"food-bank-fa-{name}-{width}.png"), full_page=True
            )
    assert page.outside_requests == []
    assert page.console_errors == []


def test_translation_status_counts_in_the_pages_digits(site: Path) -> None:
    """The staff's status page counts in the digits of its own language, as its dates do."""
    counts = {
        language: re.findall(r"<td>([^<]*)</td>", read(site, language, "translation-status/"))
        for language in ("fa", "fr")
    }
    assert counts["fa"] and all(re.fullmatch("[۰-۹]+", count) for count in counts["fa"])
    assert counts["fr"] and all(re.fullmatch("[0-9]+", count) for count in counts["fr"])


def test_numbered_lists_count_in_the_languages_digits(site: Path, page) -> None:
    """A numbered list counts ۱. ۲. ۳. on a Persian page, 1. 2. 3. on a French one, on the
    screen and on paper: the Persian page's own list, and on each page one added to it."""
    add = "document.querySelector('article').insertAdjacentHTML('beforeend', '<ol><li>x</ol>')"
    styles = (
        "[...document.querySelectorAll('article ol')].map(ol => getComputedStyle(ol).listStyleType)"
    )
    found = {}
    with serve_folder(site) as url:
        for language, prefix in (("fa", "fa/"), ("fr", "")):
            page.goto(url + prefix + "shifts-and-hygiene/")
            page.evaluate(add)
            page.emulate_media(media="print")
            found[language] = {"print": page.evaluate(styles)}
            page.emulate_media(media="screen")
            found[language]["screen"] = page.evaluate(styles)
    assert found == {
        "fa": {"print": ["persian", "persian"], "screen": ["persian", "persian"]},
        "fr": {"print": ["decimal"], "screen": ["decimal"]},
    }
    assert page.console_errors == []


def test_persian_numbers_are_written_in_persian_digits(site: Path, page) -> None:
    # Persian writes ۱۲۳ (CLDR's default numbering for fa): question and item numbers,
    # counts in the intro and the result's headings, never 123 beside ۱۲۳.
    persian_number = re.compile("^[۰-۹]+\\.$")
    form = read(site, "fa", "forms/registration/")
    numbers = re.findall(r'<span class="hb-form-number">([^<]*)</span>', form)
    assert numbers and all(persian_number.match(n) for n in numbers), numbers
    with serve_folder(site) as url:
        page.goto(url + "fa/self-assessment/")
        legends = page.eval_on_selector_all(
            ".hb-sa-question .hb-sa-number", "spans => spans.map(s => s.textContent)"
        )
        assert legends == ["۱.", "۲."]
        page.evaluate(
            """() => {
              document.querySelectorAll(".hb-sa-question").forEach(fieldset => {
                fieldset.querySelector("input[type=radio]").checked = true;
              });
              document.querySelector("[data-hb-sa-form]").dispatchEvent(new Event("change"));
            }"""
        )
        page.click('[data-hb-sa-form] [data-action="results"]')
        headings = page.eval_on_selector_all(
            ".hb-sa-result-question h4", "h => h.map(e => e.textContent)"
        )
    assert [heading.split(" ")[0] for heading in headings] == ["۱.", "۲."], headings
    assert page.console_errors == []
