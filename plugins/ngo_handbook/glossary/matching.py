"""Find a discouraged variant in a text, whole words only, inflected forms included.

Both the text and the variant are folded first: lower case by the language's own rules
(Turkish İ → i and I → ı), Arabic without short vowels, tatweel or hamza on alef. Then:

- Turkish and Kazakh add endings after the stem (`muhatap kişiye`, `нұсқауын`): the last
  word of a variant matches with up to ten letters more, after an apostrophe too
  (`STÖ'ler`; a word of three letters or fewer only so), whatever their vowel harmony.
  In a phrase of several words the last word's compound ending is optional
  (`irtibat kişisi` → `irtibat kişiye`), and a final consonant may soften before an
  ending (`günlük` → `günlüğü`, `тілек` → `тілегі`).
- Arabic joins و ف, then ب ل ك, then the article ال in front of the first word
  (`وبالتهيئة`, `للتهيئة`); the article is optional on every word of a phrase.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

LETTERS = r"[^\W\d_]"
ENDING = rf"(?:['’]?{LETTERS}{{0,10}})"
SOFTENING = {
    "tr": {"p": "b", "ç": "c", "t": "d", "k": "ğ", "b": "p", "c": "ç", "d": "t", "ğ": "k"},
    "kk": {"к": "г", "қ": "ғ", "п": "б", "г": "к", "ғ": "қ", "б": "п"},
}
COMPOUND_ENDINGS = {
    "tr": ("sı", "si", "su", "sü", "ı", "i", "u", "ü"),
    "kk": ("сы", "сі", "ы", "і"),
}
_ARABIC_MARK_LETTERS = "".join(map(chr, [*range(0x064B, 0x0653), 0x0670, 0x0640]))
"""The vowel signs, the superscript alef and the tatweel: dropped when folding."""
ARABIC_MARKS = re.compile(f"[{_ARABIC_MARK_LETTERS}]")
ARABIC_ALEFS = str.maketrans("أإآ", "ااا")
ARABIC_FOLD = str.maketrans("أإآ", "ااا", _ARABIC_MARK_LETTERS)
"""Arabic folded in one pass: the marks dropped, hamza off the alef."""
ARABIC_PREFIX = "(?:[وف]?(?:[بكل]?ال|لل|[بكل])?)"


def fold(text: str, language: str) -> str:
    """`text` as the matcher compares it; keeps one character per character of `text`,
    except the Arabic marks it drops (use `fold_with_positions` to map back)."""
    if language == "ar":
        return text.translate(ARABIC_FOLD)
    return fold_with_positions(text, language)[0]


def fold_with_positions(text: str, language: str) -> tuple[str, Sequence[int]]:
    """The folded text, and for each of its characters the index in `text`."""
    if language == "tr":
        text_for_case = text.replace("İ", "i").replace("I", "ı")
    else:
        text_for_case = text
    # Most lines fold character for character: no map to make.
    if language == "ar":
        if not ARABIC_MARKS.search(text):
            return text.translate(ARABIC_ALEFS), range(len(text))
        kept = [index for index, char in enumerate(text) if not ARABIC_MARKS.match(char)]
        return "".join(text[index] for index in kept).translate(ARABIC_ALEFS), kept
    if language != "ar":
        lowered = text_for_case.lower() if language in ("tr", "kk") else text.casefold()
        if len(lowered) == len(text):
            return lowered, range(len(text))
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text_for_case):
        if language == "ar" and ARABIC_MARKS.match(char):
            continue
        lower = char.lower() if language in ("tr", "kk") else char.casefold()
        lower = unicodedata.normalize("NFC", lower)
        if language == "ar":
            lower = lower.translate(ARABIC_ALEFS)
        for part in lower:
            folded.append(part)
            positions.append(index)
    return "".join(folded), positions


def _stems(word: str, language: str, *, compound: bool) -> list[str]:
    stems = [word]
    if compound:
        for ending in COMPOUND_ENDINGS.get(language, ()):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stems.append(word[: -len(ending)])
                break
    softened = SOFTENING.get(language, {})
    for stem in list(stems):
        if stem and stem[-1] in softened:
            stems.append(stem[:-1] + softened[stem[-1]])
    return sorted(set(stems), key=len, reverse=True)


def _arabic_core(word: str) -> str:
    """An Arabic word without its article, which a match may leave out or join to a prefix."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _last_stems(last: str, language: str, *, compound: bool) -> list[str]:
    """The stems the last word of a variant may take before its ending."""
    return _stems(last, language, compound=compound) if language in SOFTENING else [last]


def variant_pattern(variant: str, language: str) -> re.Pattern[str]:
    """The regular expression that finds `variant` in a folded text of `language`."""
    words = fold(variant, language).split()
    if language == "ar":
        parts = []
        for position, word in enumerate(words):
            prefix = ARABIC_PREFIX if position == 0 else "(?:ال)?"
            parts.append(prefix + re.escape(_arabic_core(word)))
        body = r"\s+".join(parts)
    else:
        *first, last = words
        stems = _last_stems(last, language, compound=bool(first))
        if language in SOFTENING:
            # A short word (an abbreviation: STÖ) takes its endings after an apostrophe.
            ending = ENDING + "?" if len(last) > 3 else rf"(?:['’]{LETTERS}{{1,10}})?"
        else:
            ending = "(?:s|es|'s)?"
        last_part = "(?:" + "|".join(re.escape(stem) for stem in stems) + ")" + ending
        body = r"\s+".join([*(re.escape(word) for word in first), last_part])
    return re.compile(rf"(?<!{LETTERS}){body}(?!{LETTERS})")


def required_text(variant: str, language: str) -> str:
    """The longest piece of folded text that every match of `variant_pattern(variant,
    language)` holds: a line without it need not be searched."""
    words = fold(variant, language).split()
    if not words:
        return ""
    if language == "ar":
        pieces = [_arabic_core(word) for word in words]
    else:
        *first, last = words
        pieces = [*first, os.path.commonprefix(_last_stems(last, language, compound=bool(first)))]
    return max(pieces, key=len)


@dataclass(frozen=True)
class Found:
    """A variant found in a line: its column (from 1), the words as written, and the
    pattern that found them."""

    column: int
    written: str
    pattern: re.Pattern[str]


@functools.lru_cache(maxsize=64)
def _any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One expression that finds where any of `patterns` might match (a quick first look)."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns))


def find_in_line(line: str, pattern: re.Pattern[str], language: str) -> Iterator[Found]:
    """Every place `pattern` matches in `line`, in the line's own characters."""
    yield from find_all(line, [pattern], language)


def find_all(line: str, patterns: list[re.Pattern[str]], language: str) -> Iterator[Found]:
    """Every place one of `patterns` matches in `line` (folded once for all of them), as
    (index of the pattern, place)."""
    folded, positions = fold_with_positions(line, language)
    if len(patterns) > 1 and not _any_of(tuple(patterns)).search(folded):
        return
    for pattern in patterns:
        for match in pattern.finditer(folded):
            if match.start() == match.end():
                continue
            start = positions[match.start()]
            end = positions[match.end() - 1] + 1
            yield Found(start + 1, line[start:end], pattern)
