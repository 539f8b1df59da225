"""`data/safety.yml`: the topics of the safety briefing every volunteer receives.

Schema (every text is one line for all languages or one line per language)::

    title: Safety briefing                  # page title
    introduction: …                         # optional, under the title
    groups:                                 # printed in this order
      - id: children                        # a–z, 0–9, '-', '_'; unique in the file
        title: Working with children
        topics:
          - id: building-security           # unique in the file; keeps the tick
            title: Building security
            explanation: One or two sentences on what the volunteer must know.

On screen and on paper the topics form one checklist: the coordinator ticks each topic once
it has been explained, and both sign the printed sheet.
"""

from __future__ import annotations

from ..data_files import HandbookData, check_unique_ids
from ..feature import DataFileKind
from ..model import DataModel, Identifier, Text
from ..problems import Problem


class SafetyTopic(DataModel):
    """One topic of the briefing with a short explanation."""

    id: Identifier
    title: Text
    explanation: Text


class SafetyGroup(DataModel):
    """Topics under one heading (for example "General topics")."""

    id: Identifier
    title: Text
    topics: list[SafetyTopic]


class Safety(DataModel):
    """The whole of `data/safety.yml`."""

    title: Text
    introduction: Text | None = None
    groups: list[SafetyGroup]


FILE = "safety.yml"


def check_safety(data: HandbookData) -> list[Problem]:
    """Group ids and topic ids are unique in the file."""
    document: Safety | None = data.get(FILE)
    if document is None:
        return []
    problems = check_unique_ids(
        data, FILE, ((("groups", g, "id"), group.id) for g, group in enumerate(document.groups))
    )
    problems += check_unique_ids(
        data,
        FILE,
        (
            (("groups", g, "topics", t, "id"), topic.id)
            for g, group in enumerate(document.groups)
            for t, topic in enumerate(group.topics)
        ),
    )
    return problems


KIND = DataFileKind(
    FILE,
    Safety,
    "the topics of the safety briefing",
    cross_checks=(check_safety,),
)
