"""The data model of a form, `data/forms/<name>.yml`: sections of typed fields.

Each field type is one class below, told apart by its `type` key (a pydantic discriminated
union), so a field takes exactly the keys of its type and an unknown key is reported with
the keys that type takes. The README's table "Forms" describes the same types for authors.
Every text is one line for all languages or one line per language (`en: …`, `tr: …`).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from ..model import DataModel, Identifier, Text


def _between(low: int, high: int) -> AfterValidator:
    """A number from `low` to `high`, or an error that says which numbers fit."""

    def check(value: int, info: ValidationInfo) -> int:
        if not low <= value <= high:
            raise ValueError(
                f"{info.field_name}: {value} is out of range; write a number from {low} to {high}"
            )
        return value

    return AfterValidator(check)


def _not_empty(value: list, info: ValidationInfo) -> list:
    if not value:
        raise ValueError(f"'{info.field_name}' is empty; list at least one")
    return value


class Option(DataModel):
    """One choice of a single or multiple choice, or one item of a rating."""

    id: Identifier
    label: Text


class Column(DataModel):
    """One column of a table field."""

    id: Identifier
    label: Text
    width: Annotated[int, _between(1, 10)] = 1
    """Relative width: a column of width 2 is twice as wide as one of width 1."""


Options = Annotated[list[Option], AfterValidator(_not_empty)]
Lines = Annotated[int, _between(1, 20)]


class _Field(DataModel):
    """What every field has: its `type`, which each class below narrows to its own name."""

    type: str
    numbered: ClassVar[bool] = False
    """Whether the printed form numbers it as a question (1., 2., …)."""


class _Question(_Field):
    """A field with an answer: its `id` names the answer (saved in the browser, unique in
    the form), its `label` asks the question, its optional `help` explains it."""

    id: Identifier
    label: Text
    help: Text | None = None
    numbered: ClassVar[bool] = True


class ShortTextField(_Question):
    """`short_text`: one writing line. Keys: `id`, `label`, `help`."""

    type: Literal["short_text"]


class LongTextField(_Question):
    """`long_text`: several writing lines. Keys: `id`, `label`, `help`, `lines` (1–20,
    default 4)."""

    type: Literal["long_text"]
    lines: Lines = 4


class SingleChoiceField(_Question):
    """`single_choice`: boxes, tick one. Keys: `id`, `label`, `help`, `options` (`{id,
    label}` each), `other` (the label of a last choice with a line to write on)."""

    type: Literal["single_choice"]
    options: Options
    other: Text | None = None


class MultipleChoiceField(_Question):
    """`multiple_choice`: boxes, tick several. Keys: `id`, `label`, `help`, `options`,
    `other`, `max` (1–20: "choose at most 3", fewer than the choices)."""

    type: Literal["multiple_choice"]
    options: Options
    other: Text | None = None
    max: Annotated[int, _between(1, 20)] | None = None

    @model_validator(mode="after")
    def _max_below_choices(self) -> MultipleChoiceField:
        if self.max is not None and self.max >= len(self.options) + 1:
            raise ValueError(
                f"max: {self.max} allows every option; remove 'max' or make it smaller than "
                f"{len(self.options) + (1 if self.other else 0)}"
            )
        return self


class RatingField(_Question):
    """`rating`: a row of 1 to 5 per item. Keys: `id`, `label`, `help`, `items` (`{id,
    label}` each), `low` and `high` (the words for 1 and for 5)."""

    type: Literal["rating"]
    items: Options
    low: Text | None = None
    high: Text | None = None


class YesNoField(_Question):
    """`yes_no`: yes / no, then "if yes, explain" on writing lines. Keys: `id`, `label`,
    `help`, `explain` (the label of the lines), `lines` (1–20, default 2)."""

    type: Literal["yes_no"]
    explain: Text | None = None
    lines: Lines = 2


class DateField(_Question):
    """`date`: a date line (a date field on screen). Keys: `id`, `label`, `help`."""

    type: Literal["date"]


class SignatureField(_Question):
    """`signature`: signature, printed name and date lines; not numbered. Keys: `id`,
    `label`, `help`."""

    type: Literal["signature"]
    numbered: ClassVar[bool] = False


class TableField(_Question):
    """`table`: a grid of blank rows under named columns. Keys: `id`, `label`, `help`,
    `columns` (`{id, label, width}` each), `rows` (1–60, default 8)."""

    type: Literal["table"]
    columns: Annotated[list[Column], AfterValidator(_not_empty)]
    rows: Annotated[int, _between(1, 60)] = 8


def _one_or_more(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class ListField(_Field):
    """`list`: a numbered list taken from another data file, no answer. Keys: `label`,
    `help`, `source` (a file under `data/`), `select` (one or more dotted paths of lists
    in it, for example `parties.organisation.duties`), and an optional `id`."""

    type: Literal["list"]
    id: Identifier | None = None
    label: Text
    help: Text | None = None
    source: str
    select: Annotated[
        list[str],
        BeforeValidator(_one_or_more),
        WithJsonSchema(
            {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
        ),
    ]


class TextField(_Field):
    """`text`: a paragraph of text, no answer. Keys: `text`, `help`."""

    type: Literal["text"]
    text: Text
    help: Text | None = None


FormField = Annotated[
    ShortTextField
    | LongTextField
    | SingleChoiceField
    | MultipleChoiceField
    | RatingField
    | YesNoField
    | DateField
    | SignatureField
    | TableField
    | ListField
    | TextField,
    Field(discriminator="type"),
]
"""One field of a form; its `type` picks the class (and the template `fields/<type>.html`)."""


class Section(DataModel):
    """A group of fields under an optional heading."""

    title: Text | None = None
    intro: Text | None = None
    fields: list[FormField]


class FormDefinition(DataModel):
    """One form: the whole of `data/forms/<name>.yml`."""

    title: Text
    description: Text | None = None
    """One sentence for the forms index."""
    intro: Text | None = None
    """A paragraph under the title."""
    order: int = 100
    """Position on the forms index (smaller first); forms of equal order sort by file name."""
    sections: list[Section]
