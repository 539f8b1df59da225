"""What the reader sees: the questionnaire, the model its script reads, the embedded
guidance, and the note above each guidance page.

The questionnaire is complete HTML (it works and prints without JavaScript). The script
does not read the questions back out of that HTML: the page carries the same questionnaire
as a JSON model (areas, questions, choices, levels, strings, where each choice's guidance
is), written with `|tojson`, which escapes `<` so no text can close the script element.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..context import BuildContext
from ..languages import name_in
from ..model import Fallback
from ..plural_text import format_number
from .guidance import Guidance, GuidancePages, shown_guidance
from .model import LEVELS, SelfAssessment

PAGE_PATH = "self-assessment/index.md"
MODEL_ID = "hb-sa-model"
"""The id of the `<script type="application/json">` that holds the browser's model."""


def _strings(context: BuildContext, language: str) -> dict[str, Any]:
    return context.strings.get("self_assessment", language)


def _levels(strings: dict[str, Any]) -> dict[str, str]:
    return {str(level): strings[f"level_{level}"] for level in LEVELS}


def question_numbers(assessment: SelfAssessment) -> dict[int, int]:
    """question id → its number as the reader sees it: its place in the questionnaire
    (the id stays what answer files and guidance pages name)."""
    return {
        question.id: number for number, (_, _, question) in enumerate(assessment.questions(), 1)
    }


def intro_text(context: BuildContext, assessment: SelfAssessment, language: str) -> str:
    """The intro with its counts filled in from the data: `{questions}`, `{areas}`."""
    counts = {
        "{questions}": format_number(len(question_numbers(assessment)), language),
        "{areas}": format_number(len(assessment.areas), language),
    }
    shown = context.text(assessment.intro, language)
    text = str(shown)
    for placeholder, count in counts.items():
        text = text.replace(placeholder, count)
    # Still in another language: shown with its own lang and dir, as it was given.
    return Fallback(text, shown.language) if isinstance(shown, Fallback) else text


def fallback_note(context: BuildContext, shown: Guidance, language: str) -> str:
    """The note above guidance shown in another language, naming that language in the
    reader's: "… it is shown in English", "… şu dilde gösteriliyor: İngilizce"."""
    note = _strings(context, language)["fallback_note"]
    return note.replace("{language}", name_in(shown.language, language))


def _guidance_by_choice(
    context: BuildContext, assessment: SelfAssessment, guidance: GuidancePages, language: str
) -> dict[tuple[int, int], Guidance]:
    default = context.default_language
    return {
        (question.id, choice.id): shown_guidance(
            guidance, language, default, question.id, choice.id
        )
        for _, _, question in assessment.questions()
        for choice in question.choices
    }


def browser_model(
    context: BuildContext,
    assessment: SelfAssessment,
    shown: dict[tuple[int, int], Guidance],
    language: str,
) -> dict[str, Any]:
    """The questionnaire as the page script reads it (see `assets/self_assessment/model.js`)."""
    site = context.site
    numbers = question_numbers(assessment)

    def text(key: str, value) -> dict[str, Any]:
        """`key`: the text; `key_lang` and `key_dir` too when it is in another language
        (not yet translated), for the script to mark the element it goes in."""
        shown = context.text(value, language)
        if not isinstance(shown, Fallback):
            return {key: shown}
        direction = site.direction(shown.language)
        return {key: shown, f"{key}_lang": shown.language, f"{key}_dir": direction}

    def guidance(question_id: int, choice_id: int) -> dict[str, Any]:
        found = shown[(question_id, choice_id)]
        return {
            "id": f"q{question_id}-c{choice_id}",
            "url": site.link(found.src_path, PAGE_PATH, language, found.language),
            "note": fallback_note(context, found, language) if found.language != language else "",
        }

    return {
        "language": language,
        "areas": [
            {
                "id": area.id,
                **text("title", area.title),
                "questions": [
                    {
                        "id": question.id,
                        "number": numbers[question.id],
                        **text("text", question.text),
                        "choices": [
                            {
                                "id": choice.id,
                                "level": choice.level,
                                **text("text", choice.text),
                                "guidance": guidance(question.id, choice.id),
                            }
                            for choice in question.choices
                        ],
                    }
                    for question in area.questions
                ],
            }
            for area in assessment.areas
        ],
        "levels": _levels(_strings(context, language)),
        "strings": context.strings.browser("self_assessment", language),
    }


def _guidance_blocks(
    context: BuildContext, shown: dict[tuple[int, int], Guidance], language: str
) -> list[dict[str, Any]]:
    site = context.site
    return [
        {
            "question": question_id,
            "choice": choice_id,
            "language": found.text_language,
            "direction": site.direction(found.text_language),
            "fallback": found.language != language,
            "url": site.link(found.src_path, PAGE_PATH, language, found.language),
            "html": Markup(found.html),  # rendered from the site's own Markdown pages
        }
        for (question_id, choice_id), found in shown.items()
    ]


def questionnaire_html(
    context: BuildContext, assessment: SelfAssessment, guidance: GuidancePages, language: str
) -> str:
    """The questionnaire, its result and file tools, the model and the hidden guidance."""
    text = lambda value: context.text_html(value, language)  # noqa: E731
    strings = _strings(context, language)
    shown = _guidance_by_choice(context, assessment, guidance, language)
    numbers = question_numbers(assessment)
    areas = [
        {
            "id": area.id,
            "title": text(area.title),
            "summary": text(area.summary),
            "questions": [
                {
                    "id": question.id,
                    "number": numbers[question.id],
                    "text": text(question.text),
                    "hint": text(question.hint),
                    "choices": [
                        {"id": choice.id, "level": choice.level, "text": text(choice.text)}
                        for choice in question.choices
                    ],
                }
                for question in area.questions
            ],
        }
        for area in assessment.areas
    ]
    return context.templates.render(
        "self_assessment/assessment.html",
        title=context.text(assessment.title, language),
        intro=intro_text(context, assessment, language),
        areas=areas,
        question_count=sum(len(area["questions"]) for area in areas),
        strings=strings,
        # The date is written as in the forms: the same placeholder on screen and paper.
        date_placeholder=context.strings.get("forms", language)["date_placeholder"],
        model=browser_model(context, assessment, shown, language),
        model_id=MODEL_ID,
        blocks=_guidance_blocks(context, shown, language),
        language=language,
        direction=context.site.direction(language),
    )


def guidance_header_html(
    context: BuildContext,
    assessment: SelfAssessment,
    question_id: object,
    choice_id: object,
    page_path: str,
    language: str,
) -> str:
    """Above a guidance page: the question and the answer it is written for, and the way
    back to the assessment; empty if the page names no choice of the questionnaire."""
    for _, _, question in assessment.questions():
        if question.id != question_id:
            continue
        for choice in question.choices:
            if choice.id != choice_id:
                continue
            strings = _strings(context, language)
            return context.templates.render(
                "self_assessment/guidance_header.html",
                strings=strings,
                question=context.text_html(question.text, language),
                number=question_numbers(assessment)[question.id],
                answer=context.text_html(choice.text, language),
                level=strings[f"level_{choice.level}"],
                back=context.site.link(PAGE_PATH, page_path, language),
                language=language,
            )
    return ""
