"""Printable forms: one YAML file per form in `data/forms/`, a web page and a PDF per language.

A form is made of sections, each a list of fields. The `type` of a field says what it is
and which keys it takes (any other key is an error naming the line):

    title: Volunteer application             # page title and printed heading
    description: …                           # optional: one sentence for the forms index
    intro: …                                 # optional: paragraph under the title
    order: 1                                 # optional: position on the forms index
    sections:
      - title: Personal details              # optional heading
        intro: …                             # optional paragraph
        fields:
          - type: short_text                 # one writing line
            id: full-name                    # a–z, 0–9, '-', '_'; unique in the form
            label: Full name
            help: …                          # optional hint under the label (any field)
          - type: long_text                  # several writing lines
            id: motivation
            label: Why do you want to volunteer?
            lines: 4                         # optional, 1–20 (default 4)
          - type: single_choice              # tick one box
            id: availability
            label: How much time can you give?
            options:
              - {id: weekends, label: Weekends only}
            other: Other                     # optional: an extra choice with a line to write on
          - type: multiple_choice            # tick several boxes
            id: interests
            label: What interests you?
            options: […]
            max: 3                           # optional: "choose at most 3"
            other: Other
          - type: rating                     # each item rated 1 to 5
            id: self-rating
            label: Rate yourself
            items:
              - {id: communication, label: Communication}
            low: not at all                  # optional words for 1 and for 5
            high: very well
          - type: yes_no                     # yes / no, then "if yes, explain"
            id: health
            label: Do you have health limitations?
            explain: If yes, what should we know? # optional (a default is used)
            lines: 2                         # optional writing lines for the explanation
          - type: date
            id: start-date
            label: Start date
          - type: signature                  # signature, printed name and date lines
            id: volunteer-signature
            label: The volunteer
          - type: table                      # a grid with blank rows to fill
            id: activities
            label: Activities
            columns:
              - {id: date, label: Date, width: 1}   # width: optional relative width
            rows: 10                         # optional, 1–60 (default 8)
          - type: list                       # a list taken from another data file
            label: Duties of the organisation
            source: rights_duties.yml        # a file under data/
            select:                          # one or more dotted paths to lists in it
              - parties.organisation.duties
          - type: text                       # a paragraph of text, no answer
            text: …

Every text is one line for all languages or one line per language (en, tr, ar, kk).
"""

from __future__ import annotations

import functools
from pathlib import PurePosixPath
from typing import Any

from pydantic import field_validator, model_validator

from .context import BuildContext
from .data_files import HandbookData, check_unique_ids
from .feature import DataFileKind, Feature, GeneratedPage
from .model import DataModel, Identifier, Text
from .problems import Problem, did_you_mean
from .rendering import Markup, anchor, front_matter, heading

FIELD_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required keys, optional keys); `type` and `help` are always allowed.
    "text": ({"text"}, set()),
    "short_text": ({"id", "label"}, set()),
    "long_text": ({"id", "label"}, {"lines"}),
    "single_choice": ({"id", "label", "options"}, {"other"}),
    "multiple_choice": ({"id", "label", "options"}, {"other", "max"}),
    "rating": ({"id", "label", "items"}, {"low", "high"}),
    "yes_no": ({"id", "label"}, {"explain", "lines"}),
    "date": ({"id", "label"}, set()),
    "signature": ({"id", "label"}, set()),
    "table": ({"id", "label", "columns"}, {"rows"}),
    "list": ({"label", "source", "select"}, {"id"}),
}
"""Which keys each field type takes; the schema in the module docstring explains them."""

QUESTION_TYPES = {
    "short_text",
    "long_text",
    "single_choice",
    "multiple_choice",
    "rating",
    "yes_no",
    "date",
    "table",
}
"""Field types that are numbered as questions on the printed form."""


class Option(DataModel):
    """One choice of a single or multiple choice, or one item of a rating."""

    id: Identifier
    label: Text


class Column(DataModel):
    """One column of a table field."""

    id: Identifier
    label: Text
    width: int = 1
    """Relative width: a column of width 2 is twice as wide as one of width 1."""

    @field_validator("width")
    @classmethod
    def _positive_width(cls, value: int) -> int:
        if not 1 <= value <= 10:
            raise ValueError(f"the width {value} is out of range; write a number from 1 to 10")
        return value


class FormField(DataModel):
    """One field of a form; which keys it takes depends on its `type` (see `FIELD_KEYS`)."""

    type: str
    id: Identifier | None = None
    label: Text | None = None
    help: Text | None = None
    text: Text | None = None
    lines: int | None = None
    options: list[Option] | None = None
    other: Text | None = None
    max: int | None = None
    items: list[Option] | None = None
    low: Text | None = None
    high: Text | None = None
    explain: Text | None = None
    columns: list[Column] | None = None
    rows: int | None = None
    source: str | None = None
    select: list[str] | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in FIELD_KEYS:
            hint = did_you_mean(value, FIELD_KEYS)
            raise ValueError(
                f"'{value}' is not a field type.{hint} Expected one of: {', '.join(FIELD_KEYS)}"
            )
        return value

    @field_validator("select", mode="before")
    @classmethod
    def _one_or_more_paths(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _keys_fit_type(self) -> FormField:
        required, optional = FIELD_KEYS[self.type]
        given = {name for name in self.model_fields_set if getattr(self, name) is not None}
        given -= {"type", "help"}
        wrong = sorted(given - required - optional)
        if wrong:
            allowed = ", ".join(sorted(required | optional | {"help"}))
            raise ValueError(
                f"a '{self.type}' field does not take {', '.join(repr(k) for k in wrong)}; "
                f"remove it. A '{self.type}' field takes: type, {allowed}"
            )
        missing = sorted(required - given)
        if missing:
            raise ValueError(
                f"a '{self.type}' field needs {', '.join(repr(k) for k in missing)}; "
                f"add {' and '.join(f'{k}: …' for k in missing)} to it"
            )
        limits = {"lines": (1, 20), "rows": (1, 60), "max": (1, 20)}
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise ValueError(
                    f"{name}: {value} is out of range; write a number from {low} to {high}"
                )
        if self.max is not None and self.options is not None and self.max >= len(self.options) + 1:
            raise ValueError(
                f"max: {self.max} allows every option; remove 'max' or make it smaller than "
                f"{len(self.options) + (1 if self.other else 0)}"
            )
        for name in ("options", "items", "columns"):
            value = getattr(self, name)
            if value is not None and not value:
                raise ValueError(f"'{name}' is empty; list at least one")
        return self


class Section(DataModel):
    """A group of fields under an optional heading."""

    title: Text | None = None
    intro: Text | None = None
    fields: list[FormField]


class FormDefinition(DataModel):
    """One form: the whole of `data/forms/<name>.yml`."""

    title: Text
    description: Text | None = None
    intro: Text | None = None
    order: int = 100
    """Position on the forms index (smaller first); forms of equal order sort by file name."""
    sections: list[Section]


def resolve_list(data: HandbookData, source: str, dotted: str) -> list[Text] | str:
    """The texts of the list at `dotted` in data file `source`, or why it cannot be found."""
    document = data.sources.get(source)
    if document is None:
        known = sorted(data.sources)
        hint = did_you_mean(source, known)
        return f"there is no data file '{source}'.{hint} Expected one of: {', '.join(known)}"
    node: Any = document.data
    walked: list[str] = []
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            keys = sorted(node) if isinstance(node, dict) else []
            where = ".".join(walked) or "the top"
            return (
                f"'{dotted}' is not in {source}: there is no '{part}' under {where}."
                f"{did_you_mean(part, keys)}"
                + (f" Expected one of: {', '.join(keys)}" if keys else "")
            )
        node = node[part]
        walked.append(part)
    if not isinstance(node, list):
        return f"'{dotted}' in {source} is not a list; point at a list of items"
    texts = []
    for item in node:
        value = (
            item.get("text", item.get("label", item.get("title")))
            if isinstance(item, dict)
            else item
        )
        try:
            texts.append(Text._parse(value))
        except Exception:
            return f"the items of '{dotted}' in {source} have no text (expected 'text:' in each)"
    return texts


def _form_files(data: HandbookData) -> dict[str, FormDefinition]:
    return data.matching("forms/*.yml")


def check_forms(data: HandbookData) -> list[Problem]:
    """Field ids are unique in each form; every list block points at an existing list."""
    problems: list[Problem] = []
    for name, form in _form_files(data).items():
        ids = []
        for s, section in enumerate(form.sections):
            for f, field in enumerate(section.fields):
                path = ("sections", s, "fields", f)
                if field.id is not None:
                    ids.append(((*path, "id"), field.id))
                if field.type == "list":
                    for p, dotted in enumerate(field.select or []):
                        found = resolve_list(data, field.source or "", dotted)
                        if isinstance(found, str):
                            # A wrong file name is the source's fault, a wrong path the select's.
                            key = "source" if field.source not in data.sources else ("select", p)
                            where = (*path, *((key,) if isinstance(key, str) else key))
                            problems.append(Problem(data.locate(name, where), found))
                            if key == "source":
                                break
                for key in ("options", "items", "columns"):
                    children = getattr(field, key) or []
                    problems.extend(
                        check_unique_ids(
                            data,
                            name,
                            (((*path, key, i, "id"), child.id) for i, child in enumerate(children)),
                        )
                    )
        problems.extend(check_unique_ids(data, name, ids))
    return problems


KIND = DataFileKind(
    "forms/*.yml",
    FormDefinition,
    "one printable form each (see the schema in plugins/ngo_handbook/forms.py)",
    cross_checks=(check_forms,),
)


def form_slug(name: str) -> str:
    """`forms/application.yml` → `application`: the form's page and PDF name."""
    return PurePosixPath(name).stem


def pdf_file_name(slug: str, language: str) -> str:
    """The file name of a form's PDF, written beside its page."""
    return f"{slug}-{language}.pdf"


def css_string(text: str) -> str:
    """A quoted CSS string that cannot end the string or the style element, whatever `text` is."""
    # Everything but ASCII letters and digits becomes a six-digit escape (spaces too, since
    # CSS eats one space after an escape), so no text can end the string or the element.
    escaped = "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x}" for ch in text)
    return f'"{escaped}"'


def _field_view(data: HandbookData, field: FormField, language: str, number: int | None) -> dict:
    """What the template needs to draw one field, all texts in `language`."""
    text = functools.partial(data.text, language=language)
    view: dict[str, Any] = {
        "type": field.type,
        "id": field.id,
        "number": number,
        "label": text(field.label),
        "help": text(field.help),
        "text": text(field.text),
        "lines": field.lines or (2 if field.type == "yes_no" else 4),
        "options": [{"id": o.id, "label": text(o.label)} for o in field.options or []],
        "items": [{"id": o.id, "label": text(o.label)} for o in field.items or []],
        "other": text(field.other),
        "max": field.max,
        "low": text(field.low),
        "high": text(field.high),
        "explain": text(field.explain),
        "columns": [
            {"id": c.id, "label": text(c.label), "width": c.width} for c in field.columns or []
        ],
        "rows": field.rows or 8,
        "entries": [],
    }
    if field.type == "list":
        for dotted in field.select or []:
            found = resolve_list(data, field.source or "", dotted)
            if not isinstance(found, str):
                view["entries"].extend(text(item) for item in found)
    if view["columns"]:
        total = sum(c["width"] for c in view["columns"])
        for column in view["columns"]:
            column["percent"] = round(100 * column["width"] / total, 2)
    return view


def form_view(data: HandbookData, name: str, form: FormDefinition, language: str) -> dict:
    """The whole form prepared for its template."""
    number = 0
    sections = []
    title = data.text(form.title, language)
    # Section headings get ids, so the page lists them beside the form and they can be linked.
    taken = {anchor(title)}
    for section in form.sections:
        fields = []
        for field in section.fields:
            if field.type in QUESTION_TYPES:
                number += 1
            fields.append(
                _field_view(data, field, language, number if field.type in QUESTION_TYPES else None)
            )
        section_title = data.text(section.title, language)
        sections.append(
            {
                "title": section_title,
                "anchor": anchor(section_title, taken, "section") if section_title else None,
                "intro": data.text(section.intro, language),
                "fields": fields,
            }
        )
    slug = form_slug(name)
    return {
        "slug": slug,
        "title": title,
        "description": data.text(form.description, language),
        "intro": data.text(form.intro, language),
        "sections": sections,
        "pdf": pdf_file_name(slug, language),
    }


def _ordered_forms(data: HandbookData) -> list[tuple[str, FormDefinition]]:
    return sorted(_form_files(data).items(), key=lambda item: (item[1].order, item[0]))


def form_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The forms index and one page per form, in `language`."""
    data = context.data
    render = context.templates.render
    strings = context.strings.get("forms", language)
    organisation = data.text(data.handbook.name, language)
    pages = []
    listed = []
    for name, form in _ordered_forms(data):
        view = form_view(data, name, form, language)
        listed.append(view)
        page_header = Markup(css_string(f"{organisation} · {view['title']}"))
        markdown = front_matter(view["title"], description=view["description"] or None) + render(
            "forms/form.html",
            form=view,
            strings=strings,
            language=language,
            page_header=page_header,
            heading=Markup(heading(view["title"])),
        )
        pages.append(
            GeneratedPage(
                f"forms/{view['slug']}.md", markdown, edit_path=f"{data.data_dir_name}/{name}"
            )
        )
    index = front_matter(strings["forms_title"], strings["forms_description"]) + render(
        "forms/index.html",
        forms=listed,
        strings=strings,
        language=language,
        heading=Markup(heading(strings["forms_title"])),
    )
    pages.append(GeneratedPage("forms/index.md", index))
    return pages


FEATURE = Feature(
    name="forms",
    data_kinds=(KIND,),
    strings=("forms",),
    pages=form_pages,
    assets=("forms.css", "forms.js"),
)
