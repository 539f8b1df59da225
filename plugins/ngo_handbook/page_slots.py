"""HTML too large to pass through Markdown: set aside while its generated page is converted,
outlined and indexed, and put back once the theme has rendered the page.

Python-Markdown reads every tag of a page's raw HTML, and the page's outline and the search
index read it again: for a list of thousands of entries (the whole partner directory, the
translation status of a large handbook) that was most of a build. A page holds a slot
instead (`set_aside`), and `put_back` swaps the HTML in. What is set aside has no headings
the outline needs and is not meant for the site's search.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .context import BuildContext

_SLOTS = "page-slots"
_SLOT = re.compile(r'<div data-hb-slot="(\d+)"></div>')


def set_aside(context: BuildContext, html: str) -> Markup:
    """A slot (an empty element) that `put_back` replaces with `html` (HTML with every
    value escaped) in the rendered page."""
    slots: list[str] = context.cache.setdefault(_SLOTS, [])
    slots.append(str(html))
    return Markup('<div data-hb-slot="{}"></div>').format(len(slots) - 1)


def put_back(page_html: str, context: BuildContext) -> str:
    """`page_html` with every slot replaced by the HTML set aside for it."""
    if "data-hb-slot" not in page_html:
        return page_html
    slots: list[str] = context.cache.get(_SLOTS, [])
    return _SLOT.sub(lambda slot: slots[int(slot[1])], page_html)
