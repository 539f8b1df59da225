"""The form model, its checks and its page, on small forms made in the test: each field type
takes its own keys only, a list field reads the typed model of another file, and the form
page draws each field with the template of its type."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import get_args

import pytest
from ngo_handbook.data_files import HandbookData
from ngo_handbook.forms import check_forms, form_pages, resolve_list
from ngo_handbook.forms.model import FormDefinition, FormField
from ngo_handbook.model import DataModel, Identifier, Text
from ngo_handbook.rendering import TEMPLATES, Templates
from ngo_handbook.validation import validate_document
from ngo_handbook.yaml_source import read_yaml

FIELDS = {
    # type: (a field of that type, as in a form file; the keys it takes, in order)
    "short_text": ("id: name\nlabel: Name", "type, id, label, help"),
    "long_text": ("id: why\nlabel: Why?\nlines: 3", "type, id, label, help, lines"),
    "single_choice": (
        "id: time\nlabel: Time\noptions: [{id: weekends, label: Weekends}]\nother: Other",
        "type, id, label, help, options, other",
    ),
    "multiple_choice": (
        "id: likes\nlabel: Likes\noptions: [{id: a, label: A}, {id: b, label: B}]\nmax: 1",
        "type, id, label, help, options, other, max",
    ),
    "rating": (
        "id: self\nlabel: Rate\nitems: [{id: talk, label: Talking}]\nlow: bad\nhigh: good",
        "type, id, label, help, items, low, high",
    ),
    "yes_no": (
        "id: health\nlabel: Health?\nexplain: What?",
        "type, id, label, help, explain, lines",
    ),
    "date": ("id: start\nlabel: Start", "type, id, label, help"),
    "signature": ("id: sign\nlabel: The volunteer", "type, id, label, help"),
    "table": (
        "id: days\nlabel: Days\ncolumns: [{id: day, label: Day, width: 2}]\nrows: 3",
        "type, id, label, help, columns, rows",
    ),
    "list": (
        "label: Duties\nsource: lists.yml\nselect: parties.organisation.duties",
        "type, id, label, help, source, select",
    ),
    "text": ("text: Read this first.", "type, text, help"),
}


def field_types() -> set[str]:
    members = get_args(get_args(FormField)[0])
    return {get_args(member.model_fields["type"].annotation)[0] for member in members}


def form_yaml(*fields: str) -> str:
    """A form file with one section holding `fields` (each a field's keys, one per line)."""
    items = "\n".join(
        textwrap.indent(field, "        ").replace("        ", "      - ", 1) for field in fields
    )
    return f"title: Test form\nsections:\n  - title: Part one\n    fields:\n{items}\n"


def field_yaml(kind: str, extra: str = "") -> str:
    return f"type: {kind}\n{FIELDS[kind][0]}" + (f"\n{extra}" if extra else "")


def validate(tmp_path: Path, text: str):
    path = tmp_path / "form.yml"
    path.write_text(text, encoding="utf-8")
    document, problems = read_yaml(path, "data/forms/form.yml")
    assert not problems
    value, problems = validate_document(document, FormDefinition)
    return value, [str(problem) for problem in problems]


def test_the_cases_cover_every_field_type():
    assert field_types() == set(FIELDS)


@pytest.mark.parametrize("kind", FIELDS)
def test_each_field_type_validates(tmp_path: Path, kind: str):
    form, problems = validate(tmp_path, form_yaml(field_yaml(kind)))
    assert problems == []
    field = form.sections[0].fields[0]
    assert field.type == kind
    assert ", ".join(type(field).model_fields) == FIELDS[kind][1]


@pytest.mark.parametrize("kind", FIELDS)
def test_an_unknown_key_lists_the_keys_of_its_type_only(tmp_path: Path, kind: str):
    text = form_yaml(field_yaml(kind, "zzz: 1"))
    line = text.splitlines().index("        zzz: 1") + 1
    _, problems = validate(tmp_path, text)
    assert problems == [
        f"data/forms/form.yml:{line}:9: unknown key 'zzz'. "
        f"With 'type: {kind}' the keys are: {FIELDS[kind][1]}"
    ]


def test_a_key_of_another_type_is_unknown_with_a_hint(tmp_path: Path):
    _, problems = validate(tmp_path, form_yaml(field_yaml("table", "column: []")))
    assert problems == [
        "data/forms/form.yml:10:9: unknown key 'column'. Did you mean 'columns'? "
        "With 'type: table' the keys are: type, id, label, help, columns, rows"
    ]


def test_an_unknown_type_suggests_the_closest(tmp_path: Path):
    _, problems = validate(tmp_path, form_yaml("type: shorttext\nid: name\nlabel: Name"))
    assert len(problems) == 1
    assert problems[0].startswith(
        "data/forms/form.yml:5:15: 'shorttext' is not a known type. Did you mean 'short_text'? "
        "Expected one of: short_text, long_text,"
    )


def test_limits_and_empty_lists_keep_their_messages(tmp_path: Path):
    form = form_yaml(
        "type: long_text\nid: why\nlabel: Why?\nlines: 30",
        "type: multiple_choice\nid: likes\nlabel: Likes\noptions: [{id: a, label: A}]\nmax: 2",
        "type: rating\nid: self\nlabel: Rate\nitems: []",
        "type: table\nid: days\nlabel: Days\ncolumns: [{id: day, label: Day, width: 11}]",
    )
    _, problems = validate(tmp_path, form)
    assert problems == [
        "data/forms/form.yml:8:16: lines: 30 is out of range; write a number from 1 to 20",
        "data/forms/form.yml:9:9: max: 2 allows every option; remove 'max' or make it smaller "
        "than 1",
        "data/forms/form.yml:17:16: 'items' is empty; list at least one",
        "data/forms/form.yml:21:48: width: 11 is out of range; write a number from 1 to 10",
    ]


def test_a_field_without_a_required_key(tmp_path: Path):
    _, problems = validate(tmp_path, form_yaml("type: table\nid: days\nlabel: Days"))
    assert problems == [
        "data/forms/form.yml:5:9: the key 'columns' is missing; add 'columns: …' here"
    ]


class Item(DataModel):
    id: Identifier
    text: Text


class Party(DataModel):
    duties: list[Item] = []
    name: Text


class Parties(DataModel):
    organisation: Party


class Lists(DataModel):
    parties: Parties
    title: Text


LISTS = """\
title: Lists
parties:
  organisation:
    name: The organisation
    duties:
      - {id: pay, text: Pay the travel}
      - {id: train, text: {en: Train the volunteer, tr: Gönüllüyü eğitmek}}
"""


def handbook_data(tmp_path: Path, form: str | None = None) -> HandbookData:
    """The validated `lists.yml` above, `handbook.yml` (its name only) and one form."""
    data = HandbookData(["en", "tr"], "en")
    files = {"lists.yml": (LISTS, Lists)}
    if form is not None:
        files["forms/form.yml"] = (form, FormDefinition)
    for name, (text, model) in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        document, _ = read_yaml(path, f"data/{name}")
        value, problems = validate_document(document, model)
        assert not problems, problems
        data.sources[name], data.documents[name] = document, value
    data.documents["handbook.yml"] = SimpleNamespace(name=Text("Volunteer Centre"))
    return data


def test_resolve_list_walks_the_typed_model(tmp_path: Path):
    data = handbook_data(tmp_path)
    found = resolve_list(data, "lists.yml", "parties.organisation.duties")
    assert [data.text(text, "tr") for text in found] == ["Pay the travel", "Gönüllüyü eğitmek"]


@pytest.mark.parametrize(
    ("source", "dotted", "message"),
    [
        (
            "list.yml",
            "parties.organisation.duties",
            "there is no data file 'list.yml'. Did you mean 'lists.yml'? "
            "Expected one of: handbook.yml, lists.yml",
        ),
        (
            "lists.yml",
            "parties.organisation.duty",
            "'parties.organisation.duty' is not in lists.yml: there is no 'duty' under "
            "parties.organisation. Did you mean 'duties'? Expected one of: duties, name",
        ),
        (
            "lists.yml",
            "partys",
            "'partys' is not in lists.yml: there is no 'partys' under the top. "
            "Did you mean 'parties'? Expected one of: parties, title",
        ),
        (
            "lists.yml",
            "parties.organisation.name",
            "'parties.organisation.name' in lists.yml is not a list; point at a list of items",
        ),
        (
            "lists.yml",
            "title.x",
            "'title.x' is not in lists.yml: there is no 'x' under title.",
        ),
    ],
)
def test_resolve_list_says_what_is_wrong(tmp_path: Path, source: str, dotted: str, message: str):
    assert resolve_list(handbook_data(tmp_path), source, dotted) == message


def test_check_forms_places_a_wrong_list_and_a_repeated_id(tmp_path: Path):
    form = form_yaml(
        "type: list\nlabel: Duties\nsource: lists.yml\nselect: [parties.organisation.duties, x]",
        "type: date\nid: day\nlabel: Day",
        "type: short_text\nid: day\nlabel: Day again",
    )
    problems = [str(problem) for problem in check_forms(handbook_data(tmp_path, form))]
    assert problems == [
        "data/forms/form.yml:8:47: 'x' is not in lists.yml: there is no 'x' under the top. "
        "Expected one of: parties, title",
        "data/forms/form.yml:13:13: the id 'day' is already used on line 10; every id must be "
        "unique",
    ]


class Strings:
    """Interface strings that answer every key with the key itself."""

    class Section(dict):
        def __missing__(self, key: str) -> str:
            return f"[{key}]"

    def get(self, section: str, language: str) -> dict:
        return self.Section()


# What only the template of each field type writes, for the fields of FIELDS in a form
# whose slug is `form`.
MARKS = {
    "short_text": '<input class="hb-form-line" type="text" id="hb-form-name" name="name">',
    "long_text": '<textarea class="hb-form-lines" id="hb-form-why" name="why" rows="3"',
    "single_choice": '<input class="hb-form-tick" type="radio" id="hb-form-time-weekends"',
    "multiple_choice": '<fieldset class="hb-form-field hb-form-choice" data-max="1">',
    "rating": 'id="hb-form-self-talk-5" name="self-talk" value="5"',
    "yes_no": 'id="hb-form-health-explain" name="health-explain" rows="2"',
    "date": 'class="hb-form-line hb-form-date" type="text" inputmode="numeric" id="hb-form-start"',
    "signature": '<input class="hb-form-line" type="text" id="hb-form-sign-name"',
    "table": '<span class="hb-form-number">8.</span> Days',
    "list": '<h3 class="hb-form-list__title">Duties</h3>',
    "text": '<p class="hb-form-field hb-form-text">Read this first.</p>',
}


def test_every_field_type_has_its_template():
    assert {path.stem for path in (TEMPLATES / "forms" / "fields").glob("*.html")} == field_types()
    assert set(MARKS) == field_types()


def test_the_form_page_draws_each_field_with_its_template(tmp_path: Path):
    fields = [field_yaml(kind) for kind in FIELDS]
    fields[0] = fields[0].replace("label: Name", 'label: "Name <b>&</b>"')
    data = handbook_data(tmp_path, form_yaml(*fields))
    context = SimpleNamespace(data=data, templates=Templates(), strings=Strings())
    form, index = form_pages(context, "tr")
    assert (form.path, index.path) == ("forms/form.md", "forms/index.md")
    for kind, mark in MARKS.items():
        assert mark in form.markdown, kind
    assert "<li>Gönüllüyü eğitmek</li>" in form.markdown
    assert "Name &lt;b&gt;&amp;&lt;/b&gt;" in form.markdown and "<b>" not in form.markdown
    assert 'href="form-tr.pdf"' in form.markdown and 'href="form/form-tr.pdf"' in index.markdown
