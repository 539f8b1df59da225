"""The data model of `data/self_assessment.yml`: areas, questions and choices, and the
checks across them (every id unique where it must be)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..data_files import HandbookData, check_unique_ids
from ..feature import DataFileKind
from ..model import DataModel, Identifier, Text
from ..problems import Problem

DATA_FILE = "self_assessment.yml"
LEVELS = (1, 2, 3, 4)


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

    def questions(self) -> Iterator[tuple[int, int, Question]]:
        """Every (area index, question index, question), in questionnaire order."""
        for a, area in enumerate(self.areas):
            for q, question in enumerate(area.questions):
                yield a, q, question


def check_ids(data: HandbookData) -> list[Problem]:
    """Area ids and question numbers unique in the file, choice numbers in their question."""
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
    cross_checks=(check_ids,),
)
