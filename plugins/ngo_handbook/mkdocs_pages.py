"""Adapter: pages made from data files, added to each language build of static-i18n.

mkdocs-static-i18n builds the site once per language. A generated page is added after
i18n has sorted the files of the current language (so the plugin calls `add_generated_pages`
from an `on_files` handler with a priority below i18n's -100) and is given the i18n
attributes i18n gives its own files: without `alternates` the language switcher on the page
jumps to each home page, and a page missing from `i18n_files_per_language` is missing
from the sitemap.

The page for a missing address (`not_found`) is MkDocs' `404.html` theme template, rendered
once per language build: `NotFoundPages` gives the plugin the two events it takes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents, get_toc

from . import not_found
from .context import Site
from .feature import GeneratedPage
from .languages import direction
from .rendering import TITLE_LANGUAGE, Markup


def add_generated_pages(
    files: Files,
    config: MkDocsConfig,
    i18n_plugin,
    site: Site,
    pages: Iterable[GeneratedPage],
) -> list[File]:
    """Add `pages` (all in the current i18n language) to `files`; return the new files."""
    language = i18n_plugin.current_language
    added = []
    for page in pages:
        src_uri = f"{language}/{page.path}"
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            # A hand-written page of the same path wins over the generated one.
            continue
        file = File.generated(
            config,
            src_uri,
            content=page.text(),
        )
        file.dest_uri = site.dest_uri(page.path, language)
        file.locale = language
        file.localization = language
        file.locale_alternate_of = language
        file.norm_src_uri = page.path
        file.edit_path = page.edit_path
        file.outline_depth = page.outline_depth
        file.alternates = {language: file}
        add_alternates(file, config, site, page.path, site.languages)
        files.append(file)
        if page.listed:
            i18n_plugin.i18n_files_per_language.setdefault(language, []).append(file)
        else:
            # A staff page: out of the menu on purpose, so not among MkDocs' "not
            # included in the nav" pages either.
            file.inclusion = InclusionLevel.NOT_IN_NAV
        added.append(file)
    return added


def edit_url(page, config: MkDocsConfig, generated: bool, edit_path: str | None) -> str | None:
    """The page's edit link: to the data file that feeds a generated page (none for a
    generated page no file feeds), else MkDocs' own link to the page's Markdown."""
    if not (edit_path and config.repo_url and config.edit_uri):
        return None if generated else page.edit_url
    # edit_uri points into the docs folder; the data file sits beside it.
    edit_root = config.edit_uri.rstrip("/").removesuffix(Path(config.docs_dir).name)
    return urljoin(urljoin(config.repo_url.rstrip("/") + "/", edit_root), edit_path)


def settle_files(
    files: Files,
    config: MkDocsConfig,
    site: Site,
    language: str,
    outside_menu: set[str],
    untranslated: dict[str, list[str]],
    unused: set[str],
) -> None:
    """The last touches to a language's files: pages kept out of the menu on purpose, the
    language switcher of pages other languages show untranslated, no unused media."""
    leave_out_of_menu(files, language, outside_menu)
    link_untranslated(files, config, site, language, untranslated)
    leave_out_unused(files, unused)


def add_alternates(
    file: File, config: MkDocsConfig, site: Site, path: str, languages: Iterable[str]
) -> None:
    """Point the language switcher of `file` (page `path`) at its page in `languages`."""
    for alternate in languages:
        if alternate not in file.alternates:
            twin = File.generated(config, f"{alternate}/{path}", content="")
            twin.dest_uri = site.dest_uri(path, alternate)
            file.alternates[alternate] = twin


def link_untranslated(
    files: Files, config: MkDocsConfig, site: Site, language: str, missing: dict[str, list[str]]
) -> None:
    """The pages of `language` that other languages show untranslated (language → paths):
    their language switcher leads to those pages, not to each language's home page."""
    for other, paths in missing.items():
        for path in paths:
            file = files.get_file_from_path(f"{language}/{path}")
            if file is not None and other != language:
                add_alternates(file, config, site, path, [other])


def leave_out_unused(files: Files, unused: set[str]) -> None:
    """Publish no file of `unused` (paths under the docs folder)."""
    for path in unused:
        file = files.get_file_from_path(path)
        if file is not None:
            files.remove(file)


def leave_out_of_menu(files: Files, language: str, paths: set[str]) -> None:
    """Mark the pages `paths` of `language` as meant to stay out of the menu, so MkDocs
    does not list them among the pages "not included in the nav"."""
    for path in paths:
        file = files.get_file_from_path(f"{language}/{path}")
        if file is not None and file.inclusion.is_in_nav():
            file.inclusion = InclusionLevel.NOT_IN_NAV


# A heading of the generated pages' templates, which write every attribute in double quotes.
_HEADING = re.compile(r'<h([1-6])\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h\1\s*>', re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def outline(page_html: str, depth: int) -> TableOfContents:
    """The table of contents of a generated page, read from the headings of its HTML.

    Python-Markdown's `toc` extension sees no heading inside raw HTML, so a generated page
    would have none: Material then writes no "skip to content" link and no contents list.
    """
    roots: list[dict] = []
    parents: list[dict] = []
    for found in _HEADING.finditer(page_html):
        level = int(found.group(1))
        if level > depth:
            continue
        text = html.unescape(_TAG.sub("", found.group(3)))
        token = {
            "level": level,
            "id": html.unescape(found.group(2)),
            "name": html.escape(" ".join(text.split())),
            "children": [],
        }
        while parents and parents[-1]["level"] >= level:
            parents.pop()
        (parents[-1]["children"] if parents else roots).append(token)
        parents.append(token)
    return get_toc(roots)


_HEADING_IN_LANGUAGE = re.compile(r'<h[1-6][^>]* id="([^"]+)"[^>]*>\s*<span lang="([^"]+)"')


def _in_language(title: str, language: str) -> dict:
    """Material's `typeset` of a menu or outline entry, which it prints as it is."""
    return {
        "title": Markup('<span lang="{}" dir="{}">{}</span>').format(
            language, direction(language), Markup(title)
        )
    }


def heading_in_language(content: str, page) -> str:
    """The page's HTML, with a main heading in the language of its title when the title is
    in another language (`title_language`) and the page has no main heading of its own:
    Material would print the title there as a text of the page's language."""
    language = (page.meta or {}).get(TITLE_LANGUAGE)
    if not language or not page.title or "<h1" in content:
        return content
    heading = Markup('<h1 lang="{}" dir="{}">{}</h1>\n').format(
        language, direction(language), Markup(page.title)
    )
    return str(heading) + content


def mark_title_languages(nav, page=None) -> None:
    """Give a menu entry whose page title is not yet translated (its `title_language`) and
    an outline entry whose heading is in another language (a `model.Fallback`) their own
    lang and dir. Material prints an entry's `typeset.title`, when there is one, in place
    of its escaped title; titles are escaped already (`rendering.front_matter`)."""
    for item in nav.pages:
        language = (item.meta or {}).get(TITLE_LANGUAGE)
        if language and item.title:
            item.typeset = _in_language(item.title, language)
    if page is None:
        return
    headings = dict(_HEADING_IN_LANGUAGE.findall(page.content or ""))
    entries = list(page.toc)
    while entries:
        entry = entries.pop()
        entries.extend(entry.children)
        if entry.id in headings:
            entry.typeset = _in_language(entry.title, headings[entry.id])


class NotFoundPages:
    """The plugin's events for the page of a missing address, in each language: what it
    shows (`not_found.not_found_context`), and its rendering kept until every language is
    built. Mixed into the plugin, which has `context` and `_i18n`."""

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        if template_name != not_found.TEMPLATE or self.context is None:
            return context
        i18n = self._i18n(config)
        names = {lang.locale: lang.name for lang in i18n.config.languages if lang.name}
        found = not_found.not_found_context(
            self.context, i18n.current_language, context["base_url"], names
        )
        # The language switch: each language's home. static-i18n leaves the last page's
        # links there, as an attribute (which Jinja reads before the key): both are set.
        mark_title_languages(context["nav"])
        homes = found["hb_not_found"]["languages"]
        config.extra["alternate"] = homes
        config.extra.alternate = homes
        context.update(found)
        return context

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig):
        if template_name == not_found.TEMPLATE and self.context is not None:
            language = self._i18n(config).current_language
            not_found.keep_not_found_page(self.context, language, output)
        return output
