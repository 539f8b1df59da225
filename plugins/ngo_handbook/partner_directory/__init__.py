"""The partner-organisation directory: `data/partners.yml` → a filterable page and a CSV.

The page lists the organisations, rendered at build time, so it reads without JavaScript;
a long directory's page holds its first part, with a link to the whole list on plain pages
(`entries`). The script (`assets/partner_directory.js`) shows the filters and hides the
entries that do not match, using the search key each entry carries (`folding`); for a long
directory it fetches every entry's key from a JSON file beside the page, and the entries
past the first part from the whole list's pages.

`model` reads and checks the file, `view` makes what the page shows, `entries` renders the
organisations once per language, `output` writes the pages, the CSV and the JSON file.
"""

from __future__ import annotations

from ..feature import Feature
from .folding import prepared_keys
from .model import KIND
from .output import partner_pages, write_files

FEATURE = Feature(
    name="partner-directory",
    data_kinds=(KIND,),
    strings=("partners",),
    pages=partner_pages,
    language_built=write_files,
    prepare=prepared_keys,
    assets=("partner_directory.css", "partner_directory.js"),
    marks=("hb-partners",),
)
