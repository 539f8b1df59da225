"""The sample handbook's own sources: what the organisation wrote, complete in every language.

These check the content shipped as the sample, not the generator; the generator's tests
read their expectations from these same files.
"""

from __future__ import annotations

import re

import yaml
from conftest import LANGUAGES, REPO

CONTENT = REPO / "content"
DATA = REPO / "data"
GUIDANCE = "self-assessment/guidance"


def load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def chapter_paths() -> list[str]:
    """Every hand-written page of the default language, relative to its folder."""
    return sorted(
        path.relative_to(CONTENT / "en").as_posix()
        for path in (CONTENT / "en").rglob("*.md")
        if "self-assessment" not in path.parts
    )


def test_every_chapter_is_written_in_every_language():
    english = chapter_paths()
    assert len(english) >= 14
    for language in LANGUAGES:
        missing = [p for p in english if not (CONTENT / language / p).is_file()]
        assert missing == [], f"{language} lacks {missing}"


def test_sample_has_the_forms_of_the_issue():
    assert {path.stem for path in (DATA / "forms").glob("*.yml")} == {
        "application",
        "agreement",
        "agreement-remote",
        "activity-diary",
        "skills",
    }


def test_partners_match_the_source_list():
    data = load("partners.yml")
    organisations = data["organisations"]
    assert len(organisations) == 78
    cities = {city["id"]: city for city in data["cities"]}
    for city in cities.values():
        assert set(city["name"]) == set(LANGUAGES)
    for organisation in organisations:
        assert organisation["city"] in cities
        assert organisation["areas"], organisation["id"]
        assert "contact" not in organisation  # the source only has private people's contacts


def sample_choices() -> list[tuple[int, int]]:
    return [
        (question["id"], choice["id"])
        for area in load("self_assessment.yml")["areas"]
        for question in area["questions"]
        for choice in question["choices"]
    ]


def test_self_assessment_covers_the_programme_end_to_end():
    """At least 6 areas and 12 questions, question 8 and 11 present for the source pages."""
    data = load("self_assessment.yml")
    questions = {q["id"]: q for area in data["areas"] for q in area["questions"]}
    assert len(data["areas"]) >= 6
    assert len(questions) >= 12
    assert {choice["id"] for choice in questions[8]["choices"]} >= {2}
    assert {choice["id"] for choice in questions[11]["choices"]} >= {3}
    for question in questions.values():
        assert 3 <= len(question["choices"]) <= 4
        for choice in question["choices"]:
            assert 1 <= choice["level"] <= 4
            assert set(choice["text"]) == set(LANGUAGES), (question["id"], choice["id"])


def test_every_choice_has_guidance_of_real_length_in_every_language():
    for language in LANGUAGES:
        for question, choice in sample_choices():
            path = CONTENT / language / GUIDANCE / f"q{question}-c{choice}.md"
            assert path.exists(), path
            text = path.read_text(encoding="utf-8")
            meta = yaml.safe_load(text.split("---")[1])
            assert (meta["question_id"], meta["choice_id"]) == (question, choice), path
            body = text.split("---", 2)[2]
            words = len(re.sub(r"\]\([^)]*\)", "]", body).split())
            assert 120 <= words <= 300, f"{path}: {words} words"


def test_the_activity_chapter_embeds_the_safety_briefing():
    for language in LANGUAGES:
        source = (CONTENT / language / "strategy" / "activity.md").read_text("utf-8")
        assert "{{ handbook: safety }}" in source, language
