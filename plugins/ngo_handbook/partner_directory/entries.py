"""The directory's entries as HTML, rendered once per language and shared by everything
that shows them: the directory page (its first part), the whole list on plain pages, the
CSV, and the JSON file of records the page's script filters the whole directory by.

A directory of ten thousand organisations is ten megabytes of HTML per language: as one
page it takes a browser minutes to load, and passing it through Markdown and the search
index took most of the build. So the directory page holds the first `FIRST_PART` entries;
the whole list (for a browser without JavaScript, for printing) is on pages of
`FULL_LIST_PART` entries each, whose lists are put in place after the theme has rendered
them (`page_slots`), past Markdown and search. The script filters every entry by a JSON
file of their search keys (`records_file`), which names those pages: it shows an entry
past the first part from its page of the whole list, so each entry's HTML is written,
compressed and sent once.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ..build_cache import entry_name
from ..context import BuildContext
from ..plural_text import format_number
from .folding import search_keys
from .model import DATA_FILE, PartnerDirectory
from .view import OrganisationView, directory_maps, organisation_view

FIRST_PART = 100
"""Entries the directory page holds in its HTML; the script fetches the others."""
FULL_LIST_PART = 500
"""Entries on each page of the whole list."""
FULL_LIST_PATH = "partners/all.md"
"""The first page of the whole list; the next are `partners/all-2.md` and so on."""

_MARKER = "<!--hb-entry-->"
_DATA_ATTRIBUTES = re.compile(r' data-(?:city|areas|key)="[^"]*"')


@dataclass(frozen=True)
class Entries:
    """Every organisation of the directory in one language, in the file's order."""

    html: list[Markup]
    """Each entry's `<li>`, escaped."""
    plain_html: list[Markup]
    """The same without the data attributes the script filters by (its `records` hold
    them): for the whole list."""
    records: list[list[str]]
    """Each entry's anchor, city, focus areas and search key, for the script's filter."""
    cells: list[list[str]]
    """Each entry's cells of the CSV in this language (`_cells`)."""


def records_file(entries: Entries, parts: list[str]) -> tuple[str, str]:
    """The JSON file the directory page's script filters by, as (name, text): every
    entry's record, and the addresses of the pages of the whole list (`parts`, relative to
    the directory page, beside which the file is written), where the script finds the
    entries the page does not hold. Named for its content, so a browser may keep it as
    long as it likes; text is escaped by `json.dumps`."""
    text = json.dumps(
        {"entries": entries.records, "parts": parts}, ensure_ascii=False, separators=(",", ":")
    )
    return f"partners.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.json", text


def _cells(view: OrganisationView) -> list[str]:
    """An entry's cells of the CSV (`output.CSV_COLUMNS`) but its links and its address on
    the page, which the row takes from the data and the site; then its anchor."""
    return [
        view.id,
        view.name,
        view.translated,
        view.city,
        view.region,
        "; ".join(view.areas),
        view.website,
        view.email,
        view.phone,
        view.address,
        view.anchor,
    ]


@contextlib.contextmanager
def _collector_held() -> Iterator[None]:
    """Hold Python's cycle collector back for the block: rendering ten thousand entries
    makes hundreds of thousands of objects, none in a cycle (reference counting frees
    them), and the collector's rounds among them took a quarter of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rendered(context: BuildContext, language: str) -> Entries:
    directory: PartnerDirectory = context.data.get(DATA_FILE)
    maps = directory_maps(directory)
    keys = search_keys(context, directory)
    with _collector_held():
        views = [
            organisation_view(organisation, maps, context.data, language, keys)
            for organisation in directory.organisations
        ]
        rendered = context.templates.render(
            "partner_directory/entries.html",
            organisations=views,
            t=context.strings.get("partners", language),
            language=language,
        )
        html = [Markup(piece.strip()) for piece in rendered.split(_MARKER)[1:]]
        records = [[view.anchor, view.city_id, view.area_ids, view.key] for view in views]
        return _entries(html, records, [_cells(view) for view in views])


def _entries(html: list[Markup], records: list[list[str]], cells: list[list[str]]) -> Entries:
    plain = [Markup(_DATA_ATTRIBUTES.sub("", entry, count=3)) for entry in html]
    return Entries(html, plain, records, cells)


def directory_entries(context: BuildContext, language: str) -> Entries:
    """The entries in `language`, rendered once per build (the page, the whole list, the
    CSV and the JSON file all take them from here), or taken from an earlier build whose data,
    templates and languages were the same (`context.kept`): ten thousand organisations
    take half a second a language to render."""
    cache = context.cache.setdefault("partner-entries", {})
    if language in cache:
        return cache[language]
    # Without the fingerprint of what they are made of, entries cannot be told apart.
    kept = context.kept if context.fingerprint else None
    name = entry_name(context.fingerprint, "partner-entries", language)
    found = kept.get(name) if kept is not None else None
    if found is not None and len(found) == 3:
        html, records, cells = found
        entries = _entries(list(map(Markup, html)), records, cells)
    else:
        entries = _rendered(context, language)
        if kept is not None:
            kept.put(name, [list(map(str, entries.html)), entries.records, entries.cells])
    cache[language] = entries
    return entries


def in_parts(entries: Entries) -> bool:
    """Whether the directory page holds only the first part of the entries (the script
    then reads the others' records from `records_file`)."""
    return len(entries.html) > FIRST_PART


def first_part(entries: Entries) -> list[Markup]:
    """The entries the directory page holds in its HTML."""
    return entries.html[:FIRST_PART]


@dataclass(frozen=True)
class FullListPart:
    """One page of the whole list: its path (as in nav) and its entries (from 1)."""

    path: str
    first: int
    last: int

    def label(self, language: str) -> str:
        """Its entries' numbers as `language` writes them (`۱٬۰۰۱–۱٬۵۰۰` in Persian), as the
        page's counts are."""
        return f"{format_number(self.first, language)}–{format_number(self.last, language)}"


def full_list_parts(total: int) -> list[FullListPart]:
    """The pages of the whole list: one page for a small directory."""
    stem = FULL_LIST_PATH.removesuffix(".md")
    return [
        FullListPart(
            FULL_LIST_PATH if start == 0 else f"{stem}-{start // FULL_LIST_PART + 1}.md",
            start + 1,
            min(total, start + FULL_LIST_PART),
        )
        for start in range(0, max(total, 1), FULL_LIST_PART)
    ]


def full_list_html(entries: Entries, part: FullListPart, label: str) -> Markup:
    """The list of one page of the whole list; `label` names it for screen readers."""
    return Markup('<ul class="hb-partners-list" aria-label="{}">\n{}\n</ul>').format(
        label, Markup("\n").join(entries.plain_html[part.first - 1 : part.last])
    )
