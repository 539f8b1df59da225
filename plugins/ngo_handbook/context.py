"""The build context: everything one build knows, created at its start and passed down.

The engine adapter (the MkDocs plugin) makes a `BuildContext` when a build starts and
hands it to every feature hook; nothing is kept in module globals, so a second build in
the same process (`mkdocs serve` rebuilding, a test) starts from nothing.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import languages as language_facts
from .build_cache import KeptValues

if TYPE_CHECKING:
    from .data_files import HandbookData
    from .feature import Block
    from .interface_strings import InterfaceStrings
    from .problems import Problem
    from .rendering import Templates

log = logging.getLogger("mkdocs.plugins.ngo_handbook")
"""The generator's log; under `mkdocs.` so that MkDocs shows and counts its warnings."""


def _relative_url(url: str, other: str) -> str:
    """`url` as seen from the page at `other` (both site-relative, `/` ending folders)."""
    if other in (".", ""):
        return url
    other_parts = other.split("/")
    other_parts.pop()  # the page itself, or the empty part after a folder's `/`
    base = "/".join(other_parts) or "."
    relative = posixpath.relpath(url or ".", base)
    if url.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative


def nav_paths(nav: list | None) -> list[str]:
    """Source paths of the navigation, in order (sections flattened)."""
    found: list[str] = []
    for entry in nav or []:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                found.extend(nav_paths(value) if isinstance(value, list) else [value])
    return [p for p in found if isinstance(p, str) and p.endswith(".md") and "://" not in p]


@dataclass(frozen=True)
class Site:
    """Where pages go and how languages are laid out: one place for every such question."""

    languages: tuple[str, ...]
    """Every language built, the default first."""
    default_language: str
    use_directory_urls: bool = True
    site_url: str | None = None
    relative_url: Callable[[str, str], str] = _relative_url
    """(url, from_url) → relative link; the adapter passes the engine's own function."""

    def prefix(self, language: str) -> str:
        """The folder of a language in the site: `` for the default language, else `tr/`."""
        return "" if language == self.default_language else f"{language}/"

    def dest_uri(self, path: str, language: str) -> str:
        """Where the page `path` (as in nav, `forms/agreement.md`) is written in `language`."""
        pure = PurePosixPath(path)
        if self.use_directory_urls and pure.stem not in ("index", "README"):
            target = pure.with_suffix("") / "index.html"
        else:
            target = pure.with_name(("index" if pure.stem == "README" else pure.stem) + ".html")
        return self.prefix(language) + target.as_posix()

    def url(self, path: str, language: str) -> str:
        """The site-relative URL of page `path` in `language`: `tr/forms/agreement/`."""
        uri = self.dest_uri(path, language)
        if self.use_directory_urls and uri.endswith("index.html"):
            return uri.removesuffix("index.html")
        return uri

    def link(self, target: str, from_page: str, language: str, target_language=None) -> str:
        """A relative link from page `from_page` to page `target` (both paths as in nav)."""
        return self.relative_url(
            self.url(target, target_language or language), self.url(from_page, language)
        )

    def folder(self, site_dir: Path, language: str) -> Path:
        """The folder of `language` inside a built site."""
        return site_dir / self.prefix(language) if self.prefix(language) else site_dir

    def direction(self, language: str) -> str:
        return language_facts.direction(language)

    def name(self, language: str) -> str:
        """The language's own name: `Қазақ тілі`."""
        return language_facts.native_name(language)

    def english_name(self, language: str) -> str:
        return language_facts.english_name(language)


@dataclass
class BuildContext:
    """One build: its sources, its languages, its data, its templates and strings."""

    site: Site
    data: HandbookData
    templates: Templates
    strings: InterfaceStrings
    project_dir: Path
    """The folder of `mkdocs.yml`; messages name files relative to it."""
    docs_dir: Path
    site_dir: Path
    """The folder being written (a side folder until the build succeeds)."""
    strict: bool = False
    partial_translations: bool = False
    """The handbook publishes pages not yet translated (the plugin's `partial_translations`):
    a missing translation is a note, not a warning."""
    command: str = "build"
    """`build` or `serve`."""
    nav: tuple[str, ...] = ()
    """Every page path of the menu, in order (`strategy/activity.md`)."""
    site_name: str = ""
    repo_url: str | None = None
    edit_uri: str | None = None
    blocks: dict[str, Block] = field(default_factory=dict)
    """Every block a page can embed, by name (from the features' declarations)."""
    languages_apart: bool = False
    """Each language is rendered by a build of its own, in another process (`ngo-handbook
    build --jobs`): the handbook was loaded once, before them, and no language reloads it."""
    cache: dict[str, Any] = field(default_factory=dict)
    """Values a feature computes once per build (parsed guidance pages, search keys)."""
    kept: KeptValues | None = None
    """Values kept from one build to the next (none: each build makes everything)."""
    fingerprint: str = ""
    """What the data-made values depend on besides the pages: the data files, the template
    overrides, the package, the languages (`loading.sources_fingerprint`). A value kept
    under a name made of it and of its own arguments is the same as made again."""
    warnings: list[Problem] = field(default_factory=list)
    """What the features found in the load phase that needs a look but stops nothing."""
    notes: list[Problem] = field(default_factory=list)
    """What the build says only in passing (a translation the handbook knowingly lacks)."""

    @property
    def languages(self) -> tuple[str, ...]:
        return self.site.languages

    @property
    def default_language(self) -> str:
        return self.site.default_language

    def display(self, path: Path) -> str:
        """`path` as a person finds it in the project: `content/en/index.md`."""
        try:
            return path.relative_to(self.project_dir).as_posix()
        except ValueError:
            return str(path)

    def text(self, value: Any, language: str) -> str:
        """A Text from the data (or None) in `language`, falling back to the default."""
        return self.data.text(value, language)

    def text_html(self, value: Any, language: str) -> str:
        """A Text for an element's content, marked with its own language where it is not
        the reader's (`rendering.text_html`)."""
        from .rendering import text_html

        return text_html(value, language, self.default_language)

    def missing_translation(self, problems: list[Problem], problem: Problem) -> None:
        """File a missing translation: a note when the handbook publishes partial
        translations, else an error under `strict`, else a warning."""
        if self.partial_translations:
            self.notes.append(problem)
        elif self.strict:
            problems.append(problem)
        else:
            self.warnings.append(problem)
