"""The PDFs built with the sample (`built_site_with_pdfs`): text in the right language and
order, pages, glyphs."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import LANGUAGES, REPO, new_handbook, run_build

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = pytest.mark.xdist_group("pdf")

FORMS = sorted(path.stem for path in (REPO / "data" / "forms").glob("*.yml"))
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def language_dir(site: Path, language: str) -> Path:
    return site if language == "en" else site / language


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return unicodedata.normalize("NFC", done.stdout.translate(BIDI_CONTROLS))


def pdf_info(path: Path) -> str:
    """What `pdfinfo` says of the PDF: title, pages, tagging, page size…"""
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def page_count(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", pdf_info(path), re.M).group(1))


def form_data(slug: str) -> dict:
    return yaml.safe_load((REPO / "data" / "forms" / f"{slug}.yml").read_text(encoding="utf-8"))


def text_of(value, language: str) -> str:
    return value if isinstance(value, str) else value.get(language, value["en"])


def squash(text: str) -> str:
    """Text as pdftotext gives it back, for comparing: words only, marks and punctuation out.

    Arabic needs two more steps: vowel marks (shadda, damma…) come out of a PDF away from
    their letter, and a lam-alef ligature comes out as alef then lam, or as lam, a space
    (where a vowel mark stood) and alef: both become alef then lam.
    """
    text = "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c) != "Mn")
    text = re.sub("\u0644 ?([\u0627\u0623\u0625\u0622])", "\\1\u0644", text)
    return " ".join(re.findall(r"\w+", text))


def in_order(text: str, needles: list[str]) -> bool:
    """Whether every needle occurs in `text`, each after the previous one.

    Spaces are left out on both sides: pdftotext splits some Arabic words where a vowel
    mark sits.
    """
    flat = squash(text).replace(" ", "")
    position = 0
    for needle in needles:
        found = flat.find(squash(needle).replace(" ", ""), position)
        if found < 0:
            return False
        position = found + 1
    return True


def test_every_form_has_its_pdf_beside_its_page(built_site_with_pdfs: Path):
    for language in LANGUAGES:
        for slug in FORMS:
            folder = language_dir(built_site_with_pdfs, language) / "forms" / slug
            assert (folder / "index.html").is_file(), folder
            assert (folder / f"{slug}-{language}.pdf").is_file(), folder


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", FORMS)
def test_form_pdf_has_its_title_and_sections_in_order(
    built_site_with_pdfs: Path, slug: str, language: str
):
    pdf = language_dir(built_site_with_pdfs, language) / "forms" / slug / f"{slug}-{language}.pdf"
    text = pdf_text(pdf)
    form = form_data(slug)
    expected = [text_of(form["title"], language)]
    expected += [text_of(s["title"], language) for s in form["sections"] if s.get("title")]
    assert in_order(text, expected), f"{pdf.name}: {expected} not in order"
    # The organisation's name is in the printed header, in the form's language.
    handbook = yaml.safe_load((REPO / "data" / "handbook.yml").read_text(encoding="utf-8"))
    assert squash(handbook["name"][language]) in squash(text)
    if language != "en":
        assert squash(text_of(form["title"], "en")) not in squash(text)
    assert 1 <= page_count(pdf) <= 6


def test_form_pdf_pages_are_numbered(built_site_with_pdfs: Path):
    pdf = built_site_with_pdfs / "forms" / "application" / "application-en.pdf"
    pages = page_count(pdf)
    assert pages >= 2
    assert re.search(rf"\b{pages}\s*/\s*{pages}\b", pdf_text(pdf))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pdf_is_tagged_in_its_language(built_site_with_pdfs: Path, language: str):
    """Forms and the whole handbook alike carry the structure a screen reader follows
    (headings, lists, reading order), and say which language they are in."""
    from pypdf import PdfReader

    folder = built_site_with_pdfs / ("" if language == "en" else language)
    pdfs = [folder / f"handbook-{language}.pdf", *sorted(folder.glob(f"forms/*/*-{language}.pdf"))]
    assert len(pdfs) == 1 + len(FORMS)
    for pdf in pdfs:
        root = PdfReader(str(pdf)).trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], pdf.name
        assert root["/Lang"] == language, pdf.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_whole_handbook_pdf_has_cover_contents_and_chapters_in_nav_order(
    built_site_with_pdfs: Path, language: str
):
    pdf = language_dir(built_site_with_pdfs, language) / f"handbook-{language}.pdf"
    text = pdf_text(pdf)
    chapters = []
    for path in (
        "index.md",
        "about-volunteering.md",
        "strategy/preparation.md",
        "strategy/completion.md",
        "resources.md",
    ):
        source = REPO / "content" / language / path
        heading = re.search(r"^# (.+)$", source.read_text(encoding="utf-8"), re.M)
        assert heading, f"{source} has no main heading"
        chapters.append(heading.group(1).strip())
    # Once in the contents, then again as chapter headings, in the same order.
    assert in_order(text, chapters + chapters)
    pages = page_count(pdf)
    assert 20 <= pages <= 200
    assert re.search(rf"\b{pages}\s*/\s*{pages}\b", text)
    # The contents give each chapter's page number.
    contents_text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    numbers = [int(n) for n in re.findall(r"\b\d{1,3}\b", contents_text)]
    assert len([n for n in numbers if 3 <= n <= pages]) >= 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_whole_handbook_bookmarks_name_each_chapter_once(built_site_with_pdfs: Path, language: str):
    """The PDF viewer's sidebar lists the contents, then every chapter under its own title,
    written as in the page (Arabic in reading order, no space lost at a line break)."""
    from pypdf import PdfReader

    pdf = language_dir(built_site_with_pdfs, language) / f"handbook-{language}.pdf"
    reader = PdfReader(str(pdf))
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    home = (REPO / "content" / language / "index.md").read_text(encoding="utf-8")
    first_chapter = re.search(r"^# (.+)$", home, re.M).group(1).strip()
    assert titles[1] == first_chapter, titles[:3]
    assert len(titles) >= 15 and len(set(titles)) == len(titles), titles
    for title in titles:
        half = len(title) // 2
        assert title[:half] != title[half:], f"bookmark title written twice: {title!r}"
    pages = [reader.get_destination_page_number(item) + 1 for item in top]
    assert pages == sorted(pages) and pages[0] == 2, pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contents_give_the_page_each_chapter_starts_on(
    built_site_with_pdfs: Path, language: str
):
    """The numbers come from a printing that lays the book out without drawing it: they
    are the pages the tagged book's bookmarks lead to."""
    from pypdf import PdfReader

    pdf = language_dir(built_site_with_pdfs, language) / f"handbook-{language}.pdf"
    reader = PdfReader(str(pdf))
    top = [item for item in reader.outline if not isinstance(item, list)]
    starts = [reader.get_destination_page_number(item) + 1 for item in top[1:]]
    contents = subprocess.run(
        ["pdftotext", "-f", "2", "-l", str(starts[0] - 1), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    marks = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))
    lines = [line.translate(marks).strip() for line in contents.splitlines()]
    assert [int(line) for line in lines if line.isdigit()] == starts


def render_gray(pdf: Path, page: int) -> tuple[int, int, bytes]:
    """Page `page` of `pdf` rendered by pdftoppm as 8-bit gray pixels: (width, height, pixels)."""
    raw = subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", raw)
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, raw[match.end() :]


@pytest.mark.parametrize(
    ("language", "pdf"),
    [
        ("ar", "forms/application/application-ar.pdf"),
        ("ar", "handbook-ar.pdf"),
        ("kk", "forms/agreement/agreement-kk.pdf"),
        ("kk", "handbook-kk.pdf"),
    ],
)
def test_arabic_and_kazakh_pages_render_with_their_own_text(
    built_site_with_pdfs: Path, language: str, pdf: str, artifacts
):
    path = language_dir(built_site_with_pdfs, language) / pdf
    width, height, pixels = render_gray(path, 3 if "handbook" in pdf else 1)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(artifacts / f"{language}-{path.stem}"),
        ],
        check=True,
    )
    dark = sum(1 for value in pixels if value < 128)
    assert dark > width * height * 0.005, "the page is (almost) blank"
    # Text on the right half starts lines in Arabic; on the left half in Kazakh.
    columns = [sum(1 for y in range(height) if pixels[y * width + x] < 128) for x in range(width)]
    left, right = sum(columns[: width // 2]), sum(columns[width // 2 :])
    assert (right > left) if language == "ar" else (left > right)

    text = pdf_text(path)
    letters = [c for c in text if c.isalpha()]
    script = "ARABIC" if language == "ar" else "CYRILLIC"
    share = sum(1 for c in letters if script in unicodedata.name(c, "")) / len(letters)
    assert share > 0.8, f"only {share:.0%} of the letters are {script}"


@pytest.mark.parametrize("language", ["ar", "kk"])
def test_extracted_text_matches_the_page(built_site_with_pdfs: Path, language: str):
    form = form_data("application")
    text = pdf_text(
        language_dir(built_site_with_pdfs, language)
        / "forms"
        / "application"
        / f"application-{language}.pdf"
    )
    page = (
        language_dir(built_site_with_pdfs, language) / "forms" / "application" / "index.html"
    ).read_text(encoding="utf-8")
    for section in form["sections"]:
        for field in section["fields"]:
            for key in ("label", "text"):
                if key in field:
                    wanted = text_of(field[key], language)
                    assert squash(wanted) in squash(page)
                    words = [w for w in squash(wanted).split() if len(w) > 2]
                    missing = [w for w in words if w not in squash(text).replace(" ", "")]
                    assert not missing, f"{wanted!r}: {missing} missing from the PDF"


def test_agreement_pdf_carries_the_duties_in_order(built_site_with_pdfs: Path):
    rights = yaml.safe_load((REPO / "data" / "rights_duties.yml").read_text(encoding="utf-8"))
    for language in LANGUAGES:
        text = pdf_text(
            language_dir(built_site_with_pdfs, language)
            / "forms"
            / "agreement-remote"
            / f"agreement-remote-{language}.pdf"
        )
        duties = rights["parties"]["volunteer"]["duties"] + rights["remote"]["volunteer"]["duties"]
        wanted = [item["text"][language] for item in duties]
        first_words = [" ".join(w.split()[:3]) for w in wanted]
        assert in_order(text, first_words), language


def test_every_page_links_to_its_languages_whole_handbook_pdf(built_site_with_pdfs: Path):
    for language in LANGUAGES:
        folder = language_dir(built_site_with_pdfs, language)
        for page in [
            folder / "index.html",
            folder / "strategy" / "preparation" / "index.html",
            folder / "forms" / "skills" / "index.html",
        ]:
            html = page.read_text(encoding="utf-8")
            link = re.search(r'class="md-content__button md-icon hb-pdf-link" href="([^"]+)"', html)
            assert link, page
            assert (page.parent / link.group(1)).resolve() == (
                folder / f"handbook-{language}.pdf"
            ).resolve()
            assert (page.parent / link.group(1)).is_file()


def test_pdf_fonts_are_embedded(built_site_with_pdfs: Path):
    for pdf in [
        built_site_with_pdfs / "ar" / "handbook-ar.pdf",
        built_site_with_pdfs / "kk" / "forms" / "skills" / "skills-kk.pdf",
    ]:
        lines = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert lines
        assert all(line.split()[-5] == "yes" for line in lines), lines


def contents_page(pdf: Path) -> str:
    """The text of a book's second page, its contents, laid out as printed."""
    command = ["pdftotext", "-f", "2", "-l", "2", "-layout", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def contents_entries(page_text: str) -> list[tuple[str, int]]:
    """(title, page) of each line of a book's contents page (`pdftotext -layout`)."""
    return [
        (title, int(page))
        for title, page in re.findall(r"^\s+(\S.*?\S)\s{2,}(\d+)\s*$", page_text, re.M)
    ]


def test_a_changed_form_or_chapter_reprints_only_its_own_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # A new handbook in two languages with a second form, built with its PDFs (which leaves
    # the PDF cache in .cache/), then built again with one form edited.
    project = new_handbook(tmp_path, languages="en,tr")
    forms = project / "data" / "forms"
    form = forms / "volunteer-application.yml"
    source = form.read_text(encoding="utf-8")
    (forms / "exit-interview.yml").write_text(
        source.replace("Volunteer application", "Exit interview"), encoding="utf-8"
    )
    mkdocs_yml = project / "mkdocs.yml"
    menu = mkdocs_yml.read_text(encoding="utf-8")
    entry = "  - forms/volunteer-application.md\n"
    assert entry in menu
    mkdocs_yml.write_text(menu.replace(entry, entry + "  - forms/exit-interview.md\n"), "utf-8")
    record = tmp_path / "pdf-report.json"
    monkeypatch.setenv("HANDBOOK_PDF_TIMING", str(record))

    first = run_build(project, pdf=True)
    assert first.ok, first.output
    cold = json.loads(record.read_text())
    assert cold["reused"] == [] and len(cold["printed"]) == cold["files"] == 6
    # The quick printing, which lays the books out without drawing them, gave the page
    # numbers the tagged printing confirmed: each book was printed in full once.
    assert cold["tagged printings"] == {"handbook-en.pdf": 1, "tr/handbook-tr.pdf": 1}
    before = {name: (first.site / name).read_bytes() for name in cold["printed"]}
    (project / "first-book.pdf").write_bytes(before["handbook-en.pdf"])
    assert (project / ".cache" / "ngo-handbook" / "pdf").is_dir()
    # A longer label in English, a new one in Turkish.
    form.write_text(
        source.replace("en: Full name", "en: Full name, as written on your ID card").replace(
            "tr: Adınız ve soyadınız", "tr: Kimliğinizde yazdığı gibi adınız ve soyadınız"
        ),
        encoding="utf-8",
    )

    second = run_build(project, pdf=True)

    assert second.ok, second.output
    report = json.loads(record.read_text())
    assert set(report["printed"]) == {
        "forms/volunteer-application/volunteer-application-en.pdf",
        "tr/forms/volunteer-application/volunteer-application-tr.pdf",
    }
    assert len(report["reused"]) == report["files"] - 2 == 4
    assert "Full name as written on your ID card" in squash(
        pdf_text(second.site / "forms" / "volunteer-application" / "volunteer-application-en.pdf")
    )
    for name in report["reused"]:
        assert (second.site / name).read_bytes() == before[name]
    assert report["books printed once"] == []

    # A sentence more in a chapter moves no chapter to another page: the English book is
    # printed again, once, with the contents' page numbers of the last build, which the
    # printing confirmed; they are those of the first build, read from its bookmarks.
    home = project / "content" / "en" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nOne sentence more.\n", "utf-8")
    third = run_build(project, pdf=True)
    assert third.ok, third.output
    report = json.loads(record.read_text())
    assert report["printed"] == report["books printed once"] == ["handbook-en.pdf"]
    book = third.site / "handbook-en.pdf"
    assert "One sentence more" in squash(pdf_text(book))
    contents = contents_page(book)
    first_contents = contents_page(project / "first-book.pdf")
    numbers = contents_entries(contents)
    assert len(numbers) == 5 and numbers == contents_entries(first_contents)

    # Two pages more on the home page move every later chapter: the printing does not
    # confirm the last numbers, so the book is printed again with the new ones.
    home.write_text(home.read_text(encoding="utf-8") + "\nA long paragraph.\n" * 120, "utf-8")
    fourth = run_build(project, pdf=True)
    assert fourth.ok, fourth.output
    report = json.loads(record.read_text())
    assert report["printed"] == ["handbook-en.pdf"] and report["books printed once"] == []
    moved = contents_page(book)
    entries = contents_entries(moved)
    assert [title for title, _ in entries] == [title for title, _ in numbers]
    assert entries[0] == numbers[0], "the home page starts where it did"
    assert all(new > old for (_, new), (_, old) in zip(entries[1:], numbers[1:], strict=True))
    # Each number is the page where the chapter's heading is printed.
    pages = pdf_text(book).split("\f")
    for title, page in entries:
        assert squash(title) in squash(pages[page - 1]), (title, page)


def test_a_print_that_never_ends_stops_the_build_naming_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A Chromium that stops answering would keep the build waiting for ever: past the time
    a PDF may take, the build stops, names the PDF, and leaves the last site as it was."""
    import asyncio

    from ngo_handbook import pdf as pdf_export

    async def stuck(*_):
        await asyncio.sleep(3600)

    monkeypatch.setattr(pdf_export, "print_form", stuck)
    monkeypatch.setattr(pdf_export, "print_book", stuck)
    monkeypatch.setattr(pdf_export, "PRINT_TIMEOUT", 1)
    project = new_handbook(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site", encoding="utf-8")

    result = run_build(project, strict=False, pdf=True)

    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    assert "A PDF could not be printed; nothing was built:" in result.output
    assert re.search(
        r"^  \S+\.pdf: Chromium did not finish printing this PDF in 1 s\. Build again; ",
        result.output,
        re.MULTILINE,
    ), result.output
    assert [path.name for path in (project / "site").iterdir()] == ["index.html"]


def test_a_book_numbers_its_pages_in_the_digits_of_its_language(tmp_path: Path):
    """Persian writes ۳, not 3: in the book's contents, and at the foot of every page of
    the book and of the forms, as in the book's date and the site's counts."""
    project = new_handbook(tmp_path, languages="fa", name="انجمن داوطلبان")
    result = run_build(project, pdf=True)
    assert result.ok, result.output
    book = result.site / "handbook-fa.pdf"
    contents = contents_page(book)
    persian = re.findall(r"[۰-۹]+", contents)
    assert len(persian) >= 5, contents  # four chapters' pages and the page's own number
    assert not re.search(r"[0-9]", contents), contents
    last = pdf_text(book).split("\f")[-2]  # the text after the last form feed is empty
    assert re.search(r"[۰-۹]", last) and not re.search(r"[0-9]", last), last
    # A form's pages too ("۱ / ۱" at its foot).
    form = pdf_text(next((result.site / "forms").rglob("*-fa.pdf")))
    assert re.search(r"[۰-۹]\W*/\W*[۰-۹]", form) and not re.search(r"[0-9]", form), form


def test_a_form_shown_in_place_of_the_last_prints_as_if_its_page_were_loaded(
    built_site_with_pdfs: Path, tmp_path: Path
):
    """A tab that printed a form shows the next form of its language without loading the
    page: the PDF is the one a loaded page gives (same text, pages, title, tags)."""
    import asyncio

    from ngo_handbook.pdf.browser import Printer
    from ngo_handbook.pdf.forms import print_form
    from ngo_handbook.pdf.server import serve_folder

    first, second = "tr/forms/application/", "tr/forms/agreement/"
    shown, loaded = tmp_path / "shown.pdf", tmp_path / "loaded.pdf"

    async def print_both() -> list[str]:
        with serve_folder(built_site_with_pdfs) as base:
            printer = Printer(base, tabs=1)
            try:
                async with printer.tab() as (tab, _):
                    requests: list[str] = []
                    tab.on(
                        "request",
                        lambda r: requests.append(f"{r.resource_type} {r.url[len(base) :]}"),
                    )
                    await print_form(tab, base + first, tmp_path / "first.pdf")
                    await print_form(tab, base + second, shown)
                    await tab.goto("about:blank")
                    await print_form(tab, base + second, loaded)
                    return requests
            finally:
                await printer.close()

    requests = asyncio.run(print_both())
    # The second form was fetched into the first one's page, then loaded as a page.
    assert [r for r in requests if r.endswith(second)] == [
        f"fetch {second}",
        f"document {second}",
    ], requests
    assert pdf_text(shown) == pdf_text(loaded)
    facts = []
    for pdf in (shown, loaded):
        found = re.findall(r"^(Title|Pages|Tagged|Page size):\s*(.*)$", pdf_info(pdf), re.M)
        facts.append(dict(found))
    assert facts[0] == facts[1] and facts[0]["Tagged"] == "yes", facts
    assert facts[0]["Title"].startswith(form_data("agreement")["title"]["tr"]), facts


def test_the_forms_are_printed_in_chains_one_tab_each():
    """Each language's forms one after the other in a tab of its own (each shown in place
    of the last); a handbook with fewer languages than tabs splits them further."""
    from ngo_handbook.pdf import form_chains
    from ngo_handbook.pdf.forms import FormPdf

    def forms(languages: str, count: int) -> list[FormPdf]:
        return [
            FormPdf(Path(f"{language}-{number}.pdf"), f"/{language}/{number}/", language, None)
            for language in languages.split(",")
            for number in range(count)
        ]

    four = form_chains(forms("en,tr,ar,kk", 5), tabs=4)
    assert [{pdf.language for pdf in chain} for chain in four] == [{"en"}, {"tr"}, {"ar"}, {"kk"}]
    one = form_chains(forms("en", 10), tabs=4)
    assert [len(chain) for chain in one] == [3, 3, 2, 2]
    assert sorted(pdf.url for chain in one for pdf in chain) == sorted(
        pdf.url for pdf in forms("en", 10)
    )
    assert form_chains([], tabs=4) == []
