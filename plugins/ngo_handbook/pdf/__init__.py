"""PDFs built with the site: every form in every language, and the whole handbook per language.

Headless Chromium prints the built pages (see README, "Why Chromium prints the PDFs"): the
site folder is served on 127.0.0.1 from a thread (`server`) while every language's pages
are printed (`browser`, `forms`, `book`), so a PDF looks exactly like the page printed
from a browser. Each PDF is then read back (`fonts`): a character that no installed font
has would print as an empty box, so it stops the build with the page and the characters
named.

The export runs by default for `mkdocs build` and not for `mkdocs serve`; the environment
variable `HANDBOOK_PDF=0` (or `=1`) switches it off (or on) for any command, and
`HANDBOOK_PDF_TIMING=FILE` writes how long the PDFs took and which were printed or taken
from the cache (`cache`: a PDF is printed again only when what it is made of changed).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..context import BuildContext, log
from ..feature import Feature, SourcePage
from ..problems import HandbookError, Location, Problem
from .book import book_file_name, book_problems, book_values, print_book
from .browser import Printer
from .cache import PdfCache
from .fonts import check_pdf
from .forms import FormPdf, form_pdfs, print_form
from .server import serve_folder

PRINTING_TABS = 2 * (os.cpu_count() or 1)
"""Pages printed at once, two per core: while one tab waits (for Playwright's messages,
for Python reading a PDF back, for the next page to load) another keeps Chromium busy."""
PRINT_TIMEOUT = 300
"""Seconds one PDF may take (the whole handbook of the sample takes about 2): past them
Chromium is taken to be stuck, and the build stops saying so instead of waiting forever."""
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
    """What the export wrote, for the log and the benchmark: the PDFs printed in this
    build, and those copied from the cache because nothing they are made of changed."""

    printed: list[Path] = field(default_factory=list)
    reused: list[Path] = field(default_factory=list)
    printed_once: list[Path] = field(default_factory=list)
    """Books printed once: the contents' page numbers of the last build still held."""
    tagged_printings: dict[Path, int] = field(default_factory=dict)
    """How many times each book printed in this build was printed in full (tagged): once
    when the page numbers it was given held."""
    seconds: float = 0.0

    @property
    def files(self) -> list[Path]:
        return self.printed + self.reused

    def as_json(self, site_dir: Path) -> str:
        def names(paths: list[Path]) -> list[str]:
            return sorted(path.relative_to(site_dir).as_posix() for path in paths)

        return json.dumps(
            {
                "files": len(self.files),
                "seconds": self.seconds,
                "printed": names(self.printed),
                "reused": names(self.reused),
                "books printed once": names(self.printed_once),
                "tagged printings": {
                    name: self.tagged_printings[path]
                    for name, path in sorted(
                        (path.relative_to(site_dir).as_posix(), path)
                        for path in self.tagged_printings
                    )
                },
            },
            indent=1,
        )


async def _print_pdfs(context: BuildContext, cache: PdfCache, base_url: str) -> ExportReport:
    """Every language's whole handbook (the long part: first, so that no tab waits for it at
    the end) and every form, several at once: each book in the next free tab, the forms in
    chains (`form_chains`), each chain in one tab."""
    report = ExportReport()
    printer = Printer(base_url, tabs=PRINTING_TABS)

    async def produce(
        target: Path, values: str, print_page, kept: dict, chain_tab=None
    ) -> list[Problem]:
        """Take `target` from the cache, or print it with `print_page` and keep it, with
        what `kept` holds once printed (a book's contents); in the tab `chain_tab()`
        gives, if given, else in the next free one."""
        if cache.reuse(target, values):
            report.reused.append(target)
            return []
        held = await chain_tab() if chain_tab is not None else None
        async with printer.tab(held) as (tab, requested):
            try:
                problems = await asyncio.wait_for(print_page(tab), PRINT_TIMEOUT)
            except TimeoutError:
                name = target.relative_to(context.site_dir).as_posix()
                raise HandbookError(
                    [
                        Problem(
                            Location(name),
                            f"Chromium did not finish printing this PDF in {PRINT_TIMEOUT} s. "
                            "Build again; if it stops here again, build with HANDBOOK_PDF=0 "
                            "(no PDFs) and report it",
                        )
                    ],
                    heading="A PDF could not be printed; nothing was built",
                ) from None
        if not problems:
            cache.keep(target, values, requested, kept)
        report.printed.append(target)
        return problems

    async def form(pdf: FormPdf, chain_tab) -> list[Problem]:
        async def print_page(tab) -> list[Problem]:
            text = await print_form(tab, base_url + pdf.url, pdf.target)
            label = f"{pdf.url} ({pdf.language})"
            return await asyncio.to_thread(check_pdf, pdf.target, text, pdf.source, label)

        return await produce(pdf.target, pdf.url, print_page, {}, chain_tab)

    async def in_turn(forms: list[FormPdf]) -> list[Problem]:
        """Forms one after the other in one tab, taken when the first must be printed."""
        problems: list[Problem] = []
        async with contextlib.AsyncExitStack() as stack:
            held: list = []

            async def chain_tab():
                if not held:
                    tab, _ = await stack.enter_async_context(printer.tab())
                    held.append(tab)
                return held[0]

            for pdf in forms:
                problems += await form(pdf, chain_tab)
        return problems

    async def book(language: str) -> list[Problem]:
        target = context.site.folder(context.site_dir, language) / book_file_name(language)

        kept: dict = {}

        async def print_page(tab) -> list[Problem]:
            previous = cache.kept(target).get("contents")
            book = await print_book(tab, context, base_url, language, target, previous)
            kept["contents"] = book.contents
            report.tagged_printings[target] = book.printings
            if book.printings == 1 and previous is not None:
                report.printed_once.append(target)  # the last build's numbers held
            return await asyncio.to_thread(book_problems, context, language, target, book.chapters)

        values = json.dumps(book_values(context, "/", language), sort_keys=True)
        return await produce(target, values, print_page, kept)

    try:
        chains = form_chains(form_pdfs(context), PRINTING_TABS)
        jobs = [*map(book, context.languages), *map(in_turn, chains)]
        problems = [p for found in await asyncio.gather(*jobs) for p in found]
        if problems:
            raise HandbookError(problems)
    finally:
        await printer.close()
    return report


def form_chains(forms: list[FormPdf], tabs: int) -> list[list[FormPdf]]:
    """The forms in chains printed one after the other, side by side with the other chains:
    each language's forms, split into as many chains as there are tabs for each language.
    A tab that printed a form shows the next of its chain in its place, without loading
    the page (`print_form`)."""
    by_language: dict[str, list[FormPdf]] = {}
    for pdf in forms:
        by_language.setdefault(pdf.language, []).append(pdf)
    per_language = max(1, tabs // max(1, len(by_language)))
    return [
        chain
        for pdfs in by_language.values()
        for chain in (pdfs[start::per_language] for start in range(per_language))
        if chain
    ]


def export_pdfs(context: BuildContext) -> ExportReport | None:
    """Print every form and the whole handbook in every language (or take them from the
    cache when nothing they are made of changed); stop on a missing glyph."""
    if not pdf_wanted(context):
        log.info(
            "The preview makes no PDFs; 'ngo-handbook build' makes them"
            if context.command == "serve"
            else "PDFs left out, as asked"
        )
        return None
    started = time.perf_counter()
    cache = PdfCache.for_project(context.project_dir, context.site_dir)
    with serve_folder(context.site_dir) as base_url:
        report = asyncio.run(_print_pdfs(context, cache, base_url))
    report.seconds = time.perf_counter() - started
    log.info(
        f"PDFs printed: {len(report.printed)} in {report.seconds:.1f} s; "
        f"{len(report.reused)} unchanged since the last build, taken from "
        f"{context.display(cache.folder)}"
    )
    if report.printed:
        printed = ", ".join(sorted(context.display(path) for path in report.printed))
        log.debug(f"Printed: {printed}")
    timing = os.environ.get("HANDBOOK_PDF_TIMING")
    if timing:
        Path(timing).write_text(report.as_json(context.site_dir), encoding="utf-8")
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
