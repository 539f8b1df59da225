"""The load phase: read every source, check everything, and make the build's context.

Everything a person can get wrong in `data/` and `content/` is found here, before a page
is written, and reported at once (`HandbookError` lists every problem). The engine
adapter calls `load_handbook` when a build starts; `ngo-handbook check` calls it alone.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .background import Background
from .build_cache import (
    CACHE_ROOT,
    KeptValues,
    entry_name,
    folder_fingerprint,
    package_fingerprint,
)
from .content_checks import check_content_pages
from .context import BuildContext, Site
from .data_files import read_handbook_data
from .features import FEATURES, blocks, data_kinds
from .interface_strings import InterfaceStrings
from .parsed_files import ParsedFiles
from .partial_translations import PUBLISH_ADVICE
from .problems import HandbookError, Location, Problem
from .rendering import Templates

KEEP_APART = 1_000_000
"""Bytes of a data file parsed anew from which a forked copy of the process keeps it
(`ParsedFiles.keep_apart`)."""


@dataclass(frozen=True)
class Sources:
    """Where a handbook's sources are and how it is built, as the engine's config says."""

    project_dir: Path
    docs_dir: Path
    data_dir: Path
    site_dir: Path
    site: Site
    strict: bool = False
    partial_translations: bool = False
    command: str = "build"
    nav: tuple[str, ...] = ()
    overrides_dir: Path | None = None
    site_name: str = ""
    repo_url: str | None = None
    edit_uri: str | None = None


@dataclass
class Loaded:
    """A loaded handbook: its context, and the warnings to show (complete once `finish`
    has run: `load_handbook` runs it unless told to leave it to its caller)."""

    context: BuildContext
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    """Missing translations of a handbook that publishes partial translations."""
    advising: Background[tuple[list[Problem], dict]] | None = None
    """The features' advice and prepared values, being made in a forked process
    (`after_load`)."""
    parsed: ParsedFiles | None = None
    """The data files just parsed, large ones being kept for the next build by copies."""
    advice_at: int = 0
    """Where the advice goes among the warnings."""
    strict: bool = False

    def advice_problems(self) -> list[Problem]:
        """Wait for the copies keeping the parsed files, and for the advice (and the values
        prepared beside it, then put in the context's cache): under --strict, return the
        advice (it is problems); else put it among the warnings."""
        if self.parsed is not None:
            self.parsed.finish_keeping()
        if self.advising is None:
            return []
        (advice, prepared), self.advising = self.advising.result(), None
        self.context.cache.update(prepared)
        if self.strict:
            return advice
        self.warnings[self.advice_at : self.advice_at] = advice
        return []

    def finish(self) -> None:
        """Wait for the advice: put it among the warnings, or, under --strict, raise it
        as problems."""
        if problems := self.advice_problems():
            raise HandbookError(problems)

    def cancel(self) -> None:
        """Stop finding the advice and keeping the parsed files: the build stopped."""
        if self.parsed is not None:
            self.parsed.cancel_keeping()
        if self.advising is not None:
            self.advising.cancel()
        self.advising = None


def read_data(sources: Sources, parsed: ParsedFiles | None = None):
    """The data files of `sources`, read and checked: the data and its problems (missing
    translations are the data's warnings, `load_handbook` decides what they are)."""
    site = sources.site
    return read_handbook_data(
        sources.data_dir,
        list(site.languages),
        site.default_language,
        data_kinds(),
        display_root=sources.project_dir,
        parsed=parsed or ParsedFiles.for_project(sources.project_dir),
    )


def after_load(context: BuildContext) -> tuple[list[Problem], dict]:
    """What the load does in a forked process (`background`) while it goes on: find the
    features' advice (the glossary's discouraged terms), which needs the data and the
    pages alone, and make the values they prepare for the languages' builds
    (`Feature.prepare`)."""
    advice: list[Problem] = []
    prepared: dict = {}
    for feature in FEATURES:
        if feature.advise is not None:
            advice += sorted(feature.advise(context))
        if feature.prepare is not None:
            prepared.update(feature.prepare(context))
    return advice, prepared


def sources_fingerprint(sources: Sources) -> str:
    """What a value made from the data alone (not from the pages) depends on: every data
    file, the handbook's own templates (`overrides/ngo_handbook/`), this package and the
    languages; a change in any of them changes it."""
    overrides = sources.overrides_dir / "ngo_handbook" if sources.overrides_dir else None
    return entry_name(
        " ".join(sources.site.languages),
        folder_fingerprint(sources.data_dir),
        folder_fingerprint(overrides),
        package_fingerprint(),
    )


def kept_values(sources: Sources, stamp: float) -> KeptValues:
    """The values earlier builds made from the data (`.cache/ngo-handbook/values/`), for
    the build begun at `stamp` to take and to keep its own."""
    return KeptValues(sources.project_dir / CACHE_ROOT / "values", stamp)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cycle collector back while a build loads the handbook
    (`load_handbook`), then set what was loaded aside from its later rounds (`gc.freeze`).

    Loading makes hundreds of thousands of objects that live until the build ends (the
    values of 10,000 organisations, each with its line). The collector walks every object
    made so far each time allocations pass a threshold, again and again as the build goes
    on: for such a directory that took seconds. Once loaded, the objects are frozen until
    the build ends (`release_loaded`), so that no round walks them. What loading throws
    away is still freed at once, by reference counting.
    """
    if gc.get_freeze_count():  # set aside by an earlier build of this process (`serve`)
        gc.unfreeze()
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def release_loaded() -> None:
    """Once the build is over, let the collector see again what `collector_paused` set
    aside (`mkdocs serve` and the tests build many times in one process)."""
    gc.unfreeze()


def load_handbook(
    sources: Sources, kept: KeptValues | None = None, *, finish: bool = True
) -> Loaded:
    """Read and check the data, the interface strings and every page; raise HandbookError
    with every problem found, or return the build's context and its warnings. With `kept`,
    what the checks and features make from the data alone is taken from earlier builds
    when the data was the same, and kept for the next (`BuildContext.kept`).

    Forked copies of the process work beside the load (`background`): one finds the
    advice from the moment the context is made; another keeps the data files just parsed,
    when they are large, from the moment they are read. Without `finish`, the caller
    waits for them (`Loaded.finish`) when it has done what it can meanwhile, or stops
    them (`Loaded.cancel`)."""
    # `mkdocs serve` keeps its threads (the server, the watcher): it forks nothing.
    fork = sources.command != "serve"
    parsed = ParsedFiles.for_project(sources.project_dir, keep_apart=KEEP_APART if fork else None)
    advising = None
    try:
        try:
            data, found = read_data(sources, parsed)
        except OSError as error:
            where = Location(str(getattr(error, "filename", "") or sources.data_dir))
            message = f"cannot be read ({error.strerror or error})"
            raise HandbookError([Problem(where, message)]) from None
        context, problems, warnings, notes = _context(sources, data, found, kept)
        advising = Background(functools.partial(after_load, context), fork=fork)
        loaded = Loaded(context, advising=advising, parsed=parsed, strict=sources.strict)
        for feature in FEATURES:
            if feature.check_content is not None:
                problems += feature.check_content(context)
        if problems:
            # Waited for even when not shown, so that the parsed files are kept for the
            # next build. Under --strict the advice is among the problems, after them.
            raise HandbookError(problems + loaded.advice_problems())
    except BaseException:
        parsed.cancel_keeping()
        if advising is not None:
            advising.cancel()
        raise
    loaded.warnings = warnings + context.warnings
    loaded.notes = notes + context.notes
    loaded.advice_at = len(warnings)
    if finish:
        loaded.finish()
    return loaded


def _context(
    sources: Sources, data, found: list[Problem], kept: KeptValues | None
) -> tuple[BuildContext, list[Problem], list[Problem], list[Problem]]:
    """The rest of the load once the data is read: the strings, the pages and the
    context; with the problems, the warnings and the notes found so far."""
    site = sources.site
    problems: list[Problem] = list(found)
    warnings: list[Problem] = []
    notes: list[Problem] = []
    # The data's only warnings are missing translations.
    if sources.partial_translations:
        notes.extend(data.warnings)
    elif sources.strict:
        problems += [
            Problem(missing.location, f"{missing.message}; or, {PUBLISH_ADVICE}")
            for missing in data.warnings
        ]
    else:
        warnings.extend(data.warnings)
    strings = InterfaceStrings(
        site.languages,
        site.default_language,
        sources.data_dir / "strings",
        strict=sources.strict,
        display_root=sources.project_dir,
    )
    problems += strings.problems
    warnings += strings.warnings
    problems += check_content_pages(sources.docs_dir, sources.project_dir)
    # The pages are checked against whatever data validated: a file with problems of its
    # own is left out of those checks, not reported a second time.
    context = BuildContext(
        site=site,
        data=data,
        templates=Templates(sources.overrides_dir),
        strings=strings,
        project_dir=sources.project_dir,
        docs_dir=sources.docs_dir,
        site_dir=sources.site_dir,
        strict=sources.strict,
        partial_translations=sources.partial_translations,
        command=sources.command,
        nav=sources.nav,
        site_name=sources.site_name,
        repo_url=sources.repo_url,
        edit_uri=sources.edit_uri,
        blocks=blocks(),
        kept=kept,
        fingerprint=sources_fingerprint(sources) if kept is not None else "",
    )
    return context, problems, warnings, notes
