"""What a feature declares: the data it reads, the blocks and pages it makes, its files.

A feature is a value, not a registration: `features.FEATURES` lists them all in one place,
and the build reads each feature's declarations from there. Nothing here knows which
engine builds the site; the hooks receive the build's `BuildContext` and plain values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import BuildContext
    from .data_files import HandbookData
    from .model import DataModel
    from .problems import Problem


CrossCheck = Callable[["HandbookData"], Iterable["Problem"]]
"""(HandbookData) → problems between values of one or more data files."""


@dataclass(frozen=True)
class DataFileKind:
    """One kind of file in `data/`: where it lives, its model, and checks across files."""

    pattern: str
    """Path under `data/`, or a glob such as `forms/*.yml`."""
    model: type[DataModel] | None
    """The model that validates the file; None for a file its feature reads itself."""
    summary: str
    """What the file holds, in a few words, for messages ("the topics of the safety briefing")."""
    required: bool = False
    cross_checks: tuple[CrossCheck, ...] = ()


OptionValues = Callable[["HandbookData"], list[str]]
"""(HandbookData) → the values an option accepts; an empty list accepts any id."""


@dataclass(frozen=True)
class Block:
    """A block a page can embed with `{{ handbook: <name> }}`."""

    name: str
    """What follows `handbook:` in the directive, for example `safety`."""
    source: str
    """The data file the block shows (`safety.yml`); without it the block is unavailable."""
    render: Callable[[BuildContext, str, dict[str, str]], str]
    """(context, language, options) → HTML with every data value escaped."""
    options: dict[str, OptionValues] = field(default_factory=dict)


@dataclass(frozen=True)
class GeneratedPage:
    """A page built from data, in one language."""

    path: str
    """Language-neutral source path, as written in `nav`: `safety.md`, `forms/agreement.md`."""
    markdown: str | Callable[[], str]
    """The page's Markdown, front matter included; HTML in it must already be escaped. Or
    a function that makes it when the page is built: the default language's pages are
    listed as the build starts (their paths are checked against the menu), and a page long
    to make is then made only in the build of its language."""
    edit_path: str | None = None
    """The data file a person edits to change this page, relative to the repository root."""
    outline_depth: int = 3
    """Headings down to this level (with an id) make the page's table of contents."""
    listed: bool = True
    """False for a page for staff: outside the menu, the search and the sitemap."""

    def text(self) -> str:
        """The page's Markdown."""
        return self.markdown() if callable(self.markdown) else self.markdown


@dataclass(frozen=True)
class SourcePage:
    """A page as a feature sees it while its Markdown is prepared, whatever the engine."""

    path: str
    """Language-neutral path, as in `nav`: `strategy/activity.md`."""
    language: str
    """The language of the build that renders it."""
    display_path: str
    """Where a person finds it: `content/en/strategy/activity.md` (or the data file)."""
    source_file: Path | None
    """The Markdown file it was read from; None for a generated page."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Its front matter."""

    @property
    def generated(self) -> bool:
        return self.source_file is None


@dataclass(frozen=True)
class Feature:
    """Everything one feature owns and the moments of the build it takes part in.

    Every field is optional; the hooks run in the order of `features.FEATURES`.
    """

    name: str
    data_kinds: tuple[DataFileKind, ...] = ()
    """The files in `data/` it reads."""
    blocks: tuple[Block, ...] = ()
    """What pages can embed with `{{ handbook: … }}`."""
    strings: tuple[str, ...] = ()
    """Sections of the interface strings (`strings/<language>.yml`) it uses."""
    assets: tuple[str, ...] = ()
    """Files under the package's `assets/` (.css and .js). Without `marks`, loaded on every
    page, joined with the other such features' into one shared stylesheet and script; with
    `marks`, joined into the feature's own pair (`site_assets`)."""
    early_scripts: tuple[str, ...] = ()
    """Scripts under the package's `assets/` that must run before Material's own script:
    written into every page, inline, just before it. Keep them small."""
    marks: tuple[str, ...] = ()
    """Class names that show the feature is on a page (`hb-checklist`; a class that starts
    with one and `-` or `_` counts too). Only a page whose HTML holds one loads the
    feature's own stylesheet and script, whatever put it there: a generated page, a
    `{{ handbook: … }}` block, a note."""
    theme_parts: tuple[str, ...] = ()
    """Templates under the package's `theme/` it provides (a handbook's own `overrides/`
    may replace any of them)."""
    check_content: Callable[[BuildContext], Iterable[Problem]] | None = None
    """Load phase: problems in `content/` (directives, guidance pages), listed with the data
    files' problems before anything is built."""
    advise: Callable[[BuildContext], Iterable[Problem]] | None = None
    """Load phase, after `check_content`: what should change but need not stop a build (a
    discouraged term): warnings, errors under `--strict`."""
    prepare: Callable[[BuildContext], dict[str, Any]] | None = None
    """Load phase, beside `advise` (in a forked process, `background`): values every
    language's build needs, made once from the loaded handbook, by their names in
    `BuildContext.cache` (values pickle can hold). Without it, each process building
    languages would make them again."""
    pages: Callable[[BuildContext, str], Iterable[GeneratedPage]] | None = None
    """(context, language) → pages added to that language's build."""
    page_markdown: Callable[[str, SourcePage, BuildContext], str] | None = None
    """(markdown, page, context) → markdown, for every page of every language."""
    page_html: Callable[[str, str, BuildContext], str] | None = None
    """(html, the page's path in the site, context) → html, for every page the theme
    renders, just before it is written (in the process that builds its language)."""
    template_context: Callable[[BuildContext, str], dict[str, Any]] | None = None
    """(context, language) → values added to the context of every page template."""
    language_built: Callable[[BuildContext, str], None] | None = None
    """(context, language) → runs once the language's pages are written, in the process
    that built them (with `--jobs`, side by side with the other languages): files of that
    language alone, made from what its pages were made of."""
    finalize: Callable[[BuildContext], None] | None = None
    """Runs once after every language is built: indexes, PDFs, downloads."""
    outside_menu: Callable[[BuildContext], Iterable[str]] | None = None
    """(context) → paths of hand-written pages it owns that are not meant to be in the menu
    (guidance pages); the build does not list them as missing from `nav`."""
    page_title: Callable[[SourcePage, BuildContext], str | None] | None = None
    """(page, context) → the title of a page that has neither a `title` nor a heading."""
