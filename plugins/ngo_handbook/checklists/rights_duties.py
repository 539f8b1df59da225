"""`data/rights_duties.yml`: what the organisation and the volunteer owe each other.

The same lists feed the "Rights and duties" page, the `{{ handbook: rights-and-duties }}`
block inside any chapter, and the volunteer agreement form. Each item has a stable id, so a
form, a link or a saved answer can point at it even when its wording changes.

Schema (every text is one line for all languages or one line per language)::

    title: Rights and duties                # page title
    introduction: …                         # optional, shown under the title
    parties:
      organisation:                         # then the same block for `volunteer:`
        name: The organisation              # heading of this party's lists
        duties:                             # in the order they are printed
          - id: explain-rights              # a–z, 0–9, '-', '_'; unique in the file
            text: Explain to the volunteer …
        rights:
          - id: …
            text: …
    remote:                                 # optional: extras for remote volunteers
      introduction: …                       # optional
      organisation: {duties: […], rights: […]}
      volunteer: {duties: […], rights: […]}

Python users (the agreement form, for example) call
`RightsAndDuties.items("volunteer", "duties", remote=True)`: the general items followed by
the remote extras.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from ..data_files import HandbookData, check_unique_ids
from ..feature import DataFileKind
from ..model import DataModel, Identifier, Text
from ..problems import Problem

PARTIES = ("organisation", "volunteer")
KINDS = ("duties", "rights")
Party = Literal["organisation", "volunteer"]
Kind = Literal["duties", "rights"]


class Item(DataModel):
    """One duty or one right."""

    id: Identifier
    """Stable id, used as the item's anchor (`#volunteer-duties-report`) and by forms."""
    text: Text
    """The duty or right, as one sentence."""


class PartyLists(DataModel):
    """The duties and the rights of one party, each an ordered list."""

    duties: list[Item] = []
    rights: list[Item] = []


class PartySection(PartyLists):
    """One party of the agreement with its name."""

    name: Text
    """How the party is called in headings: "The organisation", "The volunteer"."""


class Parties(DataModel):
    """The two parties of a volunteer agreement."""

    organisation: PartySection
    volunteer: PartySection


class RemoteExtras(DataModel):
    """Duties and rights that apply only when the volunteer works remotely."""

    introduction: Text | None = None
    organisation: PartyLists = PartyLists()
    volunteer: PartyLists = PartyLists()


class RightsAndDuties(DataModel):
    """The whole of `data/rights_duties.yml`."""

    title: Text
    introduction: Text | None = None
    parties: Parties
    remote: RemoteExtras | None = None

    def party(self, party: Party) -> PartySection:
        """The named party's section (`organisation` or `volunteer`)."""
        return getattr(self.parties, party)

    def items(self, party: Party, kind: Kind, *, remote: bool = False) -> list[Item]:
        """The party's duties or rights in order; with `remote`, followed by the remote extras."""
        found = list(getattr(self.party(party), kind))
        if remote and self.remote is not None:
            found.extend(getattr(getattr(self.remote, party), kind))
        return found

    def remote_items(self, party: Party, kind: Kind) -> list[Item]:
        """Only the remote extras of the party's duties or rights."""
        if self.remote is None:
            return []
        return list(getattr(getattr(self.remote, party), kind))

    def all_items(self) -> Iterator[tuple[tuple, Item]]:
        """Every item with its path in the file, general ones first."""
        for party in PARTIES:
            for kind in KINDS:
                for index, item in enumerate(getattr(self.party(party), kind)):
                    yield ("parties", party, kind, index), item
        if self.remote is not None:
            for party in PARTIES:
                for kind in KINDS:
                    for index, item in enumerate(getattr(getattr(self.remote, party), kind)):
                        yield ("remote", party, kind, index), item


FILE = "rights_duties.yml"


def check_rights_duties(data: HandbookData) -> list[Problem]:
    """Every item id is unique in the file (ids become anchors and form references)."""
    document: RightsAndDuties | None = data.get(FILE)
    if document is None:
        return []
    return check_unique_ids(
        data, FILE, (((*path, "id"), item.id) for path, item in document.all_items())
    )


KIND = DataFileKind(
    FILE,
    RightsAndDuties,
    "the duties and rights of the organisation and of the volunteer",
    cross_checks=(check_rights_duties,),
)
