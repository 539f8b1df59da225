"""The self-assessment: questions in `data/self_assessment.yml`, guidance per choice in Markdown.

An organisation answers questions grouped in areas; each choice has a maturity level (1–4)
and a guidance page written for organisations that picked it. Guidance pages are ordinary
Markdown pages anywhere under `content/<lang>/`, recognised by their front matter, the
format staff already know:

    ---
    title: the text of the chosen answer
    question_id: 8
    choice_id: 2
    ---
    Guidance for an organisation that picked this answer.

The assessment page (`self-assessment/index.md`) is generated per language: a complete
questionnaire without JavaScript, and with the guidance of every choice embedded (hidden)
so that the browser can show it in the result view without any request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import markdown as markdown_lib
from markupsafe import Markup
from pydantic import Field

from .content_checks import split_front_matter
from .context import BuildContext
from .data_files import HandbookData, check_unique_ids
from .feature import DataFileKind, Feature, GeneratedPage, SourcePage
from .model import DataModel, Identifier, Text
from .problems import HandbookError, Location, Problem
from .rendering import front_matter, heading
from .yaml_source import YamlSyntaxError, parse_yaml

DATA_FILE = "self_assessment.yml"
PAGE_PATH = "self-assessment/index.md"
GUIDANCE_FOLDER = "self-assessment/guidance"
PLACEHOLDER = "<!-- hb-self-assessment-guidance -->"
LEVELS = (1, 2, 3, 4)


# ---------------------------------------------------------------------------------------
# The data model of data/self_assessment.yml


class Choice(DataModel):
    """One answer to a question."""

    id: int = Field(ge=1)
    """Number of the choice inside its question (1, 2, …); guidance pages name it as
    `choice_id`, and saved answers store it, so it never changes once published."""
    level: int = Field(ge=1, le=4)
    """Maturity this answer shows: 1 starting, 2 developing, 3 established, 4 leading."""
    text: Text


class Question(DataModel):
    """A question with its choices; its number is unique in the whole questionnaire."""

    id: int = Field(ge=1)
    """Number of the question (guidance pages name it as `question_id`); never changes."""
    text: Text
    hint: Text | None = None
    """An optional sentence under the question that explains it."""
    choices: list[Choice] = Field(min_length=2)


class Area(DataModel):
    """A part of the volunteer programme; the result shows one level per area."""

    id: Identifier
    title: Text
    summary: Text | None = None
    questions: list[Question] = Field(min_length=1)


class SelfAssessment(DataModel):
    """The whole questionnaire."""

    title: Text
    intro: Text
    areas: list[Area] = Field(min_length=1)

    def questions(self):
        """Every (area index, question index, question), in questionnaire order."""
        for a, area in enumerate(self.areas):
            for q, question in enumerate(area.questions):
                yield a, q, question


def _check_ids(data: HandbookData) -> list[Problem]:
    assessment: SelfAssessment | None = data.get(DATA_FILE)
    if assessment is None:
        return []
    problems = check_unique_ids(
        data, DATA_FILE, ((("areas", a, "id"), area.id) for a, area in enumerate(assessment.areas))
    )
    problems += check_unique_ids(
        data,
        DATA_FILE,
        (
            (("areas", a, "questions", q, "id"), str(question.id))
            for a, q, question in assessment.questions()
        ),
    )
    for a, q, question in assessment.questions():
        path = ("areas", a, "questions", q, "choices")
        problems += check_unique_ids(
            data,
            DATA_FILE,
            (((*path, c, "id"), str(choice.id)) for c, choice in enumerate(question.choices)),
        )
    return problems


KIND = DataFileKind(
    DATA_FILE,
    SelfAssessment,
    "the self-assessment's areas, questions and choices",
    cross_checks=(_check_ids,),
)


# ---------------------------------------------------------------------------------------
# Guidance pages


@dataclass(frozen=True)
class Guidance:
    """One guidance page: which choice it answers and its rendered text."""

    language: str
    question_id: int
    choice_id: int
    src_path: str
    """Path under the language folder, for example `self-assessment/guidance/q8-c2.md`."""
    display: str
    """Path shown in messages, for example `content/tr/self-assessment/guidance/q8-c2.md`."""
    line: int
    html: str


def _front_matter_marks(text: str, display: str):
    """(front matter dict, YamlDocument, first line) of a page, or None without one."""
    block, start = split_front_matter(text)
    if block is None or start == -1:
        return None
    try:
        document, _ = parse_yaml(block, display)
    except YamlSyntaxError:
        return None  # content_checks reports broken front matter for every page
    if not isinstance(document.data, dict):
        return None
    return document.data, document, start


def _render_markdown(text: str) -> str:
    """The guidance body as HTML (Markdown written by staff, as in any other page)."""
    return markdown_lib.markdown(
        text, extensions=["tables", "attr_list", "md_in_html", "admonition", "sane_lists"]
    )


def _body(text: str) -> str:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return "\n".join(lines[index + 1 :])
    return text


def load_guidance(
    docs_dir: Path, display_root: Path, assessment: SelfAssessment, data: HandbookData
) -> tuple[dict[tuple[str, int, int], Guidance], list[Problem]]:
    """Every guidance page under `docs_dir/<lang>/`, checked against the questionnaire.

    Problems: a page naming an unknown question or choice, a front matter that names one
    of `question_id`/`choice_id` but not the other or not as a number, two pages for the
    same choice in one language, and a choice without a page in the default language.
    """
    choices = {
        question.id: {choice.id for choice in question.choices}
        for _, _, question in assessment.questions()
    }
    found: dict[tuple[str, int, int], Guidance] = {}
    problems: list[Problem] = []
    for language in data.languages:
        folder = docs_dir / language
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            display = (
                path.relative_to(display_root).as_posix()
                if path.is_relative_to(display_root)
                else str(path)
            )
            text = path.read_text(encoding="utf-8-sig")
            parsed = _front_matter_marks(text, display)
            in_folder = path.relative_to(folder).as_posix().startswith(GUIDANCE_FOLDER + "/")
            if parsed is None:
                if in_folder:
                    problems.append(Problem(Location(display, 1, 1), _MISSING_IDS))
                continue
            meta, document, start = parsed
            if "question_id" not in meta and "choice_id" not in meta:
                if in_folder:
                    problems.append(Problem(Location(display, 1, 1), _MISSING_IDS))
                continue

            def where(key: str, document=document, display=display, start=start) -> Location:
                """Where `key`'s value stands in the page (front matter starts on `start`)."""
                found_at = document.locate((key,))
                return Location(display, found_at.line + start - 1, found_at.column)

            ids = {}
            for key in ("question_id", "choice_id"):
                value = meta.get(key)
                if value is None:
                    problems.append(
                        Problem(
                            Location(display, start, 1),
                            f"the front matter has no '{key}'; a guidance page names both "
                            "'question_id: N' and 'choice_id: N'",
                        )
                    )
                elif isinstance(value, bool) or not isinstance(value, int):
                    problems.append(
                        Problem(
                            where(key),
                            f"'{key}' must be a number (for example '{key}: 2'); got {value!r}",
                        )
                    )
                else:
                    ids[key] = value
            if len(ids) < 2:
                continue
            question_id, choice_id = ids["question_id"], ids["choice_id"]
            if question_id not in choices:
                known = ", ".join(str(number) for number in sorted(choices))
                problems.append(
                    Problem(
                        where("question_id"),
                        f"there is no question {question_id} in data/{DATA_FILE}; "
                        f"the questions are {known}",
                    )
                )
                continue
            if choice_id not in choices[question_id]:
                known = ", ".join(str(number) for number in sorted(choices[question_id]))
                problems.append(
                    Problem(
                        where("choice_id"),
                        f"question {question_id} has no choice {choice_id} in "
                        f"data/{DATA_FILE}; its choices are {known}",
                    )
                )
                continue
            key = (language, question_id, choice_id)
            if key in found:
                first = found[key]
                problems.append(
                    Problem(
                        where("question_id"),
                        f"question {question_id} choice {choice_id} already has a guidance page "
                        f"in this language ({first.display}); keep only one of the two",
                    )
                )
                continue
            found[key] = Guidance(
                language,
                question_id,
                choice_id,
                path.relative_to(folder).as_posix(),
                display,
                start,
                _render_markdown(_body(text)),
            )

    default = data.default_language
    for a, q, question in assessment.questions():
        for c, choice in enumerate(question.choices):
            if (default, question.id, choice.id) not in found:
                location = data.locate(DATA_FILE, ("areas", a, "questions", q, "choices", c))
                problems.append(
                    Problem(
                        location,
                        f"question {question.id} choice {choice.id} has no guidance page in "
                        f"the default language; create content/{default}/{GUIDANCE_FOLDER}/"
                        f"q{question.id}-c{choice.id}.md with 'question_id: {question.id}' "
                        f"and 'choice_id: {choice.id}' in its front matter",
                    )
                )
    return found, problems


_MISSING_IDS = (
    "this page is in the self-assessment's guidance folder but its front matter does not "
    "say which answer it is for; start it with '---', 'title: …', 'question_id: N', "
    "'choice_id: N', '---'"
)


def strings_for(context: BuildContext, language: str) -> dict:
    """The assessment page's labels and messages in `language`."""
    return context.strings.get("self_assessment", language)


def assessment_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The assessment page in `language`; its guidance is filled in by `page_markdown`."""
    data = context.data
    assessment: SelfAssessment | None = data.get(DATA_FILE)
    if assessment is None:
        return []
    strings = strings_for(context, language)
    title = data.text(assessment.title, language)
    markdown = front_matter(title, data.text(assessment.intro, language)) + heading(title)
    markdown += _questionnaire_html(context, assessment, language, strings)
    # Only the title in the contents: in one-area-at-a-time mode the other areas are hidden.
    return [
        GeneratedPage(
            PAGE_PATH, markdown, edit_path=f"{data.data_dir_name}/{DATA_FILE}", outline_depth=1
        )
    ]


def _questionnaire_html(
    context: BuildContext, assessment: SelfAssessment, language: str, strings: dict
) -> str:
    text = lambda value: context.text(value, language)  # noqa: E731
    areas = [
        {
            "id": area.id,
            "title": text(area.title),
            "summary": text(area.summary),
            "questions": [
                {
                    "id": question.id,
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
    levels = {str(level): strings[f"level_{level}"] for level in LEVELS}
    return context.templates.render(
        "self_assessment/assessment.html",
        title=text(assessment.title),
        intro=text(assessment.intro),
        areas=areas,
        question_count=sum(len(area["questions"]) for area in areas),
        strings=strings,
        levels=levels,
        strings_json=json.dumps({**strings, "levels": levels}, ensure_ascii=False),
        language=language,
        direction=context.site.direction(language),
        placeholder=Markup(PLACEHOLDER),
    )


# ---------------------------------------------------------------------------------------
# Filling in the guidance: runs on the Markdown of every page of a language build.


def check_guidance(context: BuildContext) -> list[Problem]:
    """Load phase: read and check every guidance page; keep them for the page builds."""
    assessment: SelfAssessment | None = context.data.get(DATA_FILE)
    if assessment is None:
        return []
    guidance, problems = load_guidance(
        context.docs_dir, context.project_dir, assessment, context.data
    )
    context.cache["guidance"] = guidance
    return problems


def page_markdown(markdown: str, page: SourcePage, context: BuildContext) -> str:
    """Embed the guidance in the assessment page; put the question above each guidance page."""
    assessment: SelfAssessment | None = context.data.get(DATA_FILE)
    if assessment is None:
        return markdown
    if page.path == PAGE_PATH and page.generated and PLACEHOLDER in markdown:
        if "guidance" not in context.cache:
            problems = check_guidance(context)
            if problems:
                raise HandbookError(problems)
        html = _guidance_html(assessment, context.cache["guidance"], context, page.language)
        return markdown.replace(PLACEHOLDER, html)
    if "question_id" in page.meta and "choice_id" in page.meta and not page.generated:
        return _guidance_page_header(page, assessment, context) + markdown
    return markdown


def _guidance_html(
    assessment: SelfAssessment, guidance: dict, context: BuildContext, language: str
) -> str:
    default = context.default_language
    site = context.site
    blocks = []
    for _, _, question in assessment.questions():
        for choice in question.choices:
            found = guidance.get((language, question.id, choice.id)) or guidance.get(
                (default, question.id, choice.id)
            )
            url = site.link(found.src_path, PAGE_PATH, language, found.language)
            blocks.append(
                {
                    "question": question.id,
                    "choice": choice.id,
                    "language": found.language,
                    "direction": site.direction(found.language),
                    "fallback": found.language != language,
                    "url": url,
                    "html": Markup(found.html),  # rendered from the site's own Markdown pages
                }
            )
    return context.templates.render("self_assessment/guidance.html", blocks=blocks)


def _guidance_page_header(page: SourcePage, assessment: SelfAssessment, context) -> str:
    language = page.language
    data = context.data
    for _, _, question in assessment.questions():
        if question.id != page.meta.get("question_id"):
            continue
        for choice in question.choices:
            if choice.id != page.meta.get("choice_id"):
                continue
            strings = strings_for(context, language)
            back = context.site.link(PAGE_PATH, page.path, language)
            return context.templates.render(
                "self_assessment/guidance_header.html",
                strings=strings,
                question=data.text(question.text, language),
                number=question.id,
                answer=data.text(choice.text, language),
                level=strings[f"level_{choice.level}"],
                back=back,
            )
    return ""


FEATURE = Feature(
    name="self-assessment",
    data_kinds=(KIND,),
    strings=("self_assessment",),
    check_content=check_guidance,
    pages=assessment_pages,
    page_markdown=page_markdown,
    assets=("self_assessment.css", "self_assessment.js"),
)
