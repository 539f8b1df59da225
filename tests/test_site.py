"""The built sample handbook: every language complete, correct lang/dir, meta, links."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml
from conftest import LANGUAGES, REPO, yaml_data

CONTENT = REPO / "content"
SITE_URL = yaml_data(
    re.sub(r"!!python/\S+", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
)["site_url"]


def chapter_paths() -> list[str]:
    """Every hand-written page of the default language, relative to its folder."""
    return sorted(
        path.relative_to(CONTENT / "en").as_posix()
        for path in (CONTENT / "en").rglob("*.md")
        if "self-assessment" not in path.parts
    )


def output_of(site: Path, language: str, page: str) -> Path:
    stem = page.removesuffix(".md")
    folder = site if language == "en" else site / language
    if stem == "index" or stem.endswith("/index"):
        return folder / stem.removesuffix("index") / "index.html"
    return folder / stem / "index.html"


def all_html(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_is_built_in_its_language(built_site, language):
    for page in chapter_paths():
        html = output_of(built_site, language, page).read_text(encoding="utf-8")
        source = (CONTENT / language / page).read_text(encoding="utf-8")
        title = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", source, re.M).group(1)
        assert f'<html lang="{language}"' in html
        assert title.replace("'", "&#39;").replace('"', "&quot;")[:20] in html.replace(
            "&#x27;", "&#39;"
        )


def test_arabic_pages_are_right_to_left_and_others_left_to_right(built_site):
    for path in all_html(built_site / "ar"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="ar"' in html, path
        assert re.search(r'<body dir="rtl"', html), path
    for language, folder in (("kk", built_site / "kk"), ("tr", built_site / "tr")):
        for path in all_html(folder):
            html = path.read_text(encoding="utf-8")
            assert f'<html lang="{language}"' in html, path
            assert '<body dir="ltr"' in html, path
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in home and '<body dir="ltr"' in home


def test_kazakh_interface_is_translated(built_site):
    html = (built_site / "kk" / "index.html").read_text(encoding="utf-8")
    for english in ("Back to top", "Table of contents", "Skip to content"):
        assert english not in html
    kk = (REPO / "plugins/ngo_handbook/theme/partials/languages/kk.html").read_text("utf-8")
    placeholder = re.search(r'placeholder="([^"]+)"', html).group(1)
    assert f'"search.placeholder": "{placeholder}"' in kk, placeholder
    assert re.search(r"[а-яәғқңөұүһі]", placeholder.lower()), placeholder
    en = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    keys = set(re.findall(r'^\s*"([a-z.]+)":', en.read_text(encoding="utf-8"), re.M))
    assert len(keys) > 20, f"no interface strings found in Material's {en}"
    translated = set(re.findall(r'^\s*"([a-z.]+)":', kk, re.M))
    assert keys <= translated, keys - translated


def test_site_name_comes_from_handbook_data_in_each_language(built_site):
    names = yaml.safe_load((REPO / "data" / "handbook.yml").read_text(encoding="utf-8"))["name"]
    for language in LANGUAGES:
        folder = built_site if language == "en" else built_site / language
        html = (folder / "about-volunteering" / "index.html").read_text(encoding="utf-8")
        assert "<title>" in html and names[language].replace("'", "&#39;") in html


def test_every_page_has_a_description_and_absolute_alternates(built_site):
    for path in all_html(built_site):
        html = path.read_text(encoding="utf-8")
        description = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert description and description.group(1).strip(), path
        alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', html)
        hreflangs = {lang for _, lang in alternates}
        assert set(LANGUAGES) | {"x-default"} <= hreflangs, (path, alternates)
        for href, _ in alternates:
            assert href.startswith(SITE_URL), (path, href)


def test_chapter_alternates_point_at_the_same_chapter(built_site):
    html = (built_site / "kk" / "strategy" / "recruitment" / "index.html").read_text(
        encoding="utf-8"
    )
    alternates = dict(
        (lang, href)
        for href, lang in re.findall(
            r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', html
        )
    )
    assert alternates["ar"] == SITE_URL + "ar/strategy/recruitment/"
    assert alternates["en"] == SITE_URL + "strategy/recruitment/"


def test_every_language_has_its_sitemap(built_site):
    for language in LANGUAGES[1:]:
        assert (
            (built_site / language / "sitemap.xml").read_text(encoding="utf-8").startswith("<?xml")
        )


def test_headings_get_readable_anchors_in_every_script(built_site):
    for language in ("ar", "kk"):
        html = (built_site / language / "about-volunteering" / "index.html").read_text(
            encoding="utf-8"
        )
        ids = re.findall(r'<h2 id="([^"]+)"', html)
        assert ids, language
        assert not any(re.fullmatch(r"_\d*", i) for i in ids), ids
        letters = r"[\u0600-\u06ff]" if language == "ar" else r"[\u0400-\u04ff]"
        assert all(re.search(letters, i) for i in ids), ids


def test_no_page_loads_anything_from_a_third_party(built_site):
    pattern = re.compile(
        r'<(?:script|img|iframe|source|link)\b[^>]*?(?:src|href)="(https?:)?//[^"]+"'
    )
    for path in all_html(built_site):
        html = path.read_text(encoding="utf-8")
        for match in pattern.finditer(html):
            tag = match.group(0)
            if tag.startswith("<link") and ('rel="alternate"' in tag or 'rel="canonical"' in tag):
                continue
            raise AssertionError(f"{path} loads {tag}")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_footer_shows_the_organisation_contact(built_site):
    html = (built_site / "tr" / "index.html").read_text(encoding="utf-8")
    assert "Gönüllü Merkezleri Ağı" in html
    assert 'href="mailto:handbook@example.org"' in html


def test_the_theme_lists_its_static_files_without_walking_dot_folders(tmp_path):
    """MkDocs copies every theme file but those under a dot folder or starting with a dot;
    `ThemeLoader` lists the same files without walking Material's 14,000 icons, and still
    finds a template under a dot folder by name."""
    import jinja2
    from ngo_handbook.theme import THEME_DIR, ThemeLoader, material_templates

    custom = tmp_path / "overrides"
    for name in ("css/extra.css", ".hidden/a.css", ".notes.txt", "img/.cache/b.png", "x.js"):
        (custom / name).parent.mkdir(parents=True, exist_ok=True)
        (custom / name).write_text("x", encoding="utf-8")
    folders = [str(custom), str(THEME_DIR), str(material_templates())]
    everything = jinja2.FileSystemLoader(folders).list_templates()
    assert ".icons/material/home.svg" in everything
    listed = ThemeLoader(folders).list_templates()
    visible = [name for name in everything if not any(p.startswith(".") for p in name.split("/"))]
    assert listed == visible
    assert {"css/extra.css", "x.js", "partials/footer.html"} <= set(listed)
    env = jinja2.Environment(loader=ThemeLoader(folders))
    assert "<svg" in env.get_template(".icons/material/home.svg").render()
