"""Printable forms: definitions validated with file and line, pages in every language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import LANGUAGES, REPO

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


def test_sample_has_the_forms_of_the_issue():
    assert set(FORMS) == {
        "application",
        "agreement",
        "agreement-remote",
        "activity-diary",
        "skills",
    }


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


def test_application_form_has_every_field_type(built_site: Path):
    html = form_page(built_site, "en", "application").read_text(encoding="utf-8")
    assert 'data-max="3"' in html and "Choose at most 3." in html
    assert html.count('class="hb-form-rating__row"') == 8
    assert (
        'id="hb-application-health-yes"' in html
        and "If yes, what should we take into account?" in html
    )
    assert 'placeholder="DD/MM/YYYY"' in html
    diary = form_page(built_site, "en", "activity-diary").read_text(encoding="utf-8")
    assert diary.count("<tr>") == 11 + 1
    assert re.search(r"<th scope=\"col\">People reached</th>", diary)


def test_agreement_pulls_duties_and_rights_from_their_data_file(built_site: Path):
    import yaml

    rights = yaml.safe_load((REPO / "data" / "rights_duties.yml").read_text(encoding="utf-8"))
    for language in LANGUAGES:
        general = form_page(built_site, language, "agreement").read_text(encoding="utf-8")
        remote = form_page(built_site, language, "agreement-remote").read_text(encoding="utf-8")
        first_duty = rights["parties"]["organisation"]["duties"][0]["text"][language]
        remote_duty = rights["remote"]["organisation"]["duties"][0]["text"][language]
        assert first_duty in general and first_duty in remote
        assert remote_duty in remote and remote_duty not in general


def test_forms_index_lists_each_form_with_its_pdf(built_site: Path):
    for language in LANGUAGES:
        folder = built_site if language == "en" else built_site / language
        index = (folder / "forms" / "index.html").read_text(encoding="utf-8")
        for slug in FORMS:
            assert f'href="{slug}/{slug}-{language}.pdf"' in index
            assert (folder / "forms" / slug / f"{slug}-{language}.pdf").is_file()


def test_yaml_text_is_escaped_in_form_pages(build_handbook, no_pdf):
    def change(project: Path) -> None:
        path = project / "data" / "forms" / "skills.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("  en: My skills\n", '  en: "My <b>skills</b> & \\"time\\""\n', 1),
            encoding="utf-8",
        )

    result = build_handbook(change, strict=False)
    assert result.ok, result.output
    html = (result.site / "forms" / "skills" / "index.html").read_text(encoding="utf-8")
    assert "My &lt;b&gt;skills&lt;/b&gt; &amp;" in html
    assert "<b>skills</b>" not in html


def break_form(project: Path, old: str, new: str, name: str = "application.yml") -> None:
    path = project / "data" / "forms" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(name: str, needle: str, occurrence: int = 1) -> int:
    lines = (REPO / "data" / "forms" / name).read_text(encoding="utf-8").splitlines()
    hits = [number for number, line in enumerate(lines, start=1) if needle in line]
    return hits[occurrence - 1]


@pytest.fixture
def no_pdf(monkeypatch):
    monkeypatch.setenv("HANDBOOK_PDF", "0")


def test_schema_errors_name_file_and_line(build_handbook, no_pdf):
    type_line = line_of("application.yml", "- type: short_text")
    long_text_line = line_of("skills.yml", "- type: long_text")

    def change(project: Path) -> None:
        break_form(project, "- type: short_text", "- type: shorttext")
        # `max` belongs to multiple choice only.
        break_form(project, "lines: 3", "lines: 3\n        max: 2", "skills.yml")
        break_form(
            project,
            "select: parties.volunteer.rights",
            "select: parties.volunteer.right",
            "agreement.yml",
        )

    result = build_handbook(change)
    assert not result.ok
    output = result.output
    assert f"data/forms/application.yml:{type_line}:" in output
    assert "'shorttext' is not a field type. Did you mean 'short_text'?" in output
    assert re.search(
        rf"data/forms/skills\.yml:{long_text_line}:\d+: a 'long_text' field does not take 'max'",
        output,
    )
    assert "Traceback" not in output


def test_list_block_pointing_nowhere_names_file_and_line(build_handbook, no_pdf):
    select_line = line_of("agreement.yml", "select: parties.volunteer.rights")
    source_line = line_of("agreement-remote.yml", "source: rights_duties.yml")

    def change(project: Path) -> None:
        old, new = "select: parties.volunteer.rights", "select: parties.volunteer.right"
        break_form(project, old, new, "agreement.yml")
        old, new = "source: rights_duties.yml", "source: right_duties.yml"
        break_form(project, old, new, "agreement-remote.yml")

    result = build_handbook(change)
    assert not result.ok
    assert f"data/forms/agreement.yml:{select_line}:" in result.output
    assert "there is no 'right' under parties.volunteer. Did you mean 'rights'?" in result.output
    assert f"data/forms/agreement-remote.yml:{source_line}:" in result.output
    assert (
        "there is no data file 'right_duties.yml'. Did you mean 'rights_duties.yml'?"
        in result.output
    )


def test_a_field_without_its_required_keys_is_reported(build_handbook, no_pdf):
    table_line = line_of("activity-diary.yml", "- type: table")

    def change(project: Path) -> None:
        break_form(project, "        columns:\n", "        cols:\n", "activity-diary.yml")

    result = build_handbook(change)
    assert not result.ok
    assert "unknown key 'cols'. Did you mean 'columns'?" in result.output
    assert f"data/forms/activity-diary.yml:{table_line + 8}:" in result.output


def test_repeated_field_id_is_reported_with_both_lines(build_handbook, no_pdf):
    first = line_of("application.yml", "id: phone")

    def change(project: Path) -> None:
        break_form(project, "id: email", "id: phone")

    result = build_handbook(change)
    assert not result.ok
    assert f"the id 'phone' is already used on line {first}" in result.output
