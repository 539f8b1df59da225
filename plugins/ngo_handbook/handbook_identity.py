"""`data/handbook.yml`: who publishes the handbook (name, logo, contact), shown on every page."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .model import DataModel, ImagePath, Link, Text


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
    """Short name or acronym, used where space is short (phone header, PDF footer)."""
    tagline: Text | None = None
    """One sentence under the name on the home page and in the page description."""
    logo: ImagePath | None = None
    """Path of the logo inside `content/`, for example `assets/images/logo.svg`: the site's
    header and favicon, the printed pages' header and the PDF cover."""
    website: Link | None = None
    contact: Contact | None = None
    default_language: str
    """Must be the default language of the i18n plugin in mkdocs.yml."""
    licence: Text | None = None
    """Licence of the handbook's text, shown in the footer."""
