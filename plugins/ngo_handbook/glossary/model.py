"""`data/glossary.yml`: the handbook's key terms, one concept per entry.

Schema (every text is one line for all languages or one line per language)::

    - id: orientation                 # a–z, 0–9, '-', '_'; unique; the page's anchor
      term:                           # the term to use, per language
        en: orientation
        tr: oryantasyon
      avoid:                          # optional: variants wrong everywhere, per language
        tr: [tanıtım programı]
      definition:                     # optional, one short sentence per language
        en: A new volunteer's introduction to the organisation.

The file is a list: its entries are printed on the glossary page in this order.
"""

from __future__ import annotations

from pydantic import ConfigDict, RootModel

from ..data_files import HandbookData, check_unique_ids
from ..feature import DataFileKind
from ..model import DataModel, Identifier, Text
from ..problems import Problem

FILE = "glossary.yml"


class Concept(DataModel):
    """One concept: its preferred term per language, variants to avoid, a definition."""

    id: Identifier
    term: Text
    avoid: dict[str, list[str]] = {}
    definition: Text | None = None


class Glossary(RootModel[list[Concept]]):
    """The whole of `data/glossary.yml`: a list of concepts."""

    model_config = ConfigDict(frozen=True)


def check_glossary(data: HandbookData) -> list[Problem]:
    """Ids are unique; `avoid` names languages of the handbook and never the term itself."""
    glossary: Glossary | None = data.get(FILE)
    if glossary is None:
        return []
    problems = check_unique_ids(
        data, FILE, (((index, "id"), concept.id) for index, concept in enumerate(glossary.root))
    )
    for index, concept in enumerate(glossary.root):
        for language, variants in concept.avoid.items():
            if language not in data.languages:
                problems.append(
                    Problem(
                        data.locate(FILE, (index, "avoid", language), key=True),
                        f"'{language}' is not a language of this handbook. "
                        f"Expected one of: {', '.join(data.languages)}",
                    )
                )
                continue
            term = concept.term.get(language, data.default_language)
            for position, variant in enumerate(variants):
                if variant.strip().lower() == term.strip().lower():
                    problems.append(
                        Problem(
                            data.locate(FILE, (index, "avoid", language, position)),
                            f"'{variant}' is the term itself; remove it from 'avoid'",
                        )
                    )
    return problems


KIND = DataFileKind(
    FILE, Glossary, "the handbook's key terms per language", cross_checks=(check_glossary,)
)
