"""The date a page last changed, from Git, written in the page's language.

A hand-written page's date is its Markdown file's last commit; a generated page's is its
data file's. One `git log` answers for every file of a build. Without Git (or for a file
Git has never seen) a page has no date. A change not committed yet counts as today.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date

from .context import BuildContext
from .feature import SourcePage
from .git_history import Git
from .reader_formats import cldr_locale, in_own_digits

CACHE_KEY = "git"


def repository(context: BuildContext) -> Git | None:
    """The Git repository of the handbook, opened once per build (None outside Git)."""
    if CACHE_KEY not in context.cache:
        context.cache[CACHE_KEY] = Git.open(context.project_dir)
    return context.cache[CACHE_KEY]


def written_date(day: dt.date, language: str) -> str:
    """`day` as the language writes a date in running text: 3 December 2026, 3 Aralık 2026
    (day before month in English too, as in the numeric dates, see `reader_formats`)."""
    locale = cldr_locale(language)
    if locale is None:
        return day.isoformat()
    return in_own_digits(format_date(day, format="long", locale=locale), language)


def language_name(language: str, in_language: str) -> str | None:
    """The name of `language` as `in_language` writes it in a sentence (İngilizce), or None
    when Babel does not know it."""
    try:
        return Locale.parse(in_language.replace("-", "_")).languages.get(language)
    except (UnknownLocaleError, ValueError):
        return None


def revision_date(context: BuildContext, page: SourcePage, edit_path: str | None) -> str | None:
    """The date a page last changed, in its language: its Markdown file's, or for a
    generated page its data file's (`edit_path`)."""
    source = page.source_file or (context.project_dir / edit_path if edit_path else None)
    return last_change(context, source, page.language)


def last_change(context: BuildContext, source: Path | None, language: str) -> str | None:
    """The date the file `source` (a page, or the data file of a generated page) last
    changed, in `language`; None without Git or a file Git knows."""
    git = repository(context)
    if git is None or source is None or not source.is_file():
        return None
    try:
        change = git.last_change(source)
    except ValueError:  # a file outside the repository
        return None
    if change is None:
        return None
    day = dt.datetime.fromtimestamp(change.time, dt.timezone.utc).date()
    return written_date(day, language)
