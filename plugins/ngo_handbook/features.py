"""Every feature of the generator, in one list, in the order their hooks run.

Adding a feature means writing its module (its `FEATURE` declares the data files it reads,
its blocks, pages, strings, assets and theme parts) and listing it here. Nothing registers
itself at import time.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import (
    checklists,
    content_checks,
    embedding,
    forms,
    glossary,
    handbook_identity,
    not_found,
    offline,
    partial_translations,
    partner_directory,
    pdf,
    precompressed,
    search,
    self_assessment,
    site_extras,
    translation_status,
)
from .feature import Block, DataFileKind, Feature, GeneratedPage

SITE = Feature(
    name="site",
    data_kinds=(
        handbook_identity.KIND,
        DataFileKind("strings/*.yml", None, "a language's interface strings (see strings/en.yml)"),
    ),
    check_content=content_checks.check_content,
    template_context=handbook_identity.handbook_context,
    theme_parts=(
        "main.html",
        "partials/alternate.html",
        "partials/copyright.html",
        "partials/search.html",
        "partials/source.html",
        "partials/languages/kk.html",
    ),
    assets=("strings.js", "common.js", "theme.css"),
    finalize=site_extras.finish_site,
)
"""What every handbook has: the organisation's identity, the theme, checked pages."""

BLOCKS = Feature(
    name="blocks",
    check_content=embedding.check_directives,
    page_markdown=embedding.expand_directives,
)
"""`{{ handbook: … }}` in hand-written pages (the blocks come from the other features)."""

FEATURES: tuple[Feature, ...] = (
    SITE,
    # A page still in another language is marked as such before its blocks are put in.
    partial_translations.STAND_INS,
    BLOCKS,
    checklists.FEATURE,
    forms.FEATURE,
    partner_directory.FEATURE,
    glossary.FEATURE,
    translation_status.FEATURE,
    self_assessment.FEATURE,
    # After the self-assessment: its guidance pages are not published a second time.
    partial_translations.FEATURE,
    # Before search: its `finalize` points each language's pages, these too, at its index.
    not_found.FEATURE,
    search.FEATURE,
    pdf.FEATURE,
    # Its `finalize` lists the files all the others wrote.
    offline.FEATURE,
    # Last: compressed copies of every text file, the offline lists included.
    precompressed.FEATURE,
)


def data_kinds(features: tuple[Feature, ...] = FEATURES) -> list[DataFileKind]:
    """Every kind of data file the features read."""
    return [kind for feature in features for kind in feature.data_kinds]


def blocks(features: tuple[Feature, ...] = FEATURES) -> dict[str, Block]:
    """Every block a page can embed, by name."""
    return {block.name: block for feature in features for block in feature.blocks}


def outside_menu(context, features: tuple[Feature, ...] = FEATURES) -> set[str]:
    """Every hand-written page the features own that stays out of the menu."""
    return {
        path
        for feature in features
        if feature.outside_menu is not None
        for path in feature.outside_menu(context)
    }


def page_title(source, context, features: tuple[Feature, ...] = FEATURES) -> str | None:
    """The title a feature gives a page that has neither a `title` nor a heading."""
    titles = (f.page_title(source, context) for f in features if f.page_title is not None)
    return next((title for title in titles if title), None)


def menu_pages(pages: Iterable[Iterable[GeneratedPage]]) -> dict[str, str | None]:
    """The generated pages that belong in the menu (not the staff's): path → data file."""
    return {page.path: page.edit_path for group in pages for page in group if page.listed}
