"""The whole handbook's page numbers and bookmarks.

The page each chapter starts on is read back from a printing of the book, for the
contents. Chromium writes one bookmark per printed heading (`outline=True`), in order;
rewritten, they carry each heading's own text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..context import log

# Fills the contents' page numbers in the book Chromium is showing (book.js made the spans).
_FILL_PAGE_NUMBERS = """(numbers) => document
    .querySelectorAll('.hb-book-toc__page')
    .forEach((span, i) => { span.textContent = numbers[i] == null ? '' : numbers[i]; })"""


def contents_numbers(pdf: Path, chapters: list[dict]) -> list | None:
    """The page on which each chapter starts (None for a chapter without a heading), read
    from `pdf`, a printing of the book; None when it does not tell them all.

    The contents link to every chapter (`#chapter-N`), so Chromium writes a named
    destination for each, with the page the chapter starts on: tagged or not, drawn or not,
    the printing tells the numbers (an untagged one of the book laid out with nothing drawn,
    for half the work of a drawn one, gives them for the final printing).
    """
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    try:
        pages = {
            str(name).lstrip("/"): reader.get_destination_page_number(destination) + 1
            for name, destination in reader.named_destinations.items()
        }
    except (KeyError, ValueError, TypeError, AttributeError):
        pages = {}
    headed = [chapter for chapter in chapters if chapter["heading"] >= 0]
    if any(f"chapter-{chapter['index']}" not in pages for chapter in headed):
        log.warning(
            f"{pdf.name}: the printed book does not say where each chapter starts; the "
            "contents are printed without page numbers"
        )
        return None
    return [
        pages[f"chapter-{chapter['index']}"] if chapter["heading"] >= 0 else None
        for chapter in chapters
    ]


async def fill_contents(tab, numbers: list[str | None]) -> None:
    """Write `numbers` (as the language writes them) as the page numbers of the contents
    of the book shown in `tab`."""
    await tab.evaluate(_FILL_PAGE_NUMBERS, numbers)


def retitle_bookmarks(pdf: Path, titles: list[str]) -> None:
    """Give every bookmark the text of its heading.

    Chromium builds a bookmark's title from the laid-out lines of the heading: the space
    at a line break is lost, and right-to-left words come out in visual order (an Arabic
    title reads backwards in the viewer's sidebar).

    The new bookmarks are appended to the file as an incremental update (the PDF standard's
    way to change a few objects, ISO 32000-1 7.5.6): pypdf reads only the bookmarks, where
    rewriting the whole book with it would parse every one of its thousands of objects.
    """
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject

    reader = PdfReader(str(pdf))
    bookmarks = []

    def walk(item) -> None:  # depth first, as a reader lists them
        while item is not None:
            node = item.get_object()
            bookmarks.append((item.idnum, item.generation, node))
            walk(node.get("/First"))
            item = node.get("/Next")

    outlines = reader.trailer["/Root"].get("/Outlines")
    if outlines is not None:
        walk(outlines.get_object().get("/First"))
    if not bookmarks or len(bookmarks) != len(titles):
        return
    with pdf.open("rb") as stream:
        stream.seek(max(0, pdf.stat().st_size - 1024))
        previous_xref = int(re.findall(rb"startxref\s+(\d+)", stream.read())[-1])
    update = io.BytesIO()
    offset = pdf.stat().st_size + 1  # after the newline that starts the update
    places = {}
    for (number, generation, node), title in zip(bookmarks, titles, strict=True):
        node[NameObject("/Title")] = TextStringObject(title)
        places[number] = (offset + update.tell(), generation)
        update.write(f"{number} {generation} obj\n".encode())
        node.write_to_stream(update)
        update.write(b"\nendobj\n")
    xref = offset + update.tell()
    # The head of the free list, then the new objects, a subsection per run of numbers.
    update.write(b"xref\n0 1\n0000000000 65535 f\r\n")
    numbers = sorted(places)
    runs = [[numbers[0]]]
    for number in numbers[1:]:
        if number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        update.write(f"{run[0]} {len(run)}\n".encode())
        for number in run:
            place, generation = places[number]
            update.write(f"{place:010d} {generation:05d} n\r\n".encode())
    trailer = DictionaryObject(
        {
            NameObject(key): reader.trailer.raw_get(key)
            for key in ("/Size", "/Root", "/Info", "/ID")
            if key in reader.trailer
        }
    )
    trailer[NameObject("/Prev")] = NumberObject(previous_xref)
    update.write(b"trailer\n")
    trailer.write_to_stream(update)
    update.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
    with pdf.open("ab") as stream:
        stream.write(b"\n" + update.getvalue())
