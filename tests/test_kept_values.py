"""What a build makes from the data alone, kept in `.cache/ngo-handbook/values/` for the
next build while the data, the templates and the languages stay the same: the partner
directory's entries and CSV, the glossary's check of every data file and every page, and
the self-assessment's guidance as HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import new_handbook, run_build
from ngo_handbook import loading
from ngo_handbook.background import Background
from ngo_handbook.glossary import check
from ngo_handbook.partner_directory import entries
from ngo_handbook.partner_directory import output as directory_output
from ngo_handbook.self_assessment import guidance

GLOSSARY = """\
- id: coordinator
  term:
    en: coordinator
    tr: koordinatör
  avoid:
    en: [supervisor]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = new_handbook(tmp_path, languages="en,tr")
    (project / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    return project


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_values_made_from_the_data_are_made_again_only_when_it_changes(project, monkeypatch):
    rendered: list[str] = []
    checked: list[str] = []
    render, check_file = entries._rendered, check._check_file

    def counted_render(context, language):
        rendered.append(language)
        return render(context, language)

    def counted_check(data, name, source, scanners):
        checked.append(name)
        return check_file(data, name, source, scanners)

    scanned: list[str] = []
    lines_of = check.page_lines

    def counted_lines(text):
        scanned.append(text)
        return lines_of(text)

    written_csv: list[str] = []
    make_csv = directory_output.partners_csv

    def counted_csv(directory, context, language, page_url):
        written_csv.append(language)
        return make_csv(directory, context, language, page_url)

    monkeypatch.setattr(directory_output, "partners_csv", counted_csv)
    monkeypatch.setattr(entries, "_rendered", counted_render)
    # The glossary's checks counted in this process, not in the load's forked copy.
    monkeypatch.setattr(loading, "Background", lambda work, fork: Background(work, fork=False))
    monkeypatch.setattr(check, "_check_file", counted_check)
    monkeypatch.setattr(check, "page_lines", counted_lines)
    safety = project / "data" / "safety.yml"
    replace(safety, "en: First aid", "en: First aid from the supervisor")
    replace(
        project / "content" / "en" / "index.md",
        "# Welcome\n",
        "# Welcome\n\nAsk your supervisor.\n",
    )
    pages = sorted((project / "content" / "en").rglob("*.md"))  # tr has no variants
    in_page = "content/en/index.md"
    site = project / "site"
    warning = "'supervisor' is a variant the glossary discourages; write 'coordinator'"

    def build() -> tuple[str, bytes, str]:
        rendered.clear()
        checked.clear()
        scanned.clear()
        written_csv.clear()
        result = run_build(project, strict=False)
        assert result.ok, result.output
        page = (site / "partners" / "index.html").read_text(encoding="utf-8")
        return result.output, (site / "partners" / "partners.csv").read_bytes(), page

    output, csv, page = build()
    assert sorted(rendered) == sorted(written_csv) == ["en", "tr"]
    assert "safety.yml" in checked and "partners.yml" in checked
    assert len(scanned) == len(pages)
    assert warning in output and in_page in output

    # A page's text is not the data: nothing is made again, the directory and the
    # warnings are the same.
    home = project / "content" / "en" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    again = build()
    assert rendered == checked == written_csv == []
    assert [text[-len("One more line.\n") :] for text in scanned] == ["One more line.\n"]
    assert again[1:] == (csv, page)
    assert warning in again[0] and in_page in again[0]

    # Two data files changed: the directory in both languages, and those files' checks;
    # the warning goes with the mended text.
    partners = project / "data" / "partners.yml"
    name = next(
        line.split(":", 1)[1].strip()
        for line in partners.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("en:")
    )
    replace(partners, f"en: {name}", "en: Renamed organisation")
    replace(safety, "First aid from the supervisor", "First aid from the coordinator")
    output, csv, page = build()
    assert sorted(rendered) == sorted(written_csv) == ["en", "tr"]
    assert sorted(checked) == ["partners.yml", "safety.yml"]
    assert "Renamed organisation" in page and "Renamed organisation" in csv.decode("utf-8-sig")
    assert not [line for line in output.splitlines() if "safety.yml" in line and warning in line]
    assert in_page in output, "the page's warning stays"


def test_a_guidance_page_is_converted_again_only_when_it_changes(project, monkeypatch):
    converted: list[str] = []
    convert = guidance._Converter._convert

    def counted(self, body):
        converted.append(body)
        return convert(self, body)

    monkeypatch.setattr(guidance._Converter, "_convert", counted)
    pages = sorted((project / "content").glob(f"*/{guidance.GUIDANCE_FOLDER}/*.md"))
    assert len(pages) > 2
    assert run_build(project, strict=False).ok
    assert len(converted) == len(pages)
    converted.clear()
    assert run_build(project, strict=False).ok
    assert converted == []
    edited = pages[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA line added.\n", "utf-8")
    assert run_build(project, strict=False).ok
    assert len(converted) == 1 and converted[0].endswith("A line added.")
    assessment = project / "site" / "self-assessment" / "index.html"
    languages = ("en", "tr")
    folder = edited.relative_to(project / "content").parts[0]
    if folder != languages[0]:
        assessment = project / "site" / folder / "self-assessment" / "index.html"
    assert "A line added." in assessment.read_text(encoding="utf-8")
