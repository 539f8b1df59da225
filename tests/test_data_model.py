"""The data layer alone, with plain objects: positions, translatable text, links, ids."""

from __future__ import annotations

import pytest
from ngo_handbook.data_files import check_languages
from ngo_handbook.handbook_identity import Handbook
from ngo_handbook.model import DataModel, Identifier, Link, Text, collect_texts
from ngo_handbook.problems import did_you_mean
from ngo_handbook.validation import validate_document
from ngo_handbook.yaml_source import YamlSyntaxError, parse_yaml
from pydantic import ValidationError


def test_positions_of_values_and_keys_are_kept():
    document, problems = parse_yaml("a:\n  b:\n    - x\n    - y: 1\n", "data/t.yml")
    assert problems == []
    assert document.data == {"a": {"b": ["x", {"y": 1}]}}
    assert str(document.locate(("a", "b", 1, "y"))) == "data/t.yml:4:10"
    assert str(document.locate(("a", "b", 1, "y"), key=True)) == "data/t.yml:4:7"
    assert str(document.locate(("a", "b", 0))) == "data/t.yml:3:7"
    # An unknown path falls back to its nearest known parent.
    assert str(document.locate(("a", "b", 1, "zz"))) == "data/t.yml:4:7"


def test_repeated_keys_are_reported_not_dropped():
    document, problems = parse_yaml("name: a\nother: b\nname: c\n", "data/t.yml")
    assert [str(p) for p in problems] == [
        "data/t.yml:3:1: the key 'name' appears twice in the same block (first on line 1); "
        "keep only one"
    ]
    assert document.data == {"name": "a", "other": "b"}


def test_anchors_and_merge_keys_still_work():
    document, problems = parse_yaml("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n", "data/t.yml")
    assert problems == [] and document.data["item"] == {"x": 1, "y": 2}


def test_syntax_error_names_the_place_in_plain_words():
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("title: Step 1: plan\n", "data/t.yml")
    assert str(raised.value.problem).startswith(
        "data/t.yml:1:14: this is not valid YAML: a ': ' inside a value"
    )


def test_text_falls_back_to_the_default_language():
    text = Text({"en": "Safety", "tr": "Güvenlik"})
    assert text.get("tr", "en") == "Güvenlik"
    assert text.get("kk", "en") == "Safety"
    assert Text("Lider.kz").get("ar", "en") == "Lider.kz"


class Sample(DataModel):
    id: Identifier
    title: Text
    link: Link | None = None


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "//evil.example",
        "https://",
        "vbscript:x",
        "https://exa mple.org",
    ],
)
def test_only_safe_links_are_accepted(link):
    with pytest.raises(ValidationError, match="not an accepted link|not a web address"):
        Sample.model_validate({"id": "a", "title": "t", "link": link})


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org/a?b=c#d",
        "http://x.kz",
        "mailto:a@b.org",
        "tel:+77010000000",
        "HTTPS://EXAMPLE.ORG/",
    ],
)
def test_ordinary_links_are_accepted(link):
    assert Sample.model_validate({"id": "a", "title": "t", "link": link}).link == link


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Youth \u202eNetwork", "\u2068Youth \u202eNetwork\u202c\u2069"),
        ("\u2067شبكة", "\u2068\u2067شبكة\u2069\u2069"),
        ("a\u202b b\u202c c", "\u2068a\u202b b\u202c c\u2069"),
        ("stray\u2069 close\u202c", "\u2068stray close\u2069"),
        ("شبكة الشباب", "شبكة الشباب"),
    ],
)
def test_direction_marks_act_on_their_own_text_only(typed: str, kept: str):
    """U+202E (right-to-left override) and the like are closed inside the text they are in,
    so they cannot turn around what follows it on the page (or in the CSV)."""
    sample = Sample.model_validate({"id": "a", "title": {"en": typed, "tr": typed}})
    assert sample.title.values == {"en": kept, "tr": kept}
    assert Sample.model_validate({"id": "a", "title": typed}).title.get("en", "en") == kept


@pytest.mark.parametrize("identifier", ["Building", "has space", "-start", "ümit", ""])
def test_ids_are_plain_lower_case(identifier):
    with pytest.raises(ValidationError, match="is not a valid id"):
        Sample.model_validate({"id": identifier, "title": "t"})


def test_language_checks_locate_unknown_and_missing_languages():
    document, _ = parse_yaml("name:\n  en: A\n  ru: B\ndefault_language: en\n", "data/handbook.yml")
    value, problems = validate_document(document, Handbook)
    assert problems == []
    texts = collect_texts(value)
    errors, warnings = check_languages("handbook.yml", document, texts, ["en", "tr"], "en")
    assert [str(e) for e in errors] == [
        "data/handbook.yml:3:3: 'ru' is not a language of this handbook. Expected one of: en, tr"
    ]
    assert [str(w) for w in warnings] == [
        "data/handbook.yml:2:3: there is no Turkish ('tr') text; the English text is shown "
        "instead. Add 'tr: …' here"
    ]


def test_nested_unknown_key_suggests_the_nested_field():
    document, _ = parse_yaml(
        "name: A\ndefault_language: en\ncontact:\n  emial: a@b.org\n", "data/handbook.yml"
    )
    _, problems = validate_document(document, Handbook)
    assert [str(p) for p in problems] == [
        "data/handbook.yml:4:3: unknown key 'emial'. Did you mean 'email'? "
        "Expected one of: email, phone, address"
    ]


def test_did_you_mean():
    assert did_you_mean("saftey", ["safety", "partners"]) == " Did you mean 'safety'?"
    assert did_you_mean("zzz", ["safety"]) == ""
