"""The self-assessment in a real browser: answering, results with chart and guidance, the
printed action plan, keeping/comparing/combining answer files, Arabic right to left, and
the questionnaire without JavaScript. No request leaves the page during the whole flow."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import LANGUAGES, REPO, yaml_data

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PREFIX = {"en": "", "tr": "tr/", "ar": "ar/", "kk": "kk/"}
QUESTIONNAIRE = yaml_data((REPO / "data" / "self_assessment.yml").read_text(encoding="utf-8"))
AREAS = len(QUESTIONNAIRE["areas"])
QUESTIONS = sum(len(area["questions"]) for area in QUESTIONNAIRE["areas"])
CHOICES = sum(len(q["choices"]) for area in QUESTIONNAIRE["areas"] for q in area["questions"])
ANSWERS = {1: 1, 2: 2, 3: 3, 4: 1, 5: 2, 6: 3, 7: 1, 8: 2, 9: 3, 10: 1, 11: 3, 12: 2}
"""question → choice, one answer for every question of the sample; area levels:
supervision 1, completion 1, planning 1.5, agreement 2, remote 2, recruitment 2.5,
culture 3, aims 3, orientation 4."""
WEAKEST_FIRST = [
    "supervision",
    "completion",
    "planning",
    "agreement",
    "remote",
    "recruitment",
    "culture",
    "aims",
    "orientation",
]
ORGANISATION = {
    "en": "Harbour Youth Club",
    "tr": "Liman Gençlik Derneği",
    "ar": "نادي شباب الميناء",
    "kk": "Айлақ жастар клубы",
}
# Text of the guidance written for question 8, choice 2, in each language.
Q8_C2 = {
    "en": "set up two-way feedback and evaluation",
    "tr": "karşılıklı geri bildirim ve değerlendirme düzeni",
    "ar": "آليات التغذية الراجعة",
    "kk": "екіжақты кері байланыс",
}
ACTION_PLAN = {
    "en": "Action plan",
    "tr": "Eylem planı",
    "ar": "خطة العمل",
    "kk": "Іс-қимыл жоспары",
}
BY_WHEN = {
    "en": "By when?",
    "tr": "Ne zamana kadar?",
    "ar": "الموعد النهائي",
    "kk": "Қашанға дейін?",
}


def open_assessment(page, site_url: str, language: str = "en") -> None:
    page.goto(site_url + PREFIX[language] + "self-assessment/")
    # The questionnaire's script has read the questions and the kept answers.
    page.wait_for_selector("[data-hb-sa-ready]", state="attached")


def answer_all(page, answers: dict[int, int] = ANSWERS) -> None:
    """Answer area by area with the Next button (the default view: one area at a time)."""
    areas = page.locator(".hb-sa-area")
    for index in range(areas.count()):
        area = areas.nth(index)
        assert area.is_visible()
        for fieldset in area.locator(".hb-sa-question").all():
            question = int(fieldset.get_attribute("data-question"))
            page.check(f"#hb-sa-q{question}-c{answers[question]}")
        if index < areas.count() - 1:
            area.locator('[data-action="next"]').click()
            assert not area.is_visible()


def pdf_text(page, path: Path) -> str:
    page.pdf(path=str(path), format="A4", print_background=True)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext wraps right-to-left runs in bidi embedding marks; they are not text.
    text = BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    return text


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_answer_every_question_see_guidance_and_print_the_plan(page, site_url, artifacts, language):
    open_assessment(page, site_url, language)
    page.fill("#hb-sa-organisation", ORGANISATION[language])
    page.fill("#hb-sa-date", "2026-03-15")
    assert page.locator(".hb-sa-area:visible").count() == 1
    answer_all(page)
    assert page.eval_on_selector("#hb-sa-progress", "e => e.value") == QUESTIONS
    page.click('[data-action="results"]')

    result = page.locator("[data-hb-sa-result]")
    assert result.is_visible()
    assert not page.locator("[data-hb-sa-form]").is_visible()
    order = page.eval_on_selector_all(".hb-sa-result-area", "els => els.map(e => e.dataset.area)")
    assert order == WEAKEST_FIRST
    for question, choice in ANSWERS.items():
        shown = result.locator(f'[data-guidance-shown="q{question}-c{choice}"]')
        assert shown.is_visible()
        assert shown.get_attribute("lang") == language
        assert len(shown.inner_text().split()) > 60
    assert Q8_C2[language] in result.locator('[data-guidance-shown="q8-c2"]').inner_text()

    chart = result.locator("svg.hb-sa-chart-svg")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("rect.hb-sa-bar").count() == AREAS
    assert result.locator(".hb-sa-level-table tbody tr").count() == AREAS
    assert result.locator(".hb-sa-action-table").count() == AREAS
    page.screenshot(path=str(artifacts / f"self-assessment-{language}-result.png"), full_page=False)

    text = pdf_text(page, artifacts / f"self-assessment-{language}-action-plan.pdf")
    assert ORGANISATION[language] in text
    assert ACTION_PLAN[language] in text
    assert BY_WHEN[language] in text
    assert Q8_C2[language] in " ".join(text.split())
    assert page.outside_requests == []
    assert page.console_errors == []


@pytest.mark.browser
def test_keep_compare_and_combine_with_no_request_at_all(page, site_url, artifacts, tmp_path):
    open_assessment(page, site_url)
    requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            requests.append(request.url) if not request.url.startswith(("blob:", "data:")) else None
        ),
    )
    page.fill("#hb-sa-organisation", "Harbour Youth Club")
    page.fill("#hb-sa-respondent", "Coordinator")
    page.fill("#hb-sa-date", "2026-03-15")
    page.click('[data-mode="all"]')
    assert page.locator(".hb-sa-area:visible").count() == AREAS
    for question, choice in ANSWERS.items():
        page.check(f"#hb-sa-q{question}-c{choice}")
    assert f"{QUESTIONS} of {QUESTIONS}" in page.inner_text("[data-hb-sa-progress-text]")

    with page.expect_download() as download_info:
        page.click('[data-action="download"]')
    download = download_info.value
    assert download.suggested_filename == "self-assessment-harbour-youth-club-2026-03-15.json"
    saved = tmp_path / "answers.json"
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["answers"] == {str(q): c for q, c in ANSWERS.items()}
    assert data["organisation"] == "Harbour Youth Club"
    assert data["levels"]["8"] == 2

    # Kept in the browser across a reload (the reload itself is the only request).
    page.reload()
    page.wait_for_selector("[data-hb-sa-ready]", state="attached")
    requests.clear()
    assert page.locator("input[type=radio]:checked").count() == len(ANSWERS)
    assert page.input_value("#hb-sa-organisation") == "Harbour Youth Club"

    # Start again, then load the downloaded file.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-action="clear"]')
    assert page.locator("input[type=radio]:checked").count() == 0
    page.set_input_files("#hb-sa-load", str(saved))
    page.wait_for_selector("text=Answers loaded from answers.json.")
    assert page.locator("input[type=radio]:checked").count() == len(ANSWERS)
    assert page.is_checked("#hb-sa-q8-c2")

    # A file that is not an answers file is refused with a message.
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"hello": 1}', encoding="utf-8")
    page.set_input_files("#hb-sa-load", str(wrong))
    page.wait_for_selector("text=notes.json is not a file of self-assessment answers.")
    assert page.locator("input[type=radio]:checked").count() == len(ANSWERS)

    # Compare: two answers better than in the saved file.
    page.check("#hb-sa-q1-c3")
    page.check("#hb-sa-q7-c3")
    page.set_input_files("#hb-sa-compare", str(saved))
    table = page.locator(".hb-sa-compare-table")
    table.wait_for()
    q1 = table.locator('tr[data-question="1"] td').all_inner_texts()
    assert q1 == ["1 (Starting)", "4 (Leading)", "+3 better"]
    assert table.locator('tr[data-question="2"] td').all_inner_texts()[2] == "no change"
    planning = table.locator('tr[data-area="planning"] td').all_inner_texts()
    assert planning == ["1.5 (Developing)", "3 (Established)", "+1.5 better"]

    # Combine: this browser plus the board's and the volunteers' files.
    board = {**data, "respondent": "Board", "answers": {**data["answers"], "5": 3}}
    volunteers = {
        **data,
        "respondent": "Volunteers",
        "answers": {**data["answers"], "5": 1, "10": 3},
    }
    files = []
    for name, content in (("board.json", board), ("volunteers.json", volunteers)):
        path = tmp_path / name
        path.write_text(json.dumps(content), encoding="utf-8")
        files.append(str(path))
    page.set_input_files("#hb-sa-combine", files)
    combined = page.locator(".hb-sa-combine-table")
    combined.wait_for()
    assert combined.locator("thead th").all_inner_texts() == [
        "Question",
        "Coordinator",
        "Board",
        "Volunteers",
        "Agreement",
    ]
    assert combined.locator('tr[data-question="2"]').get_attribute("data-agree") == "true"
    assert combined.locator('tr[data-question="5"] td').last.inner_text() == "Differ (levels 1–4)"
    differ = combined.locator('tr[data-agree="false"]').evaluate_all(
        "rows => rows.map(r => Number(r.dataset.question))"
    )
    assert differ == [1, 5, 7, 10]
    agree = QUESTIONS - len(differ)
    assert page.inner_text(".hb-sa-combine-summary") == (
        f"The respondents agree on {agree} of {QUESTIONS} questions."
    )
    page.screenshot(path=str(artifacts / "self-assessment-en-compare-combine.png"), full_page=False)

    page.click('[data-action="results"]')
    assert page.locator('[data-guidance-shown="q1-c3"]').is_visible()
    assert requests == []
    assert page.outside_requests == []
    assert page.console_errors == []


@pytest.mark.browser
def test_arabic_result_and_chart_read_right_to_left(page, site_url, artifacts):
    bars_end = {}
    for language in ("en", "ar"):
        open_assessment(page, site_url, language)
        page.evaluate("localStorage.clear()")
        page.click('[data-mode="all"]')
        for question, choice in ANSWERS.items():
            page.check(f"#hb-sa-q{question}-c{choice}")
        page.click('[data-action="results"]')
        result = page.locator("[data-hb-sa-result]")
        direction = result.evaluate("e => getComputedStyle(e).direction")
        assert direction == ("rtl" if language == "ar" else "ltr")
        svg = result.locator("svg.hb-sa-chart-svg").bounding_box()
        edges = []
        for bar in result.locator("rect.hb-sa-bar").all():
            box = bar.bounding_box()
            edges.append((box["x"] - svg["x"], svg["x"] + svg["width"] - box["x"] - box["width"]))
        bars_end[language] = edges
        if language == "ar":
            page.screenshot(path=str(artifacts / "self-assessment-ar-result.png"), full_page=False)
            label = result.locator("text.hb-sa-bar-label").first.bounding_box()
            assert svg["x"] + svg["width"] - label["x"] - label["width"] < 0.1 * svg["width"]
    # English bars start at the left edge; Arabic bars start at the right edge.
    assert all(left < 20 and right > 40 for left, right in bars_end["en"] if right)
    assert all(right < 20 for _, right in bars_end["ar"])
    assert any(left > 40 for left, _ in bars_end["ar"])
    assert page.outside_requests == []
    assert page.console_errors == []


@pytest.mark.browser
def test_without_javascript_the_whole_questionnaire_prints_for_paper(
    page_without_javascript, site_url, artifacts
):
    tab = page_without_javascript
    tab.goto(site_url + "self-assessment/")
    questions = tab.locator("fieldset.hb-sa-question")
    assert questions.count() == QUESTIONS
    for fieldset in questions.all():
        assert fieldset.is_visible()
        assert fieldset.locator("legend").inner_text().strip()
    radios = tab.locator(".hb-sa input[type=radio]")
    assert radios.count() == CHOICES
    for radio in radios.all():
        assert tab.locator(f'label[for="{radio.get_attribute("id")}"]').count() == 1
    assert not tab.locator("[data-hb-sa-controls]").is_visible()
    assert not tab.locator("[data-hb-sa-result]").is_visible()
    assert tab.locator(".hb-sa-note").is_visible()
    text = pdf_text(tab, artifacts / "self-assessment-en-paper.pdf")
    flat = " ".join(text.split())
    for legend in questions.locator("legend").all_inner_texts():
        assert " ".join(legend.split()) in flat
    assert "Organisation" in flat
    assert tab.outside_requests == []
