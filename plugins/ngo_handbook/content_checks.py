"""Checks on `content/` that MkDocs itself does not make.

MkDocs silently ignores a front-matter block that is not valid YAML and prints it as page
text; here such a block is an error with its file and line. An image the data files name
(the logo) must be there too, or every page would show a broken image.
"""

from __future__ import annotations

from pathlib import Path

from .context import BuildContext
from .problems import Location, Problem
from .yaml_source import YamlSyntaxError, parse_yaml, read_source


def split_front_matter(text: str) -> tuple[str | None, int]:
    """Return (the front-matter text or None, the line where it starts)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None, 0
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:index]), 2
    return "\n".join(lines[1:]), -1


# Front-matter keys MkDocs and Material print as a line of text.
TEXT_KEYS = ("title", "description")


def check_front_matter(path: Path, display: str) -> tuple[dict | None, list[Problem]]:
    """Parse a page's front matter; report a page that is not UTF-8 text, and a block that is
    unclosed, not YAML, not 'key: value' lines, or gives a list where a text belongs."""
    try:
        text = read_source(path, display)
    except YamlSyntaxError as error:
        return None, [error.problem]
    block, start = split_front_matter(text)
    if block is None:
        return {}, []
    if start == -1:
        return None, [
            Problem(
                Location(display, 1, 1),
                "the front matter that starts here is never closed; add a line '---' after it",
            )
        ]
    try:
        document, problems = parse_yaml(block, display, first_line=start)
    except YamlSyntaxError as error:
        problem = error.problem
        return None, [
            Problem(problem.location, "the front matter " + problem.message.removeprefix("this "))
        ]
    if document.data is None:
        return {}, problems
    if not isinstance(document.data, dict):
        return None, [
            Problem(
                Location(display, start, 1),
                "the front matter must be 'key: value' lines (for example 'title: …')",
            )
        ]
    for key in TEXT_KEYS:
        value = document.data.get(key)
        if isinstance(value, (dict, list, bool)):
            what = {dict: "a block of keys", list: "a list"}.get(
                type(value), f"{str(value).lower()} (YAML reads yes, no, on and off so)"
            )
            problems.append(
                Problem(
                    document.locate((key,)),
                    f"'{key}' must be one line of text, got {what}; write '{key}: …' with "
                    "the text (in quotes if it holds ': ', starts with '[' or '{', or is a "
                    "word like yes)",
                )
            )
    return document.data, problems


def check_content(context: BuildContext) -> list[Problem]:
    """Load phase: the logo the data names is there (front matter is checked for every
    page by `loading`, even when the data files have problems)."""
    return check_logo(context.data, context.docs_dir, context.project_dir)


def check_content_pages(docs_dir: Path, display_root: Path) -> list[Problem]:
    """Front-matter problems in every Markdown page under `docs_dir`."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        display = path.relative_to(display_root).as_posix()
        _, found = check_front_matter(path, display)
        problems.extend(found)
    return problems


def check_logo(data, docs_dir: Path, display_root: Path) -> list[Problem]:
    """The logo named in handbook.yml must be a file inside `docs_dir`."""
    if data.get("handbook.yml") is None:
        return []
    logo = data.handbook.logo
    if not logo or (docs_dir / logo).is_file():
        return []
    folder = (
        docs_dir.relative_to(display_root).as_posix()
        if docs_dir.is_relative_to(display_root)
        else str(docs_dir)
    )
    return [
        Problem(
            data.locate("handbook.yml", ("logo",)),
            f"there is no image '{folder}/{logo}'; put the logo there, or write the path of "
            f"the image inside {folder}/ (or remove the 'logo' line)",
        )
    ]


MEDIA = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf"})
_TEXTS = ("*.md", "*.css", "*.html", "*.js")


def unused_media(context: BuildContext) -> set[str]:
    """Images and PDFs under `content/` (outside the language folders) that no page,
    stylesheet or data file names: an old logo, a screenshot for the README. They are not
    published, so they are not saved for offline reading either."""
    key = "content.unused_media"
    if key not in context.cache:
        docs_dir = context.docs_dir
        folders = {docs_dir / language for language in context.languages}
        named = {context.data.handbook.logo} if context.data.get("handbook.yml") else set()
        texts = "\n".join(
            path.read_text(encoding="utf-8", errors="replace")
            for pattern in _TEXTS
            for path in docs_dir.rglob(pattern)
        )
        context.cache[key] = {
            relative
            for path in docs_dir.rglob("*")
            if path.suffix.lower() in MEDIA
            and path.is_file()
            and not any(path.is_relative_to(folder) for folder in folders)
            and (relative := path.relative_to(docs_dir).as_posix()) not in named
            and path.name not in texts
        }
    return context.cache[key]
