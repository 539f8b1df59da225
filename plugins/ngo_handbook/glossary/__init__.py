"""The glossary: `data/glossary.yml` → a page in every language, and a check of the words.

`model` reads the file, `matching` finds a discouraged variant in a text (inflected forms
too), `check` looks for them in every page and data string, `page` writes the glossary
page. A variant found is a warning, an error under `--strict`.
"""

from __future__ import annotations

from ..feature import Feature
from .check import check_terms
from .model import KIND
from .page import glossary_pages

FEATURE = Feature(
    name="glossary",
    data_kinds=(KIND,),
    strings=("glossary",),
    pages=glossary_pages,
    advise=check_terms,
    assets=("glossary.css",),
    marks=("hb-glossary",),
)
"""The glossary page in every language, and the check of the terms in pages and data."""
