"""`data/orientation.yml`: the orientation checklists a coordinator goes through with a newcomer.

Schema (every text is one line for all languages or one line per language)::

    title: Orientation checklists           # page title
    introduction: …                         # optional, under the title
    checklists:                             # one or more; each prints on its own sheet
      - id: on-site                         # a–z, 0–9, '-', '_'; unique in the file
        title: Orientation of a new volunteer
        introduction: …                     # optional
        sections:
          - id: organisation                # unique in its checklist
            title: Getting to know the organisation
            items:
              - id: mission                 # unique in its checklist; keeps the tick
                text: Mission, values and history of the organisation
                details: …                  # optional, one or two sentences

A ticked box is remembered in the volunteer's browser under the checklist's and the item's
id: changing an item's wording keeps the ticks, changing its id drops that tick.
"""

from __future__ import annotations

from ..data_files import HandbookData, check_unique_ids
from ..feature import DataFileKind
from ..model import DataModel, Identifier, Text
from ..problems import Problem


class OrientationItem(DataModel):
    """One thing to do or explain during the orientation."""

    id: Identifier
    text: Text
    details: Text | None = None


class OrientationSection(DataModel):
    """A group of items under one heading (for example "Team work and roles")."""

    id: Identifier
    title: Text
    items: list[OrientationItem]


class OrientationChecklist(DataModel):
    """One checklist: a page section on screen, a sheet with signatures on paper."""

    id: Identifier
    title: Text
    introduction: Text | None = None
    sections: list[OrientationSection]


class Orientation(DataModel):
    """The whole of `data/orientation.yml`."""

    title: Text
    introduction: Text | None = None
    checklists: list[OrientationChecklist]


FILE = "orientation.yml"


def check_orientation(data: HandbookData) -> list[Problem]:
    """Checklist ids are unique in the file; section and item ids within their checklist."""
    document: Orientation | None = data.get(FILE)
    if document is None:
        return []
    problems = check_unique_ids(
        data,
        FILE,
        (
            (("checklists", c, "id"), checklist.id)
            for c, checklist in enumerate(document.checklists)
        ),
    )
    for c, checklist in enumerate(document.checklists):
        base = ("checklists", c, "sections")
        problems += check_unique_ids(
            data,
            FILE,
            (((*base, s, "id"), section.id) for s, section in enumerate(checklist.sections)),
        )
        problems += check_unique_ids(
            data,
            FILE,
            (
                ((*base, s, "items", i, "id"), item.id)
                for s, section in enumerate(checklist.sections)
                for i, item in enumerate(section.items)
            ),
        )
    return problems


KIND = DataFileKind(
    FILE,
    Orientation,
    "the orientation checklists for new volunteers",
    cross_checks=(check_orientation,),
)
