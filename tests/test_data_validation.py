"""Broken sources: each mistake gives one clear message with file, line and column, all of
them at once, a non-zero exit, no traceback, and leaves an existing site untouched.

Mistakes in data/ are golden cases (tests/cases/data_errors.yml) run against the loader
alone; the builds below check what only a build shows: the messages on the command line,
mistakes in content/, and the site folder after a failed build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    apply_edit,
    assert_fails_with,
    copy_sources,
    expected_lines,
    line_of,
    load_data,
    new_handbook,
    reported_problems,
    run_build,
    yaml_data,
)
from ngo_handbook.problems import HandbookError

CASES = yaml_data((Path(__file__).parent / "cases" / "data_errors.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_data_mistake_gives_exact_messages(case: dict, data_copy: Path) -> None:
    for edit in case["edits"]:
        apply_edit(data_copy / "data", edit)
    strict = case.get("strict", False)
    if "warnings" in case:
        data = load_data(data_copy, strict=strict)
        assert [str(w) for w in data.warnings] == expected_lines(data_copy, case["warnings"])
        return
    with pytest.raises(HandbookError) as raised:
        load_data(data_copy, strict=strict)
    assert [str(p) for p in raised.value.problems] == expected_lines(data_copy, case["problems"])


def test_golden_cases_each_expect_something() -> None:
    for case in CASES:
        assert case.get("problems") or case.get("warnings"), case["name"]
        assert case["edits"], case["name"]


def test_command_line_reports_a_broken_data_file_without_a_traceback(tmp_path: Path) -> None:
    """What a user runs: `mkdocs build --strict`, exit code 1 and the message, no traceback."""
    project = copy_sources(tmp_path / "project")
    handbook = project / "data" / "handbook.yml"
    handbook.write_text(
        handbook.read_text(encoding="utf-8") + "tagine: Helping volunteers\n", encoding="utf-8"
    )
    line = line_of(handbook, "tagine:")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output, output
    assert "The handbook sources have 1 problem; nothing was built" in output, output
    assert f"data/handbook.yml:{line}:1: unknown key 'tagine'. Did you mean 'tagline'?" in output
    assert not (project / "site").exists()


def test_mistakes_in_pages_are_reported_together_and_leave_the_site_intact(build_handbook):
    marker_text = "previous good build"

    def change(project: Path) -> None:
        site = project / "site"
        site.mkdir()
        (site / "index.html").write_text(marker_text, encoding="utf-8")
        content = project / "content"
        (content / "tr" / "about-volunteering.md").write_text(
            "---\ntitle: Gönüllülük\ndescription: Bir: iki: üç\n---\n\n# Gönüllülük\n",
            encoding="utf-8",
        )
        (content / "kk" / "about-volunteering.md").write_text(
            "---\ntitle: Волонтерлік\n\n# Волонтерлік\n", encoding="utf-8"
        )
        (content / "tr" / "self-assessment" / "guidance" / "q8-c2.md").write_text(
            "---\ntitle: Kapımız: herkese açık\nquestion_id: 8\nchoice_id: 2\n---\nMetin.\n",
            encoding="utf-8",
        )
        handbook = project / "data" / "handbook.yml"
        handbook.write_text(
            handbook.read_text(encoding="utf-8").replace(
                "logo: assets/images/logo.svg", "logo: assets/images/our-logo.png"
            ),
            encoding="utf-8",
        )

    result = build_handbook(change)
    assert_fails_with(result, "The handbook sources have 5 problems; nothing was built")
    guidance = "content/tr/self-assessment/guidance/q8-c2.md"
    quote_it = 'put the whole value in quotes, for example title: "Step 1: plan"'
    logo_line = line_of(result.project / "data" / "handbook.yml", "logo:")
    assert reported_problems(result) == [
        "content/kk/about-volunteering.md:1:1: the front matter that starts here is never "
        "closed; add a line '---' after it",
        "content/tr/about-volunteering.md:3:17: the front matter is not valid YAML: a ': ' "
        f"inside a value; {quote_it}",
        f"{guidance}:1:1: this page is in the self-assessment's guidance folder but its front "
        "matter does not say which answer it is for; start it with '---', 'title: …', "
        "'question_id: N', 'choice_id: N', '---'",
        f"{guidance}:2:15: the front matter is not valid YAML: a ': ' inside a value; {quote_it}",
        f"data/handbook.yml:{logo_line}:7: there is no image 'content/assets/images/our-logo.png'; "
        "put the logo there, or write the path of the image inside content/ (or remove the "
        "'logo' line)",
    ]
    assert (result.site / "index.html").read_text(encoding="utf-8") == marker_text
    assert sorted(p.name for p in result.site.iterdir()) == ["index.html"]


def test_strict_warning_late_in_the_build_leaves_the_existing_site_intact(tmp_path: Path):
    """A broken link is only found while pages are rendered, after files were written:
    the build goes to a side folder and the old site stays."""
    marker_text = "previous good build"
    project = new_handbook(tmp_path, "en,ar")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text(marker_text, encoding="utf-8")
    page = project / "content" / "ar" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](no-such-page.md)\n", "utf-8")

    result = run_build(project)
    assert_fails_with(result, "no-such-page.md", "in strict mode")
    assert (result.site / "index.html").read_text(encoding="utf-8") == marker_text
    assert sorted(p.name for p in result.site.iterdir()) == ["index.html"]


def test_missing_translation_falls_back_outside_strict(tmp_path: Path):
    project = new_handbook(tmp_path, "en,kk")
    handbook = project / "data" / "handbook.yml"
    text = handbook.read_text(encoding="utf-8")
    kazakh = "  kk: Волонтерлеріміз бен оларды үйлестіретін адамдарға арналған нұсқаулық.\n"
    assert kazakh in text
    handbook.write_text(text.replace(kazakh, ""), encoding="utf-8")

    result = run_build(project, strict=False)
    assert result.ok, result.output
    tagline_line = line_of(handbook, "tagline:")
    warning = (
        f"data/handbook.yml:{tagline_line + 1}:3: there is no Kazakh ('kk') text; "
        "the English text is shown instead. Add 'kk: …' here"
    )
    warnings = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and warnings[0].endswith(warning), result.output
    kazakh_home = (result.site / "kk" / "index.html").read_text(encoding="utf-8")
    assert "A handbook for our volunteers and the people who coordinate them." in kazakh_home
