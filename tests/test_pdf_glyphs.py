"""A character no installed font has stops the build instead of printing an empty box."""

from __future__ import annotations

from pathlib import Path

from conftest import assert_fails_with, new_handbook, run_build
from ngo_handbook.context import nav_paths
from ngo_handbook.forms import css_string
from ngo_handbook.pdf.fonts import (
    describe_missing,
    font_advice,
    has_font,
    pdf_text,
    visible_characters,
)

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
        "would print empty boxes for 2 characters that no installed font has: '\U00011900' "
        "(U+11900 DIVES AKURU LETTER A), '\U00011901' (U+11901",
        "Install a font that has them",
    )
    # The last good site is left as it was: no PDF, nothing half-built replaces it.
    assert [p.name for p in result.site.iterdir()] == ["index.html"]
    assert (result.site / "index.html").read_text(encoding="utf-8") == "previous good build"


def test_text_for_screen_readers_only_is_not_expected_on_paper(tmp_path: Path):
    """The partner directory tells screen readers that a link leads off the site; on paper
    the link shows its address instead. A letter only that note holds is not "lost"."""
    project = new_handbook(tmp_path)
    strings = project / "data" / "strings" / "en.yml"
    strings.parent.mkdir(exist_ok=True)
    strings.write_text("partners:\n  external: (external site Ω)\n", encoding="utf-8")

    result = run_build(project, strict=False, pdf=True)

    assert result.ok, result.output
    page = (result.site / "partners" / "index.html").read_text(encoding="utf-8")
    assert '<span class="hb-partners-sr"> (external site Ω)</span>' in page
    assert "Ω" not in pdf_text(result.site / "handbook-en.pdf")


def test_missing_characters_are_counted_and_their_fonts_named():
    chinese = [chr(code) for code in range(0x4E00, 0x4E00 + 12)]
    listed = describe_missing(chinese)
    assert listed.startswith("'一' (U+4E00 CJK UNIFIED IDEOGRAPH-4E00), '丁' (U+4E01")
    assert listed.endswith(", '万' (U+4E07 CJK UNIFIED IDEOGRAPH-4E07) and 4 more")
    assert describe_missing(["ü"]) == "'ü' (U+00FC LATIN SMALL LETTER U WITH DIAERESIS)"
    assert font_advice(chinese) == (
        "Install a font for Chinese, Japanese or Korean text "
        "(on Debian or Ubuntu: sudo apt install fonts-noto-cjk), or remove them"
    )
    assert font_advice(["한", "\U0001f600"]) == (
        "Install a font for Korean and emoji text "
        "(on Debian or Ubuntu: sudo apt install fonts-noto-cjk fonts-noto-color-emoji), "
        "or remove them"
    )
    assert "sudo apt install fonts-noto-extra)" in font_advice(list(RARE))


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
