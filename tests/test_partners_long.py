"""A long partner directory: its page holds the first part of the list, the whole list is on
plain pages, the script filters every entry by the JSON file beside the page and shows
those past the first part from the whole list's pages, the CSV is the same as for a short
one.

One build of a sample copy with 250 organisations, the directory's parts made small (20
entries in the page, 100 on each page of the whole list), so that it behaves as the
benchmark's 10,000 do at a fraction of the cost.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, big_directory, copy_sources, run_build, serve_folder, yaml_data
from ngo_handbook.interface_strings import interface_strings
from ngo_handbook.partner_directory import entries

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = pytest.mark.xdist_group("long-directory")

TOTAL = 250
FIRST_PART = 20
FULL_LIST_PART = 100
SHOWN = 100  # PAGE in partner_directory.js: matches in the list at a time
MARKUP = 150  # the entry named with markup, past the first part
MARKUP_NAME = '<img src=x onerror="document.title=1"> & «Quote» 7'

SAMPLE = yaml_data((REPO / "data" / "partners.yml").read_text("utf-8"))["organisations"]
# big_directory's ids and cities: the sample's organisations again and again, numbered.
IDS = [f"{SAMPLE[n % len(SAMPLE)]['id']}-{n // len(SAMPLE) + 1}" for n in range(TOTAL)]
CITIES = [SAMPLE[n % len(SAMPLE)]["city"] for n in range(TOTAL)]


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Path:
    project = copy_sources(tmp_path_factory.mktemp("long-directory"))
    partners = project / "data" / "partners.yml"
    data = yaml.safe_load(big_directory(partners, TOTAL))
    data["organisations"][MARKUP]["name"] = MARKUP_NAME
    partners.write_text(
        yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entries, "FIRST_PART", FIRST_PART)
        patch.setattr(entries, "FULL_LIST_PART", FULL_LIST_PART)
        result = run_build(project, strict=False)
    assert result.ok, result.output
    return result.site


@pytest.fixture(scope="module")
def long_url(long_site: Path):
    with serve_folder(long_site) as url:
        yield url


def ids_in(html: str) -> list[str]:
    return re.findall(r'<li class="hb-partners-org" id="org-([^"]+)"', html)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_page_holds_the_first_part_and_the_json_file_every_entry(long_site, language):
    folder = long_site / ("" if language == "en" else f"{language}/") / "partners"
    html = (folder / "index.html").read_text("utf-8")
    assert ids_in(html) == IDS[:FIRST_PART]
    # Without the script: the count of the whole directory, a note, the link to the whole list.
    count_all = interface_strings("partners", language)["count_all"]
    assert f">{count_all.format(count=TOTAL, total=TOTAL)}<" in html
    assert '<p class="hb-partners-first-part" data-search-exclude>' in html
    assert html.count('href="all/"') == 2
    name = re.search(r'data-entries="(partners\.[0-9a-f]{12}\.json)"', html)
    assert name, "the page names its JSON file"
    assert [path.name for path in folder.glob("*.json")] == [name[1]]
    data = json.loads((folder / name[1]).read_text("utf-8"))
    records = data["entries"]
    assert [record[0] for record in records] == [f"org-{id_}" for id_ in IDS]
    assert [record[1] for record in records] == CITIES
    # Each record: anchor, city, areas, search key. The file names the pages of the whole
    # list, which hold each entry's HTML as the page has it but for the data attributes
    # (the record holds them).
    assert data["parts"] == ["all/", "all-2/", "all-3/"]
    anchor, city, areas, key = records[0]
    start = html.index(f'<li class="hb-partners-org" id="{anchor}"')
    in_page = html[start : html.index("</li>", start) + len("</li>")]
    listed = (folder / "all" / "index.html").read_text("utf-8")
    start = listed.index(f'<li class="hb-partners-org" id="{anchor}"')
    in_list = listed[start : listed.index("</li>", start) + len("</li>")]
    attributes = f' data-city="{city}" data-areas="{areas}" data-key="{key}"'
    assert attributes in in_page and in_page.replace(attributes, "") == in_list
    # A name with markup is text in the whole list's HTML.
    marked = (folder / "all-2" / "index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=&#34;document.title=1&#34;&gt; &amp; «Quote» 7" in marked
    assert "<img src=x" not in marked


def test_the_whole_list_has_every_entry_on_plain_pages(long_site):
    listed = []
    for number, folder in enumerate(["all", "all-2", "all-3"]):
        html = (long_site / "partners" / folder / "index.html").read_text("utf-8")
        listed += ids_in(html)
        part = f"{number * 100 + 1}–{min(TOTAL, number * 100 + 100)}"
        assert f'<a aria-current="page">{part}</a>' in html
        assert "data-hb-slot" not in html
        assert "data-hb-partners" not in html  # no filters: nothing for the script to do
    assert listed == IDS
    assert not (long_site / "partners" / "all-4").exists()
    kazakh = (long_site / "kk" / "partners" / "all-3" / "index.html").read_text("utf-8")
    assert ids_in(kazakh) == IDS[200:]
    assert "Серіктес ұйымдар: толық тізім (201–250)" in kazakh
    # Out of the site's search and its sitemap: the directory page stands for them.
    assert "partners/all" not in (long_site / "search" / "search_index.json").read_text("utf-8")
    assert "partners/all" not in (long_site / "sitemap.xml").read_text("utf-8")


def test_the_whole_list_names_its_pages_in_the_language_s_digits():
    # The numbers of a page's entries as the directory's counts write them.
    part = entries.full_list_parts(10_000)[2]
    assert [part.label(language) for language in ("en", "kk", "fa")] == [
        "1,001–1,500",
        "1\xa0001–1\xa0500",
        "۱٬۰۰۱–۱٬۵۰۰",
    ]


def test_the_csv_lists_every_entry_as_for_a_short_directory(long_site):
    text = (long_site / "partners" / "partners.csv").read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[0] for row in rows[1:]] == IDS
    assert rows[1 + MARKUP][1] == MARKUP_NAME
    assert rows[-1][-1] == f"https://handbook.example.org/partners/#org-{IDS[-1]}"


def open_directory(page, url: str, fragment: str = "") -> None:
    """Open the directory and wait until the script has read both its files."""
    page.goto(f"{url}partners/{fragment}")
    page.wait_for_selector(".hb-partners--complete")


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all(".hb-partners-org", "all => all.map(e => e.id.slice(4))")


def follow(page, link: str) -> None:
    """Clicks a link and waits until the page it leads to has loaded: a long list is
    read while it arrives, and a list read before then is cut short."""
    with page.expect_navigation():
        page.click(link)


def count_text(page) -> str:
    return page.inner_text(".hb-partners-count")


@pytest.mark.browser
def test_filtering_finds_entries_past_the_first_part(page, long_url, artifacts):
    open_directory(page, long_url)
    assert shown_ids(page) == IDS[:SHOWN]
    assert count_text(page) == f"{TOTAL} organisations"
    assert not page.locator(".hb-partners-first-part").is_visible()
    page.locator("#hb-partners-query").press_sequentially("onerror")
    assert shown_ids(page) == [IDS[MARKUP]]
    assert page.inner_text(".hb-partners-org h2 bdi") == MARKUP_NAME
    assert page.locator(".hb-partners-list img").count() == 0
    assert page.title() != "1"
    # A city: its entries from the whole directory.
    page.locator("#hb-partners-query").fill("")
    page.select_option("#hb-partners-city", "oral")
    in_oral = [id_ for id_, city in zip(IDS, CITIES, strict=True) if city == "oral"]
    assert shown_ids(page) == in_oral
    assert count_text(page) == f"{len(in_oral)} of {TOTAL} organisations match"
    page.screenshot(path=str(artifacts / "partners-long-filtered.png"))
    assert page.outside_requests == []
    assert page.console_errors == []


@pytest.mark.browser
def test_a_page_of_the_whole_list_that_cannot_be_read_leaves_the_others(page, long_site, tmp_path):
    # The second page of the whole list cannot be read (gone from the host, say): the
    # entries of the others are shown, and the note with its link to the whole list comes
    # back.
    site = tmp_path / "site"
    shutil.copytree(long_site, site)
    shutil.rmtree(site / "partners" / "all-2")
    with serve_folder(site) as url:
        open_directory(page, url)
        assert page.locator(".hb-partners-first-part").is_visible()
        page.select_option("#hb-partners-city", "oral")
        shown = shown_ids(page)
    in_oral = [id_ for id_, city in zip(IDS, CITIES, strict=True) if city == "oral"]
    readable = [id_ for number, id_ in enumerate(IDS) if not 100 <= number < 200]
    assert shown == [id_ for id_ in in_oral if id_ in readable]
    assert len(shown) < len(in_oral)


@pytest.mark.browser
def test_a_long_directory_shows_a_hundred_at_a_time(page, long_url, artifacts):
    open_directory(page, long_url)
    more = page.locator(".hb-partners-more button")
    assert more.inner_text() == interface_strings("partners", "en")["show_more"].format(
        count=TOTAL - SHOWN
    )
    more.click()
    shown = shown_ids(page)
    assert shown == IDS[: 2 * SHOWN]
    # The keyboard focus moves to the first of the entries just shown.
    assert page.evaluate("document.activeElement.id") == f"org-{shown[SHOWN]}"
    # The rest with the keyboard: the list is still being laid out around the focused
    # entry (`content-visibility`), so the button may move while a pointer aims at it.
    more.press("Enter")
    assert shown_ids(page) == IDS
    assert not more.is_visible()
    # A new query starts again from its first hundred matches.
    page.locator("#hb-partners-query").press_sequentially("youth")
    matches = page.evaluate("document.querySelector('[data-hb-partners]').hbFilter()")
    assert matches > SHOWN and len(shown_ids(page)) == SHOWN
    assert count_text(page) == f"{matches} of {TOTAL} organisations match"
    page.screenshot(path=str(artifacts / "partners-long-list.png"), full_page=False)
    assert page.outside_requests == []
    assert page.console_errors == []


@pytest.mark.browser
def test_a_link_opens_an_entry_past_the_first_part(page, long_url):
    last = IDS[-1]  # not in the page's HTML, not among the first hundred shown
    open_directory(page, long_url, f"#org-{last}")
    entry = page.locator(f"#org-{last}")
    assert entry.is_visible()
    box = entry.locator("h2").bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert entry.evaluate("element => getComputedStyle(element).boxShadow") != "none"
    assert len(shown_ids(page)) == SHOWN + 1
    # Following a link to another entry from the page itself.
    page.evaluate(f"location.hash = '#org-{IDS[180]}'")
    page.wait_for_function(f"document.querySelector('#org-{IDS[180]}') !== null")
    assert page.locator(f"#org-{IDS[180]}").is_visible()
    assert not page.locator(f"#org-{last}").is_visible()
    assert page.console_errors == []


@pytest.mark.browser
def test_printing_a_long_directory_prints_every_match(page, long_url, tmp_path):
    from pypdf import PdfReader

    open_directory(page, long_url)
    pdf = tmp_path / "directory.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert text.count("Focus areas:") == TOTAL
    # Back on screen, the first hundred again.
    assert len(shown_ids(page)) == SHOWN


@pytest.mark.browser
def test_without_javascript_the_whole_list_is_a_link_away(page_without_javascript, long_url):
    page = page_without_javascript
    page.goto(f"{long_url}partners/")
    assert shown_ids(page) == IDS[:FIRST_PART]
    assert page.locator(".hb-partners-first-part").is_visible()
    follow(page, ".hb-partners-first-part a")
    listed = shown_ids(page)
    # The row of its pages starts where the text does, without a list's indent.
    starts = page.evaluate(
        "[...document.querySelectorAll('.hb-partners-intro, .hb-partners-parts li')]"
        ".slice(0, 2).map(e => e.getBoundingClientRect().left)"
    )
    assert starts[0] == starts[1]
    for part in ("101–200", "201–250"):
        follow(page, f".hb-partners-parts a:text-is('{part}')")
        listed += shown_ids(page)
    assert listed == IDS
    # Back to the directory from the whole list.
    follow(page, ".hb-partners-intro a")
    assert page.url == f"{long_url}partners/"
    assert page.outside_requests == []
