"""The Jinja2 environment for generated pages: autoescaped, overridable from `overrides/`.

MkDocs renders its own templates without autoescape; ours escape every value, so text
from YAML can never become markup. A template `templates/X.html` of this package can be
replaced by `overrides/ngo_handbook/X.html` in the handbook's own repository.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .model import Fallback
from .stand_ins import isolated_parts

TEMPLATES = Path(__file__).parent / "templates"


class Templates:
    """The autoescaping Jinja2 environment of one build.

    Templates in `overrides_dir/ngo_handbook/` (when that folder exists) replace the
    packaged ones of the same name.
    """

    def __init__(self, overrides_dir: Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if overrides_dir is not None and (overrides_dir / "ngo_handbook").is_dir():
            loaders.append(jinja2.FileSystemLoader(overrides_dir / "ngo_handbook"))
        loaders.append(jinja2.FileSystemLoader(TEMPLATES))
        self.environment = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=template_cache(),
        )
        self.environment.filters["join_list"] = join_html
        self.environment.filters["with_colon"] = with_colon
        self.environment.filters["number"] = number_in
        self.environment.filters["plain"] = plain
        self.environment.filters["language_attributes"] = language_attributes

    def render(self, template: str, **context: Any) -> str:
        """Render a packaged (or overridden) template with autoescaping."""
        return self.environment.get_template(template).render(**context)

    def heading(self, title: str, lead: str = "") -> str:
        """A generated page's <h1> (with the id a Markdown heading would get) and lead."""
        return self.render("page/heading.html", id=anchor(title), title=title, lead=lead)


_ENDS_A_SENTENCE = tuple("?!:;.…؟？！：。")


def with_colon(label: str) -> str:
    """A label before what it names: `Name:`, but `Which ones?` as it is (not `?:`)."""
    # An isolated label (English standing in for a right-to-left language) gets its colon
    # inside, in its own direction.
    opening, text, closing = isolated_parts(str(label).rstrip())
    # Chinese and Japanese write the full-width colon.
    colon = "：" if text and "\u3000" <= text[-1] <= "\u9fff" else ":"
    shown = opening + (text if text.endswith(_ENDS_A_SENTENCE) else text + colon) + closing
    return Fallback(shown, label.language) if isinstance(label, Fallback) else shown


def number_in(value: int, language: str) -> str:
    """`{{ n | number(language) }}`: a question's or an item's number in the language's own
    digits (`۷` in Persian), as the page scripts and the dates write them."""
    from .plural_text import format_number

    return format_number(value, language)


def text_html(value: Any, language: str, default_language: str) -> str:
    """A data Text for an element's content, in `language`: a text shown in another
    language (not yet translated) is wrapped in an element with that language's `lang`
    and `dir`, so an English question reads left to right on an Arabic page. Escaped; use
    it between tags only, never in an attribute."""
    if value is None:
        return ""
    return Markup(escape(value.shown(language, default_language)))


def plain(text: Any) -> str:
    """A text for an attribute: a `model.Fallback` without its `lang` element."""
    return str(text)


def language_attributes(text: Any) -> Markup:
    """` lang=… dir=…` for an element that holds only text (an `<option>`, which can hold
    no other element) when `text` is a `model.Fallback`, else nothing."""
    from .languages import direction

    if not isinstance(text, Fallback):
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(text.language, direction(text.language))


def join_html(items, language: str) -> Markup:
    """HTML pieces (escaped unless Markup) joined as `language` writes a list, with its own
    separator and "and" (`languages.join_list`)."""
    joined = _list_pattern(len(items), language)
    for number, item in enumerate(items):
        joined = joined.replace(f"\ue000{number}\ue001", str(escape(item)))
    return Markup(joined)


@functools.lru_cache(maxsize=256)
def _list_pattern(count: int, language: str) -> str:
    """A list of `count` numbered placeholders as `language` writes it, escaped: the same
    for every list of that length, and CLDR's formatting is slow (a directory of ten
    thousand entries asks for it forty thousand times)."""
    from .languages import join_list

    keys = [f"\ue000{number}\ue001" for number in range(count)]
    return str(escape(join_list(keys, language)))


def template_cache() -> jinja2.BytecodeCache:
    """Compiled templates kept on disk (in the system's temporary folder, per user) and
    shared by every build and process: a template is compiled again only when its source
    changes. The theme's templates are otherwise compiled anew for every language."""
    return jinja2.FileSystemBytecodeCache()


TITLE_LANGUAGE = "title_language"
"""The front-matter key naming the language of a title not yet translated."""


def title_language(title: str) -> dict[str, str]:
    """The front-matter key of a title not yet translated: the menu shows it with its own
    lang and dir (`mkdocs_pages.mark_title_languages`)."""
    return {TITLE_LANGUAGE: title.language} if isinstance(title, Fallback) else {}


def front_matter(title: str, description: str | None = None, *, search: bool = True) -> str:
    """A YAML front-matter block for a generated page (kept out of the site's search with
    `search=False`).

    MkDocs and Material print a page's title without escaping it (in `<title>`, the
    navigation, the heading, the search results), so it is escaped here. The description
    stays as it is: overrides/main.html escapes it in the page's meta description. Both are
    written as plain text: a `Fallback` (a text not yet translated) carries its language
    apart, in `title_language`.
    """
    import yaml

    fields = {
        "title": html.escape(str(title)),
        "description": None if description is None else str(description),
        **title_language(title),
    }
    clean = {key: value for key, value in fields.items() if value not in (None, "")}
    if not search:
        clean["search"] = {"exclude": True}
    return "---\n" + yaml.safe_dump(clean, allow_unicode=True, sort_keys=False) + "---\n\n"


def anchor(title: str, taken: set[str] | None = None, fallback: str = "title") -> str:
    """The readable id a Markdown heading `title` would get, made unique among `taken`
    (which it joins) by Python-Markdown's own rule: `_1`, `_2`, ... after a repeat."""
    from markdown.extensions.toc import unique
    from pymdownx.slugs import slugify

    identifier = slugify(case="lower")(title, "-") or fallback
    return identifier if taken is None else unique(identifier, taken)


__all__ = [
    "TITLE_LANGUAGE",
    "Markup",
    "Templates",
    "anchor",
    "front_matter",
    "join_html",
    "template_cache",
    "text_html",
]
