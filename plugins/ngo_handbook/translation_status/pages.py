"""The staff's translation-status page, and the notice on a page whose source changed."""

from __future__ import annotations

import datetime as dt
import functools
import html

import yaml

from ..context import BuildContext
from ..feature import GeneratedPage, SourcePage
from ..page_dates import language_name, repository, written_date
from ..page_slots import set_aside
from ..plural_text import PluralText
from ..rendering import anchor
from .status import STATES, Entry, TranslationStatus, translation_status

PAGE_PATH = "translation-status.md"
CACHE_KEY = "translation_status"


def build_status(context: BuildContext) -> TranslationStatus:
    """The status of this build's sources, found once per build."""
    if CACHE_KEY not in context.cache:
        data_dir = context.project_dir / context.data.data_dir_name
        context.cache[CACHE_KEY] = translation_status(
            context.docs_dir, context.data, data_dir, repository(context)
        )
    return context.cache[CACHE_KEY]


def _staff_front_matter(title: str, description: str) -> str:
    # Not for search engines (main.html reads `robots`), nor for the site's search.
    fields = {
        "title": html.escape(title),
        "description": description,
        "robots": "noindex",
        "search": {"exclude": True},
    }
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n"


def translated_files(strings: list[Entry], count_text: PluralText) -> list[dict]:
    """Each data file's translated texts, counted: the status page names a translated page,
    and a data file with how many of its texts are translated (a directory of thousands of
    organisations has tens of thousands, each on a line of its own)."""
    counts: dict[str, int] = {}
    for entry in strings:
        if entry.state == "translated":
            name = entry.name.rpartition(":")[0] or entry.name
            counts[name] = counts.get(name, 0) + 1
    return [{"name": name, "count": count_text.format(count=n)} for name, n in counts.items()]


def status_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The status page for staff in `language` (when the handbook has several languages)."""
    if len(context.languages) < 2:
        return []
    status = build_status(context)
    text = context.strings.get("translation_status", language)
    site = context.site
    languages = [
        {
            "code": code,
            "name": site.name(code),
            "counts": {state: len(found.names(state)) for state in STATES},
            "outdated": [
                {"name": e.name, "since": e.since, "changes": e.changes}
                for e in [*found.pages, *found.strings]
                if e.state == "outdated"
            ],
            "missing": found.names("missing"),
            "translated_pages": [e.name for e in found.pages if e.state == "translated"],
            "translated_files": translated_files(found.strings, text["translated_texts"]),
            "links": {
                entry.name: site.link(entry.name, PAGE_PATH, language, target_language=code)
                for entry in found.pages
                if entry.state != "missing"
            },
        }
        for code, found in status.languages.items()
    ]
    since = {entry["since"] for found in languages for entry in found["outdated"]}
    dates = {day: written_date(dt.date.fromisoformat(day), language) for day in since}
    html_text = context.templates.render(
        "translation_status/page.html",
        t=text,
        page_language=language,
        languages=languages,
        git=status.git,
        dates=dates,
        aside=functools.partial(set_aside, context),
    )
    markdown = (
        _staff_front_matter(text["title"], text["description"])
        + context.templates.heading(text["title"], text["intro"])
        + html_text
    )
    return [GeneratedPage(PAGE_PATH, markdown, listed=False)]


def outdated_notice(markdown: str, page: SourcePage, context: BuildContext) -> str:
    """Under the first heading of a translated page whose source changed since: a notice
    in the reader's language naming the changed sections, with links to the source."""
    default = context.default_language
    if page.generated or page.language == default or len(context.languages) < 2:
        return markdown
    entry = build_status(context).page(page.language, page.path)
    if entry is None or entry.state != "outdated":
        return markdown
    text = context.strings.get("translation_status", page.language)
    source_name = language_name(default, page.language) or context.site.name(default)
    source_url = context.site.link(page.path, page.path, page.language, target_language=default)
    sections = [
        {"heading": change.heading, "url": f"{source_url}#{anchor(change.heading)}"}
        for change in entry.changes
        if change.heading
    ]
    notice = context.templates.render(
        "translation_status/notice.html",
        message=text["outdated_notice"].format(language=source_name),
        sections=sections,
        source_url=source_url,
        read_original=text["read_original"].format(language=source_name),
        source_language=default,
        source_direction=context.site.direction(default),
    )
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: index + 1], "", notice, *lines[index + 1 :]])
    return notice + "\n" + markdown
