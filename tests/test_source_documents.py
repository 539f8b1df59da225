"""The source documents (`../shared/seeds/`, see its README), read at test time: the
sample handbook copies none of their sentences, and a result page of the source
self-assessment tool dropped unchanged into a handbook is a guidance page like any other.

The sample says everything in its own words, so the verbatim pages are tried on a small
new handbook whose questionnaire asks the source pages' questions: the build must take
them as they are (their own file names, their link markup, a '--- ' with a trailing space).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_build
from ngo_handbook.cli import main

SEED_NAMES = {(8, 2): "000_d08bdb6b8a4f93c6", (11, 3): "001_a5ecb17aa074c207"}
"""The two Turkish result pages of the source tool: (question, choice) → file name."""


def seeds_folder() -> Path:
    """The source documents: `HANDBOOK_SEEDS`, or `shared/seeds` beside the checkout or
    beside any folder that holds it (a git worktree sits a level or two deeper)."""
    candidates = [Path(os.environ["HANDBOOK_SEEDS"])] if "HANDBOOK_SEEDS" in os.environ else []
    candidates += [folder / "shared" / "seeds" for folder in REPO.parents]
    found = next((folder for folder in candidates if folder.is_dir()), None)
    if found is None:
        # Reported in the summary (`-ra`): the documents live beside the repository, not in it.
        pytest.skip(
            "the source documents are not beside this checkout (shared/seeds); "
            "set HANDBOOK_SEEDS to their folder to run this test"
        )
    return found


def questionnaire() -> str:
    """Questions 8 and 11, each with the source page's choice and the one before it (any
    question needs two); markup in a question's text must come out as text."""
    questions = [
        {
            "id": question,
            "text": {"en": f"Question <b>{question}</b>?", "tr": f"Soru {question}?"},
            "choices": [
                {"id": c, "level": c, "text": {"en": f"Answer {c}.", "tr": f"Yanıt {c}."}}
                for c in (choice - 1, choice)
            ],
        }
        for question, choice in SEED_NAMES
    ]
    data = {
        "title": {"en": "Self-assessment", "tr": "Öz değerlendirme"},
        "intro": {"en": "Two questions.", "tr": "İki soru."},
        "areas": [
            {"id": "culture", "title": {"en": "Culture", "tr": "Kültür"}, "questions": questions}
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_source_pages_are_accepted_unchanged_anywhere_in_their_language_folder(tmp_path: Path):
    project = tmp_path / "handbook"
    assert main(["new", str(project), "--name", "Deneme", "--languages", "en,tr"]) == 0
    (project / "data" / "self_assessment.yml").write_text(questionnaire(), encoding="utf-8")
    for language in ("en", "tr"):
        guidance = project / "content" / language / "self-assessment" / "guidance"
        shutil.rmtree(guidance)  # the example's answers: this questionnaire has others
        guidance.mkdir()
    guidance = project / "content" / "en" / "self-assessment" / "guidance"
    for question, choice in SEED_NAMES:
        # English guidance for both choices; Turkish for the one before the source page's.
        for folder, c in (
            (guidance, choice - 1),
            (guidance, choice),
            (project / "content" / "tr" / "self-assessment" / "guidance", choice - 1),
        ):
            (folder / f"q{question}-c{c}.md").write_text(
                f"---\ntitle: Answer {c}.\nquestion_id: {question}\nchoice_id: {c}\n---\n\nText.\n",
                encoding="utf-8",
            )
    seeds = seeds_folder()
    for name in SEED_NAMES.values():
        shutil.copyfile(seeds / f"{name}.txt", project / "content" / "tr" / f"{name}.md")

    result = run_build(project)

    assert result.ok, result.output
    html = (result.site / "tr" / "self-assessment" / "index.html").read_text(encoding="utf-8")
    for (question, choice), name in SEED_NAMES.items():
        source = (seeds / f"{name}.txt").read_text(encoding="utf-8")
        start = html.index(f'data-guidance="q{question}-c{choice}"')
        block = html[start : html.index("</div>", start)]
        assert f'data-url="../{name}/"' in block
        first_sentence = re.sub(r"\[|\]\([^)]*\)", "", source.split("---", 2)[2]).split(".")[0]
        assert first_sentence.strip() in " ".join(block.split())
        for link in re.findall(r"\]\((https://[^)]+)\)", source)[:3]:
            assert f'href="{link.replace("&", "&amp;")}"' in block
        assert (result.site / "tr" / name / "index.html").is_file()
    english = (result.site / "self-assessment" / "index.html").read_text(encoding="utf-8")
    assert "Question &lt;b&gt;8&lt;/b&gt;?" in english and "<b>8</b>" not in english


def plain(text: str) -> str:
    """Text without link targets, HTML tags or Markdown marks, its spaces collapsed."""
    text = re.sub(r"\]\([^)]*\)|<[^>]+>|[\[\]*_]", " ", text)
    return " ".join(text.split())


def test_the_sample_says_everything_in_its_own_words():
    """No sentence of a source document (60 characters or more) appears in the sample's
    pages or data: the facts carry over, the wording is the handbook's own."""
    sample = {
        path.relative_to(REPO).as_posix(): plain(path.read_text(encoding="utf-8"))
        for folder, pattern in (("content", "*.md"), ("data", "*.yml"))
        for path in (REPO / folder).rglob(pattern)
    }
    copied = [
        (source.name, where, sentence[:60])
        for source in sorted(seeds_folder().glob("*.txt"))
        for sentence in re.split(r"(?<=[.!?])\s+", plain(source.read_text(encoding="utf-8")))
        if len(sentence) >= 60
        for where, text in sample.items()
        if sentence in text
    ]
    assert copied == []
