"""Everyday edits on a small handbook made by `ngo-handbook new` (English, Arabic, Turkish):
a chapter written in two languages of three, a new question, a renamed organisation, an
entry added with `ngo-handbook add`, a quiet build, and the display of mixed scripts."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import line_of, new_handbook, run_build
from ngo_handbook.cli import main
from ngo_handbook.context import Site
from ngo_handbook.loading import Sources, load_handbook
from ngo_handbook.pdf.book import chapter_pages
from ngo_handbook.pdf.server import serve_folder
from ngo_handbook.problems import HandbookError
from ngo_handbook.rendering import join_html, with_colon

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = pytest.mark.xdist_group("everyday-editing")

CHAPTER = """---
description: What to do in an emergency.
---

# Emergencies

Call the coordinator first. Then call 112.

## Fire

Leave the building. See [the home page](index.md).
"""


def write_chapter(project: Path) -> None:
    """A chapter in English and Turkish only, in the menu."""
    (project / "content/en/emergencies.md").write_text(CHAPTER, encoding="utf-8")
    (project / "content/tr/emergencies.md").write_text(
        "# Acil durumlar\n\nÖnce koordinatörü arayın.\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - safety.md\n", "  - emergencies.md\n  - safety.md\n"))


def set_partial(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - ngo-handbook\n", "  - ngo-handbook:\n      partial_translations: true\n")
    )


def load(project: Path, *, strict: bool, partial: bool = False):
    """The load phase alone, as a build starts it."""
    sources = Sources(
        project_dir=project,
        docs_dir=project / "content",
        data_dir=project / "data",
        site_dir=project / "site",
        site=Site(("en", "ar", "tr"), "en"),
        strict=strict,
        partial_translations=partial,
    )
    return load_handbook(sources)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return new_handbook(tmp_path_factory.mktemp("template"), "en,ar,tr", "Youth Aid")


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "handbook"
    shutil.copytree(template, copy)
    return copy


@pytest.fixture(scope="module")
def partly_translated(template: Path, tmp_path_factory):
    """The chapter in English and Turkish, an old logo left in content/, built (not
    strict: the missing Arabic page is a warning)."""
    project = tmp_path_factory.mktemp("partly") / "handbook"
    shutil.copytree(template, project)
    write_chapter(project)
    (project / "content/assets/images").mkdir(parents=True, exist_ok=True)
    (project / "content/assets/images/old-logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run_build(project, strict=False)
    assert result.ok, result.output
    return result


class _LanguageOfText(HTMLParser):
    """Each text of a page with the language of the element it stands in."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str | None, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                break

    def handle_data(self, data):
        if data.strip() and (not self.open or self.open[-1][0] not in ("script", "title")):
            language = next((lang for _, lang in reversed(self.open) if lang), None)
            self.texts.append((language, data.strip()))


def texts_outside_language(html: str, language: str) -> list[str]:
    """The texts of `html` not inside an element of `language`."""
    parser = _LanguageOfText()
    parser.feed(html)
    return [text for lang, text in parser.texts if lang != language]


def read(result, path: str) -> str:
    return (result.site / path).read_text(encoding="utf-8")


def test_a_page_missing_in_a_language_shows_the_original_with_its_own_direction(
    partly_translated,
):
    page = read(partly_translated, "ar/emergencies/index.html")
    assert '<html lang="ar"' in page
    original = re.search(
        r'<div class="hb-original-language" dir="ltr" lang="en">(.*?)</div>', page, re.S
    )
    assert original, page
    assert "Call the coordinator first." in original.group(1)
    assert 'id="fire"' in original.group(1)
    # The note, in Arabic, links to the English page and to the Turkish translation.
    note = re.search(
        r'<div class="admonition info hb-untranslated" role="note">(.*?)</div>', page, re.S
    )
    assert note, page
    assert "لم تُترجم هذه الصفحة إلى العربية بعد" in note.group(1)
    assert '<a href="../../emergencies/" hreflang="en">الإنجليزية</a>' in note.group(1)
    assert '<a href="../../tr/emergencies/" hreflang="tr">التركية</a>' in note.group(1)
    # The relative link of the English text leads to the Arabic home page.
    assert 'href="../">the home page</a>' in original.group(1)
    # The Turkish page is its own; no note there.
    assert "hb-untranslated" not in read(partly_translated, "tr/emergencies/index.html")


def test_the_untranslated_page_is_in_the_menu_search_switcher_and_book(partly_translated):
    arabic_home = read(partly_translated, "ar/index.html")
    assert re.search(
        r'href="emergencies/" class="md-nav__link">\s*<span[^>]*>\s*<span class="md-typeset">\s*'
        r'<span lang="en" dir="ltr">Emergencies</span>',
        arabic_home,
    )
    index = json.loads(read(partly_translated, "ar/search/search_index.json"))
    assert any(doc["location"].startswith("emergencies/") for doc in index["docs"])
    # The language switcher of the English and Turkish pages leads to it, not to the home page.
    for page, link in (
        ("emergencies/index.html", "../ar/emergencies/"),
        ("tr/emergencies/index.html", "../../ar/emergencies/"),
    ):
        assert f'<a href="{link}" hreflang="ar" class="md-select__link">' in read(
            partly_translated, page
        )
    # The Arabic book takes it among its chapters, like the Turkish one.
    context = load(partly_translated.project, strict=False).context
    context.nav = ("index.md", "emergencies.md", "safety.md")
    context.site_dir = partly_translated.site
    assert [path for path, _ in chapter_pages(context, "ar")] == list(context.nav)


def test_each_missing_translation_is_reported_once_with_the_file_to_create(partly_translated):
    lines = [line for line in partly_translated.output.splitlines() if "not yet translated" in line]
    assert lines == [
        "WARNING -  ngo_handbook: content/en/emergencies.md: not yet translated into Arabic "
        "(ar): create content/ar/emergencies.md; until then the Arabic handbook shows it in "
        "English with a note (to publish it so on purpose, set 'partial_translations: true' "
        "under '- ngo-handbook' in mkdocs.yml)"
    ]


def test_a_quiet_build(partly_translated):
    output = partly_translated.output
    assert "not included in the" not in output
    assert "mkdocs_static_i18n" not in output
    assert len(output.splitlines()) <= 8, output


def test_strict_stops_unless_the_handbook_publishes_partial_translations(project: Path):
    write_chapter(project)
    with pytest.raises(HandbookError) as stopped:
        load(project, strict=True)
    assert [str(problem) for problem in stopped.value.problems] == [
        "content/en/emergencies.md: not yet translated into Arabic (ar): create "
        "content/ar/emergencies.md; until then the Arabic handbook shows it in English with a "
        "note (to publish it so on purpose, set 'partial_translations: true' under "
        "'- ngo-handbook' in mkdocs.yml)"
    ]
    loaded = load(project, strict=True, partial=True)
    assert loaded.warnings == []
    assert [str(note) for note in loaded.notes] == [
        "content/en/emergencies.md: not yet translated into Arabic (ar): create "
        "content/ar/emergencies.md; until then the Arabic handbook shows it in English with a note"
    ]
    set_partial(project)
    result = run_build(project, strict=True)
    assert result.ok, result.output
    assert "INFO    -  ngo_handbook: content/en/emergencies.md: not yet translated" in result.output


def test_a_missing_data_translation_under_strict_says_how_to_publish_it(project: Path):
    form = project / "data/forms/volunteer-application.yml"
    line = line_of(form, "en: Full name")
    form.write_text(form.read_text(encoding="utf-8").replace("          ar: الاسم الكامل\n", ""))
    with pytest.raises(HandbookError) as stopped:
        load(project, strict=True)
    assert [str(problem) for problem in stopped.value.problems] == [
        f"data/forms/volunteer-application.yml:{line}:11: there is no Arabic ('ar') text; the "
        "English text is shown instead. Add 'ar: …' here; or, to publish it so on purpose, "
        "set 'partial_translations: true' under '- ngo-handbook' in mkdocs.yml"
    ]
    assert [str(note) for note in load(project, strict=True, partial=True).notes] == [
        f"data/forms/volunteer-application.yml:{line}:11: there is no Arabic ('ar') text; the "
        "English text is shown instead. Add 'ar: …' here"
    ]


def test_guidance_missing_in_a_language_is_reported_and_shown_once(project: Path):
    (project / "content/ar/self-assessment/guidance/q1-c2.md").unlink()
    loaded = load(project, strict=False)
    assert [str(warning) for warning in loaded.warnings] == [
        "content/en/self-assessment/guidance/q1-c2.md: not yet translated into Arabic (ar): "
        "create content/ar/self-assessment/guidance/q1-c2.md; until then the Arabic handbook "
        "shows this guidance in English with a note (to publish it so on purpose, set "
        "'partial_translations: true' under '- ngo-handbook' in mkdocs.yml)"
    ]
    with pytest.raises(HandbookError):
        load(project, strict=True)


def test_a_wrong_choice_id_asks_to_correct_the_page_not_to_create_it(project: Path):
    page = project / "content/en/self-assessment/guidance/q1-c2.md"
    page.write_text(page.read_text(encoding="utf-8").replace("choice_id: 2", "choice_id: 9"))
    with pytest.raises(HandbookError) as stopped:
        load(project, strict=False)
    messages = [str(problem) for problem in stopped.value.problems]
    assert messages == [
        "content/en/self-assessment/guidance/q1-c2.md:3:12: question 1 has no choice 9 in "
        "data/self_assessment.yml; its choices are 1, 2"
    ]


def test_mistakes_across_entries_are_reported_with_the_other_mistakes_of_the_entry(
    project: Path,
):
    """A misspelt key and a wrong id in one entry: both in one run, not one after the other."""
    partners = project / "data/partners.yml"
    text = partners.read_text(encoding="utf-8")
    partners.write_text(
        text.replace("    areas: [youth]\n", "    areas: [youht]\n    webiste: x\n")
    )
    assessment = project / "data/self_assessment.yml"
    text = assessment.read_text(encoding="utf-8")
    assessment.write_text(
        text.replace(
            "          - id: 2\n            level: 3\n",
            "          - id: 1\n            level: 3\n            colour: red\n",
        )
    )
    with pytest.raises(HandbookError) as stopped:
        load(project, strict=False)
    area, key = line_of(partners, "areas: [youht]"), line_of(partners, "webiste")
    first, again = line_of(assessment, "- id: 1", 2), line_of(assessment, "- id: 1", 3)
    assert [str(problem) for problem in stopped.value.problems] == [
        "content/ar/self-assessment/guidance/q1-c2.md:3:12: question 1 has no choice 2 in "
        "data/self_assessment.yml; its choices are 1",
        "content/en/self-assessment/guidance/q1-c2.md:3:12: question 1 has no choice 2 in "
        "data/self_assessment.yml; its choices are 1",
        "content/tr/self-assessment/guidance/q1-c2.md:3:12: question 1 has no choice 2 in "
        "data/self_assessment.yml; its choices are 1",
        f"data/partners.yml:{area}:13: unknown focus area 'youht'. Did you mean 'youth'? Use the "
        "id of one listed under 'areas:' (youth), or add it there",
        f"data/partners.yml:{key}:5: unknown key 'webiste'. Did you mean 'website'? Expected one "
        "of: id, name, name_translated, city, areas, description, website, links, contact",
        f"data/self_assessment.yml:{again}:17: the id '1' is already used on line {first}; "
        "every id must be unique",
        f"data/self_assessment.yml:{again + 2}:13: unknown key 'colour'. Expected one of: id, "
        "level, text",
    ]


def test_guidance_pages_need_no_title_and_stay_out_of_the_menu(partly_translated):
    page = read(partly_translated, "ar/self-assessment/guidance/q1-c1/index.html")
    assert "<title>يبدؤون فورًا، من دون استقبال أو تعريف." in page
    assert "self-assessment/guidance" not in partly_translated.output


def test_questions_numbered_by_place_counts_from_the_data_untranslated_texts_marked(project: Path):
    data = project / "data/self_assessment.yml"
    text = data.read_text(encoding="utf-8").replace(
        "      - id: 1\n        text:", "      - id: 7\n        text:"
    )
    text = text.replace(
        "en: Answer the questions to see",
        "en: Answer the {questions} questions of {areas} areas to see",
    )
    # A question not yet translated into Arabic.
    text = text.replace("          ar: كيف يبدأ المتطوعون الجدد العمل لديكم؟\n", "")
    data.write_text(text, encoding="utf-8")
    # A form field not yet translated into Arabic either.
    # A form field, an option, a section and the form's title not yet translated either,
    # nor a safety group, a city and a region; and a chapter in English and Turkish only.
    untranslated = {
        "forms/volunteer-application.yml": (
            "ar: الاسم الكامل",
            "ar: في عطلة نهاية الأسبوع",
            "ar: معلومات عنك",
            "ar: طلب التطوع",
        ),
        "safety.yml": ("ar: داخل المقر",),
        "partners.yml": ("ar: مدينة المثال", "ar: منطقة المثال"),
    }
    for name, lines in untranslated.items():
        path = project / "data" / name
        text = path.read_text(encoding="utf-8")
        for line in lines:
            assert f" {line}\n" in text, line
            text = re.sub(rf"\n *{line}\n", "\n", text)
        path.write_text(text, encoding="utf-8")
    write_chapter(project)
    for page in (project / "content").rglob("q1-c*.md"):
        page.write_text(
            page.read_text(encoding="utf-8").replace("question_id: 1", "question_id: 7")
        )
    result = run_build(project, strict=False)
    assert result.ok, result.output
    page = read(result, "self-assessment/index.html")
    assert '<legend><span class="hb-sa-number">1.</span> How do new volunteers start' in page
    assert "Answer the 1 questions of 1 areas to see" in page
    assert '<meta name="description" content="Answer the 1 questions of 1 areas' in page
    arabic = read(result, "ar/self-assessment/index.html")
    assert (
        '<span class="hb-sa-number">1.</span> <span lang="en" dir="ltr">'
        "How do new volunteers start with you?</span></legend>" in arabic
    )
    form_page = read(result, "ar/forms/volunteer-application/index.html")
    assert '<span lang="en" dir="ltr">Full name</span></label>' in form_page
    english = '<span lang="en" dir="ltr">{}</span>'
    assert f">{english.format('At weekends')}</label>" in form_page
    assert f'id="about-you">{english.format("About you")}</h2>' in form_page
    assert f'id="volunteer-application">{english.format("Volunteer application")}</h1>' in form_page
    # Its outline entry too; in attributes, which cannot say their language, plain text.
    assert re.search(
        r'href="#about-you"[^>]*>\s*<span[^>]*>\s*<span class="md-typeset">\s*'
        + re.escape(english.format("About you")),
        form_page,
    )
    assert 'aria-label="Volunteer application"' in form_page
    safety = read(result, "ar/safety/index.html")
    assert f'id="safety-premises-title">{english.format("On the premises")}</h2>' in safety
    partners = read(result, "ar/partners/index.html")
    assert '<optgroup label="Example Region" lang="en" dir="ltr">' in partners
    assert re.search(
        r'<option value="example-town"[^>]* lang="en" dir="ltr">Example Town \(', partners
    )
    assert f'<p class="hb-partners-place">{english.format("Example Town")} · ' in partners
    # The chapter's and the form's entries in the menu and the footer of every Arabic page.
    for path in ("ar/index.html", "ar/emergencies/index.html", "ar/forms/index.html"):
        shown = read(result, path)
        for title in ("Emergencies", "Volunteer application"):
            assert re.search(
                r'<span class="md-typeset">\s*' + re.escape(english.format(title)), shown
            )
    assert re.search(
        r'<div class="md-ellipsis">\s*' + re.escape(english.format("Emergencies")),
        read(result, "ar/index.html"),
    )
    # No text of another language is left unmarked (the header, menu, contents, footer and
    # page), and no markup lands in an attribute.
    english_texts = ("Emergencies", "About you", "At weekends", "On the premises", "Example Town")
    for shown_page in (result.site / "ar").rglob("*.html"):
        html = shown_page.read_text(encoding="utf-8")
        assert not re.search(r'="[^"]*<span lang', html), shown_page
        unmarked = texts_outside_language(html, "en")
        assert not [text for text in unmarked if text.startswith(english_texts)], shown_page
    model = re.search(
        r'<script type="application/json" id="hb-sa-model"[^>]*>(.*?)</script>', page, re.S
    )
    question = json.loads(model.group(1))["areas"][0]["questions"][0]
    assert (question["id"], question["number"]) == (7, 1)
    assert "text_lang" not in question
    # The Arabic page's script marks the English question where it shows it (results, tables).
    model = re.search(
        r'<script type="application/json" id="hb-sa-model"[^>]*>(.*?)</script>', arabic, re.S
    )
    question = json.loads(model.group(1))["areas"][0]["questions"][0]
    assert (question["text_lang"], question["text_dir"]) == ("en", "ltr")
    assert "text_lang" not in question["choices"][0]


def test_only_files_the_site_uses_are_published(partly_translated):
    site = partly_translated.site
    assert not (site / "assets/images/old-logo.png").exists()
    offline = read(partly_translated, "offline.json")
    assert "old-logo" not in offline


def test_a_web_manifest_per_language_names_the_handbook_short(partly_translated):
    manifest = json.loads(read(partly_translated, "ar/manifest.webmanifest"))
    assert manifest["lang"] == "ar" and manifest["dir"] == "rtl"
    assert manifest["name"] == manifest["short_name"] == "Youth Aid"
    page = read(partly_translated, "ar/emergencies/index.html")
    assert '<link rel="manifest" href="../manifest.webmanifest">' in page


def test_check_flags_the_sample_addresses_and_a_second_name(project: Path, capsys):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "site_name: Youth Aid\n",
        "site_name: Volunteer Programme Handbook\nsite_url: https://handbook.example.org/\n",
    )
    config.write_text(text, encoding="utf-8")
    assert main(["check", "--project", str(project)]) == 0
    out = capsys.readouterr()
    shown = out.out + out.err
    assert (
        "mkdocs.yml:3:1: warning: site_name is 'Volunteer Programme Handbook' and "
        "data/handbook.yml names the organisation 'Youth Aid'" in shown
    )
    assert (
        "mkdocs.yml:4:1: warning: site_url is still the sample handbook's "
        "('https://handbook.example.org/'); write your handbook's own address" in shown
    )


OWN_MARKS = {"en": "# translate", "ar": "# ترجم", "tr": "# çevir"}
OWN_LETTERS = {"en": r"^[A-Z][a-z' ,]+$", "ar": r"^[\u0600-\u06ff ،]+$", "tr": r"[a-zçğışöü]"}


def test_add_writes_an_entry_per_kind_keeping_the_comments(project: Path, capsys):
    data = project / "data"
    form = next((data / "forms").glob("*.yml")).stem
    changed = [
        "partners.yml",
        "safety.yml",
        "orientation.yml",
        "self_assessment.yml",
        f"forms/{form}.yml",
    ]
    before = {data / name: (data / name).read_text(encoding="utf-8") for name in changed}
    commands = [
        ["partner", "--id", "red-crescent"],
        ["safety-topic", "--id", "fire-drill"],
        ["orientation-item", "--id", "wifi"],
        ["question"],
        ["form-field", "--id", "phone-number", "--in", form],
    ]
    for command in commands:
        assert main(["add", *command, "--project", str(project)]) == 0, capsys.readouterr()
    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        # Every line of the file is still there, in order; the new ones are marked.
        old_lines, new_lines = text.splitlines(), after.splitlines()
        changes = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
        assert {tag for tag, *_ in changes} <= {"equal", "insert"}, path
        added = [
            line for tag, _, _, j1, j2 in changes if tag == "insert" for line in new_lines[j1:j2]
        ]
        texts = [line for line in added if line.strip().startswith(("en:", "ar:", "tr:"))]
        assert {line.strip()[:3] for line in texts} == {"en:", "ar:", "tr:"}, path
        # Each language's line: a hint and a mark in its own words.
        for line in texts:
            language = line.strip()[:2]
            assert line.endswith(OWN_MARKS[language]), line
            hint = line.strip()[4 : -len(OWN_MARKS[language])].strip()
            assert re.search(OWN_LETTERS[language], hint), line
        yaml.safe_load(after)
    partners = yaml.safe_load((data / "partners.yml").read_text(encoding="utf-8"))
    assert partners["organisations"][-1]["id"] == "red-crescent"
    assessment = yaml.safe_load((data / "self_assessment.yml").read_text(encoding="utf-8"))
    assert assessment["areas"][-1]["questions"][-1]["id"] == 2
    assert (project / "content/ar/self-assessment/guidance/q2-c3.md").is_file()
    capsys.readouterr()
    # check lists the marks; the handbook builds.
    assert main(["check", "--project", str(project)]) == 0
    out = capsys.readouterr()
    shown = out.out + out.err
    assert "data/partners.yml:" in shown and "marked '# translate'" in shown
    assert "marked '# ترجم'" in shown and "marked '# çevir'" in shown
    guidance = (project / "content/tr/self-assessment/guidance/q2-c3.md").read_text("utf-8")
    assert "Bu yanıtı seçen bir kuruluş için" in guidance
    assert main(["check", "--project", str(project), "--strict"]) == 1


def test_add_explains_a_wrong_place(project: Path, capsys):
    assert (
        main(["add", "safety-topic", "--id", "x", "--in", "nowhere", "--project", str(project)])
        == 1
    )
    assert "there is no 'nowhere'; the ids are" in capsys.readouterr().err


def test_labels_and_lists_in_each_language():
    assert with_colon("Name") == "Name:"
    assert with_colon("Which ones?") == "Which ones?"
    assert with_colon("أي منها؟") == "أي منها؟"
    assert with_colon("其他") == "其他："
    assert str(join_html(["الشباب", "<b>"], "ar")) == "الشباب و&lt;b&gt;"
    assert str(join_html(["a", "b", "c"], "tr")) == "a, b ve c"


def test_mixed_scripts_on_the_sample_partner_page(built_site: Path):
    page = (built_site / "ar/partners/index.html").read_text(encoding="utf-8")
    assert '<h2 class="hb-partners-name"><bdi>«Еркіндік Қанаты»</bdi>' in page
    areas = re.findall(
        r'<p class="hb-partners-areas"><span class="hb-partners-label">[^<]*</span> ([^<]*)</p>',
        page,
    )
    assert areas and not any(", " in line for line in areas)
    assert any(" و" in line for line in areas)
    assert not (built_site / "assets/images/readme-screenshot.png").exists()


def test_build_prints_a_few_lines_and_more_with_verbose(project: Path, capsys):
    assert main(["build", "--project", str(project), "--no-pdf"]) == 0
    out = capsys.readouterr()
    quiet = (out.out + out.err).splitlines()
    assert len(quiet) <= 3 and not any("documentation" in line for line in quiet), quiet
    assert main(["build", "--project", str(project), "--no-pdf", "--verbose"]) == 0
    out = capsys.readouterr()
    verbose = out.out + out.err
    assert "Building 'ar' documentation" in verbose
    assert "PDFs left out, as asked" in verbose
    assert "HANDBOOK_PDF" not in verbose and "ngo_handbook:" not in verbose
    assert len(verbose.splitlines()) > len(quiet)


@pytest.mark.browser
def test_the_results_mark_an_area_and_a_question_not_yet_translated(project: Path, page):
    """The page script writes the results: an English area title and question on the Arabic
    page carry lang="en" and dir="ltr" there too."""
    data = project / "data/self_assessment.yml"
    text = data.read_text(encoding="utf-8")
    for line in ("ar: استقبال المتطوعين", "ar: كيف يبدأ المتطوعون الجدد العمل لديكم؟"):
        assert f" {line}\n" in text
        text = re.sub(rf"\n *{line}\n", "\n", text)
    data.write_text(text, encoding="utf-8")
    result = run_build(project, strict=False)
    assert result.ok, result.output
    with serve_folder(result.site) as url:
        page.goto(url + "ar/self-assessment/")
        page.wait_for_selector("[data-hb-sa-ready]", state="attached")
        page.check("#hb-sa-q1-c2")
        page.click('[data-action="results"]')
        shown = page.locator("[data-hb-sa-result]")
        marked = [
            (
                element.inner_text().strip(),
                element.get_attribute("lang"),
                element.get_attribute("dir"),
            )
            for element in shown.locator("h3, h4, th[scope=row]").all()
        ]
    assert ("Welcoming volunteers", "en", "ltr") in marked, marked
    assert ("1. How do new volunteers start with you?", "en", "ltr") in marked, marked
    assert page.outside_requests == [] and page.console_errors == []
