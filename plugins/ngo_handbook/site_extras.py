"""Small finishing touches every handbook needs, whatever its data."""

from __future__ import annotations

import shutil

from .context import BuildContext
from .handbook_identity import write_web_manifests


def finish_site(context: BuildContext) -> None:
    """What every built handbook gets at the end: language sitemaps, web manifests."""
    write_language_sitemaps(context)
    write_web_manifests(context)


def write_language_sitemaps(context: BuildContext) -> None:
    """Put the sitemap under every language folder too.

    Material's language switcher reads `sitemap.xml` beside each alternate's home page
    (`/tr/sitemap.xml`, …) to find the same page in the other language; static-i18n writes
    only the root one, so each such request would be a 404.
    """
    root = context.site_dir
    for language in context.languages:
        if language == context.default_language:
            continue
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (root / name).exists() and (root / language).is_dir():
                shutil.copyfile(root / name, root / language / name)
