"""Pages written in some languages only: published in every language, with a note.

A hand-written page of the default language that another language lacks is built in that
language too: the default language's text inside an element with its own `lang` and `dir`
(an English chapter reads left to right on an Arabic page), under a note in the reader's
language that links to the languages the page is written in. The menu, the search and the
PDF of that language take it like any of its own pages. Guidance pages of the
self-assessment are left out: the assessment page shows them itself, with its own note.

Each missing page is reported once, with the file to create: a warning, an error under
`--strict`, a note when the handbook declares `partial_translations: true`.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from .content_checks import split_front_matter
from .context import BuildContext
from .embedding import directive_lines
from .feature import Feature, GeneratedPage, SourcePage
from .languages import english_name, name_in
from .model import Fallback
from .page_titles import first_heading
from .problems import Location, Problem
from .rendering import front_matter, join_html
from .stand_ins import is_page_mark, marked_page, page_language
from .yaml_source import YamlSyntaxError, parse_yaml

CACHE_KEY = "partial_translations.missing"
SETTING = "partial_translations: true"
PUBLISH_ADVICE = (
    f"to publish it so on purpose, set '{SETTING}' under '- ngo-handbook' in mkdocs.yml"
)
"""How to publish a handbook whose translations are not all done (README, "A page in one
language first")."""


def written_pages(context: BuildContext, language: str) -> set[str]:
    """The hand-written pages of `language`, as paths under its folder."""
    folder = context.docs_dir / language
    if not folder.is_dir():
        return set()
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")}


def missing_pages(context: BuildContext) -> dict[str, list[str]]:
    """language → the default language's pages it lacks (guidance pages left out)."""
    if CACHE_KEY not in context.cache:
        # Imported here: `features` lists this module's feature.
        from .features import outside_menu

        default = context.default_language
        shown_elsewhere = outside_menu(context)
        originals = sorted(written_pages(context, default) - shown_elsewhere)
        context.cache[CACHE_KEY] = {
            language: [path for path in originals if path not in written]
            for language in context.languages[1:]
            for written in [written_pages(context, language)]
        }
    return context.cache[CACHE_KEY]


def missing_message(context: BuildContext, language: str, create: str, what: str) -> str:
    """ "not yet translated into Arabic (ar): create …", the same words for every kind."""
    default = english_name(context.default_language)
    advice = "" if context.partial_translations else f" ({PUBLISH_ADVICE})"
    return (
        f"not yet translated into {english_name(language)} ({language}): create {create}; "
        f"until then the {english_name(language)} handbook shows {what} in {default} with a "
        f"note{advice}"
    )


def check_translations(context: BuildContext) -> list[Problem]:
    """Load phase: each page a language lacks, once, naming the file to create."""
    problems: list[Problem] = []
    folder = context.display(context.docs_dir)
    for language, paths in missing_pages(context).items():
        for path in paths:
            original = Location(f"{folder}/{context.default_language}/{path}")
            message = missing_message(context, language, f"{folder}/{language}/{path}", "it")
            context.missing_translation(problems, Problem(original, message))
    return problems


def _split_page(path: Path, display: str) -> tuple[dict, str]:
    """(front matter, body) of a page; its front matter was checked in the load phase."""
    text = path.read_text(encoding="utf-8-sig")
    block, start = split_front_matter(text)
    if block is None or start == -1:
        return {}, text
    try:
        document, _ = parse_yaml(block, display)
    except YamlSyntaxError:
        return {}, text
    meta = document.data if isinstance(document.data, dict) else {}
    lines = text.splitlines()
    closing = next(
        number for number, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")
    )
    return meta, "\n".join(lines[closing + 1 :])


def language_link(context: BuildContext, path: str, language: str, reader: str) -> Markup:
    """A link to page `path` in `language`, named in the reader's language."""
    href = context.site.link(path, path, reader, language)
    return Markup('<a href="{}" hreflang="{}">{}</a>').format(
        href, language, name_in(language, reader)
    )


def notice_html(context: BuildContext, path: str, language: str, written_in: list[str]) -> str:
    """The note above an untranslated page, in the reader's language, linking to the
    languages the page is written in."""
    strings = context.strings.get("pages", language)
    before, _, after = strings["not_translated"].partition("{language}")
    shown = language_link(context, path, context.default_language, language)
    others = [
        language_link(context, path, other, language)
        for other in written_in
        if other != context.default_language
    ]
    also = ""
    if others:
        before_list, _, after_list = strings["also_written_in"].partition("{languages}")
        also = escape(before_list) + join_html(others, language) + escape(after_list)
    return context.templates.render(
        "page/untranslated.html",
        notice=escape(before) + shown + escape(after),
        also=also,
    )


def untranslated_pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The default language's pages that `language` lacks, with the note above them."""
    if language == context.default_language:
        return []
    default = context.default_language
    folder = context.display(context.docs_dir)
    pages = []
    for path in missing_pages(context).get(language, []):
        source = context.docs_dir / default / path
        display = f"{folder}/{default}/{path}"
        meta, body = _split_page(source, display)
        title = Fallback(str(meta.get("title") or first_heading(body) or Path(path).stem), default)
        description = meta.get("description")
        written_in = [
            other for other in context.languages if (context.docs_dir / other / path).is_file()
        ]
        markdown = (
            front_matter(title, str(description) if description else None)
            + notice_html(context, path, language, written_in)
            + context.templates.render(
                "page/original_language.html",
                language=default,
                direction=context.site.direction(default),
                body=Markup(body),  # the handbook's own Markdown, as in any page
            )
        )
        pages.append(GeneratedPage(path, markdown, edit_path=display))
    return pages


def page_body(path: Path) -> str:
    """A page's text after its front matter ("" for a file that cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
    block, start = split_front_matter(text)
    if block is None or start == -1:
        return text
    # The opening line, the block's lines, the closing line.
    return text.split("\n", block.count("\n") + 3)[-1]


def copy_language(
    docs_dir: Path, path: str, language: str, body: str, languages, default: str
) -> str | None:
    """The language the page `path` of `language` (its text `body`), marked as a copy, is
    still written in (`stand_ins.page_language`), the same page in the other `languages`
    being the originals: read only when the mark does not name the language."""
    originals = (
        (other, page_body(docs_dir / other / path))
        for other in languages
        if other != language and (docs_dir / other / path).is_file()
    )
    return page_language(body, language, originals, default)


def show_stand_in(markdown: str, page: SourcePage, context: BuildContext) -> str:
    """A page still in another language (marked as a copy, as `ngo-handbook new` writes a
    language it has no example texts for): its text inside an element with the `lang` and
    `dir` of the language it is written in (`stand_ins`), so that an English example reads
    left to right on a Uyghur page. `{{ handbook: … }}` lines stay outside: their blocks
    are in the page's language."""
    if page.generated or not marked_page(markdown):
        return markdown
    written = copy_language(
        context.docs_dir,
        page.path,
        page.language,
        markdown,
        context.languages,
        context.default_language,
    )
    if written is None:
        return markdown
    lines = markdown.split("\n")
    outside = {index for index, line in enumerate(lines) if is_page_mark(line)}
    outside.update(directive_lines(lines))
    pieces: list[str] = []
    run: list[str] = []

    def wrap() -> None:
        if any(line.strip() for line in run):
            pieces.append(
                context.templates.render(
                    "page/original_language.html",
                    language=written,
                    direction=context.site.direction(written),
                    body=Markup("\n".join(run)),  # the handbook's own Markdown
                )
            )
        else:
            pieces.extend(run)
        run.clear()

    for index, line in enumerate(lines):
        if index in outside:
            wrap()
            pieces.append(line)
        else:
            run.append(line)
    wrap()
    return "\n".join(pieces)


STAND_INS = Feature(name="stand-in-pages", page_markdown=show_stand_in)
"""Before the blocks of `{{ handbook: … }}` lines are put in (`features.BLOCKS`)."""

FEATURE = Feature(
    name="partial-translations",
    strings=("pages",),
    check_content=check_translations,
    pages=untranslated_pages,
)
