"""What a visitor's browser holds is untrusted: values planted in localStorage and answer
files of every wrong shape are dropped and reported in the page's language, never fatal;
the page stays usable. Each page is loaded once, with every bad value planted at once."""

from __future__ import annotations

import json

import pytest
from ngo_handbook.interface_strings import interface_strings

# The values are planted by a script added to every page the tab opens: a tab of its own.
pytestmark = [pytest.mark.browser, pytest.mark.own_tab]

FORMAT = "ngo-handbook-self-assessment"
PRINT_COUNTER = "window.print = () => { window.printed = (window.printed || 0) + 1; };"


def kazakh(section: str, key: str) -> str:
    return interface_strings(section, "kk")[key]


def plant(page, values: dict[str, str]) -> list[str]:
    """Put raw `values` into localStorage before the page's scripts run, count print()
    calls, and return the list that collects uncaught script errors."""
    page.add_init_script(
        f"Object.entries({json.dumps(values)}).forEach(([k, v]) => localStorage.setItem(k, v));"
        + PRINT_COUNTER
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def stored(page, key: str):
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)


def test_checklist_with_bad_ticks_reports_them_and_keeps_working(page, site_url) -> None:
    key = "ngo-handbook:checklist:/kk/orientation/#orientation-"
    errors = plant(
        page,
        {
            key + "on-site": '{"not": "a list"}',
            key + "remote": '["x", 5, null, {"a": 1}]',
        },
    )
    page.goto(site_url + "kk/orientation/")
    for checklist in ("orientation-on-site", "orientation-remote"):
        section = page.locator(f'[data-hb-checklist="{checklist}"]')
        message = section.locator(".hb-checklist__message")
        assert message.is_visible()
        assert message.inner_text() == kazakh("checklists", "storage_dropped")
        assert section.locator("input:checked").count() == 0
        first = section.locator("input[data-hb-item]").first
        first.check()
        assert stored(page, key + checklist.removeprefix("orientation-")) == [
            first.get_attribute("data-hb-item")
        ]
        section.locator(".hb-checklist__print").click()
        section.locator(".hb-checklist__reset").click()
        assert section.locator("input:checked").count() == 0
    assert page.evaluate("window.printed") == 2
    assert errors == [] and page.console_errors == [] and page.outside_requests == []


def test_form_with_bad_values_reports_them_and_keeps_working(page, site_url) -> None:
    key = "ngo-handbook:form:/kk/forms/application/:application"
    errors = plant(
        page,
        {
            key: json.dumps(
                {
                    "full-name": {"toString": 1},  # a text kept as an object
                    "education=higher": "yes",  # a box kept as a text
                    "email": ["a@example.org"],
                    "experience-details": "Екі жаз кітапханада",
                    "__proto__": {"polluted": True},
                }
            )
        },
    )
    page.goto(site_url + "kk/forms/application/")
    assert page.inner_text(".hb-form-message") == kazakh("forms", "storage_dropped")
    assert page.input_value("#hb-application-full-name") == ""
    assert page.input_value("#hb-application-email") == ""
    assert not page.is_checked("#hb-application-education-higher")
    assert page.input_value("#hb-application-experience-details") == "Екі жаз кітапханада"
    assert page.evaluate("({}).polluted") is None

    # Typing is kept again, Print and Clear work.
    page.fill("#hb-application-full-name", "Айгерім")
    assert stored(page, key)["full-name"] == "Айгерім"
    page.click(".hb-form-print")
    assert page.evaluate("window.printed") == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".hb-form-clear")
    assert page.input_value("#hb-application-full-name") == ""
    assert stored(page, key) is None
    assert errors == [] and page.console_errors == [] and page.outside_requests == []


def test_form_with_a_list_or_broken_json_in_storage_starts_empty(page, site_url) -> None:
    errors = plant(
        page,
        {
            "ngo-handbook:form:/forms/skills/:skills": "[1, 2, 3]",
            "ngo-handbook:form:/forms/agreement/:agreement": "{not json",
        },
    )
    for form in ("skills", "agreement"):
        page.goto(site_url + f"forms/{form}/")
        assert (
            page.inner_text(".hb-form-message")
            == interface_strings("forms", "en")["storage_dropped"]
        )
        assert page.is_visible(".hb-form-print") and page.is_visible(".hb-form-clear")
        assert (
            page.evaluate(
                "key => localStorage.getItem(key)", f"ngo-handbook:form:/forms/{form}/:{form}"
            )
            is None
        )
    assert errors == [] and page.console_errors == []


# Values an answers file or the browser's storage may hold, none of them answers of this
# questionnaire: each is refused whole (null).
NOT_ANSWERS = [
    None,
    "text",
    42,
    [1, 2, 3],
    {"answers": {"1": 1}},
    {"format": "something-else", "answers": {"1": 1}},
    {"format": FORMAT},
    {"format": FORMAT, "answers": None},
    {"format": FORMAT, "answers": [1, 2, 3]},
    {"format": FORMAT, "answers": "1=1"},
]
# Answers files with some bad values: the good answer (question 1, choice 2) is kept, each
# bad value dropped and counted.
PARTLY_BAD = [
    ({"1": 2, "2": "2"}, {}, 1),
    ({"1": 2, "2": 99, "999": 1}, {}, 2),
    ({"1": 2, "2": 1.5, "3": None}, {}, 2),
    ({"1": 2}, {"organisation": {"toString": 1}}, 1),
    ({"1": 2}, {"respondent": ["a"], "date": "2024-13-45"}, 2),
    ({"1": 2}, {"date": 20240101}, 1),
    ({"1": 2}, {"organisation": "Айлақ", "date": "2024-02-29"}, 0),
]


def test_self_assessment_refuses_bad_answers_and_stays_usable(page, site_url, tmp_path) -> None:
    errors = plant(
        page,
        {
            "ngo-handbook:self-assessment": json.dumps(
                {
                    "format": FORMAT,
                    "answers": {"1": 1, "2": "2", "3": 99, "4": 1.5, "999": 1},
                    "organisation": {"toString": 1},
                    "date": "2024-13-45",
                }
            ),
            "ngo-handbook:self-assessment:mode": '"sideways"',
        },
    )
    page.goto(site_url + "kk/self-assessment/")
    stored_message = page.locator("[data-hb-sa-storage-message]")
    assert stored_message.is_visible()
    assert stored_message.inner_text() == kazakh("self_assessment", "storage_dropped")
    message = page.locator("[data-hb-sa-file-message]")
    assert page.is_checked("#hb-sa-q1-c1")
    assert page.locator('input[name="q2"]:checked, input[name="q3"]:checked').count() == 0
    assert page.input_value('[name="organisation"]') == ""
    assert page.is_visible("[data-hb-sa-controls]") and page.is_visible("[data-hb-sa-tools]")

    # The parser, on every kind of bad value, in the page.
    refused, dropped = page.evaluate(
        """([notAnswers, partly, format]) => {
            const sa = ngoHandbook.selfAssessment;
            const model = sa.readModel(document.querySelector("[data-hb-sa]"));
            return [
              notAnswers.map(data => sa.parseAnswers(model, data)),
              partly.map(([answers, extra]) => {
                const state = sa.parseAnswers(model, {format, answers, ...extra});
                return [state.answers, state.dropped];
              }),
            ];
        }""",
        [NOT_ANSWERS, PARTLY_BAD, FORMAT],
    )
    assert refused == [None] * len(NOT_ANSWERS)
    assert dropped == [[{"1": 2}, count] for _, _, count in PARTLY_BAD]

    # Answering still works and is kept.
    page.check("#hb-sa-q2-c3")
    assert stored(page, "ngo-handbook:self-assessment")["answers"] == {"1": 1, "2": 3}

    # Files: too large, not answers (a list of answers, not JSON), partly bad.
    def load(name: str, body: bytes) -> str:
        (tmp_path / name).write_bytes(body)
        before = message.inner_text()
        page.set_input_files('input[data-file="load"]', tmp_path / name)
        page.wait_for_function(
            "([el, old]) => el.textContent !== old", arg=[message.element_handle(), before]
        )
        return message.inner_text()

    huge = load("huge.json", b" " * 20_000_000)
    assert huge.startswith("«huge.json» жауаптар файлы болу үшін тым үлкен (20"), huge
    assert huge.endswith("1 MБ."), huge  # CLDR's Kazakh unit
    list_of_answers = json.dumps({"format": FORMAT, "answers": [1, 2, 3]}).encode()
    assert (
        load("list.json", list_of_answers)
        == "«list.json» өзін-өзі бағалау жауаптарының файлы емес."
    )
    assert (
        load("broken.json", b'{"format": ')
        == "«broken.json» өзін-өзі бағалау жауаптарының файлы емес."
    )
    partly = json.dumps(
        {"format": FORMAT, "answers": {"1": 2, "2": "x"}, "organisation": {"a": 1}}
    ).encode()
    assert load("partly.json", partly) == kazakh("self_assessment", "file_partly").replace(
        "{file}", "partly.json"
    )
    assert page.is_checked("#hb-sa-q1-c2")
    assert errors == [] and page.console_errors == [] and page.outside_requests == []


def test_malformed_partner_anchor_is_ignored(page, site_url) -> None:
    errors = plant(page, {})
    page.goto(site_url + "partners/#org-%ZZ")
    assert page.is_visible(".hb-partners-filters")
    page.fill("#hb-partners-query", "Almaty")
    assert errors == [] and page.console_errors == []


def test_without_javascript_no_button_that_needs_it_shows(page_without_javascript, site_url):
    tab = page_without_javascript
    tab.goto(site_url + "forms/application/")
    assert tab.is_visible(".hb-form-download")
    assert not tab.is_visible(".hb-form-print") and not tab.is_visible(".hb-form-clear")
    tab.goto(site_url + "orientation/")
    assert not tab.locator(".hb-checklist__tools").first.is_visible()
    assert not tab.locator(".hb-checklist__print").first.is_visible()
