"""Translation status: what is translated, missing or out of date, from the Git history.

`git_history` asks Git (one log, one blame per data file); `sections` splits a page by heading and
diffs it, `status` decides each page's and data string's state, `pages` makes the staff
page and the notice on an out-of-date page. `ngo-handbook status` prints the same.
"""

from __future__ import annotations

from ..feature import Feature
from .pages import outdated_notice, status_pages

FEATURE = Feature(
    name="translation-status",
    strings=("translation_status",),
    pages=status_pages,
    page_markdown=outdated_notice,
    assets=("translation_status.css",),
)
"""The staff's status page in every language, and the notice on an out-of-date page."""
