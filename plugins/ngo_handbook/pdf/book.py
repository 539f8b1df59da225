"""The whole handbook of a language as one PDF: a cover, the contents, every chapter.

`templates/pdf/book.js` runs in Chromium on the language's home page and replaces it with
the book (the chapters fetched in navigation order); `templates/pdf/book.css` lays it out
for paper. A quick printing, untagged and with nothing drawn, gives the contents their page
numbers (`bookmarks`) before the final, tagged one; that one alone is enough when the
numbers of the last build still hold.
"""

from __future__ import annotations

import asyncio
import datetime
import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..context import BuildContext
from ..forms import css_string
from ..languages import direction
from ..plural_text import format_number, page_numbers
from ..problems import Location, Problem
from ..reader_formats import format_date
from ..rendering import TEMPLATES
from ..yaml_syntax import line_and_column
from .bookmarks import contents_numbers, fill_contents, retitle_bookmarks
from .browser import PRINT_OPTIONS
from .fonts import pdf_problems, visible_characters

# Hides (or shows again) everything the book shows, leaving it laid out as it was:
# `visibility` changes no box, so each chapter starts on the same page, and the printing
# still writes the named destinations the page numbers are read from, but no text, image
# or font. Half the processor time of a printing that draws the book.
_LAYOUT_ONLY = """(hidden) => {
  const id = "hb-book-layout-only";
  document.getElementById(id)?.remove();
  if (!hidden) return;
  const style = document.createElement("style");
  style.id = id;
  style.textContent = "body * { visibility: hidden !important; }";
  document.head.append(style);
}"""
BOOK_SKIPS = ("forms/", "self-assessment/")
"""Pages of the navigation left out of the whole-handbook PDF: forms have their own PDFs,
and the self-assessment is interactive."""
HOME = "index.md"


def book_file_name(language: str) -> str:
    """The whole handbook's PDF, written at the root of the language's site."""
    return f"handbook-{language}.pdf"


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


def handbook_title(context: BuildContext, language: str) -> str:
    """The handbook's own title: the main heading of the language's home page."""
    home = context.site_dir / context.site.dest_uri(HOME, language)
    try:
        text = home.read_text(encoding="utf-8")
    except OSError:
        return ""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    if not found:
        return ""
    heading = re.sub(r'<a class="headerlink".*?</a>', "", found.group(1), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()


def book_values(context: BuildContext, base_url: str, language: str) -> dict:
    """What `book.js` is handed to make the book of `language` from the site at `base_url`."""
    data = context.data
    organisation = data.text(data.handbook.name, language)
    style = (
        (TEMPLATES / "pdf" / "book.css")
        .read_text(encoding="utf-8")
        .replace("__RUNNING_HEAD__", css_string(organisation))
        .replace("__PAGE_NUMBERS__", page_numbers(language))
        .replace("__DIRECTION__", direction(language))
    )
    logo = data.handbook.logo
    return {
        "chapters": [base_url + url for _, url in chapter_pages(context, language)],
        "cover": {
            "organisation": organisation,
            "title": handbook_title(context, language),
            "tagline": data.text(data.handbook.tagline, language),
            "logo": base_url + logo if logo else "",
            "date": format_date(datetime.date.today(), language),
        },
        "strings": context.strings.get("forms", language),
        "siteUrl": context.site.site_url or base_url,
        "style": style,
    }


def contents_texts(numbers: list | None, count: int, language: str) -> list[str | None]:
    """The page numbers of the contents as `language` writes them; None where unknown."""
    return [
        format_number(number, language) if number is not None else None
        for number in (numbers or [None] * count)
    ]


@dataclass
class PrintedBook:
    """A book just printed: each chapter's title, text and source path; the page numbers of
    its contents (None when the printing could not tell them); how many times it was
    printed in full, tagged (once when the numbers of the last printing still held, or
    when the quick printing, laid out but not drawn, told them right)."""

    chapters: list[dict]
    contents: list | None
    printings: int


async def print_book(
    tab,
    context: BuildContext,
    base_url: str,
    language: str,
    target: Path,
    previous: list | None = None,
) -> PrintedBook:
    """Print the whole handbook of `language`, its contents with page numbers.

    When the page numbers of the last build (`previous`) are written in first and the
    printing confirms them (an edit that moved no chapter to another page), one printing
    is enough. Otherwise a quick printing, untagged and laid out without being drawn
    (`_LAYOUT_ONLY`), tells the numbers, and the book is printed in full with them;
    should writing them in move a chapter (a contents entry wrapping onto a new line),
    it is printed once more.
    """
    pages = chapter_pages(context, language)
    await tab.goto(base_url + context.site.url(HOME, language), wait_until="load")
    script = (TEMPLATES / "pdf" / "book.js").read_text(encoding="utf-8")
    found = await tab.evaluate(script, book_values(context, base_url, language))
    chapters, headings = found["chapters"], found["headings"]
    if previous is not None and len(previous) == len(chapters):
        numbers = previous
    else:
        # Laid out, not drawn: the page numbers for half the work of a printing.
        await tab.evaluate(_LAYOUT_ONLY, True)
        await tab.pdf(path=str(target), **PRINT_OPTIONS)
        await tab.evaluate(_LAYOUT_ONLY, False)
        numbers = await asyncio.to_thread(contents_numbers, target, chapters)
    printings = 0
    for _ in range(3):
        await fill_contents(tab, contents_texts(numbers, len(chapters), language))
        await tab.pdf(path=str(target), outline=True, tagged=True, **PRINT_OPTIONS)
        printings += 1
        printed = await asyncio.to_thread(contents_numbers, target, chapters)
        if printed == numbers:
            break
        numbers = printed  # None: printed again without numbers rather than unchecked ones
    await asyncio.to_thread(retitle_bookmarks, target, headings)
    found = [{**chapter, "path": pages[chapter["index"]][0]} for chapter in chapters]
    return PrintedBook(found, numbers, printings)


def source_of_characters(
    characters: list[str], chapters: list[dict], context: BuildContext, language: str
) -> Location | None:
    """Where the first chapter that holds one of `characters` has it: its page in
    `content/`, or, for a page made from data (partners.md), the data file."""
    wanted = set(characters)
    for chapter in chapters:
        named = [c for c in visible_characters(chapter["text"]) if c in wanted]
        if not named:
            continue
        page = context.docs_dir / language / chapter["path"]
        data_dir = context.project_dir / context.data.data_dir_name
        sources = [page] if page.is_file() else sorted(data_dir.rglob("*.yml"))
        for source in sources:
            text = source.read_text(encoding="utf-8-sig", errors="replace")
            found = min((i for i in map(text.find, named) if i >= 0), default=-1)
            if found >= 0:
                return Location(context.display(source), *line_and_column(text, found))
        return Location(context.display(page) if page.is_file() else str(data_dir.name))
    return None


def book_problems(
    context: BuildContext, language: str, target: Path, chapters: list[dict]
) -> list[Problem]:
    """What the printed book of `language` lost, each problem placed at the chapter that
    holds the characters it names."""
    docs_name = context.display(context.docs_dir)
    whole = "\n".join(chapter["text"] for chapter in chapters)
    where = Location(f"{docs_name}/{language}")
    label = f"the whole handbook ({language})"
    return [
        Problem(
            source_of_characters(characters, chapters, context, language) or where, problem.message
        )
        for problem, characters in pdf_problems(target, whole, where, label)
    ]
