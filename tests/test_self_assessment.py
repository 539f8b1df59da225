"""The self-assessment's data and guidance pages: what the build makes of them, and every
mistake in the guidance pages reported with file and line (all at once, no traceback).
Mistakes in data/self_assessment.yml are golden cases in tests/cases/data_errors.yml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import LANGUAGES, REPO, assert_fails_with

GUIDANCE = "self-assessment/guidance"
PREFIX = {"en": "", "tr": "tr/", "ar": "ar/", "kk": "kk/"}


def assessment_html(site: Path, language: str) -> str:
    return (site / PREFIX[language] / "self-assessment" / "index.html").read_text(encoding="utf-8")


def guidance_blocks(html: str) -> dict[str, str]:
    """data-guidance id → the opening tag of its block in the assessment page."""
    return {
        match.group(1): match.group(0)
        for match in re.finditer(
            r'<div class="hb-sa-guidance" data-guidance="(q\d+-c\d+)"[^>]*>', html
        )
    }


def sample_choices(project: Path) -> list[tuple[int, int]]:
    data = yaml.safe_load((project / "data" / "self_assessment.yml").read_text(encoding="utf-8"))
    return [
        (question["id"], choice["id"])
        for area in data["areas"]
        for question in area["questions"]
        for choice in question["choices"]
    ]


def test_assessment_page_embeds_guidance_for_every_choice(built_site: Path):
    choices = sample_choices(REPO)
    expected = {f"q{q}-c{c}" for q, c in choices}
    questions = {question for question, _ in choices}
    for language in LANGUAGES:
        html = assessment_html(built_site, language)
        blocks = guidance_blocks(html)
        assert set(blocks) == expected, language
        for tag in blocks.values():
            assert f'lang="{language}"' in tag, tag  # written in the page's own language
        # A complete questionnaire without JavaScript: one fieldset and legend per question.
        assert html.count('<fieldset class="hb-sa-question"') == len(questions)
        assert html.count('<input type="radio" id="hb-sa-q') == len(expected)
        assert len(re.findall(r'<label for="hb-sa-q\d+-c\d+">', html)) == len(expected)


def test_guidance_page_shows_the_question_it_answers(built_site: Path):
    """A guidance page is built on its own too, with its question above it and a link
    back to the questionnaire. (A source page dropped in unchanged: test_source_documents.)"""
    page = (built_site / "tr" / GUIDANCE / "q8-c2" / "index.html").read_text(encoding="utf-8")
    assert "Kuruluşunuz gönüllülere ne kadar açık?" in page
    assert 'href="../../"' in page


def test_guidance_mistakes_are_reported_together_with_file_and_line(build_handbook):
    def change(project: Path) -> None:
        content = project / "content"
        (content / "en" / GUIDANCE / "q3-c2.md").unlink()
        (content / "tr" / GUIDANCE / "q99.md").write_text(
            "---\ntitle: Yok\nquestion_id: 99\nchoice_id: 1\n---\nMetin.\n", encoding="utf-8"
        )
        (content / "tr" / GUIDANCE / "q1-c7.md").write_text(
            "---\ntitle: Yok\nquestion_id: 1\nchoice_id: 7\n---\nMetin.\n", encoding="utf-8"
        )
        (content / "en" / "zz-copy.md").write_text(
            "---\ntitle: Copy\nquestion_id: 1\nchoice_id: 1\n---\nText.\n", encoding="utf-8"
        )
        (content / "en" / GUIDANCE / "words.md").write_text(
            "---\ntitle: Words\nquestion_id: eight\nchoice_id: 2\n---\nText.\n", encoding="utf-8"
        )
        (content / "en" / GUIDANCE / "notes.md").write_text("Just some notes.\n", encoding="utf-8")

    result = build_handbook(change)
    assert_fails_with(
        result,
        "6 problems",
        "content/tr/self-assessment/guidance/q99.md:3:14: there is no question 99 in "
        "data/self_assessment.yml; the questions are 1, 2, 3,",
        "content/tr/self-assessment/guidance/q1-c7.md:4:12: question 1 has no choice 7 in "
        "data/self_assessment.yml; its choices are 1, 2, 3",
        "content/en/zz-copy.md:3:14: question 1 choice 1 already has a guidance page in this "
        "language (content/en/self-assessment/guidance/q1-c1.md); keep only one of the two",
        "content/en/self-assessment/guidance/words.md:3:14: 'question_id' must be a number",
        "content/en/self-assessment/guidance/notes.md:1:1: this page is in the "
        "self-assessment's guidance folder but its front matter does not say which answer",
        "question 3 choice 2 has no guidance page in the default language; create "
        "content/en/self-assessment/guidance/q3-c2.md",
    )
    line = re.search(r"data/self_assessment.yml:(\d+):\d+: question 3 choice 2", result.output)
    assert line, result.output
    yaml_lines = (
        (result.project / "data" / "self_assessment.yml").read_text(encoding="utf-8").splitlines()
    )
    assert yaml_lines[int(line.group(1)) - 1].strip() == "- id: 2"
    assert not result.site.exists()
