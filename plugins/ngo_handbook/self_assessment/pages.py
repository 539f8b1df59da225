"""The assessment page in every language, and the question above each guidance page."""

from __future__ import annotations

from ..context import BuildContext
from ..feature import GeneratedPage, SourcePage
from ..rendering import front_matter
from .guidance import guidance_pages
from .model import DATA_FILE, SelfAssessment
from .view import PAGE_PATH, guidance_header_html, intro_text, questionnaire_html


def assessment_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The assessment page in `language`, with the guidance of every choice embedded."""
    data = context.data
    assessment: SelfAssessment | None = data.get(DATA_FILE)
    if assessment is None:
        return []
    title = data.text(assessment.title, language)
    markdown = front_matter(
        title, intro_text(context, assessment, language)
    ) + context.templates.heading(title)
    markdown += questionnaire_html(context, assessment, guidance_pages(context), language)
    # Only the title in the contents: in one-area-at-a-time mode the other areas are hidden.
    return [
        GeneratedPage(
            PAGE_PATH, markdown, edit_path=f"{data.data_dir_name}/{DATA_FILE}", outline_depth=1
        )
    ]


def page_markdown(markdown: str, page: SourcePage, context: BuildContext) -> str:
    """Put the question and the answer above each hand-written guidance page."""
    assessment: SelfAssessment | None = context.data.get(DATA_FILE)
    if assessment is None or page.generated:
        return markdown
    if "question_id" not in page.meta or "choice_id" not in page.meta:
        return markdown
    header = guidance_header_html(
        context,
        assessment,
        page.meta["question_id"],
        page.meta["choice_id"],
        page.path,
        page.language,
    )
    return header + markdown


def guidance_title(page: SourcePage, context: BuildContext) -> str | None:
    """A guidance page without a title is named after the answer it is for, in its
    language."""
    assessment: SelfAssessment | None = context.data.get(DATA_FILE)
    if assessment is None or page.generated:
        return None
    for _, _, question in assessment.questions():
        for choice in question.choices:
            if (question.id, choice.id) == (
                page.meta.get("question_id"),
                page.meta.get("choice_id"),
            ):
                return context.text(choice.text, page.language)
    return None
