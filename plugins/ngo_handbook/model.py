"""Building blocks of the typed data model: translatable text, safe links, identifiers.

Every data file is described by a pydantic model built from these types. The model knows
nothing of MkDocs or of YAML positions; `validation.validate_document` maps its errors back
to file, line and column.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    RootModel,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

from .bidi import isolate_direction_marks


class Fallback(str):
    """A text shown in another language than the reader's because it is not yet translated.

    It is a plain string everywhere (a title, a CSV cell, JSON), but an autoescaping
    template prints it (through the `__html__` protocol of markupsafe) inside an element
    with its own `lang` and `dir`, so an English option reads left to right on an Arabic
    page (WCAG 3.1.2). In an attribute, print it with the `plain` filter.
    """

    language: str

    def __new__(cls, text: str, language: str) -> Fallback:
        shown = super().__new__(cls, text)
        shown.language = language
        return shown

    def __html__(self) -> str:
        from .languages import direction

        return (
            f'<span lang="{html.escape(self.language)}" dir="{direction(self.language)}">'
            f"{html.escape(str(self))}</span>"
        )


class Text:
    """A text in one or more languages: one string for all, or a mapping language → string."""

    __slots__ = ("values", "uniform", "borrowed")

    def __init__(self, values: str | Mapping[str, str]):
        self.uniform = isinstance(values, str)
        self.values: dict[str, str] = {"*": values} if isinstance(values, str) else dict(values)
        self.borrowed: dict[str, str] | None = None
        """language → the language its text is still written in, for a text marked to
        translate (`stand_ins`)."""

    def get(self, language: str, default_language: str) -> str:
        """The text in `language`, else in `default_language`, else the first one given."""
        if self.uniform:
            return self.values["*"]
        if language in self.values:
            return self.values[language]
        if default_language in self.values:
            return self.values[default_language]
        return next(iter(self.values.values()), "")

    def shown(self, language: str, default_language: str) -> str:
        """The text in `language` (`get`); a text in another language, not yet translated
        (missing, or a copy marked to translate), comes as a `Fallback` that a template
        prints with its own `lang` and `dir`."""
        shown = self.get(language, default_language)
        if self.uniform:
            return shown
        if language in self.values:
            written = self.borrowed.get(language) if self.borrowed else None
            return Fallback(shown, written) if written else shown
        written = default_language if default_language in self.values else next(iter(self.values))
        return Fallback(shown, written)

    def __repr__(self) -> str:
        return f"Text({self.values['*'] if self.uniform else self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and other.values == self.values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.values.items())))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(cls._parse)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        # For editors (`ngo-handbook schema`): one text, or one text per language code.
        return TEXT_SCHEMA

    @classmethod
    def _parse(cls, value: Any) -> Text:
        if isinstance(value, Text):
            return value
        if isinstance(value, str):
            if not value.strip():
                raise PydanticCustomError("text_empty", "this text is empty; write the text")
            return cls(isolate_direction_marks(value))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return cls(str(value))
        if isinstance(value, dict) and value:
            for language, text in value.items():
                if not isinstance(text, str) or not text.strip():
                    raise PydanticCustomError(
                        "text_language_value",
                        "the '{language}' text is empty or not text; write it as "
                        "'{language}: your text'",
                        {"language": language},
                    )
            return cls({key: isolate_direction_marks(text) for key, text in value.items()})
        raise PydanticCustomError(
            "text_type",
            "expected a text, or one text per language (for example 'en: …' and 'tr: …' "
            "on their own lines)",
        )


TEXT_SCHEMA: dict[str, Any] = {
    "description": "One text for every language, or one text per language code (en: …).",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "number"},
        {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^[a-z]{2,3}([_-][A-Za-z0-9]+)*$"},
            "additionalProperties": {"type": "string", "minLength": 1},
        },
    ],
}

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _check_identifier(value: str) -> str:
    if not _ID_PATTERN.match(value):
        raise PydanticCustomError(
            "identifier",
            "'{value}' is not a valid id; use lower-case letters a–z, digits, '-' and '_' "
            "(for example 'building-security')",
            {"value": value},
        )
    return value


Identifier = Annotated[
    str,
    AfterValidator(_check_identifier),
    WithJsonSchema({"type": "string", "pattern": _ID_PATTERN.pattern}),
]
"""A stable id: used in page anchors, file names and saved answers, so it never changes."""

SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def _check_link(value: str) -> str:
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in SAFE_SCHEMES or value.strip() != value or len(value) <= len(scheme) + 1:
        raise PydanticCustomError(
            "unsafe_link",
            "'{value}' is not an accepted link; write a full address starting with "
            "https://, http://, mailto: or tel:",
            {"value": value[:80]},
        )
    if scheme in ("http", "https") and not re.match(r"^https?://[^\s/?#]+\.[^\s/?#]+", value, re.I):
        raise PydanticCustomError(
            "unsafe_link",
            "'{value}' is not a web address; write it as https://example.org/…",
            {"value": value[:80]},
        )
    return value


Link = Annotated[
    str,
    AfterValidator(_check_link),
    WithJsonSchema(
        {"type": "string", "pattern": "^(https?://[^\\s/?#]+\\.[^\\s/?#]+|mailto:|tel:)"}
    ),
]
"""A link that is safe to put in an href: http(s), mailto or tel only."""


IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")
_IMAGE_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.(?:/|$))[A-Za-z0-9_./-]+$")


def _check_image_path(value: str) -> str:
    if not _IMAGE_PATH.match(value) or not value.lower().endswith(IMAGE_SUFFIXES):
        raise PydanticCustomError(
            "image_path",
            "'{value}' is not the path of an image inside content/; write it like "
            "'assets/images/logo.svg' (letters a–z, digits, '-', '_', '.', '/'; an .svg, "
            ".png, .jpg, .webp or .gif file)",
            {"value": value[:80]},
        )
    return value


ImagePath = Annotated[
    str,
    AfterValidator(_check_image_path),
    WithJsonSchema({"type": "string", "pattern": _IMAGE_PATH.pattern}),
]
"""An image of the handbook's own, as a path inside `content/` (never another site's)."""


class DataModel(BaseModel):
    """Base of every data-file model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def collect_texts(value: Any) -> list[tuple[tuple, Text]]:
    """(path, Text) of every translatable text inside a validated model, in order."""
    found: list[tuple[tuple, Text]] = []
    _collect_texts(value, (), found)
    return found


def _collect_texts(value: Any, path: tuple, found: list[tuple[tuple, Text]]) -> None:
    # A plain recursion into a list: a directory of 10,000 organisations holds 60,000 texts.
    if isinstance(value, Text):
        found.append((path, value))
    elif isinstance(value, RootModel):
        _collect_texts(value.root, path, found)
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            _collect_texts(getattr(value, name), (*path, info.alias or name), found)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _collect_texts(item, (*path, index), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_texts(item, (*path, key), found)
