"""Pages as the Markdown converter made them, kept between builds: a page whose Markdown
did not change is not converted again.

Converting Markdown to HTML is the longest step of building a page after the theme's
template. Its result depends on the page's Markdown (as the features left it), on where the
page is and where every other file of its language build is (links are resolved against
them), on the Markdown settings of `mkdocs.yml` and on the versions of the converter and
its extensions. The build names each entry after all of these, so a change in any of them
makes a new entry and the page is converted again; the messages the conversion gave (a
link to a missing page) are kept with it and given again, so a build with `--strict`
fails as it did.

Extensions that read other files as they convert (`pymdownx.snippets`, `pymdownx.b64`) or
that the build cannot tell apart from one run to the next (one given as an object) switch
the keeping off for the whole build: see `settings_text`.

The entries live in `.cache/ngo-handbook/pages/`; each build marks the ones it used, and
once all of its languages are built (in one process or several) the others are removed.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .build_cache import CACHE_ROOT, KeptValues, entry_name

CACHE_FOLDER = CACHE_ROOT / "pages"
"""Where the converted pages are kept, relative to the project folder."""
FORMAT = 1
"""The layout of an entry; a new one makes every page convert again once."""
PURE_EXTENSIONS = {
    # Python-Markdown's own (short and long names): they read nothing but the page.
    *(
        prefix + name
        for prefix in ("", "markdown.extensions.")
        for name in (
            "abbr admonition attr_list codehilite def_list extra fenced_code footnotes "
            "legacy_attrs legacy_em md_in_html meta nl2br sane_lists smarty tables toc "
            "wikilinks"
        ).split()
    ),
    "material.extensions.emoji",
}
"""Extensions whose output depends on the page alone; so do all of `pymdownx` but these:"""
READS_FILES = {"pymdownx.snippets", "pymdownx.b64"}
PACKAGES = ("markdown", "pymdown-extensions", "mkdocs", "mkdocs-material", "pygments")
VERSIONED_MODULES = {"markdown", "pymdownx", "mkdocs", "material", "pygments", "builtins"}
"""The modules of `PACKAGES` (and Python's own): a function of theirs named in a setting
changes only with their version, which is in the key."""


def stable_text(value: Any) -> str | None:
    """`value` (a setting of `mkdocs.yml`) as text that is the same in every run; None
    when it holds something whose text would change (an object at its memory address)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        parts = [stable_text(item) for item in value]
        return None if None in parts else "[" + ",".join(parts) + "]"
    if isinstance(value, dict):
        items = [(stable_text(k), stable_text(v)) for k, v in value.items()]
        if any(k is None or v is None for k, v in items):
            return None
        return "{" + ",".join(f"{k}:{v}" for k, v in sorted(items)) + "}"
    if isinstance(value, functools.partial):
        parts = [stable_text(value.func), stable_text(value.args), stable_text(value.keywords)]
        return None if None in parts else "partial(" + ",".join(parts) + ")"
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType)):
        if getattr(value, "__closure__", None):
            return None  # what it closes over is not in its name
        if value.__module__.partition(".")[0] not in VERSIONED_MODULES:
            return None  # a function of the handbook's own may change with no new version
        return f"{value.__module__}.{value.__qualname__}"
    return None


def pure_extension(name: Any) -> bool:
    """Whether the extension `name` converts a page from its Markdown alone."""
    if not isinstance(name, str):
        return False
    if name.startswith("pymdownx."):
        return name not in READS_FILES
    return name in PURE_EXTENSIONS


@functools.cache
def _versions() -> str:
    found = []
    for package in PACKAGES:
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package} -")
    return f"{FORMAT} {sys.version} " + ", ".join(found)


def settings_text(extensions: list, extension_configs: dict, link_settings: dict) -> str | None:
    """What every page's conversion of a build depends on besides the page and the files:
    None when the build's pages cannot be kept (an extension that reads other files, or a
    setting with no stable text)."""
    if not all(pure_extension(name) for name in extensions):
        return None
    settings = stable_text([extensions, extension_configs, link_settings])
    return None if settings is None else _versions() + settings


def files_text(files: list[tuple[str, str, str]]) -> bytes:
    """The files of a language build as links see them: (source path, address, inclusion)."""
    digest = hashlib.sha256()
    for entry in files:
        digest.update("\0".join(entry).encode() + b"\n")
    return digest.digest()


@dataclass
class Render:
    """What converting a page gave: its HTML, the headings of its table of contents (as the
    converter lists them), the title from its first heading, the anchors it has, the
    anchors of other pages it links to ({source path: {anchor: link as written}}), and
    the messages the conversion logged ((logger, level, text))."""

    html: str
    toc_tokens: list
    title: str | None
    anchors: list[str]
    links_to_anchors: dict[str, dict[str, str]]
    messages: list[tuple[str, int, str]]


class KeptRenders(KeptValues):
    """The pages converted by earlier builds (`KeptValues` in `.cache/ngo-handbook/pages/`),
    and how many of each language were converted or taken from them (`count`)."""

    def __init__(self, folder: Path, stamp: float) -> None:
        super().__init__(folder, stamp)
        self.counts: dict[str, list[int]] = {}
        """Pages converted and pages taken from the cache, per language."""
        self.search_counts: dict[str, list[int]] = {}
        """Pages indexed for search and pages whose entries came from the cache, per
        language."""
        self._listing: tuple[object, bytes] | None = None

    def files_text(self, files: object, listing: Callable[[], list[tuple[str, str, str]]]) -> bytes:
        """`files_text` of a language build's `files`, listed by `listing`: made once per
        language, since the engine hands every page of a language build the same files."""
        if self._listing is None or self._listing[0] is not files:
            self._listing = (files, files_text(listing()))
        return self._listing[1]

    @classmethod
    def for_project(cls, project_dir: Path, stamp: float, messages: str) -> KeptRenders:
        """The conversions of builds whose log makes `messages` (a build with --verbose
        logs more than one without): each kind keeps its own, in a folder of its own, so
        that builds of one kind do not remove those of the other."""
        return cls(project_dir / CACHE_FOLDER / messages, stamp)

    def key(self, settings: str, files: bytes, page: tuple[str, str, str], markdown: str) -> str:
        """The entry's name: made from everything the conversion of `markdown` depends on."""
        return entry_name(settings, files, *page, markdown)

    def count(self, language: str, reused: bool) -> None:
        self.counts.setdefault(language, [0, 0])[reused] += 1

    def count_search(self, language: str, reused: bool) -> None:
        self.search_counts.setdefault(language, [0, 0])[reused] += 1

    def render(self, key: str) -> Render | None:
        """The conversion kept under `key`; None when there is none."""
        fields = self.get(key)
        try:
            return None if fields is None else Render(*fields)
        except TypeError:
            return None  # an entry of another layout

    def keep(self, key: str, render: Render) -> None:
        self.put(key, dataclasses.astuple(render))

    def search_key(self, indexer: str, address: str, meta: Any, toc: Any, html: str) -> str | None:
        """The name of a page's search entries: made from everything the search indexer
        (named and versioned by `indexer`) reads of the page (its address, the front
        matter it reads, its table of contents and its final HTML); None when the front
        matter has no stable text."""
        parts = [stable_text(meta), stable_text(toc)]
        if None in parts:
            return None
        return entry_name("search", _versions(), indexer, address, *parts, html)

    def search_entries(self, key: str) -> list | None:
        """The search entries kept under `key` (a list of plain dicts); None when none."""
        entries = self.get(key)
        return entries if isinstance(entries, list) else None
