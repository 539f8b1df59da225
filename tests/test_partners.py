"""The partner directory as built: the page in every language, the CSV downloads, the search
folding. Mistakes in data/partners.yml are golden cases in tests/cases/data_errors.yml."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import LANGUAGES, REPO, yaml_data
from ngo_handbook.partner_directory.folding import fold
from ngo_handbook.partner_directory.output import spreadsheet_safe
from ngo_handbook.partner_directory.view import link_label

ORGANISATIONS = len(
    yaml_data((REPO / "data" / "partners.yml").read_text(encoding="utf-8"))["organisations"]
)
PAGE = {lang: ("" if lang == "en" else f"{lang}/") + "partners/index.html" for lang in LANGUAGES}
CSV = {lang: ("" if lang == "en" else f"{lang}/") + "partners/partners.csv" for lang in LANGUAGES}

# Labels that must appear translated on each page (title, search label, city label).
LABELS = {
    "en": ("Partner organisations", "Search by name, city or area", "All cities"),
    "tr": ("Ortak kuruluşlar", "Ad, şehir veya alana göre ara", "Tüm şehirler"),
    "ar": ("المنظمات الشريكة", "ابحث بالاسم أو المدينة أو المجال", "كل المدن"),
    "kk": ("Серіктес ұйымдар", "Атауы, қаласы немесе бағыты бойынша іздеу", "Барлық қалалар"),
}
CSV_HEADERS = {
    "en": [
        "Id",
        "Name",
        "Name in English",
        "City",
        "Region",
        "Focus areas",
        "Website",
        "Social media and other links",
        "E-mail",
        "Phone",
        "Address",
        "Entry in the handbook",
    ],
    "kk": [
        "Идентификатор",
        "Атауы",
        "Атауының аудармасы",
        "Қала",
        "Облыс",
        "Қызмет бағыттары",
        "Сайт",
        "Әлеуметтік желілер және басқа сілтемелер",
        "Электрондық пошта",
        "Телефон",
        "Мекенжайы",
        "Анықтамалықтағы жазбасы",
    ],
}


def read_page(site: Path, language: str) -> str:
    return (site / PAGE[language]).read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_lists_every_organisation_with_translated_labels(built_site: Path, language: str):
    html = read_page(built_site, language)
    entries = re.findall(r'<li class="hb-partners-org"[^>]*>', html)
    assert len(entries) == ORGANISATIONS
    anchors = re.findall(r'<li class="hb-partners-org" id="(org-[a-z0-9-]+)"', html)
    assert len(set(anchors)) == ORGANISATIONS
    for label in LABELS[language]:
        assert label in html, label
    if language == "kk":
        # A name from the source list in straight quotes reads in Kazakh quotation marks.
        assert "<bdi>«Біз біргеміз» волонтерлік тобы</bdi>" in html
    # Without JavaScript the filters stay hidden and the whole list shows.
    assert re.search(r'<form class="hb-partners-filters"[^>]*\bhidden\b', html)
    assert re.search(r'<p class="hb-partners-count" role="status" aria-live="polite">', html)
    assert "partners/partners.csv" not in html and 'href="partners.csv"' in html
    # The page's edit link opens the YAML file, not a Markdown page.
    assert "edit/main/data/partners.yml" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_short_directory_has_every_entry_in_its_page_and_its_whole_list(
    built_site: Path, language: str
):
    """The sample's 78 fit in the page: no JSON file to fetch; the whole list is one page."""
    html = read_page(built_site, language)
    assert "data-entries" not in html and "hb-partners-first-part" not in html
    folder = (built_site / PAGE[language]).parent
    assert not list(folder.glob("partners.*.json"))
    assert re.search(r'<p class="hb-partners-full-link"><a href="all/">[^<]+</a></p>', html)
    whole = (folder / "all" / "index.html").read_text(encoding="utf-8")
    in_page = re.findall(r'<li class="hb-partners-org" id="(org-[a-z0-9-]+)"', html)
    assert re.findall(r'<li class="hb-partners-org" id="(org-[a-z0-9-]+)"', whole) == in_page
    assert "hb-partners-parts" not in whole  # one page: nothing to move between
    assert '<a href="../">' in whole  # back to the directory


def test_entries_show_city_region_and_areas_in_the_page_language(built_site: Path):
    kk = read_page(built_site, "kk")
    entry = kk[kk.index('id="org-komek"') :].split("</li>", 1)[0]
    assert "Алматы · Алматы қаласы" in entry
    assert "Қайырымдылық" in entry and "Волонтерлік орталықтар мен топтар" in entry
    ar = read_page(built_site, "ar")
    entry = ar[ar.index('id="org-komek"') :].split("</li>", 1)[0]
    assert "حركة «كوميك» (المساعدة) التطوعية" in entry
    assert "ألماتي · مدينة ألماتي" in entry


def test_links_open_safely_and_are_marked_external(built_site: Path):
    html = read_page(built_site, "en")
    links = re.findall(r'<a class="hb-partners-external" href="([^"]+)" rel="([^"]+)"', html)
    assert len(links) >= 20
    for url, rel in links:
        assert url.startswith(("https://", "http://")), url
        assert rel == "noopener noreferrer"
    assert html.count('<span class="hb-partners-sr"> (external site)</span>') == len(links)
    assert 'href="https://www.instagram.com/komek_charity/"' in html


def test_no_private_names_phones_or_emails_reach_the_site(built_site: Path):
    """The source lists heads of organisations with mobile numbers and e-mail addresses."""
    for language in LANGUAGES:
        html = read_page(built_site, language)
        body = html[html.index("data-hb-partners") :]
        assert not re.search(r"\+7\s?\d{3}|8\s?7\d{2}\s?\d{3}", body)
        assert "@mail.ru" not in body and "@gmail.com" not in body
        for private in ("Жақсыкельдинов", "Доспекова", "Базильжанов", "oksana.volkovamixalskya"):
            assert private not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_csv_download_has_every_organisation_and_translated_headers(built_site: Path, language):
    raw = (built_site / CSV[language]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read UTF-8"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == ORGANISATIONS
    assert len(header) == 12
    if language in CSV_HEADERS:
        assert header == CSV_HEADERS[language]
    by_id = {row[0]: row for row in body}
    komek = by_id["komek"]
    assert komek[1] == "«Көмек» волонтерлік қозғалысы"
    prefix = "" if language == "en" else f"{language}/"
    assert komek[-1] == f"https://handbook.example.org/{prefix}partners/#org-komek"
    assert komek[7] == "https://www.instagram.com/komek_charity/"


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+7 701", "-2", "@SUM(A1)", "\tx", "\rx", " =1+1", "\n=1+1", ";=1+1", " ;\n@x"],
)
def test_a_cell_that_a_spreadsheet_would_run_is_guarded(cell: str):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Almaty", "a=b", "", " plain", "1-2"])
def test_an_ordinary_cell_is_left_alone(cell: str):
    assert spreadsheet_safe(cell) == cell


def test_csv_cells_never_start_a_formula(built_site: Path):
    rows = list(csv.reader(io.StringIO((built_site / CSV["en"]).read_text("utf-8-sig"))))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


@pytest.mark.parametrize(
    "text, folded",
    [
        ("İSTANBUL", "istanbul"),
        ("ıSPARTA", "isparta"),
        ("Қазақстан", "казакстан"),
        ("Әлеуметтік ұйым Өскемен", "алеуметтик уиым оскемен"),
        ("Ғылым, һәм Ңң Үү", "гылым хам нн уу"),
        ("الشَّبـــاب", "الشباب"),
        ("مُؤسَّسة «أوميت جولي»", "موسسه اوميت جولي"),
        ("«Дос.kz»  Volunteer-Club", "дос kz volunteer club"),
    ],
)
def test_fold(text: str, folded: str):
    assert fold(text) == folded


def test_link_labels():
    assert link_label("https://www.instagram.com/komek_charity/") == "Instagram"
    assert link_label("https://web.facebook.com/KZOvol/") == "Facebook"
    assert link_label("https://t.me/adalvolunteerclub") == "Telegram"
    assert link_label("http://volunteer.kz/") == "volunteer.kz"
