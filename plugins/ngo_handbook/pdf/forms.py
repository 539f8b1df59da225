"""Each form printed on its own, blank, in every language: `forms/<slug>/<slug>-<lang>.pdf`."""

from __future__ import annotations

from pathlib import Path

from ..context import BuildContext
from ..forms import form_slug, pdf_file_name
from ..problems import Location, Problem
from .browser import PRINT_OPTIONS
from .fonts import check_pdf


def print_form(tab, url: str, target: Path) -> str:
    """Print a form page (blank: a fresh browser profile); return its printed text."""
    tab.goto(url, wait_until="load")
    tab.emulate_media(media="print")
    text = tab.evaluate("() => document.querySelector('article').innerText")
    tab.pdf(path=str(target), **PRINT_OPTIONS)
    return text


def print_forms(tab, context: BuildContext, base_url: str) -> tuple[list[Path], list[Problem]]:
    """Print every built form page beside itself; return the PDFs and their problems."""
    site = context.site
    data = context.data
    files: list[Path] = []
    problems: list[Problem] = []
    for language in context.languages:
        for name in sorted(data.matching("forms/*.yml")):
            slug = form_slug(name)
            path = f"forms/{slug}.md"
            page = context.site_dir / site.dest_uri(path, language)
            if not page.is_file():
                continue
            target = page.parent / pdf_file_name(slug, language)
            url = site.url(path, language)
            text = print_form(tab, base_url + url, target)
            where = Location(f"{data.data_dir_name}/{name}")
            problems += check_pdf(target, text, where, f"{url} ({language})")
            files.append(target)
    return files, problems
