"""A page's title from its own first heading, for pages whose front matter has none.

MkDocs 1.6 takes a page's title from its front matter, else from the rendered page only
when its very first element is an `<h1>`, else from its file name. Anything put before the
heading (the PDF button the generator adds to every page, an admonition) makes the menu,
the search results and the PDF bookmarks read "Index" or "Shifts and hygiene" whatever the
page's language. Reading the heading from the Markdown source gives the title the reader
sees, in the page's own language. Either title, from the front matter or the heading, is
escaped here. Nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import re

from .bidi import isolate_direction_marks
from .model import Fallback

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Python-Markdown also reads `#Title`, without a space, as a heading.
_ATX_H1 = re.compile(r"^ {0,3}#(?!#)[ \t]*(?P<text>.*?)[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*[#.][^}]*\}[ \t]*$|[ \t]*\{:?[^}]*=[^}]*\}[ \t]*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]")
_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")


def _plain(text: str) -> str:
    """The text a reader sees of a heading's inline Markdown: no markers, links as text."""
    text = _ATTRIBUTES.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = _TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(html.unescape(text).split())


def first_heading(markdown: str) -> str | None:
    """The plain text of the first level-1 heading of `markdown` (front matter removed), or
    None when it has none.

    Both forms count: `# Title` (closing `#`s dropped) and a line underlined with `===`.
    An attribute list (`# Title {#id .class}`) is not part of the text, nor are inline
    markers (`*`, `` ` ``, links keep their text); headings inside fenced code are skipped.
    """
    fence: str | None = None
    previous = ""
    for line in markdown.splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            previous = ""
            continue
        if opening:
            fence = opening.group(1)
            previous = ""
            continue
        atx = _ATX_H1.match(line)
        if atx:
            text = _plain(_CLOSING_HASHES.sub("", atx.group("text") or ""))
            if text:
                return text
        elif _SETEXT_H1.match(line) and previous.strip() and not previous.startswith("    "):
            text = _plain(previous.strip())
            if text:
                return text
        previous = line
    return None


def title_for(meta: dict, markdown: str) -> str | None:
    """The title of a hand-written page, escaped, for its front matter's `title`: that
    title, else the page's first heading; None when it has neither.

    MkDocs and Material print a page's title without escaping it (in `<title>`, the menu,
    the heading, the search results), as for the generated pages' titles in
    `rendering.front_matter`: a title is text wherever it appears, and its direction
    marks act on it alone (`bidi`)."""
    title = meta.get("title")
    if title in (None, ""):
        title = first_heading(markdown)
    if title in (None, ""):
        return None
    escaped = html.escape(isolate_direction_marks(str(title)))
    return Fallback(escaped, title.language) if isinstance(title, Fallback) else escaped
