"""`data/handbook.yml`: who publishes the handbook (name, logo, contact), shown on every page."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .feature import DataFileKind
from .model import DataModel, ImagePath, Link, Text
from .plural_text import list_style

if TYPE_CHECKING:
    from .context import BuildContext


def _check_email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+", value):
        raise PydanticCustomError(
            "email",
            "'{value}' is not an e-mail address; write it as name@example.org",
            {"value": value[:80]},
        )
    return value


Email = Annotated[str, AfterValidator(_check_email)]


class Contact(DataModel):
    """The organisation's own published contact; every field is optional."""

    email: Email | None = None
    phone: str | None = None
    address: Text | None = None


class Handbook(DataModel):
    """Identity of the organisation that publishes the handbook."""

    name: Text
    """Full name of the organisation, shown in the header and on printed pages."""
    short_name: Text | None = None
    """Short name or acronym, where space is short: the name under the icon of the handbook
    saved to a phone's home screen (the web manifest)."""
    tagline: Text | None = None
    """One sentence under the name on the home page and in the page description."""
    logo: ImagePath | None = None
    """Path of the logo inside `content/`, for example `assets/images/logo.svg`: the site's
    header and favicon, the printed pages' header and the PDF cover."""
    website: Link | None = None
    """The organisation's own website, linked from the footer. The handbook's own address
    (`site_url`) and its repository (`repo_url`, `edit_uri`) are set in mkdocs.yml."""
    contact: Contact | None = None
    default_language: str
    """Must be the default language of the i18n plugin in mkdocs.yml."""
    licence: Text | None = None
    """Licence of the handbook's text, shown in the footer."""


KIND = DataFileKind("handbook.yml", Handbook, "the organisation's name, logo and contact", True)


def handbook_context(context: BuildContext, language: str) -> dict[str, Any]:
    """`handbook` in every page template: the organisation as the reader's language has it."""
    handbook: Handbook = context.data.handbook
    text = context.text
    contact = handbook.contact
    return {
        "handbook": {
            "name": text(handbook.name, language),
            "short_name": text(handbook.short_name or handbook.name, language),
            "tagline": text(handbook.tagline, language),
            # For the pages' `<meta name="description">`: an attribute holds text only.
            "description": str(text(handbook.tagline, language)),
            "logo": handbook.logo,
            "website": handbook.website,
            "licence": text(handbook.licence, language),
            "email": contact.email if contact else None,
            "phone": contact.phone if contact else None,
            "address": text(contact.address, language) if contact else "",
            "language": language,
            "direction": context.site.direction(language),
            "list_style": list_style(language),
            "manifest": context.site.prefix(language) + WEB_MANIFEST,
        }
    }


WEB_MANIFEST = "manifest.webmanifest"
_IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp"}


def write_web_manifests(context: BuildContext) -> None:
    """A web manifest per language: the name and short name a phone shows under the
    handbook saved to its home screen, in the reader's language and direction."""
    handbook: Handbook = context.data.handbook
    for language in context.languages:
        folder = context.site.folder(context.site_dir, language)
        if not folder.is_dir():
            continue
        manifest: dict[str, Any] = {
            "name": context.text(handbook.name, language),
            "short_name": context.text(handbook.short_name or handbook.name, language),
            "description": context.text(handbook.tagline, language),
            "lang": language,
            "dir": context.site.direction(language),
            "start_url": "./",
            "scope": "./",
            "display": "standalone",
        }
        logo = handbook.logo
        kind = _IMAGE_TYPES.get("." + logo.rsplit(".", 1)[-1].lower()) if logo else None
        if logo and kind:
            src = context.site.relative_url(logo, context.site.prefix(language))
            manifest["icons"] = [{"src": src, "sizes": "any", "type": kind}]
        (folder / WEB_MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
