"""Each form printed on its own, blank, in every language: `forms/<slug>/<slug>-<lang>.pdf`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..context import BuildContext
from ..forms import form_slug, pdf_file_name
from ..problems import Location
from .browser import PRINT_OPTIONS


@dataclass(frozen=True)
class FormPdf:
    """One form's PDF in one language: where it goes, the page it prints, its data file."""

    target: Path
    url: str
    language: str
    source: Location


def form_pdfs(context: BuildContext) -> list[FormPdf]:
    """Every built form page, in every language."""
    site = context.site
    data = context.data
    found = []
    for language in context.languages:
        for name in sorted(data.matching("forms/*.yml")):
            slug = form_slug(name)
            path = f"forms/{slug}.md"
            page = context.site_dir / site.dest_uri(path, language)
            if page.is_file():
                target = page.parent / pdf_file_name(slug, language)
                where = Location(f"{data.data_dir_name}/{name}")
                found.append(FormPdf(target, site.url(path, language), language, where))
    return found


async def print_form(tab, url: str, target: Path) -> str:
    """Print a form page (blank: no script of the page runs, so nothing typed earlier in
    this browser comes back); return its printed text."""
    await tab.goto(url, wait_until="load")
    text = await tab.evaluate("() => document.querySelector('article').innerText")
    # Tagged, as the whole handbook is: a screen reader reads the form's headings, fields
    # and their order, in the page's language (about 5 ms a form).
    await tab.pdf(path=str(target), tagged=True, outline=True, **PRINT_OPTIONS)
    return text
