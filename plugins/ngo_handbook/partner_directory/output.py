"""What the directory writes: its page in every language, and a CSV file beside each."""

from __future__ import annotations

import csv
import functools
import io
from pathlib import PurePosixPath
from urllib.parse import urljoin

from ..build_cache import entry_name, kept_or_made
from ..context import BuildContext
from ..feature import GeneratedPage
from ..page_slots import set_aside
from ..rendering import front_matter
from ..stand_ins import isolated_parts
from .entries import (
    FullListPart,
    directory_entries,
    first_part,
    full_list_html,
    full_list_parts,
    in_parts,
    records_file,
)
from .model import DATA_FILE, PartnerDirectory
from .view import directory_view

PAGE_PATH = "partners.md"
CSV_NAME = "partners.csv"
CSV_COLUMNS = (
    "id",
    "name",
    "name_translated",
    "city",
    "region",
    "areas",
    "website",
    "links",
    "email",
    "phone",
    "address",
    "page",
)
"""The CSV's columns, in order; each heading is the string `csv_<column>` of `partners`."""


def partner_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The directory page in `language` and the pages of its whole list, or nothing when
    there is no partners.yml. Their Markdown is made when they are built: the entries of a
    long directory take a while to render, in the process that builds the language."""
    data = context.data
    directory: PartnerDirectory | None = data.get(DATA_FILE)
    if directory is None:
        return []
    text = context.strings.get("partners", language)
    parts = full_list_parts(len(directory.organisations))
    edit_path = f"{data.data_dir_name}/{DATA_FILE}"

    def directory_page() -> str:
        entries = directory_entries(context, language)
        total = len(entries.html)
        script_file = records_for_script(context, language)
        html = context.templates.render(
            "partner_directory/page.html",
            t=text,
            csv_name=CSV_NAME,
            total=total,
            count_all=text["count_all"].format(count=total, total=total),
            language=language,
            entries=first_part(entries),
            entries_file=script_file[0] if script_file else None,
            full_list_url=context.site.link(parts[0].path, PAGE_PATH, language),
            **directory_view(directory, context, language),
        )
        return (
            front_matter(text["title"], text["description"])
            + context.templates.heading(text["title"])
            + html
        )

    labels = {}  # each part's numbers, written once per language (20 parts link 20 each)

    def full_list_page(part: FullListPart) -> str:
        if not labels:
            labels.update((each, each.label(language)) for each in parts)
        title = text["full_list_title"]
        if len(parts) > 1:
            title += f" ({labels[part]})"
        links = [
            {
                "label": labels[other],
                "url": context.site.link(other.path, part.path, language),
                "current": other == part,
            }
            for other in parts
        ]
        entries = directory_entries(context, language)
        body = context.templates.render(
            "partner_directory/full_list.html",
            t=text,
            directory_url=context.site.link(PAGE_PATH, part.path, language),
            parts=links,
            # Past Markdown, the outline and the search: the list is put in place later.
            list_slot=set_aside(context, full_list_html(entries, part, text["list_label"])),
        )
        return (
            front_matter(title, text["full_list_description"], search=False)
            + context.templates.heading(title)
            + body
        )

    pages = [GeneratedPage(PAGE_PATH, directory_page, edit_path=edit_path)]
    # Out of the menu and the site's search: the directory page stands for them.
    pages += [
        GeneratedPage(
            part.path, functools.partial(full_list_page, part), edit_path=edit_path, listed=False
        )
        for part in parts
    ]
    return pages


def records_for_script(context: BuildContext, language: str) -> tuple[str, str] | None:
    """The JSON file the directory page's script filters by in `language`, as (name, text)
    (`records_file`), made once per language; None when the page holds every entry."""
    entries = directory_entries(context, language)
    if not in_parts(entries):
        return None
    made = context.cache.setdefault("partner-records", {})
    if language not in made:
        parts = full_list_parts(len(entries.html))
        links = [context.site.link(part.path, PAGE_PATH, language) for part in parts]
        made[language] = records_file(entries, links)
    return made[language]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SKIPPED = " \n\r\t;,"
_WATCHED = frozenset("=+-@" + _SKIPPED)
"""First characters that need a closer look; a cell that starts with any other is as it is."""


def spreadsheet_safe(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection): a cell that
    starts with a formula's sign, also after spaces, line breaks or ';' (which some
    spreadsheets skip, or read as the end of a cell), gets a leading apostrophe."""
    if not value or value[0] not in _WATCHED:
        return value
    if value.lstrip(_SKIPPED)[:1] in _FORMULA_START or value[:1] in _FORMULA_START:
        return "'" + value
    return value


def partners_csv(
    directory: PartnerDirectory, context: BuildContext, language: str, page_url: str
) -> str:
    """The directory as CSV in `language`, with a byte-order mark so Excel reads it as UTF-8."""
    text = context.strings.get("partners", language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # The headings as text alone (an English stand-in isolated for a page has no marks).
    writer.writerow([isolated_parts(text[f"csv_{column}"])[1] for column in CSV_COLUMNS])
    cells = directory_entries(context, language).cells
    for organisation, entry in zip(directory.organisations, cells, strict=True):
        *shown, anchor = entry
        row = [*shown[:7], " ".join(organisation.links), *shown[7:], f"{page_url}#{anchor}"]
        writer.writerow([spreadsheet_safe(value) for value in row])
    return "\ufeff" + buffer.getvalue()


def kept_csv(
    directory: PartnerDirectory, context: BuildContext, language: str, page_url: str
) -> str:
    """`partners_csv`, or the same text an earlier build made from the same data
    (`context.kept`): ten thousand rows take a while to write."""
    kept = context.kept if context.fingerprint else None
    name = entry_name(context.fingerprint, "partners-csv", language, page_url)
    make = functools.partial(partners_csv, directory, context, language, page_url)
    return kept_or_made(kept, name, make, str)


def write_files(context: BuildContext, language: str) -> None:
    """Write `partners.csv` beside the directory page of `language`, and the JSON file its
    script filters by (when the page holds only the first part of the directory): from the
    entries its page was made of, in the process that built the language."""
    directory: PartnerDirectory | None = context.data.get(DATA_FILE)
    if directory is None:
        return
    site = context.site
    page = site.dest_uri(PAGE_PATH, language)
    folder = context.site_dir / PurePosixPath(page).parent
    if not (context.site_dir / page).exists():
        return
    page_url = site.url(PAGE_PATH, language)
    if site.site_url:
        page_url = urljoin(site.site_url, page_url)
    (folder / CSV_NAME).write_text(
        kept_csv(directory, context, language, page_url), encoding="utf-8", newline=""
    )
    script_file = records_for_script(context, language)
    if script_file is not None:
        name, text = script_file
        (folder / name).write_text(text, encoding="utf-8")
