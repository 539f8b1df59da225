"""The glossary page: every concept with its term in each language and its definition."""

from __future__ import annotations

from ..context import BuildContext
from ..feature import GeneratedPage
from ..rendering import front_matter
from .model import FILE, Glossary

PAGE_PATH = "glossary.md"


def glossary_view(glossary: Glossary, context: BuildContext, language: str) -> list[dict]:
    """What the page shows of each concept in `language`: the reader's language first."""
    site = context.site
    order = [language, *(other for other in context.languages if other != language)]
    return [
        {
            "id": concept.id,
            "term": context.text(concept.term, language),
            "definition": context.text(concept.definition, language),
            "terms": [
                {
                    "language": other,
                    "language_name": site.name(other),
                    "direction": site.direction(other),
                    "text": context.text(concept.term, other),
                }
                for other in order
            ],
            "avoid": concept.avoid.get(language, []),
        }
        for concept in glossary.root
    ]


def glossary_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The glossary page in `language`, or nothing without a glossary.yml."""
    glossary: Glossary | None = context.data.get(FILE)
    if glossary is None:
        return []
    text = context.strings.get("glossary", language)
    html = context.templates.render(
        "glossary/page.html", t=text, concepts=glossary_view(glossary, context, language)
    )
    markdown = (
        front_matter(text["title"], text["description"])
        + context.templates.heading(text["title"])
        + html
    )
    edit_path = f"{context.data.data_dir_name}/{FILE}"
    return [GeneratedPage(PAGE_PATH, markdown, edit_path=edit_path, outline_depth=2)]
