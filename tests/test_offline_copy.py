"""The offline copy (`ngo-handbook build --offline`): handbook-offline.zip in the site, linked
from every footer with its size, opened unzipped from file:// in headless Chromium with no
server and no network: the language switcher, search in Kazakh, the self-assessment, a form
and a checklist."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from ngo_handbook.interface_strings import interface_strings
from ngo_handbook.offline_copy import FOLDER, ZIP_NAME, size_text

LANGUAGES = {"en": "", "tr": "tr/", "ar": "ar/", "kk": "kk/"}
FOLDER_LINK = re.compile(r'href="(?![a-z]+:|/|#)[^"?#]*/(?:[?#][^"]*)?"')


def test_zip_is_in_the_site_and_every_footer_links_it_with_its_size(built_site: Path) -> None:
    archive = built_site / ZIP_NAME
    size = archive.stat().st_size
    for language, prefix in LANGUAGES.items():
        html = (built_site / prefix / "safety" / "index.html").read_text(encoding="utf-8")
        text = interface_strings("offline", language)["copy"].replace(
            "{size}", size_text(size, language)
        )
        up = "../" * (2 if prefix else 1)
        assert f'href="{up}{ZIP_NAME}" download>{text}</a>' in html
    assert size_text(size, "kk").endswith("MБ") and size_text(size, "en").endswith("MB")

    with zipfile.ZipFile(archive) as copy:
        names = set(copy.namelist())
        assert {f"{FOLDER}/index.html", f"{FOLDER}/kk/search/search_index.js"} <= names
        assert f"{FOLDER}/sw.js" not in names and f"{FOLDER}/{ZIP_NAME}" not in names
        page = copy.read(f"{FOLDER}/kk/safety/index.html").decode("utf-8")
    assert ZIP_NAME not in page
    assert FOLDER_LINK.findall(page) == []  # every folder link ends in index.html
    assert 'href="../../tr/safety/index.html"' in page


@pytest.mark.browser
def test_unzipped_copy_works_from_file_with_no_network(built_site, page, tmp_path, artifacts):
    with zipfile.ZipFile(built_site / ZIP_NAME) as copy:
        copy.extractall(tmp_path)
    home = (tmp_path / FOLDER / "index.html").as_uri()
    tab = page
    requests, errors = [], []
    tab.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("file:", "data:", "blob:", "about:"))
            else requests.append(r.url)
        ),
    )
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(home)
        # To Kazakh with the language switcher, then search a Kazakh word.
        with tab.expect_navigation():
            tab.locator('a.md-select__link[hreflang="kk"]').evaluate("link => link.click()")
        assert tab.url.endswith("/kk/index.html")
        box = tab.locator("input.md-search__input")
        box.click()
        box.fill("қауіпсіздік")
        box.press("End")
        results = tab.locator(".md-search-result__item > a")
        results.first.wait_for()
        assert results.count() >= 5
        tab.screenshot(path=str(artifacts / "offline-copy-kk-search.png"))
        with tab.expect_navigation():
            results.first.click()
        assert re.search(r"/kk/.+/index\.html\?h=", tab.url), tab.url
        assert "қауіпсіздік" in tab.locator("article").inner_text().lower()

        # The self-assessment, opened from the home page's menu: answered, results shown.
        tab.go_back()
        with tab.expect_navigation():
            tab.locator('.md-nav a[href$="self-assessment/index.html"]').first.click()
        tab.click('[data-mode="all"]')
        for question in tab.locator(".hb-sa-question").all():
            question.locator("input[type=radio]").first.check()
        tab.click('[data-action="results"]')
        assert tab.locator("[data-hb-sa-result] .hb-sa-result-area").count() >= 5
        title = interface_strings("self_assessment", "kk")["open_guidance"]
        assert tab.locator(".hb-sa-guidance-link", has_text=title).count() >= 5
        tab.screenshot(path=str(artifacts / "offline-copy-kk-self-assessment.png"), full_page=False)
        with tab.expect_navigation():
            tab.locator(".hb-sa-guidance-link").first.click()
        assert tab.url.endswith("/index.html"), tab.url

        # A form and a checklist keep what is typed and ticked.
        forms = (tmp_path / FOLDER / "kk" / "forms" / "application" / "index.html").as_uri()
        tab.goto(forms)
        tab.fill("#hb-application-full-name", "Айгерім")
        tab.goto((tmp_path / FOLDER / "kk" / "orientation" / "index.html").as_uri())
        tab.locator("input[data-hb-item]").first.check()
        tab.reload()
        assert tab.locator("input[data-hb-item]").first.is_checked()
        tab.goto(forms)
        assert tab.input_value("#hb-application-full-name") == "Айгерім"
    finally:
        # What the copy kept on this device (the storage of every file:// page) goes.
        tab.goto(home)
        tab.evaluate("localStorage.clear(); sessionStorage.clear()")
    assert requests == [] and errors == []
