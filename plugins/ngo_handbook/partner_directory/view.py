"""What the directory shows, in one language: each organisation, and the filters.

Plain values for the template (`templates/partner_directory/page.html`) and the CSV file;
nothing here writes HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from markupsafe import Markup

from ..context import BuildContext
from ..data_files import HandbookData
from ..model import Text
from ..rendering import join_html
from .folding import fold, search_key
from .model import Organisation, PartnerDirectory

ANCHOR_PREFIX = "org-"

_NETWORKS = {
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "vk.com": "VK",
    "t.me": "Telegram",
    "youtube.com": "YouTube",
    "x.com": "X",
    "twitter.com": "X",
    "linkedin.com": "LinkedIn",
    "tiktok.com": "TikTok",
}


def link_label(url: str) -> str:
    """A short, readable name for a link: the network's name, else the site's host."""
    host = (urlsplit(url).hostname or url).lower()
    bare = re.sub(r"^(www|web|m)\.", "", host)
    return _NETWORKS.get(bare, bare)


def _tel_url(phone: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", phone)


def directory_maps(directory: PartnerDirectory) -> dict:
    """The directory's cities, regions and areas, each by id; and what `organisation_view`
    looked up of them in a language ("shown"): ten thousand organisations share a few
    dozen places and sets of focus areas."""
    return {
        "cities": {city.id: city for city in directory.cities},
        "regions": {region.id: region for region in directory.regions},
        "areas": {area.id: area for area in directory.areas},
        "shown": {},
    }


class LinkView(NamedTuple):
    url: str
    label: str
    """The network's name or the site's host (`link_label`)."""


@dataclass(frozen=True, slots=True)
class OrganisationView:
    """What the page, the whole list and the CSV show of one organisation, in one language.
    (Attributes, not a dict: the template reads ten thousand of them.)"""

    id: str
    anchor: str
    name: str
    translated: str
    """What the name says, where it says more than the name; else empty."""
    city_id: str
    city: str
    region: str
    area_ids: str
    """The ids of its focus areas, separated by spaces."""
    areas: tuple[str, ...]
    """The names of its focus areas."""
    areas_html: Markup
    """The names of its focus areas as the language writes a list, escaped."""
    description: str
    links: list[LinkView]
    website: str
    email: str
    phone: str
    tel: str
    address: str
    key: str
    """Its search key (`folding.search_keys`)."""


def organisation_view(
    organisation: Organisation,
    directory_maps: dict,
    data: HandbookData,
    language: str,
    keys: dict[str, str],
) -> OrganisationView:
    """What the template shows for one organisation, in `language`."""
    shown = directory_maps["shown"]
    place = shown.get((language, organisation.city))
    if place is None:
        city = directory_maps["cities"][organisation.city]
        region = directory_maps["regions"][city.region]
        place = (data.text(city.name, language), data.text(region.name, language))
        shown[language, organisation.city] = place
    ids = tuple(organisation.areas)
    areas = shown.get((language, ids))
    if areas is None:
        names = tuple(data.text(directory_maps["areas"][area].name, language) for area in ids)
        areas = shown[language, ids] = (names, join_html(names, language), " ".join(ids))
    area_names, areas_html, area_ids = areas
    city_name, region_name = place
    name = data.text(organisation.name, language)
    translated = data.text(organisation.name_translated, language)
    if translated and fold(translated) == fold(name):
        # The name itself as the reader's language writes it ("Біз біргеміз" in the source
        # list, «Біз біргеміз» in Kazakh): shown as the name, not twice.
        name, translated = translated, ""
    contact = organisation.contact
    links = ([organisation.website] if organisation.website else []) + list(organisation.links)
    return OrganisationView(
        id=organisation.id,
        anchor=ANCHOR_PREFIX + organisation.id,
        name=name,
        translated=translated,
        city_id=organisation.city,
        city=city_name,
        region=region_name,
        area_ids=area_ids,
        areas=area_names,
        areas_html=areas_html,
        description=data.text(organisation.description, language),
        links=[LinkView(url, link_label(url)) for url in links],
        website=organisation.website or "",
        email=contact.email if contact and contact.email else "",
        phone=contact.phone if contact and contact.phone else "",
        tel=_tel_url(contact.phone) if contact and contact.phone else "",
        address=data.text(contact.address, language) if contact else "",
        key=keys[organisation.id],
    )


def _all_languages(text: Text, data: HandbookData) -> list[str]:
    return [text.get(language, data.default_language) for language in data.languages]


def directory_view(directory: PartnerDirectory, context: BuildContext, language: str) -> dict:
    """The filters of the page, in `language` (its entries: `entries.directory_entries`)."""
    data = context.data
    per_city: dict[str, int] = {}
    per_area: dict[str, int] = {}
    for organisation in directory.organisations:
        per_city[organisation.city] = per_city.get(organisation.city, 0) + 1
        for area in organisation.areas:
            per_area[area] = per_area.get(area, 0) + 1

    # The city filter: cities grouped by region, both sorted by name in this language.
    groups = []
    for region in directory.regions:
        cities = [
            {
                "id": city.id,
                "name": data.text(city.name, language),
                "count": per_city.get(city.id, 0),
                "key": search_key(
                    *_all_languages(city.name, data),
                    *city.also_known_as,
                    *_all_languages(region.name, data),
                ),
            }
            for city in directory.cities
            if city.region == region.id and per_city.get(city.id)
        ]
        if cities:
            cities.sort(key=lambda city: fold(city["name"]))
            groups.append({"name": data.text(region.name, language), "cities": cities})
    groups.sort(key=lambda group: fold(group["name"]))
    areas = [
        {
            "id": area.id,
            "name": data.text(area.name, language),
            "count": per_area.get(area.id, 0),
            "key": search_key(*_all_languages(area.name, data)),
        }
        for area in directory.areas
        if per_area.get(area.id)
    ]
    return {"city_groups": groups, "areas": areas}
