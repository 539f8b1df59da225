"""Tools for translators and editors on small handbooks of their own: the translation
status from a temporary Git repository, the notices and dates in its built pages, the
glossary check on inflected Turkish, Kazakh and Arabic variants, the JSON Schemas."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, line_of, load_context, load_data, new_handbook, run_build
from hypothesis import given, settings
from hypothesis import strategies as st
from ngo_handbook.cli import main
from ngo_handbook.glossary.matching import (
    find_in_line,
    fold,
    fold_with_positions,
    required_text,
    variant_pattern,
)
from ngo_handbook.problems import HandbookError
from ngo_handbook.schemas import SHIPPED, schema_text, schemas

pytestmark = pytest.mark.xdist_group("translation-tools")

ABOUT = {
    "en": ("About us", "Who we are.", "How to join", "Write to us.", "Our values", "Trust."),
    "tr": (
        "Hakkımızda",
        "Biz kimiz.",
        "Nasıl katılırsınız",
        "Bize yazın.",
        "Değerlerimiz",
        "Güven.",
    ),
    "kk": (
        "Біз туралы",
        "Біз кімбіз.",
        "Қалай қосылуға болады",
        "Бізге жазыңыз.",
        "Құндылықтарымыз",
        "Сенім.",
    ),
}
"""A page in three languages: its title, a lead, and two sections (heading, text)."""


def _about_page(title: str, lead: str, *sections: str) -> str:
    parts = [f"# {title}", lead]
    for heading, text in zip(sections[::2], sections[1::2], strict=True):
        parts += [f"## {heading}", text]
    return "\n\n".join(parts) + "\n"


def _git(project: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    subprocess.run(
        ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org", *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )


def _new_handbook(folder: Path) -> Path:
    project = new_handbook(folder, "en,tr,kk", "Volunteers")
    for language, parts in ABOUT.items():
        page = project / "content" / language / "about.md"
        page.write_text(_about_page(*parts), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - index.md\n", "  - index.md\n  - about.md\n"
        ),
        encoding="utf-8",
    )
    return project


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _translated_then_changed(project: Path, changed: str) -> None:
    """Commit the handbook, every translation up to date, on 2026-01-10 at noon; then the
    English of one section of about.md and of one safety topic, on `changed` at noon."""
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Handbook", date="2026-01-10")
    _replace(project / "content/en/about.md", "Write to us.", "Write to us, or call us.")
    _replace(project / "data/safety.yml", "en: Emergency exits", "en: Emergency exits and stairs")
    _git(project, "commit", "-q", "-am", "English: how to join", date=changed)


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A handbook in Git: translated in January but for one page; in February the English
    of one section of about.md and of one safety topic changes; in March the Kazakh translator marks
    both as checked, the Turkish one does nothing."""
    project = _new_handbook(tmp_path_factory.mktemp("history"))
    (project / "content/en/contact.md").write_text("# Contact\n\nCall us.\n", encoding="utf-8")
    _translated_then_changed(project, "2026-02-10")
    _replace(
        project / "content/kk/about.md",
        "# Біз туралы",
        "---\ntranslation_checked: 2026-03-01\n---\n\n# Біз туралы",
    )
    kk_line = line_of(project / "data/safety.yml", "kk: Апаттық шығу жолдары")
    lines = (project / "data/safety.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[kk_line - 1] = lines[kk_line - 1].rstrip("\n") + "  # checked 2026-03-01\n"
    (project / "data/safety.yml").write_text("".join(lines), encoding="utf-8")
    _git(project, "commit", "-q", "-am", "Kazakh: checked", date="2026-03-01")
    return project


def _status_json(project: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["status", "--project", str(project), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_status_finds_outdated_sections_and_strings_and_checked_marks(history: Path, capsys):
    status = _status_json(history, capsys)
    assert sorted(status) == ["kk", "tr"]
    tr_line = line_of(history / "data/safety.yml", "tr: Acil çıkışlar")
    assert status["tr"]["outdated"] == ["about.md", f"data/safety.yml:{tr_line}"]
    # Untouched since its translation: not outdated.
    assert "index.md" in status["tr"]["translated"]
    # Checked against the source without a change of text: no longer outdated.
    kk_line = line_of(history / "data/safety.yml", "kk: Апаттық шығу жолдары")
    assert status["kk"]["outdated"] == []
    assert {"about.md", f"data/safety.yml:{kk_line}"} <= set(status["kk"]["translated"])
    # A page only in English.
    assert status["tr"]["missing"] == status["kk"]["missing"] == ["contact.md"]
    for found in status.values():
        names = [name for state in ("translated", "missing", "outdated") for name in found[state]]
        assert len(names) == len(set(names))


def test_status_shows_what_changed_in_the_source(history: Path, capsys):
    capsys.readouterr()
    assert main(["status", "--project", str(history)]) == 0
    out = capsys.readouterr().out
    turkish = out.split("Turkish (tr)")[1].split("Kazakh (kk)")[0]
    assert "outdated  about.md  (translated 2026-01-10" in turkish
    assert "section 'How to join':" in turkish
    assert "-Write to us." in turkish and "+Write to us, or call us." in turkish
    assert "section 'Our values'" not in turkish
    assert "-  en: Emergency exits" not in turkish  # a data string's diff is of its text
    assert "-Emergency exits\n" in turkish.replace("      ", "")


def test_a_section_added_at_the_end_leaves_the_one_before_unchanged():
    """Appending a section puts a blank line after the last one; its translators have
    nothing new to translate there. A change of its words still counts."""
    from ngo_handbook.translation_status.sections import changed_sections

    before = "# About\n\n## Join\n\nWrite to us."
    added = before + "\n\n## Hours\n\nSaturday mornings.\n"
    assert [change.heading for change in changed_sections(before, added)] == ["Hours"]
    edited = added.replace("Write to us.", "Write to us, or call us.")
    assert [change.heading for change in changed_sections(before, edited)] == ["Join", "Hours"]


def test_a_source_changed_in_the_same_second_as_its_translation_is_outdated(tmp_path: Path, capsys):
    """A script that commits the translations, then a change of the source, within one
    second: the order of the commits tells, not their times."""
    project = _new_handbook(tmp_path)
    _translated_then_changed(project, "2026-01-10")

    status = _status_json(project, capsys)

    tr_line = line_of(project / "data/safety.yml", "tr: Acil çıkışlar")
    assert status["tr"]["outdated"] == ["about.md", f"data/safety.yml:{tr_line}"]
    assert "index.md" in status["tr"]["translated"]


def test_blame_names_each_lines_commit_and_time(tmp_path: Path):
    """`git blame --porcelain` gives a commit's time only where the commit first shows up:
    lines of one commit apart from each other, and a line not committed yet, keep theirs."""
    from ngo_handbook.git_history import NOW, Git

    _git(tmp_path, "init", "-q")
    text = tmp_path / "data.yml"
    text.write_text("a: 1\nb: 2\nc: 3\n", encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "first", date="2026-01-10")
    text.write_text("a: 1\nb: 20\nc: 3\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "second", date="2026-02-10")
    text.write_text("a: 1\nb: 20\nc: 3\nd: 4\n", encoding="utf-8")

    git = Git.open(tmp_path)
    changes = git.blame_all([text])[text]

    days = [change.date for change in changes]
    assert days[:3] == ["2026-01-10", "2026-02-10", "2026-01-10"]
    assert changes[0].commit == changes[2].commit != changes[1].commit
    assert changes[3].commit == NOW


def test_status_outside_git_says_so(history: Path, tmp_path: Path, capsys):
    project = tmp_path / "copy"
    shutil.copytree(history, project, ignore=shutil.ignore_patterns(".git"))
    status = _status_json(project, capsys)
    assert status["tr"]["outdated"] == []
    assert "about.md" in status["tr"]["translated"]
    assert main(["status", "--project", str(project)]) == 0
    assert "not in a Git repository" in capsys.readouterr().err


def test_built_pages_show_the_notice_the_date_and_the_staff_status(history: Path, capsys):
    result = run_build(history, strict=False)  # contact.md is not translated yet
    assert result.ok, result.output
    site = result.site
    turkish = (site / "tr/about/index.html").read_text(encoding="utf-8")
    assert "hb-outdated" in turkish
    assert "Bu sayfanın English aslı" in turkish or "aslı, çevrildikten sonra değişti" in turkish
    assert 'href="../../about/#how-to-join"' in turkish
    assert "Our values" not in turkish
    assert "Aslını okuyun" in turkish
    # Checked by the Kazakh translator; untouched in Turkish: no notice.
    assert "hb-outdated" not in (site / "kk/about/index.html").read_text(encoding="utf-8")
    assert "hb-outdated" not in (site / "tr/index.html").read_text(encoding="utf-8")
    # The date of the last change, in the page's language.
    assert "10 Ocak 2026" in turkish
    assert "1 наурыз" in (site / "kk/about/index.html").read_text(encoding="utf-8")
    # The staff's page: every language's tables, for no search engine, menu, search or sitemap.
    staff = (site / "translation-status/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in staff
    assert "<code>about.md</code>" in staff and "+Write to us, or call us." in staff
    # What is translated: the pages by name, the data files with how many of their texts
    # (a line each would be tens of thousands of lines for a large directory).
    turkish_status = staff.split('id="status-tr-translated"')[1].split('id="status-kk"')[0]
    counts = {
        match.group(1): int(match.group(2))
        for match in re.finditer(
            r"<li><code>(data/[\w./-]+)</code> (\d+) texts?</li>", turkish_status
        )
    }
    translated = _status_json(history, capsys)["tr"]["translated"]
    expected: dict[str, int] = {}
    for name in translated:
        if name.startswith("data/"):
            expected[name.rpartition(":")[0]] = expected.get(name.rpartition(":")[0], 0) + 1
    assert counts == expected and counts["data/safety.yml"] > 1
    assert "<code>index.md</code>" in turkish_status
    assert not re.search(r"<code>data/[^<]*:\d+</code>", turkish_status)
    assert "translation-status" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "translation-status" not in index
    assert 'href="translation-status/' not in (site / "index.html").read_text(encoding="utf-8")


GLOSSARY = """\
- id: contact-person
  term: {en: contact person, tr: irtibat kişisi, kk: байланысатын адам}
  avoid: {tr: [muhatap kişi], kk: [байланыс адамы]}
- id: promotion
  term: {en: promotion, tr: tanıtım, kk: насихат}
"""


def test_glossary_flags_inflected_variants_with_file_and_line(tmp_path: Path):
    project = _new_handbook(tmp_path)
    (project / "data/glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    _replace(
        project / "content/tr/about.md", "Bize yazın.", "Sorularınızı **Muhatap kişinize** yazın."
    )
    _replace(project / "content/kk/about.md", "Бізге жазыңыз.", "Байланыс адамыңызға жазыңыз.")
    _replace(
        project / "data/safety.yml", "tr: Acil çıkışlar", "tr: Acil çıkışlar ve muhatap kişiler"
    )
    with pytest.raises(HandbookError) as raised:
        load_context(project, strict=True)
    found = [str(problem) for problem in raised.value.problems]
    tr_line = line_of(project / "content/tr/about.md", "Muhatap")
    kk_line = line_of(project / "content/kk/about.md", "Байланыс")
    data_line = line_of(project / "data/safety.yml", "muhatap kişiler")
    safety = (project / "data/safety.yml").read_text(encoding="utf-8").splitlines()
    data_column = safety[data_line - 1].index("muhatap") + 1
    assert found == [
        f"content/kk/about.md:{kk_line}:1: 'Байланыс адамыңызға' is a variant the glossary "
        "discourages; write 'байланысатын адам' (data/glossary.yml, contact-person)",
        f"content/tr/about.md:{tr_line}:16: 'Muhatap kişinize' is a variant the glossary "
        "discourages; write 'irtibat kişisi' (data/glossary.yml, contact-person)",
        f"data/safety.yml:{data_line}:{data_column}: 'muhatap kişiler' is a variant the glossary "
        "discourages; write 'irtibat kişisi' (data/glossary.yml, contact-person)",
    ]
    # Without --strict the same are warnings, and the build goes on.
    assert load_context(project, strict=False) is not None


@pytest.mark.parametrize(
    ("variant", "language", "line", "found"),
    [
        ("sivil toplum örgütü", "tr", "SİVİL TOPLUM ÖRGÜTLERİNİN", ["SİVİL TOPLUM ÖRGÜTLERİNİN"]),
        ("STÖ", "tr", "STÖ'lerin ve STÖP", ["STÖ'lerin"]),
        ("etkinlik günlüğü", "tr", "Etkinlik günlüğünü doldurun", ["Etkinlik günlüğünü"]),
        ("özürlü", "tr", "özürler ve özürlüler", ["özürlüler"]),
        (
            "қауіпсіздік нұсқауы",
            "kk",
            "ҚАУІПСІЗДІК НҰСҚАУЫН және нұсқамасы",
            ["ҚАУІПСІЗДІК НҰСҚАУЫН"],
        ),
        ("тілек", "kk", "тілегі мен тілектерін", ["тілегі", "тілектерін"]),
        ("التهيئة", "ar", "وللتهيئة والتهيئات وبالتهيئة", ["وللتهيئة", "وبالتهيئة"]),
        ("تهيئة المتطوعين", "ar", "في تَهيئةِ المتطوعين", ["تَهيئةِ المتطوعين"]),
        ("exit conversation", "en", "Exit conversations help.", ["Exit conversations"]),
    ],
)
def test_variants_are_found_inflected_and_as_whole_words(variant, language, line, found):
    pattern = variant_pattern(variant, language)
    assert [match.written for match in find_in_line(line, pattern, language)] == found
    # The check reads further only the lines that hold what every match holds.
    required = required_text(variant, language)
    assert required and all(required in fold(written, language) for written in found)


@given(
    st.text(alphabet=st.sampled_from([*"أإآاءبتلمنهوي A.", *map(chr, range(0x064B, 0x0653))]))
    | st.text()
)
@settings(max_examples=300, deadline=None)
def test_folding_a_text_at_once_folds_it_as_the_matcher_does(text):
    """The quick fold of a whole text (the first look at every data text) is the one the
    matcher maps back to the line's characters."""
    for language in ("ar", "tr", "kk", "en", "fa"):
        assert fold(text, language) == fold_with_positions(text, language)[0]


def test_shipped_schemas_are_the_models_own(tmp_path: Path):
    made = schemas()
    assert sorted(path.name for path in SHIPPED.glob("*.json")) == sorted(made)
    for name, schema in made.items():
        assert (SHIPPED / name).read_text(encoding="utf-8") == schema_text(schema), name
    assert main(["schema", str(tmp_path / "out")]) == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(made)


def _schema_of(path: Path) -> dict:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), path
    return json.loads((path.parent / first.split("$schema=", 1)[1]).read_text(encoding="utf-8"))


def test_sample_data_matches_its_schemas_and_a_typo_is_rejected():
    files = sorted((REPO / "data").rglob("*.yml"))
    assert len(files) >= 12
    for path in files:
        validator = jsonschema.Draft202012Validator(_schema_of(path))
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert errors == [], f"{path}: {errors[0].message}"
    safety = yaml.safe_load((REPO / "data/safety.yml").read_text(encoding="utf-8"))
    safety["groups"][0]["topics"][0]["explanaton"] = safety["groups"][0]["topics"][0].pop(
        "explanation"
    )
    errors = list(
        jsonschema.Draft202012Validator(_schema_of(REPO / "data/safety.yml")).iter_errors(safety)
    )
    assert any("'explanaton' was unexpected" in error.message for error in errors)
    assert any("'explanation' is a required property" in error.message for error in errors)


def test_new_handbook_names_its_schemas(tmp_path: Path):
    project = _new_handbook(tmp_path)
    for path in sorted((project / "data").rglob("*.yml")):
        if path.parent.name == "strings":
            continue
        schema = _schema_of(path)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == [], path


def test_sample_glossary_page_in_every_language(built_site: Path):
    glossary = yaml.safe_load((REPO / "data/glossary.yml").read_text(encoding="utf-8"))
    assert len(glossary) >= 40
    for prefix in ("", "tr/", "ar/", "kk/"):
        page = (built_site / prefix / "glossary/index.html").read_text(encoding="utf-8")
        language = prefix.rstrip("/") or "en"
        for concept in glossary:
            assert f'<h2 id="{concept["id"]}">' in page
        assert f'<dd lang="tr" dir="ltr">{glossary[0]["term"]["tr"]}</dd>' in page
        assert f'<dd lang="ar" dir="rtl">{glossary[0]["term"]["ar"]}</dd>' in page
        index = (built_site / prefix / "search/search_index.json").read_text(encoding="utf-8")
        assert "glossary/#orientation" in index, language


def test_glossary_mistakes_name_their_line(data_copy: Path):
    glossary = data_copy / "data/glossary.yml"
    _replace(glossary, "  term:\n    en: volunteer\n", "  trem:\n    en: volunteer\n")
    with pytest.raises(HandbookError) as raised:
        load_data(data_copy)
    line = line_of(glossary, "  trem:")
    assert [str(problem) for problem in raised.value.problems] == [
        f"data/glossary.yml:{line}:3: unknown key 'trem': the required key 'term' is missing "
        "here; rename 'trem' to 'term'",
    ]
    _replace(glossary, "  trem:", "  term:")
    _replace(glossary, "    tr: [muhatap kişi]", "    tk: [muhatap kişi]\n    ar: [شخص للتواصل]")
    with pytest.raises(HandbookError) as raised:
        load_data(data_copy)
    assert [str(problem) for problem in raised.value.problems] == [
        f"data/glossary.yml:{line_of(glossary, '    tk:')}:5: 'tk' is not a language of this "
        "handbook. Expected one of: en, tr, ar, kk",
        f"data/glossary.yml:{line_of(glossary, '    ar: [شخص')}:10: 'شخص للتواصل' is the term "
        "itself; remove it from 'avoid'",
    ]
