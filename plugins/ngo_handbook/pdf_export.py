"""PDFs built with the site: every form in every language, and the whole handbook per language.

Headless Chromium prints the built pages (see README, "Why Chromium prints the PDFs"): the
site folder is served on 127.0.0.1 from a thread while every language's pages are printed,
so a PDF looks exactly like the page printed from a browser. Each PDF is then read back:
a character that no installed font has would print as an empty box, so it stops the build
with the page and the characters named.

The export runs by default for `mkdocs build` and not for `mkdocs serve`; the environment
variable `HANDBOOK_PDF=0` (or `=1`) switches it off (or on) for any command, and
`HANDBOOK_PDF_TIMING=FILE` writes how long the PDFs took (for the benchmark).
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .context import BuildContext, log
from .feature import Feature, SourcePage
from .forms import css_string, form_slug, pdf_file_name
from .problems import HandbookError, Location, Problem

SWITCH = "HANDBOOK_PDF"
"""Environment variable: `0`/`off` skips the PDFs, `1`/`on` builds them even for `serve`."""
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Without this Chromium still reaches for Google's hosts; the site makes no outside request.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
BOOK_SKIPS = ("forms/", "self-assessment/")
"""Pages of the navigation left out of the whole-handbook PDF: forms have their own PDFs,
and the self-assessment is interactive."""
TEMPLATES = Path(__file__).parent / "templates" / "pdf"


def book_file_name(language: str) -> str:
    """The whole handbook's PDF, written at the root of the language's site."""
    return f"handbook-{language}.pdf"


def pdf_wanted(context: BuildContext) -> bool:
    """On for `mkdocs build`, off for `mkdocs serve`, unless HANDBOOK_PDF says otherwise."""
    switch = os.environ.get(SWITCH, "").strip().lower()
    if switch in ("0", "off", "no", "false"):
        return False
    if switch in ("1", "on", "yes", "true"):
        return True
    return context.command != "serve"


# --- checking a PDF ------------------------------------------------------------------------


@functools.cache
def installed_font_ranges() -> tuple[list[int], list[int]]:
    """Starts and ends of the code point ranges installed fonts cover (from fontconfig), merged."""
    done = subprocess.run(
        ["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=True
    )
    ranges = set()
    for word in done.stdout.split():
        low, _, high = word.partition("-")
        ranges.add((int(low, 16), int(high or low, 16)))
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted(ranges):
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


@functools.cache
def has_font(character: str) -> bool:
    """Whether some installed font has a glyph for `character`."""
    starts, ends = installed_font_ranges()
    index = bisect.bisect_right(starts, ord(character)) - 1
    return index >= 0 and ord(character) <= ends[index]


def visible_characters(text: str) -> set[str]:
    """Characters that print as a glyph (no spaces, controls or joiners)."""
    return {c for c in text if unicodedata.category(c)[0] not in "ZC"}


def describe(characters: list[str]) -> str:
    return ", ".join(
        f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})" for c in characters
    )


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    )
    return done.stdout


def pdf_page_count(path: Path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def unembedded_fonts(path: Path) -> list[str]:
    """Fonts the PDF uses without embedding them (they would print differently elsewhere)."""
    done = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    names = []
    for line in done.stdout.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 5 and parts[-5] == "no":
            names.append(parts[0])
    return names


def check_pdf(path: Path, page_text: str, where: Location, label: str) -> list[Problem]:
    """Problems that would make the PDF print empty boxes or lose text."""
    problems = []
    shown = visible_characters(page_text)
    fontless = sorted(c for c in shown if not has_font(c))
    if fontless:
        problems.append(
            Problem(
                where,
                f"the PDF of {label} would print empty boxes for {describe(fontless)}: "
                "no installed "
                "font has these characters. Remove them, or install a font that has them (add its "
                "Debian package to SYSTEM_PACKAGES in the Makefile)",
            )
        )
    printed = pdf_text(path)
    lost = sorted(
        c
        for c in shown
        if unicodedata.category(c)[0] in "LN" and c not in printed and c not in fontless
    )
    if lost:
        problems.append(
            Problem(
                where, f"the PDF of {label} lost the characters {describe(lost)}; check the fonts"
            )
        )
    missing_fonts = unembedded_fonts(path)
    if missing_fonts:
        problems.append(
            Problem(
                where, f"the PDF of {label} does not embed the fonts {', '.join(missing_fonts)}"
            )
        )
    return problems


# --- printing ------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) while the block runs; yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Headless Chromium with no network beyond this machine."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise HandbookError(
            [
                Problem(
                    Location("pyproject.toml"),
                    "the PDFs need the 'playwright' Python package; "
                    "run 'make site' (or pip install playwright), or set HANDBOOK_PDF=0",
                )
            ]
        ) from None
    profile = tempfile.mkdtemp(prefix="handbook-pdf-")
    try:
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
                )
            except PlaywrightError as error:
                raise HandbookError(
                    [
                        Problem(
                            Location(CHROMIUM),
                            "Chromium cannot start, so no PDF can be printed "
                            f"({str(error).splitlines()[0]}); install it with 'make site' "
                            "(Debian package 'chromium'), or set HANDBOOK_PDF=0",
                        )
                    ]
                ) from None
            try:
                yield browser
            finally:
                browser.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


PRINT_OPTIONS = {"format": "A4", "print_background": True, "prefer_css_page_size": True}


@dataclass
class ExportReport:
    """What the export wrote, for the log and the benchmark."""

    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def print_form(tab, url: str, target: Path) -> str:
    """Print a form page (blank: a fresh browser profile); return its printed text."""
    tab.goto(url, wait_until="load")
    tab.emulate_media(media="print")
    text = tab.evaluate("() => document.querySelector('article').innerText")
    tab.pdf(path=str(target), **PRINT_OPTIONS)
    return text


def chapter_pages(context: BuildContext, language: str) -> list[tuple[str, str]]:
    """(source path, URL path) of every chapter of the language that was built, in nav order."""
    pages = []
    for path in context.nav:
        if path.startswith(BOOK_SKIPS):
            continue
        target = context.site.dest_uri(path, language)
        if (context.site_dir / target).is_file():
            pages.append((path, context.site.url(path, language)))
    return pages


def _bookmarks(outline) -> list:
    """Every bookmark of a PDF outline, in reading order (nesting flattened)."""
    found = []
    for item in outline:
        found.extend(_bookmarks(item) if isinstance(item, list) else [item])
    return found


def bookmark_pages(pdf: Path, heading_count: int) -> list[int] | None:
    """The page of each heading, from the bookmarks Chromium writes (one per heading, in
    order); None when they do not pair up one to one with the headings."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    bookmarks = _bookmarks(reader.outline)
    if len(bookmarks) != heading_count:
        return None
    return [reader.get_destination_page_number(item) + 1 for item in bookmarks]


def retitle_bookmarks(pdf: Path, titles: list[str]) -> None:
    """Give every bookmark the text of its heading.

    Chromium builds a bookmark's title from the laid-out lines of the heading: the space
    at a line break is lost, and right-to-left words come out in visual order (an Arabic
    title reads backwards in the viewer's sidebar).
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=str(pdf))
    bookmarks = []

    def walk(item) -> None:  # depth first, as a reader lists them
        while item is not None:
            node = item.get_object()
            bookmarks.append(node)
            walk(node.get("/First"))
            item = node.get("/Next")

    outlines = writer.root_object.get("/Outlines")
    if outlines is not None:
        walk(outlines.get_object().get("/First"))
    if len(bookmarks) != len(titles):
        return
    for node, title in zip(bookmarks, titles, strict=True):
        node[NameObject("/Title")] = TextStringObject(title)
    with pdf.open("wb") as stream:
        writer.write(stream)


def print_book(
    tab, context: BuildContext, base_url: str, language: str, target: Path
) -> list[dict]:
    """Print the whole handbook of `language`; return each chapter's title and text."""
    data = context.data
    prefix = "" if language == context.default_language else f"{language}/"
    strings = context.strings.get("forms", language)
    organisation = data.text(data.handbook.name, language)
    pages = chapter_pages(context, language)
    chapters = [base_url + url for _, url in pages]
    style = (
        (TEMPLATES / "book.css")
        .read_text(encoding="utf-8")
        .replace("__RUNNING_HEAD__", css_string(organisation))
    )
    logo = data.handbook.logo
    site_url = context.site.site_url or base_url
    cover = {
        "organisation": organisation,
        "title": _handbook_title(context, language),
        "tagline": data.text(data.handbook.tagline, language),
        "logo": base_url + logo if logo else "",
        "date": datetime.date.today().isoformat(),
    }
    tab.goto(base_url + prefix, wait_until="load")
    tab.emulate_media(media="print")
    script = (TEMPLATES / "book.js").read_text(encoding="utf-8")
    found = tab.evaluate(
        script,
        {
            "chapters": chapters,
            "cover": cover,
            "strings": strings,
            "siteUrl": site_url,
            "style": style,
        },
    )
    chapters, headings = found["chapters"], found["headings"]
    # Two passes: the first PDF's bookmarks tell on which page each chapter starts.
    tab.pdf(path=str(target), outline=True, tagged=True, **PRINT_OPTIONS)
    heading_pages = bookmark_pages(target, len(headings))
    if heading_pages is None:
        log.warning(
            f"{target.name}: the bookmarks do not match the headings; the contents are "
            "printed without page numbers"
        )
    else:
        numbers = [
            heading_pages[chapter["heading"]] if chapter["heading"] >= 0 else None
            for chapter in chapters
        ]
        tab.evaluate(
            """(numbers) => document.querySelectorAll('.hb-book-toc__page').forEach((span, i) => {
                span.textContent = numbers[i] == null ? '' : String(numbers[i]);
            })""",
            numbers,
        )
    tab.pdf(path=str(target), outline=True, tagged=True, **PRINT_OPTIONS)
    retitle_bookmarks(target, headings)
    return [{**chapter, "path": pages[chapter["index"]][0]} for chapter in chapters]


def _handbook_title(context: BuildContext, language: str) -> str:
    """The handbook's own title: the main heading of the language's home page."""
    home = context.site_dir / context.site.dest_uri("index.md", language)
    try:
        text = home.read_text(encoding="utf-8")
    except OSError:
        return ""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    if not found:
        return ""
    heading = re.sub(r'<a class="headerlink".*?</a>', "", found.group(1), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()


def _chapter_holding(
    problem: Problem, chapters: list[dict], docs_name: str, language: str
) -> Location:
    """The source page of the first chapter that holds a character the problem names."""
    for chapter in chapters:
        if any(f"'{c}' (U+" in problem.message for c in visible_characters(chapter["text"])):
            return Location(f"{docs_name}/{language}/{chapter['path']}")
    return problem.location


def export_pdfs(context: BuildContext) -> ExportReport | None:
    """Print every form and the whole handbook in every language; stop on a missing glyph."""
    report = ExportReport()
    if not pdf_wanted(context):
        log.info(f"PDFs skipped ({SWITCH}=0 or 'mkdocs serve'); set {SWITCH}=1 to build them")
        return None
    started = time.perf_counter()
    data = context.data
    forms = sorted(data.matching("forms/*.yml"))
    docs_name = context.display(context.docs_dir)
    problems: list[Problem] = []
    with serve_folder(context.site_dir) as base_url, chromium() as browser:
        browser_context = browser.new_context(locale="en-US")
        # Search is of no use on paper: skip its index and worker on every printed page.
        browser_context.route(re.compile(r"/(search|workers|lunr)/"), lambda route: route.abort())
        tab = browser_context.new_page()
        for language in context.languages:
            prefix = "" if language == context.default_language else f"{language}/"
            for name in forms:
                slug = form_slug(name)
                page_dir = context.site_dir / prefix / "forms" / slug
                if not page_dir.is_dir():
                    continue
                target = page_dir / pdf_file_name(slug, language)
                text = print_form(tab, f"{base_url}{prefix}forms/{slug}/", target)
                where = Location(f"{data.data_dir_name}/{name}")
                problems.extend(
                    check_pdf(target, text, where, f"{prefix}forms/{slug}/ ({language})")
                )
                report.files.append(target)
        if problems:  # stop before the long part
            raise HandbookError(problems)
        for language in context.languages:
            prefix = "" if language == context.default_language else f"{language}/"
            target = context.site_dir / prefix / book_file_name(language)
            chapters = print_book(tab, context, base_url, language, target)
            whole = "\n".join(chapter["text"] for chapter in chapters)
            where = Location(f"{docs_name}/{language}")
            for problem in check_pdf(target, whole, where, f"the whole handbook ({language})"):
                problems.append(
                    Problem(
                        _chapter_holding(problem, chapters, docs_name, language), problem.message
                    )
                )
            report.files.append(target)
        browser_context.close()
    report.seconds = time.perf_counter() - started
    if problems:
        raise HandbookError(problems)
    log.info(f"Printed {len(report.files)} PDFs in {report.seconds:.1f} s")
    timing = os.environ.get("HANDBOOK_PDF_TIMING")
    if timing:
        Path(timing).write_text(json.dumps({"files": len(report.files), "seconds": report.seconds}))
    return report


ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
    '<path d="M19 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2'
    "M9.5 11.5c0 .83-.67 1.5-1.5 1.5H7v2H5.5V9H8c.83 0 1.5.67 1.5 1.5z"
    "m5 2c0 .83-.67 1.5-1.5 1.5h-2.5V9H13c.83 0 1.5.67 1.5 1.5z"
    'm4-3H17v1h1.5V13H17v2h-1.5V9h3zM7 10.5h1v1H7zm5 0h1v3h-1z"/></svg>'
)


def add_book_link(markdown: str, page: SourcePage, context: BuildContext) -> str:
    """Put a "Download PDF" button for the whole handbook beside the page's edit button."""
    language = page.language
    site = context.site
    href = site.relative_url(
        site.prefix(language) + book_file_name(language), site.url(page.path, language)
    )
    title = context.strings.get("forms", language)["handbook_pdf_title"]
    from markupsafe import escape

    link = (
        f'<div class="hb-pdf-actions"><a class="md-content__button md-icon hb-pdf-link" '
        f'href="{escape(href)}" title="{escape(title)}" aria-label="{escape(title)}" download>'
        f"{ICON}</a></div>\n\n"
    )
    return link + markdown


FEATURE = Feature(name="pdf-export", page_markdown=add_book_link, finalize=export_pdfs)
