"""The self-assessment: questions in `data/self_assessment.yml`, guidance per choice in Markdown.

An organisation answers questions grouped in areas; each choice has a maturity level (1–4)
and a guidance page written for organisations that picked it. Guidance pages are ordinary
Markdown pages anywhere under `content/<lang>/`, recognised by their front matter, the
format staff already know:

    ---
    title: the text of the chosen answer
    question_id: 8
    choice_id: 2
    ---
    Guidance for an organisation that picked this answer.

The assessment page (`self-assessment/index.md`) is generated per language: a complete
questionnaire without JavaScript, and with the guidance of every choice embedded (hidden)
so that the browser can show it in the result view without any request.

`model` holds the data model and its checks, `guidance` reads and checks the guidance
pages, `view` renders what the reader sees, `pages` makes the pages.
"""

from __future__ import annotations

from ..feature import Feature
from .guidance import check_guidance, guidance_paths
from .model import KIND
from .pages import assessment_pages, guidance_title, page_markdown

FEATURE = Feature(
    name="self-assessment",
    data_kinds=(KIND,),
    strings=("self_assessment",),
    check_content=check_guidance,
    pages=assessment_pages,
    page_markdown=page_markdown,
    outside_menu=guidance_paths,
    page_title=guidance_title,
    assets=(
        "self_assessment.css",
        "self_assessment/model.js",
        "self_assessment/answers.js",
        "self_assessment/results.js",
        "self_assessment/files.js",
        "self_assessment/main.js",
    ),
    marks=("hb-sa",),
)
