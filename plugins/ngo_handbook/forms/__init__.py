"""Printable forms: one YAML file per form in `data/forms/`, a web page and a PDF per language.

A form is made of sections, each a list of fields; the `type` of a field says what it is
and which keys it takes (the README's table "Forms", and one class per type in `model`):

    title: Volunteer application             # page title and printed heading
    description: …                           # optional: one sentence for the forms index
    intro: …                                 # optional: paragraph under the title
    order: 1                                 # optional: position on the forms index
    sections:
      - title: Personal details              # optional heading
        intro: …                             # optional paragraph
        fields:
          - type: short_text
            id: full-name                    # a–z, 0–9, '-', '_'; unique in the form
            label: Full name
            help: …                          # optional hint under the label

`model` holds the field types, `checks` the checks across files (unique ids, the lists a
`list` field takes from another data file), `view` what the templates need, `pages` the
pages. A field type is one class in `model`, a view function in `view` if it shows more
than its label, and one template `templates/forms/fields/<type>.html`.
"""

from __future__ import annotations

from ..feature import DataFileKind, Feature
from .checks import check_forms, resolve_list
from .model import FormDefinition, FormField, Section
from .pages import css_string, form_pages, form_slug, pdf_file_name

KIND = DataFileKind(
    "forms/*.yml",
    FormDefinition,
    "one printable form each (see the README's section on forms)",
    cross_checks=(check_forms,),
)

FEATURE = Feature(
    name="forms",
    data_kinds=(KIND,),
    strings=("forms",),
    pages=form_pages,
    assets=("forms.css", "forms.js"),
    marks=("hb-form", "hb-forms-index"),
)

__all__ = [
    "FEATURE",
    "KIND",
    "FormDefinition",
    "FormField",
    "Section",
    "check_forms",
    "css_string",
    "form_pages",
    "form_slug",
    "pdf_file_name",
    "resolve_list",
]
