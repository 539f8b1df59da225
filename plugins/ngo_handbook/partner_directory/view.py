"""What the directory page shows, in one language: every organisation, and the filters.

Plain values for the template (`templates/partner_directory/page.html`) and the CSV file;
nothing here writes HTML.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..context import BuildContext
from ..data_files import HandbookData
from ..model import Text
from .folding import fold, search_key, search_keys
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
    """The directory's cities, regions and areas, each by id."""
    return {
        "cities": {city.id: city for city in directory.cities},
        "regions": {region.id: region for region in directory.regions},
        "areas": {area.id: area for area in directory.areas},
    }


def organisation_view(
    organisation: Organisation,
    directory_maps: dict,
    data: HandbookData,
    language: str,
    keys: dict[str, str],
) -> dict:
    """What the template shows for one organisation, in `language`."""
    cities, regions, areas = (
        directory_maps["cities"],
        directory_maps["regions"],
        directory_maps["areas"],
    )
    name = data.text(organisation.name, language)
    translated = data.text(organisation.name_translated, language)
    if translated and fold(translated) == fold(name):
        # The name itself as the reader's language writes it ("Біз біргеміз" in the source
        # list, «Біз біргеміз» in Kazakh): shown as the name, not twice.
        name, translated = translated, ""
    city = cities[organisation.city]
    contact = organisation.contact
    links = ([organisation.website] if organisation.website else []) + list(organisation.links)
    return {
        "id": organisation.id,
        "anchor": ANCHOR_PREFIX + organisation.id,
        "name": name,
        "translated": translated,
        "city_id": organisation.city,
        "city": data.text(city.name, language),
        "region": data.text(regions[city.region].name, language),
        "areas": [(area, data.text(areas[area].name, language)) for area in organisation.areas],
        "description": data.text(organisation.description, language),
        "links": [{"url": url, "label": link_label(url)} for url in links],
        "website": organisation.website or "",
        "email": contact.email if contact and contact.email else "",
        "phone": contact.phone if contact and contact.phone else "",
        "tel": _tel_url(contact.phone) if contact and contact.phone else "",
        "address": data.text(contact.address, language) if contact else "",
        "key": keys[organisation.id],
    }


def _all_languages(text: Text, data: HandbookData) -> list[str]:
    return [text.get(language, data.default_language) for language in data.languages]


def directory_view(directory: PartnerDirectory, context: BuildContext, language: str) -> dict:
    """Everything the page template needs, in `language`."""
    data = context.data
    maps = directory_maps(directory)
    keys = search_keys(context, directory)
    organisations = [
        organisation_view(organisation, maps, data, language, keys)
        for organisation in directory.organisations
    ]
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
    return {"organisations": organisations, "city_groups": groups, "areas": areas}
