"""Texts still in another language than the one they stand for, marked to translate.

`ngo-handbook new` fills a language the package has no example texts for with another
language's: the default language's where the package has it, else English. Each such data
line ends with `TRANSLATE` and each such page holds `PAGE_TRANSLATE`, so that `check`
lists them. Shown as they are, they would be read as texts of the page's language: an
English sentence on a right-to-left page gets its full stop on its left, and a screen
reader reads it with the page language's voice. So a marked text is shown as a text in the
language it is written in (`written_language`), with that language's `lang` and `dir`,
until a translator replaces it and removes the mark.

Interface strings a right-to-left language has only in English (marked in its strings
file, or missing from it) are isolated instead (`isolated_for`): they go into attributes
and scripts too, where an element cannot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FALLBACK = "en"
"""The language the package writes where it has no texts in the one asked for."""
TRANSLATE = "# translate"
"""The mark on a data line whose text is still in another language."""
PAGE_TRANSLATE = "<!-- translate: this page is still in another language -->"
"""The line in a page whose text is still in another language; `page_mark` names the
language, as `ngo-handbook new` writes it."""
_PAGE_MARK = re.compile(
    r"<!-- translate: this page is still in .+?(?: \((?P<code>[a-z]{2,3})\))? -->"
)

_RIGHT_TO_LEFT_LETTER = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""A letter of a script written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko and
their presentation forms, and the historic ones of the supplementary planes."""
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def _scripts(text: str) -> frozenset[str]:
    """The scripts of `text`'s letters, roughly: Latin, Cyrillic, right to left, other."""
    found = set()
    for character in text:
        if not character.isalpha():
            continue
        if character < "\u0250" or "\u1e00" <= character <= "\u1eff":
            found.add("latin")
        elif "\u0400" <= character <= "\u052f":
            found.add("cyrillic")
        elif _RIGHT_TO_LEFT_LETTER.match(character):
            found.add("right to left")
        else:
            found.add("other")
    return frozenset(found)


def written_language(
    text: str, language: str, originals: Iterable[tuple[str, str]], default: str = ""
) -> str | None:
    """The language a marked `text` of `language` is written in: that of the unmarked text
    it is a copy of among `originals` (language, text); else the `default` language's, as
    `ngo-handbook new` copies it, when that one's original is in the same script (it may
    have been edited since); else English when all its letters are Latin ones. None when
    it may be in `language` after all (a hint `ngo-handbook add` wrote in it, a text
    translated but still marked)."""
    originals = dict(originals)
    originals.pop(language, None)
    for other, original in originals.items():
        if original == text:
            return other
    scripts = _scripts(text)
    if default in originals and scripts and _scripts(originals[default]) == scripts:
        return default
    if language != FALLBACK and scripts == {"latin"}:
        return FALLBACK
    return None


def marked_lines(source: str, marks: tuple[str, ...] = (TRANSLATE,)) -> set[int]:
    """The numbers (from 1) of the lines of a data file that end with one of `marks`."""
    return {
        number
        for number, line in enumerate(source.splitlines(), 1)
        if line.rstrip().endswith(marks)
    }


def isolated_for(text: str, direction: str) -> str:
    """`text` as a string of a language written in `direction`: a text of a right-to-left
    language that has letters but no right-to-left one (English standing in for it)
    between the isolate marks that give it a direction of its own (FSI … PDI), so that a
    number, placeholder or punctuation mark at either end, or one a template adds (a
    colon after a label), stays where English puts it ("0 of 2 ticked", not "of 2 ticked
    0"). Any other text is returned as it is."""
    if (
        direction != "rtl"
        or isolated_parts(text)[0]
        or _RIGHT_TO_LEFT_LETTER.search(text)
        or not any(character.isalpha() for character in text)
    ):
        return text
    return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE


def isolated_strings(value: Any) -> Any:
    """`value` as the strings of a right-to-left language are shown: each string
    (`isolated_for`), in a mapping too (the forms of a counted text, a theme's texts)."""
    if isinstance(value, dict):
        return {key: isolated_strings(item) for key, item in value.items()}
    return isolated_for(value, "rtl") if isinstance(value, str) else value


def isolated_parts(text: str) -> tuple[str, str, str]:
    """(opening mark, text, closing mark) of a text `isolated_for` isolated; else
    ("", text, "")."""
    if len(text) > 1 and text[0] == FIRST_STRONG_ISOLATE and text[-1] == POP_DIRECTIONAL_ISOLATE:
        return FIRST_STRONG_ISOLATE, text[1:-1], POP_DIRECTIONAL_ISOLATE
    return "", text, ""


def page_mark(name: str, code: str) -> str:
    """The line that marks a page still in the language `code` (named `name` in English)."""
    return f"<!-- translate: this page is still in {name} ({code}) -->"


def is_page_mark(line: str) -> bool:
    """Whether `line` of a page is the mark of a copy (alone on its line: a page that
    quotes it, in a sentence or an example, is no copy)."""
    return _PAGE_MARK.fullmatch(line.strip()) is not None


def marked_page(text: str) -> bool:
    """Whether a page's text holds the mark of a copy on a line of its own."""
    return "<!-- translate:" in text and any(map(is_page_mark, text.splitlines()))


def _named_language(text: str) -> str | None:
    """The language code the mark of a copy in `text` names, if it names one."""
    for line in text.splitlines():
        found = _PAGE_MARK.fullmatch(line.strip())
        if found is not None:
            return found["code"]
    return None


def page_language(
    body: str, language: str, originals: Iterable[tuple[str, str]], default: str = ""
) -> str | None:
    """The language the body of a page marked as a copy is written in: the one its mark
    names, else `written_language`, `originals` being the bodies of the same page in other
    languages (those marked too are left out)."""
    named = _named_language(body)
    if named is not None:
        return named if named != language else None

    def bare(text: str) -> str:
        """The page's words without its mark: blank lines and line ends do not count."""
        kept = (line for line in text.splitlines() if not is_page_mark(line))
        return " ".join(" ".join(kept).split())

    unmarked = [(other, bare(text)) for other, text in originals if not marked_page(text)]
    return written_language(bare(body), language, unmarked, default)
