"""The form pages: one page per form and the forms index, in each language.

A form's page and its PDF (written beside the page by `pdf`) share the form's slug, the
name of its data file.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..context import BuildContext
from ..feature import GeneratedPage
from ..languages import direction
from ..plural_text import page_numbers
from ..rendering import Markup, front_matter
from .checks import form_files
from .view import form_view


def form_slug(name: str) -> str:
    """`forms/application.yml` → `application`: the form's page and PDF name."""
    return PurePosixPath(name).stem


def pdf_file_name(slug: str, language: str) -> str:
    """The file name of a form's PDF, written beside its page."""
    return f"{slug}-{language}.pdf"


def css_string(text: str) -> str:
    """A quoted CSS string that cannot end the string or the style element, whatever `text` is."""
    # Everything but ASCII letters and digits becomes a six-digit escape (spaces too, since
    # CSS eats one space after an escape), so no text can end the string or the element.
    escaped = "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x}" for ch in text)
    return f'"{escaped}"'


def form_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The forms index and one page per form, in `language`."""
    data = context.data
    render = context.templates.render
    strings = context.strings.get("forms", language)
    organisation = data.text(data.handbook.name, language)
    ordered = sorted(form_files(data).items(), key=lambda item: (item[1].order, item[0]))
    made = []
    listed = []
    for name, form in ordered:
        slug = form_slug(name)
        view = form_view(data, form, language) | {
            "slug": slug,
            "pdf": pdf_file_name(slug, language),
        }
        listed.append(view)
        markdown = front_matter(view["title"], description=view["description"] or None) + render(
            "forms/form.html",
            form=view,
            strings=strings,
            language=language,
            # The printed header of every page but the first: "Organisation · Form title".
            page_header=Markup(css_string(f"{organisation} · {view['title']}")),
            # The foot of every page: "2 / 3", in the language's digits and direction.
            page_numbers=Markup(page_numbers(language)),
            direction=direction(language),
            heading=Markup(context.templates.heading(view["title"])),
        )
        made.append(
            GeneratedPage(f"forms/{slug}.md", markdown, edit_path=f"{data.data_dir_name}/{name}")
        )
    index = front_matter(strings["forms_title"], strings["forms_description"]) + render(
        "forms/index.html",
        forms=listed,
        strings=strings,
        language=language,
        heading=Markup(context.templates.heading(strings["forms_title"])),
    )
    made.append(GeneratedPage("forms/index.md", index))
    return made
