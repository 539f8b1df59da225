"""Adapter: a page's Markdown converted by MkDocs once, and its search entries made by
Material once, then taken from `kept_renders` while nothing they depend on changes.

MkDocs converts a page in `Page.render(config, files)`, after the plugins' `on_page_markdown`
and before their `on_page_content`. `keep_render` gives one page a `render` of its own
that looks the conversion up first, so every plugin still sees every page as before.
Material's search plugin reads each page's final HTML in `on_page_context` through its
index's `add_entry_from_context(page)`; `keep_search_entries` gives the index one of its
own that looks the page's entries up first.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sys
import threading
from collections.abc import Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from .kept_renders import KeptRenders, Render, settings_text


def keep_render(page: Page, kept: KeptRenders | None, language: str) -> None:
    """Let `page` (of `language`), once its Markdown is final, take its conversion from
    `kept` when it was converted before, and keep it there when it was not."""
    if kept is not None:
        page.render = functools.partial(_render, page, kept, language)


SEARCH_INDEX = "material.plugins.search.plugin"
"""The module of the search index whose entries are kept (Material's)."""
SEARCH_META = ("search", "title", "tags")
"""The front matter that Material's index reads of a page."""


def keep_search_entries(config: MkDocsConfig, kept: KeptRenders | None, language: str) -> None:
    """Let the search plugin's index (once it is made, in the plugins' `on_config`) take
    the entries of a page from `kept` when it indexed the same page before."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if kept is None or index is None or type(index).__module__ != SEARCH_INDEX:
        return
    # With jieba installed, Chinese text is split with its dictionaries, which may change.
    if getattr(sys.modules.get(SEARCH_INDEX), "jieba", None) is not None:
        return
    index.add_entry_from_context = functools.partial(_index_page, index, kept, language)


def _index_page(index, kept: KeptRenders, language: str, page: Page) -> None:
    index_page = type(index).add_entry_from_context
    meta = {name: page.meta.get(name) for name in SEARCH_META}
    toc = _tokens(page.toc.items)
    key = kept.search_key(SEARCH_INDEX, page.url, [page.title, meta], toc, page.content or "")
    if key is None:
        index_page(index, page)
        return
    entries = kept.search_entries(key)
    kept.count_search(language, reused=entries is not None)
    if entries is None:
        before = len(index.entries)
        index_page(index, page)
        kept.put(key, index.entries[before:])
        return
    index.entries.extend(entries)


def _settings(config: MkDocsConfig) -> str | None:
    links = config.validation.links
    return settings_text(
        list(config.markdown_extensions),
        dict(config.mdx_configs or {}),
        {
            "use_directory_urls": config.use_directory_urls,
            **{name: links[name] for name in sorted(links)},
            # Messages below the log's level are not made, so not kept, and at DEBUG
            # (--verbose) MkDocs keeps no links to other pages' anchors: each kind of
            # build keeps its own conversions (`KeptRenders.for_project`).
            "messages": message_class(),
        },
    )


def message_class() -> str:
    """The messages this build's log makes: `ngo-handbook build` and `check` make the notes
    (INFO), --verbose the details too (DEBUG), `mkdocs build -q` neither."""
    level = logging.getLogger("mkdocs").getEffectiveLevel()
    if level <= logging.DEBUG:
        return "details"
    return "notes" if level <= logging.INFO else "warnings"


@contextlib.contextmanager
def _messages() -> Iterator[list[tuple[str, int, str]]]:
    """The log messages given in this thread during the block, as (logger, level, text)."""
    found: list[tuple[str, int, str]] = []
    seen: set[int] = set()
    thread = threading.get_ident()

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == thread and id(record) not in seen:
                seen.add(id(record))
                found.append((record.name, record.levelno, record.getMessage()))

    handler = Keep()
    # MkDocs' own logger may not hand its messages on to the root logger.
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield found
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def _place(file) -> tuple[str, str, str]:
    """Where a file is, as links see it: its source path, its address, its inclusion."""
    return file.src_uri, file.url, file.inclusion.name


def _tokens(items: list[AnchorLink]) -> list[dict]:
    return [
        {"level": i.level, "id": i.id, "name": i.title, "children": _tokens(i.children)}
        for i in items
    ]


def _render(
    page: Page, kept: KeptRenders, language: str, config: MkDocsConfig, files: Files
) -> None:
    settings = _settings(config)
    if settings is None or page.markdown is None:
        Page.render(page, config, files)
        return
    listing = kept.files_text(files, lambda: [_place(each) for each in files])
    key = kept.key(settings, listing, _place(page.file), page.markdown)
    render = kept.render(key)
    kept.count(language, reused=render is not None)
    if render is None:
        with _messages() as messages:
            Page.render(page, config, files)
        links = {
            target.src_uri: dict(found) for target, found in (page.links_to_anchors or {}).items()
        }
        render = Render(
            page.content,
            _tokens(page.toc.items),
            page._title_from_render,
            sorted(page.present_anchor_ids or ()),
            links,
            messages,
        )
        kept.keep(key, render)
        return
    page.content = render.html
    page.toc = get_toc(render.toc_tokens)
    page._title_from_render = render.title
    page.present_anchor_ids = set(render.anchors)
    if render.links_to_anchors:
        page.links_to_anchors = {}
        for path, found in render.links_to_anchors.items():
            target = files.get_file_from_path(path)
            if target is not None:
                page.links_to_anchors[target] = found
    for name, level, text in render.messages:
        logging.getLogger(name).log(level, text)
