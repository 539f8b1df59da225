"""The handbook's features, each a set of functions the plugin calls at the right moment.

A feature knows its data file and its pages; the plugin knows MkDocs. Adding a feature
means writing its module and listing it in `FEATURES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .generated_pages import GeneratedPage


@dataclass(frozen=True)
class BuildContext:
    """What a feature may need at the end of the build."""

    data: Any
    """The validated HandbookData."""
    config: Any
    """The MkDocs config of the default-language build."""
    site_dir: Path
    """The folder being built (renamed to the real site folder after success)."""
    languages: list[str]
    default_language: str


@dataclass(frozen=True)
class Feature:
    """Hooks of one feature; each is optional."""

    name: str
    pages: Callable[[Any, str], Iterable[GeneratedPage]] | None = None
    """(HandbookData, language) → pages added to that language's build."""
    page_markdown: Callable[[str, Any, Any, str], str] | None = None
    """(markdown, page, HandbookData, language) → markdown, for directives in pages."""
    finalize: Callable[[BuildContext], None] | None = None
    """Runs once after every language is built: indexes, PDFs, downloads."""
    template_context: Callable[[Any, str], dict[str, Any]] | None = None
    """(HandbookData, language) → values added to the context of every page template."""
    assets: tuple[str, ...] = ()
    """Files under the package's `assets/` folder loaded on every page (.css and .js),
    joined with the other features' into one stylesheet and one script (`site_assets`)."""


def load_features() -> list[Feature]:
    """Every feature of the generator, in the order their hooks run.

    Offline reading comes last: its `finalize` lists the files all the others wrote.
    """
    from . import (
        checklists,
        forms,
        offline,
        partner_directory,
        pdf_export,
        search_index,
        self_assessment,
        site_extras,
    )

    features = [site_extras.FEATURE, checklists.FEATURE, forms.FEATURE]
    features.append(partner_directory.FEATURE)
    features.append(self_assessment.FEATURE)
    features.append(search_index.FEATURE)
    features.append(pdf_export.FEATURE)
    return [*features, offline.FEATURE]
