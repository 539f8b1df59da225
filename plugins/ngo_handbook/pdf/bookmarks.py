"""The whole handbook's bookmarks: the page each heading starts on, and readable titles.

Chromium writes one bookmark per printed heading (`outline=True`), in order. Read back,
they give the page numbers of the contents; rewritten, they carry each heading's own text.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from ..context import log

# Fills the contents' page numbers in the book Chromium is showing (book.js made the spans).
_FILL_PAGE_NUMBERS = """(numbers) => document
    .querySelectorAll('.hb-book-toc__page')
    .forEach((span, i) => { span.textContent = numbers[i] == null ? '' : String(numbers[i]); })"""


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


async def number_contents(tab, pdf: Path, chapters: list[dict], headings: list[str]) -> None:
    """Write in the contents of the book shown in `tab` the page on which each chapter
    starts, read from `pdf`, a first printing of the same book."""
    heading_pages = await asyncio.to_thread(bookmark_pages, pdf, len(headings))
    if heading_pages is None:
        log.warning(
            f"{pdf.name}: the bookmarks do not match the headings; the contents are "
            "printed without page numbers"
        )
        return
    numbers = [
        heading_pages[chapter["heading"]] if chapter["heading"] >= 0 else None
        for chapter in chapters
    ]
    await tab.evaluate(_FILL_PAGE_NUMBERS, numbers)


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
