"""The partner-organisation directory: `data/partners.yml` → a filterable page and a CSV.

The page lists every organisation, rendered at build time, so it reads and prints without
JavaScript. The script (`assets/partner_directory.js`) only shows the filters and hides
the entries that do not match, using the search key each entry carries (`folding`).

`model` reads and checks the file, `view` makes what the page shows, `output` writes the
page and the CSV.
"""

from __future__ import annotations

from ..feature import Feature
from .model import KIND
from .output import partner_pages, write_csv_files

FEATURE = Feature(
    name="partner-directory",
    data_kinds=(KIND,),
    strings=("partners",),
    pages=partner_pages,
    finalize=write_csv_files,
    assets=("partner_directory.css", "partner_directory.js"),
    marks=("hb-partners",),
)
