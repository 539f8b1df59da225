"""A "page not found" page in every language, each in its language's folder.

MkDocs renders the theme's `404.html` once per build, and static-i18n builds every
language into the same site folder, so the one `404.html` at the root would be whichever
language was built last, with that language's menu and a language switch left pointing at
the last page built. Here each language's rendering is kept (`keep_not_found_page`) and, once
every language is built, written to `<lang>/404.html`; the default language's goes to the
root, where static hosts look for it, with a small script that sends a visitor whose
address starts with another language's folder on to that language's page.

The page (the package's `theme/404.html`) says what happened, in the reader's language, and
offers the home page, a search and every language's home page.
"""

from __future__ import annotations

from typing import Any

from .context import BuildContext
from .feature import Feature
from .handbook_identity import handbook_context

TEMPLATE = "404.html"
_KEPT = "not_found.pages"


def language_homes(
    context: BuildContext, base_path: str, names: dict[str, str]
) -> list[dict[str, str]]:
    """Every language's home page as the language switch lists it: `name`, `link`, `lang`.

    Args:
        base_path: The site's path on its host (`/`, `/handbook/`): a 404 page is served at
            any address, so its links start from the host's root.
        names: Each language's name as the site's language switch shows it.
    """
    base = base_path.rstrip("/") + "/"
    return [
        {
            "name": names.get(code, context.site.name(code)),
            "link": base + context.site.prefix(code),
            "lang": code,
        }
        for code in context.languages
    ]


def not_found_context(
    context: BuildContext, language: str, base_path: str, names: dict[str, str]
) -> dict[str, Any]:
    """What `theme/404.html` shows in `language`: `hb_not_found` and the organisation."""
    homes = language_homes(context, base_path, names)
    home = next(entry["link"] for entry in homes if entry["lang"] == language)
    others = [code for code in context.languages if code != context.default_language]
    return {
        **handbook_context(context, language),
        "hb_not_found": {
            "strings": context.strings.get("not_found", language),
            "home": home,
            "languages": homes,
            # Only the root page sends visitors on, and only to the languages' folders.
            "redirect": (
                {"base": base_path.rstrip("/") + "/", "languages": others}
                if language == context.default_language and others
                else None
            ),
        },
    }


def keep_not_found_page(context: BuildContext, language: str, html: str) -> None:
    """Keep the page MkDocs rendered for `language` until every language is built."""
    context.cache.setdefault(_KEPT, {})[language] = html


def write_not_found_pages(context: BuildContext) -> None:
    """Write each language's page into its folder (the default language's at the root)."""
    for language, html in context.cache.get(_KEPT, {}).items():
        folder = context.site.folder(context.site_dir, language)
        if folder.is_dir():
            (folder / TEMPLATE).write_text(html, encoding="utf-8")


FEATURE = Feature(
    name="not_found",
    strings=("not_found",),
    theme_parts=("404.html",),
    finalize=write_not_found_pages,
)
