"""What `data/partners.yml` holds: areas, regions, cities and organisations, and the
checks across them (unique ids, every city, region and area referred to exists)."""

from __future__ import annotations

from pydantic import Field

from ..data_files import HandbookData, check_unique_ids
from ..feature import DataFileKind
from ..handbook_identity import Contact
from ..model import DataModel, Identifier, Link, Text
from ..problems import Problem, did_you_mean

DATA_FILE = "partners.yml"


class Area(DataModel):
    """A focus area visitors can filter by, such as `youth` or `disability`."""

    id: Identifier
    name: Text


class Region(DataModel):
    """A region (oblast), or a city that stands outside any region."""

    id: Identifier
    name: Text


class City(DataModel):
    """A city, town or village where organisations work."""

    id: Identifier
    name: Text
    region: Identifier
    """Id of the region it lies in."""
    also_known_as: list[str] = Field(default_factory=list)
    """Former or other spellings, found by the search but not shown."""


class Organisation(DataModel):
    """One partner organisation; everything but id, name and city is optional."""

    id: Identifier
    """Stable id, used in the page anchor `#org-<id>`: never change it once published."""
    name: Text
    """The name as the organisation writes it."""
    name_translated: Text | None = None
    """What the name says, for readers of each language; not shown where equal to `name`."""
    city: Identifier
    areas: list[Identifier] = Field(default_factory=list)
    description: Text | None = None
    website: Link | None = None
    links: list[Link] = Field(default_factory=list)
    """Social-media pages and other public links."""
    contact: Contact | None = None
    """Only what the organisation itself publishes; never a private person's details."""


class PartnerDirectory(DataModel):
    """The whole of `data/partners.yml`."""

    areas: list[Area]
    regions: list[Region]
    cities: list[City]
    organisations: list[Organisation]


def _some(ids: list[str], limit: int = 30) -> str:
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"


def _check_references(data: HandbookData) -> list[Problem]:
    """Unique ids in every list; every city, region and area referred to exists."""
    directory: PartnerDirectory | None = data.get(DATA_FILE)
    if directory is None:
        return []
    problems: list[Problem] = []
    for key in ("areas", "regions", "cities", "organisations"):
        items = getattr(directory, key)
        problems += check_unique_ids(
            data, DATA_FILE, (((key, index, "id"), item.id) for index, item in enumerate(items))
        )

    def unknown(path: tuple, value: str, known: list[str], what: str, section: str) -> Problem:
        return Problem(
            data.locate(DATA_FILE, path),
            f"unknown {what} '{value}'.{did_you_mean(value, known)} Use the id of one listed "
            f"under '{section}:' ({_some(known)}), or add it there",
        )

    regions = [region.id for region in directory.regions]
    for index, city in enumerate(directory.cities):
        if city.region not in regions:
            problems.append(
                unknown(("cities", index, "region"), city.region, regions, "region", "regions")
            )
    cities = [city.id for city in directory.cities]
    areas = [area.id for area in directory.areas]
    city_set, area_set = set(cities), set(areas)
    for index, organisation in enumerate(directory.organisations):
        if organisation.city not in city_set:
            path = ("organisations", index, "city")
            problems.append(unknown(path, organisation.city, cities, "city", "cities"))
        for position, area in enumerate(organisation.areas):
            if area not in area_set:
                path = ("organisations", index, "areas", position)
                problems.append(unknown(path, area, areas, "focus area", "areas"))
    return problems


KIND = DataFileKind(
    DATA_FILE,
    PartnerDirectory,
    "the partner-organisation directory",
    cross_checks=(_check_references,),
)
