"""What the form templates need, every text in the page's language.

Each field becomes a small dict: what every field has (`type`, `id`, `number`, `label`,
`help`) and what its type adds, from the view function of its class in `FIELD_VIEWS` (a
type that adds nothing has none). The template `forms/fields/<type>.html` draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from ..data_files import HandbookData
from ..model import Text
from ..rendering import anchor, text_html
from .checks import resolve_list
from .model import (
    FormDefinition,
    ListField,
    LongTextField,
    MultipleChoiceField,
    Option,
    RatingField,
    SingleChoiceField,
    TableField,
    TextField,
    YesNoField,
)

TextOf = Callable[[Text | None], str]
"""A data text (or None) → the string in the page's language ('' for None)."""


def _options(options: list[Option], text: TextOf) -> list[dict[str, str]]:
    return [{"id": option.id, "label": text(option.label)} for option in options]


def long_text_view(field: LongTextField, text: TextOf, data: HandbookData) -> dict[str, Any]:
    return {"lines": field.lines}


def single_choice_view(
    field: SingleChoiceField, text: TextOf, data: HandbookData
) -> dict[str, Any]:
    return {"options": _options(field.options, text), "other": text(field.other)}


def multiple_choice_view(
    field: MultipleChoiceField, text: TextOf, data: HandbookData
) -> dict[str, Any]:
    return {
        "options": _options(field.options, text),
        "other": text(field.other),
        "max": field.max,
    }


def rating_view(field: RatingField, text: TextOf, data: HandbookData) -> dict[str, Any]:
    return {"items": _options(field.items, text), "low": text(field.low), "high": text(field.high)}


def yes_no_view(field: YesNoField, text: TextOf, data: HandbookData) -> dict[str, Any]:
    return {"explain": text(field.explain), "lines": field.lines}


def table_view(field: TableField, text: TextOf, data: HandbookData) -> dict[str, Any]:
    total = sum(column.width for column in field.columns)
    columns = [
        {
            "id": column.id,
            "label": text(column.label),
            "width": column.width,
            "percent": round(100 * column.width / total, 2),
        }
        for column in field.columns
    ]
    return {"columns": columns, "rows": field.rows}


def list_view(field: ListField, text: TextOf, data: HandbookData) -> dict[str, Any]:
    entries: list[str] = []
    for dotted in field.select:
        found = resolve_list(data, field.source, dotted)
        # A list that cannot be found was reported by `check_forms` before any page is made.
        if not isinstance(found, str):
            entries.extend(text(item) for item in found)
    return {"entries": entries}


def text_view(field: TextField, text: TextOf, data: HandbookData) -> dict[str, Any]:
    return {"text": text(field.text)}


FIELD_VIEWS: dict[type, Callable[[Any, TextOf, HandbookData], dict[str, Any]]] = {
    LongTextField: long_text_view,
    SingleChoiceField: single_choice_view,
    MultipleChoiceField: multiple_choice_view,
    RatingField: rating_view,
    YesNoField: yes_no_view,
    TableField: table_view,
    ListField: list_view,
    TextField: text_view,
}
"""What a field type adds to the common view; short_text, date and signature add nothing."""


def field_view(
    field: Any, number: int | None, text: TextOf, data: HandbookData, language: str
) -> dict:
    """One field prepared for `forms/fields/<type>.html`; its label and help, printed only
    between tags, keep their own language where they are not yet translated."""
    view = {
        "type": field.type,
        "id": getattr(field, "id", None),
        "number": number,
        "label": text_html(getattr(field, "label", None), language, data.default_language),
        "help": text_html(field.help, language, data.default_language),
    }
    add = FIELD_VIEWS.get(type(field))
    return view | add(field, text, data) if add else view


def form_view(data: HandbookData, form: FormDefinition, language: str) -> dict[str, Any]:
    """The whole form prepared for `forms/form.html`, questions numbered from 1."""
    text = partial(data.text, language=language)
    title = text(form.title)
    # Section headings get ids, so the page lists them beside the form and they can be linked.
    taken = {anchor(title)}
    number = 0
    sections = []
    for section in form.sections:
        fields = []
        for field in section.fields:
            number += field.numbered
            fields.append(
                field_view(field, number if field.numbered else None, text, data, language)
            )
        section_title = text(section.title)
        sections.append(
            {
                "title": section_title,
                "anchor": anchor(section_title, taken, "section") if section_title else None,
                "intro": text(section.intro),
                "fields": fields,
            }
        )
    return {
        "title": title,
        "description": text(form.description),
        "intro": text(form.intro),
        "sections": sections,
    }
