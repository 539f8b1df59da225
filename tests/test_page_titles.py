"""A page without a title in its front matter takes the text of its first heading."""

from __future__ import annotations

import pytest
from ngo_handbook.page_titles import first_heading, title_for


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Shifts and hygiene\n\nText.", "Shifts and hygiene"),
        ("Intro line.\n\n# Later heading\n", "Later heading"),
        ("#No space\n", "No space"),
        ("   # Indented three\n", "Indented three"),
        ("# Closed heading ##\n", "Closed heading"),
        ("# Quitter le programme {#leaving .wide}\n", "Quitter le programme"),
        ("# Mit Attributen { #anchor }\n", "Mit Attributen"),
        ("# C# in a title\n", "C# in a title"),
        ("Titre souligné\n==============\n\nTexte.", "Titre souligné"),
        ("Titre {#id}\n===\n", "Titre"),
        ("# The *first* `shift`, [with a link](other.md)\n", "The first shift, with a link"),
        ("# Tea &amp; bread\n", "Tea & bread"),
        ("# نوبت‌ها و بهداشت\n", "نوبت‌ها و بهداشت"),
        ("# Кезектер   жана\tтазалык\n", "Кезектер жана тазалык"),
        ("<div>a button</div>\n\n# After a block of HTML\n", "After a block of HTML"),
    ],
)
def test_first_heading(markdown: str, expected: str) -> None:
    assert first_heading(markdown) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "",
        "Only a paragraph.",
        "## A second-level heading\n",
        "```markdown\n# Inside a fence\n```\n",
        "~~~~\n# Inside a tilde fence\n```\n# still inside\n~~~~\n",
        "    # Indented code\n",
        "#\n",
        "\n===\n",
        "Text\n---\n",
    ],
)
def test_no_first_heading(markdown: str) -> None:
    assert first_heading(markdown) is None


def test_heading_after_a_fence() -> None:
    assert first_heading("```\n# no\n```\n\n# Yes\n") == "Yes"


def test_title_is_escaped_text() -> None:
    # MkDocs and Material print a page's title without escaping it.
    assert title_for({}, '# Bread <script>alert(1)</script> & "jam"\n') == (
        "Bread alert(1) &amp; &quot;jam&quot;"
    )
    assert title_for({}, "# Bread & jam\n") == "Bread &amp; jam"


def test_front_matter_title_wins_and_is_escaped_too() -> None:
    assert title_for({"title": "From the front matter"}, "# From the heading\n") == (
        "From the front matter"
    )
    assert title_for({"title": "Education <img src=x onerror=alert(1)>"}, "") == (
        "Education &lt;img src=x onerror=alert(1)&gt;"
    )
    assert title_for({"title": "</title><script>"}, "") == "&lt;/title&gt;&lt;script&gt;"
    assert title_for({"title": 1984}, "") == "1984"
    assert title_for({}, "No heading at all.\n") is None


def test_a_direction_override_in_a_title_stays_inside_it() -> None:
    # U+202E turns everything after it around, up to the end of the paragraph.
    assert title_for({"title": "invoice\u202efdp.exe"}, "") == (
        "\u2068invoice\u202efdp.exe\u202c\u2069"
    )
    assert title_for({}, "# \u2067نص\n") == "\u2068\u2067نص\u2069\u2069"
