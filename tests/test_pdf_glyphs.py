"""A character no installed font has stops the build instead of printing an empty box."""

from __future__ import annotations

from pathlib import Path

from conftest import assert_fails_with, new_handbook, run_build
from ngo_handbook.context import nav_paths
from ngo_handbook.forms import css_string
from ngo_handbook.pdf.fonts import has_font, visible_characters

# Dives Akuru (Unicode 13): no Debian font package of this project covers it.
RARE = "\U00011900\U00011901"


def test_rare_script_in_a_form_title_fails_the_build_naming_page_and_characters(tmp_path: Path):
    assert not any(has_font(c) for c in RARE), "pick characters no installed font has"
    # A new one-language handbook: the check is the same for any handbook, and a small one
    # prints quickly.
    project = new_handbook(tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    path = project / "data" / "forms" / "volunteer-application.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  en: Volunteer application\n", f"  en: Volunteer application {RARE}\n", 1),
        encoding="utf-8",
    )

    result = run_build(project, strict=False, pdf=True)
    assert_fails_with(
        result,
        "data/forms/volunteer-application.yml: the PDF of forms/volunteer-application/ (en) "
        "would print empty boxes for",
        "U+11900 DIVES AKURU LETTER A",
        "U+11901",
    )
    # The last good site is left as it was: no PDF, nothing half-built replaces it.
    assert [p.name for p in result.site.iterdir()] == ["index.html"]
    assert (result.site / "index.html").read_text(encoding="utf-8") == "previous good build"


def test_covered_scripts_pass_the_font_check():
    sample = "Gönüllü başvuru İı شبكة مراكز التطوع Волонтерлік Қазақша ңғүұөһә 1–5 «»"
    assert all(has_font(c) for c in visible_characters(sample))


def test_css_strings_cannot_escape_their_rule():
    quoted = css_string('Org "name" </style><script>')
    assert quoted.startswith('"') and quoted.endswith('"')
    assert all(c.isascii() and (c.isalnum() or c == "\\") for c in quoted[1:-1])


def test_nav_paths_flatten_sections_in_order():
    nav = [
        "index.md",
        {"Strategy": ["strategy/index.md", {"Deep": ["a.md"]}]},
        {"Ext": "https://x.org"},
        "b.md",
    ]
    assert nav_paths(nav) == ["index.md", "strategy/index.md", "a.md", "b.md"]
