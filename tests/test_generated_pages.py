"""Generated pages get the table of contents that Python-Markdown gives a written page."""

from __future__ import annotations

import re

from ngo_handbook.mkdocs_pages import outline
from ngo_handbook.rendering import Templates, anchor, front_matter


def test_outline_nests_the_headings_that_have_an_id():
    html = (
        '<h1 id="safety">Safety &amp; care</h1><p>intro</p>'
        '<h2 id="premises">On the <em>premises</em></h2>'
        '<h3 id="fire">Fire</h3><h3>No id: left out</h3>'
        '<h2 id="children">Children</h2><h4 id="deep">Too deep</h4>'
    )
    toc = outline(html, 3)
    [top] = toc.items
    assert (top.title, top.url, top.level) == ("Safety &amp; care", "#safety", 1)
    assert [(c.title, c.url) for c in top.children] == [
        ("On the premises", "#premises"),
        ("Children", "#children"),
    ]
    assert [c.url for c in top.children[0].children] == ["#fire"]
    assert top.children[1].children == []
    assert [item.url for item in outline(html, 1)] == ["#safety"]


def test_heading_and_title_are_escaped_with_a_readable_id():
    heading = Templates().heading
    text = heading('Rights & duties <script>"x"</script>')
    assert text.startswith('<h1 id="rights--duties-x">Rights &amp; duties &lt;script&gt;')
    assert "<script>" not in text
    assert heading("Қауіпсіздік нұсқауы").startswith('<h1 id="қауіпсіздік-нұсқауы">')
    assert "title: Rights &amp; duties" in front_matter("Rights & duties", "A <b> description")
    # The description is left for the page template, which escapes it.
    assert "description: A <b> description" in front_matter("T", "A <b> description")


def test_generated_pages_list_their_sections_beside_the_text(built_site):
    html = (built_site / "kk" / "safety" / "index.html").read_text(encoding="utf-8")
    sidebar = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', sidebar)[:2] == [
        "safety-premises-title",
        "safety-children-title",
    ]
    assert re.search(r'<a href="#[^"]+" class="md-skip">', html)


def test_form_sections_are_listed_beside_the_form(built_site):
    html = (built_site / "ar" / "forms" / "application" / "index.html").read_text(encoding="utf-8")
    sidebar = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S).group(0)
    sections = re.findall(r'<h2 class="hb-form-section__title" id="([^"]+)">', html)
    assert len(sections) >= 5
    assert re.findall(r'href="#([^"]+)"', sidebar) == sections
    assert sections[0] == "معلومات-عنك"


def test_anchor_repeats_get_a_number():
    taken = {"signatures"}
    assert anchor("Signatures", taken) == "signatures_1"
    assert anchor("Signatures", taken) == "signatures_2"
    assert anchor("!!!", taken, "section") == "section"
    assert anchor("!!!", taken, "section") == "section_1"
