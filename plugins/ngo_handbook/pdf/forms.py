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


# Shows the form page at `url` in the tab, when the tab shows a form page already whose
# language, direction and stylesheets are the same: its body takes the place of the one
# shown, as if the page were loaded (a third of the processor time a page load takes).
# Returns false where it cannot, and the page is loaded.
_SWAP_FORM = """async (url) => {
  const root = document.documentElement;
  if (!("hbForm" in root.dataset)) return false;
  const response = await fetch(url);
  if (!response.ok) return false;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const sheets = (doc, base) => Array.from(doc.querySelectorAll('link[rel="stylesheet"]'),
    (link) => new URL(link.getAttribute("href"), base).href).join(" ");
  const same = page.documentElement.lang === root.lang && page.documentElement.dir === root.dir
    && sheets(page, url) === sheets(document, location.href);
  if (!same) return false;
  history.replaceState(null, "", url);
  document.title = page.title;
  document.body.replaceWith(document.importNode(page.body, true));
  await document.fonts.ready;
  await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => null)));
  return true;
}"""


async def print_form(tab, url: str, target: Path) -> str:
    """Print a form page (blank: no script of the page runs, so nothing typed earlier in
    this browser comes back); return its printed text. A tab that printed a form of the
    same language shows the next one without loading a whole page (`_SWAP_FORM`)."""
    if not await tab.evaluate(_SWAP_FORM, url):
        await tab.goto(url, wait_until="load")
        await tab.evaluate("() => { document.documentElement.dataset.hbForm = ''; }")
    text = await tab.evaluate("() => document.querySelector('article').innerText")
    # Tagged, as the whole handbook is: a screen reader reads the form's headings, fields
    # and their order, in the page's language (about 5 ms a form).
    await tab.pdf(path=str(target), tagged=True, outline=True, **PRINT_OPTIONS)
    return text
