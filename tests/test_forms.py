"""Printable forms: pages in every language with labelled controls, data values escaped.

Mistakes in form definitions are golden cases in tests/cases/data_errors.yml."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import LANGUAGES, REPO, new_handbook, run_build

FORMS = sorted(path.stem for path in (REPO / "data" / "forms").glob("*.yml"))


def form_page(site: Path, language: str, slug: str) -> Path:
    folder = site if language == "en" else site / language
    return folder / "forms" / slug / "index.html"


class Controls(HTMLParser):
    """Collect the form controls of a page, the ids that labels point at, and the dir."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.label_targets: set[str] = set()
        self.body_dir = None
        self.html_lang = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = dict(attrs)
        if tag in ("input", "textarea", "select"):
            self.controls.append(attributes)
        elif tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"])
        elif tag == "body":
            self.body_dir = attributes.get("dir")
        elif tag == "html":
            self.html_lang = attributes.get("lang")


def parse(path: Path) -> Controls:
    parser = Controls()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_form_page_is_built_with_labelled_controls(built_site: Path, language: str):
    for slug in FORMS:
        page = parse(form_page(built_site, language, slug))
        assert page.html_lang == language
        assert page.body_dir == ("rtl" if language == "ar" else "ltr")
        form_controls = [c for c in page.controls if c.get("name") and c.get("type") != "hidden"]
        assert form_controls, slug
        for control in form_controls:
            labelled = control.get("id") in page.label_targets or control.get("aria-label")
            assert labelled, f"{language} {slug}: control {control.get('name')} has no label"


def form_data(slug: str) -> dict:
    return yaml.safe_load((REPO / "data" / "forms" / f"{slug}.yml").read_text(encoding="utf-8"))


def field_of(slug: str, kind: str, key: str | None = None) -> dict:
    """The first field of a form of type `kind` (that has `key`, if given)."""
    return next(
        field
        for section in form_data(slug)["sections"]
        for field in section["fields"]
        if field["type"] == kind and (key is None or key in field)
    )


def test_choice_rating_yes_no_and_table_fields_are_built(built_site: Path):
    html = form_page(built_site, "en", "application").read_text(encoding="utf-8")
    choice = field_of("application", "multiple_choice", "max")
    assert f'data-max="{choice["max"]}"' in html and f"Choose at most {choice['max']}." in html
    rating = field_of("application", "rating")
    assert html.count('class="hb-form-rating__row"') == len(rating["items"])
    yes_no = field_of("application", "yes_no", "explain")
    assert f'id="hb-application-{yes_no["id"]}-yes"' in html
    assert yes_no["explain"]["en"] in html
    assert 'placeholder="DD/MM/YYYY"' in html
    diary = form_page(built_site, "en", "activity-diary").read_text(encoding="utf-8")
    table = field_of("activity-diary", "table")
    assert diary.count("<tr>") == table["rows"] + 1
    for column in table["columns"]:
        assert f'<th scope="col">{column["label"]["en"]}</th>' in diary


def test_agreement_pulls_duties_and_rights_from_their_data_file(built_site: Path):
    rights = yaml.safe_load((REPO / "data" / "rights_duties.yml").read_text(encoding="utf-8"))
    for language in LANGUAGES:
        general = form_page(built_site, language, "agreement").read_text(encoding="utf-8")
        remote = form_page(built_site, language, "agreement-remote").read_text(encoding="utf-8")
        first_duty = rights["parties"]["organisation"]["duties"][0]["text"][language]
        remote_duty = rights["remote"]["organisation"]["duties"][0]["text"][language]
        assert first_duty in general and first_duty in remote
        assert remote_duty in remote and remote_duty not in general


def test_forms_index_links_each_form_and_its_pdf(built_site: Path):
    for language in LANGUAGES:
        folder = built_site if language == "en" else built_site / language
        index = (folder / "forms" / "index.html").read_text(encoding="utf-8")
        for slug in FORMS:
            assert f'href="{slug}/{slug}-{language}.pdf"' in index


def test_yaml_text_is_escaped_in_form_pages(tmp_path: Path):
    project = new_handbook(tmp_path)
    path = project / "data" / "forms" / "volunteer-application.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  en: Full name\n", '  en: "Full <b>name</b> & \\"alias\\""\n', 1),
        encoding="utf-8",
    )

    result = run_build(project, strict=False)
    assert result.ok, result.output
    html = (result.site / "forms" / "volunteer-application" / "index.html").read_text("utf-8")
    assert "Full &lt;b&gt;name&lt;/b&gt; &amp; &#34;alias&#34;" in html
    assert "<b>name</b>" not in html
