"""The partner-organisation directory: `data/partners.yml` → a filterable page and a CSV.

The page lists every organisation, rendered at build time, so it reads and prints without
JavaScript. The script (`assets/partner_directory.js`) only shows the filters and hides
the entries that do not match, using the search key each entry carries: its names folded
by `fold()` (case, diacritics, Turkish İ/ı, Kazakh letters, Arabic marks). The browser
folds a query with the same rules, so both sides must change together.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from pydantic import Field

from .context import BuildContext
from .data_files import HandbookData, check_unique_ids
from .feature import DataFileKind, Feature, GeneratedPage
from .handbook_identity import Contact
from .model import DataModel, Identifier, Link, Text
from .problems import Problem, did_you_mean
from .rendering import front_matter, heading

DATA_FILE = "partners.yml"
PAGE_PATH = "partners.md"
CSV_NAME = "partners.csv"
ANCHOR_PREFIX = "org-"


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


# Letters that Unicode does not decompose into a base letter and a mark. Kazakh letters go
# to the Russian letter people type on a keyboard without them.
_FOLDED_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ة": "ه",
        "ى": "ي",
        "ٱ": "ا",
        "ـ": "",  # tatweel, a letter in Unicode's eyes
    }
)


_MARKS = {
    code: None for code in range(0x300, 0x10000) if unicodedata.category(chr(code)).startswith("M")
}
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Search form of a text: lower case, no marks, special letters to base letters,
    punctuation to single spaces. `foldText` in partner_directory.js does the same."""
    bare = unicodedata.normalize("NFKD", text.lower()).translate(_MARKS)
    return _NOT_WORD.sub(" ", bare.translate(_FOLDED_LETTERS)).strip()


def _search_key(*texts: str) -> str:
    """The distinct folded words of `texts`, in first-seen order."""
    words: dict[str, None] = {}
    for text in texts:
        for word in fold(text).split():
            words.setdefault(word)
    return " ".join(words)


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


def _organisation_view(
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
    city = cities[organisation.city]
    contact = organisation.contact
    links = ([organisation.website] if organisation.website else []) + list(organisation.links)
    return {
        "id": organisation.id,
        "anchor": ANCHOR_PREFIX + organisation.id,
        "name": name,
        "translated": translated if translated and fold(translated) != fold(name) else "",
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


def search_keys(context: BuildContext, directory: PartnerDirectory) -> dict[str, str]:
    """The search key of every organisation (by id): its names and description in every
    language. The same in every language build, so it is computed once per build."""
    keys = context.cache.get("partner-keys")
    if keys is None:
        keys = {}
        for organisation in directory.organisations:
            texts = list(organisation.name.values.values())
            for text in (organisation.name_translated, organisation.description):
                if text is not None:
                    texts += text.values.values()
            keys[organisation.id] = _search_key(*texts)
        context.cache["partner-keys"] = keys
    return keys


def _maps(directory: PartnerDirectory) -> dict:
    return {
        "cities": {city.id: city for city in directory.cities},
        "regions": {region.id: region for region in directory.regions},
        "areas": {area.id: area for area in directory.areas},
    }


def _all_languages(text: Text, data: HandbookData) -> list[str]:
    return [text.get(language, data.default_language) for language in data.languages]


def directory_view(
    directory: PartnerDirectory, context: BuildContext, language: str
) -> dict:
    """Everything the page template needs, in `language`."""
    data = context.data
    maps = _maps(directory)
    keys = search_keys(context, directory)
    organisations = [
        _organisation_view(organisation, maps, data, language, keys)
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
                "key": _search_key(
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
            "key": _search_key(*_all_languages(area.name, data)),
        }
        for area in directory.areas
        if per_area.get(area.id)
    ]
    return {"organisations": organisations, "city_groups": groups, "areas": areas}


def _count_text(template: str, shown: int, total: int) -> str:
    return template.replace("{shown}", str(shown)).replace("{total}", str(total))


def partner_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The directory page in `language`, or nothing when there is no partners.yml."""
    data = context.data
    directory: PartnerDirectory | None = data.get(DATA_FILE)
    if directory is None:
        return []
    text = context.strings.get("partners", language)
    view = directory_view(directory, context, language)
    total = len(view["organisations"])
    html = context.templates.render(
        "partner_directory/page.html",
        t=text,
        csv_name=CSV_NAME,
        total=total,
        count_all=_count_text(text["count_all"], total, total),
        **view,
    )
    markdown = front_matter(text["title"], text["description"]) + heading(text["title"]) + html
    return [GeneratedPage(PAGE_PATH, markdown, edit_path=f"{data.data_dir_name}/{DATA_FILE}")]


def _spreadsheet_safe(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def partners_csv(
    directory: PartnerDirectory, context: BuildContext, language: str, page_url: str
) -> str:
    """The directory as CSV in `language`, with a byte-order mark so Excel reads it as UTF-8."""
    data = context.data
    text = context.strings.get("partners", language)
    maps = _maps(directory)
    keys = search_keys(context, directory)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = (
        "id",
        "name",
        "name_translated",
        "city",
        "region",
        "areas",
        "website",
        "links",
        "email",
        "phone",
        "address",
        "page",
    )
    writer.writerow([text[f"csv_{column}"] for column in columns])
    for organisation in directory.organisations:
        view = _organisation_view(organisation, maps, data, language, keys)
        row = [
            view["id"],
            view["name"],
            view["translated"],
            view["city"],
            view["region"],
            "; ".join(name for _, name in view["areas"]),
            view["website"],
            " ".join(organisation.links),
            view["email"],
            view["phone"],
            view["address"],
            f"{page_url}#{view['anchor']}",
        ]
        writer.writerow([_spreadsheet_safe(value) for value in row])
    return "\ufeff" + buffer.getvalue()


def write_csv_files(context: BuildContext) -> None:
    """Write `partners.csv` beside the directory page of every language."""
    directory: PartnerDirectory | None = context.data.get(DATA_FILE)
    if directory is None:
        return
    site = context.site
    for language in context.languages:
        page = site.dest_uri(PAGE_PATH, language)
        folder = PurePosixPath(page).parent
        if not (context.site_dir / page).exists():
            continue
        page_url = site.url(PAGE_PATH, language)
        if site.site_url:
            page_url = urljoin(site.site_url, page_url)
        target = context.site_dir / folder / CSV_NAME
        target.write_text(
            partners_csv(directory, context, language, page_url),
            encoding="utf-8",
            newline="",
        )


FEATURE = Feature(
    name="partner-directory",
    data_kinds=(KIND,),
    strings=("partners",),
    pages=partner_pages,
    finalize=write_csv_files,
    assets=("partner_directory.css", "partner_directory.js"),
)
