"""The `{{ handbook: … }}` directive: a data block inside a hand-written page, and a clear
error with page, line and suggestion when the directive names something that does not exist."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import LANGUAGES, REPO, load_context, new_handbook, run_build
from ngo_handbook.embedding import check_directives, expand_directives
from ngo_handbook.feature import SourcePage
from ngo_handbook.problems import HandbookError

# One worker of `pytest -n` runs this module: its tests share one load of the sample.
pytestmark = pytest.mark.xdist_group("embedding")


def embedding_page(group: str, checklist: str) -> str:
    """A page that embeds one group of safety topics, one orientation checklist and the
    volunteer's rights and duties, and shows a directive in a code block."""
    return f"""\
---
title: Embedding test
description: A page that embeds data blocks.
---

# Embedding test

Some of the safety topics:

{{{{ handbook: safety group={group} }}}}

One orientation checklist:

{{{{ handbook: orientation checklist={checklist} }}}}

{{{{handbook:rights-and-duties party=volunteer}}}}

How to write a directive (shown, not expanded):

```markdown
{{{{ handbook: safety }}}}
```
"""


GOOD_PAGE = embedding_page(group="general", checklist="remote")
"""The page, with the sample's ids."""

BROKEN_PAGE = """\
---
title: Broken directives
---

# Broken directives

{{ handbook: safty }}

Some text.

{{ handbook: safety group=genral }}
{{ handbook: orientation colour=red }}
{{ handbok: safety }}
"""


@pytest.fixture(scope="module")
def context():
    """The sample's build context, as the load phase makes it."""
    return load_context(REPO)


def pages_in(context, folder: Path, pages: dict[str, str]):
    """The context with `folder` as the project, its content/ holding only `pages`."""
    for path, text in pages.items():
        source = folder / "content" / path
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(text, encoding="utf-8")
    return dataclasses.replace(context, project_dir=folder, docs_dir=folder / "content")


def source_page(folder: Path, path: str, language: str) -> SourcePage:
    return SourcePage(
        path=path.split("/", 1)[1],
        language=language,
        display_path=f"content/{path}",
        source_file=folder / "content" / path,
    )


def body_of(text: str) -> str:
    """The Markdown MkDocs hands to plugins: the page without its front matter."""
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


def test_directive_lines_are_replaced_and_code_is_left_alone(tmp_path, context) -> None:
    page = source_page(tmp_path, "en/good.md", "tr")
    result = expand_directives(body_of(GOOD_PAGE), page, context)
    assert 'data-hb-checklist="safety-general"' in result
    assert "Çıkar çatışması" in result  # the Turkish title of a general topic
    assert "Bina güvenliği" not in result  # a topic of another group
    assert 'data-hb-checklist="orientation-remote"' in result
    assert 'id="rights-and-duties-volunteer"' in result
    assert "```markdown\n{{ handbook: safety }}\n```" in result


def test_wrong_directives_name_page_line_and_suggestion(tmp_path, context) -> None:
    problems = check_directives(pages_in(context, tmp_path, {"en/broken.md": BROKEN_PAGE}))
    assert [str(problem) for problem in problems] == [
        "content/en/broken.md:7:1: there is no block 'safty'. Did you mean 'safety'? "
        "Expected one of: " + ", ".join(sorted(context.blocks)),
        "content/en/broken.md:11:1: 'genral' is not a group of the block 'safety'. "
        "Did you mean 'general'? Expected one of: premises, children, health, general",
        "content/en/broken.md:12:1: the block 'orientation' has no option 'colour'. "
        "Options: checklist",
        "content/en/broken.md:13:1: '{{ handbok: … }}' is not a directive. "
        "Did you mean '{{ handbook: … }}'?",
    ]
    # A page that changed after the check still stops at its wrong directive.
    with pytest.raises(HandbookError):
        expand_directives(
            body_of(BROKEN_PAGE), source_page(tmp_path, "en/broken.md", "en"), context
        )


OUTINGS = """\
  - id: outings
    title:
      en: On outings
    topics:
      - id: pairs
        title:
          en: Travelling in pairs
        explanation:
          en: Volunteers go out two by two and say when they are back.
"""


def test_a_real_build_embeds_blocks_in_a_page(tmp_path: Path) -> None:
    # A new handbook with a second group of safety topics, to leave out.
    project = new_handbook(tmp_path)
    safety = project / "data" / "safety.yml"
    safety.write_text(safety.read_text(encoding="utf-8") + OUTINGS, encoding="utf-8")
    (project / "content" / "en" / "embedding-test.md").write_text(
        embedding_page(group="premises", checklist="new-volunteer"), "utf-8"
    )

    result = run_build(project)

    assert result.ok, result.output
    html = (result.site / "embedding-test" / "index.html").read_text(encoding="utf-8")
    assert 'data-hb-checklist="safety-premises"' in html
    assert "Emergency exits" in html
    assert "Travelling in pairs" not in html
    assert 'data-hb-checklist="orientation-new-volunteer"' in html
    assert "Our mission and values" in html
    assert 'id="rights-and-duties-volunteer"' in html
    assert "Come at the agreed times" in html
    assert "Explain the volunteer's tasks clearly" not in html.replace("&#39;", "'")
    # The directive inside a code block stays as text for the reader.
    assert re.search(r"<code[^>]*>.*\{\{ handbook: safety \}\}", html, re.S)
    # The checklist script and styles come with the page, in the checklists' own files.
    for suffix, code in ((".js", "data-hb-checklist"), (".css", ".hb-checklist__box")):
        found = re.search(rf'"\.\./(assets/ngo-handbook/checklists\.[0-9a-f]{{8}}\{suffix})"', html)
        assert found, suffix
        assert code in (result.site / found.group(1)).read_text(encoding="utf-8")
    # The safety page itself still lists both groups.
    whole = (result.site / "safety" / "index.html").read_text(encoding="utf-8")
    assert "Travelling in pairs" in whole and "Emergency exits" in whole


def test_a_real_build_stops_at_a_wrong_directive(tmp_path: Path) -> None:
    project = new_handbook(tmp_path)
    (project / "content" / "en" / "broken.md").write_text(BROKEN_PAGE, encoding="utf-8")

    result = run_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output, result.output
    assert (
        "content/en/broken.md:7:1: there is no block 'safty'. Did you mean 'safety'?"
        in result.output
    )
    assert "content/en/broken.md:13:1: '{{ handbok: … }}' is not a directive." in result.output
    assert not (result.site / "broken" / "index.html").exists()


def test_the_activity_chapter_embeds_the_safety_briefing(built_site: Path) -> None:
    for language in LANGUAGES:
        prefix = "" if language == "en" else f"{language}/"
        html = (built_site / prefix / "strategy" / "activity" / "index.html").read_text("utf-8")
        assert 'data-hb-checklist="safety"' in html, language
        assert "{{ handbook" not in html, language


def test_lines_are_those_of_the_file_with_its_front_matter(tmp_path, context) -> None:
    text = (
        "---\ntitle: Екі рет\n---\n\n{{ handbook: safety }}\n\nМәтін.\n\n"
        "{{ handbook: safety group=x }}\n"
    )
    problems = check_directives(pages_in(context, tmp_path, {"kk/twice.md": text}))
    assert [str(p).split(": ")[0] for p in problems] == ["content/kk/twice.md:9:1"]
