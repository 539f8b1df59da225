"""PDFs built with the site: every form in every language, and the whole handbook per language.

Headless Chromium prints the built pages (see README, "Why Chromium prints the PDFs"): the
site folder is served on 127.0.0.1 from a thread (`server`) while every language's pages
are printed (`browser`, `forms`, `book`), so a PDF looks exactly like the page printed
from a browser. Each PDF is then read back (`fonts`): a character that no installed font
has would print as an empty box, so it stops the build with the page and the characters
named.

The export runs by default for `mkdocs build` and not for `mkdocs serve`; the environment
variable `HANDBOOK_PDF=0` (or `=1`) switches it off (or on) for any command, and
`HANDBOOK_PDF_TIMING=FILE` writes how long the PDFs took (for the benchmark).
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..context import BuildContext, log
from ..feature import Feature, SourcePage
from ..problems import HandbookError
from .book import book_file_name, print_books
from .browser import chromium
from .forms import print_forms
from .server import serve_folder

SWITCH = "HANDBOOK_PDF"
"""Environment variable: `0`/`off` skips the PDFs, `1`/`on` builds them even for `serve`."""


def pdf_wanted(context: BuildContext) -> bool:
    """On for `mkdocs build`, off for `mkdocs serve`, unless HANDBOOK_PDF says otherwise."""
    switch = os.environ.get(SWITCH, "").strip().lower()
    if switch in ("0", "off", "no", "false"):
        return False
    if switch in ("1", "on", "yes", "true"):
        return True
    return context.command != "serve"


@dataclass
class ExportReport:
    """What the export wrote, for the log and the benchmark."""

    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def export_pdfs(context: BuildContext) -> ExportReport | None:
    """Print every form and the whole handbook in every language; stop on a missing glyph."""
    if not pdf_wanted(context):
        log.info(f"PDFs skipped ({SWITCH}=0 or 'mkdocs serve'); set {SWITCH}=1 to build them")
        return None
    report = ExportReport()
    started = time.perf_counter()
    with serve_folder(context.site_dir) as base_url, chromium() as browser:
        browser_context = browser.new_context(locale="en-US")
        # Search is of no use on paper: skip its index and worker on every printed page.
        browser_context.route(re.compile(r"/(search|workers|lunr)/"), lambda route: route.abort())
        tab = browser_context.new_page()
        files, problems = print_forms(tab, context, base_url)
        report.files += files
        if problems:  # stop before the long part
            raise HandbookError(problems)
        files, problems = print_books(tab, context, base_url)
        report.files += files
        browser_context.close()
    report.seconds = time.perf_counter() - started
    if problems:
        raise HandbookError(problems)
    log.info(f"Printed {len(report.files)} PDFs in {report.seconds:.1f} s")
    timing = os.environ.get("HANDBOOK_PDF_TIMING")
    if timing:
        Path(timing).write_text(json.dumps({"files": len(report.files), "seconds": report.seconds}))
    return report


def add_book_link(markdown: str, page: SourcePage, context: BuildContext) -> str:
    """Put a "Download PDF" button for the whole handbook beside the page's edit button."""
    language = page.language
    site = context.site
    href = site.relative_url(
        site.prefix(language) + book_file_name(language), site.url(page.path, language)
    )
    title = context.strings.get("forms", language)["handbook_pdf_title"]
    return context.templates.render("pdf/book_link.html", href=href, title=title) + markdown


FEATURE = Feature(name="pdf-export", page_markdown=add_book_link, finalize=export_pdfs)
