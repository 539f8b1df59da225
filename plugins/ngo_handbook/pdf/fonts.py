"""Which characters the installed fonts can print, and what a printed PDF lost.

A character that no installed font has prints as an empty box, with no warning from the
browser. So every PDF is read back (poppler's `pdftotext` and `pdffonts`) and compared
with the text of the page it was printed from.
"""

from __future__ import annotations

import bisect
import functools
import subprocess
import unicodedata
from pathlib import Path

from ..problems import Location, Problem


@functools.cache
def installed_font_ranges() -> tuple[list[int], list[int]]:
    """Starts and ends of the code point ranges installed fonts cover (from fontconfig), merged."""
    done = subprocess.run(
        ["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=True
    )
    ranges = set()
    for word in done.stdout.split():
        low, _, high = word.partition("-")
        ranges.add((int(low, 16), int(high or low, 16)))
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted(ranges):
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


@functools.cache
def has_font(character: str) -> bool:
    """Whether some installed font has a glyph for `character`."""
    starts, ends = installed_font_ranges()
    index = bisect.bisect_right(starts, ord(character)) - 1
    return index >= 0 and ord(character) <= ends[index]


def visible_characters(text: str) -> set[str]:
    """Characters that print as a glyph (no spaces, controls or joiners)."""
    return {c for c in text if unicodedata.category(c)[0] not in "ZC"}


def describe(characters: list[str]) -> str:
    """`'ب' (U+0628 ARABIC LETTER BEH), …`: characters as a message names them."""
    return ", ".join(
        f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})" for c in characters
    )


NAMED = 8
"""Characters a message names one by one; it counts the rest."""

FONT_PACKAGES = (
    # (first, last code point, the writing, the Debian and Ubuntu package of Noto fonts)
    (0x1100, 0x11FF, "Korean", "fonts-noto-cjk"),
    (0x2E80, 0x9FFF, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
    (0xA960, 0xA97F, "Korean", "fonts-noto-cjk"),
    (0xAC00, 0xD7FF, "Korean", "fonts-noto-cjk"),
    (0xF900, 0xFAFF, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
    (0xFE30, 0xFE4F, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
    (0xFF00, 0xFFEF, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
    (0x1F000, 0x1FAFF, "emoji", "fonts-noto-color-emoji"),
    (0x20000, 0x3FFFF, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
)
"""Where the Noto fonts of Debian's `fonts-noto-core` (installed with the handbook) stop:
these ranges are in packages of their own; `fonts-noto-extra` has most other scripts."""


def font_advice(characters: list[str]) -> str:
    """What to install so that `characters` print: the packages for their writing."""
    needed: dict[str, list[str]] = {}
    for character in characters:
        code = ord(character)
        writing, package = next(
            ((w, p) for low, high, w, p in FONT_PACKAGES if low <= code <= high),
            ("", "fonts-noto-extra"),
        )
        writings = needed.setdefault(package, [])
        if writing and writing not in writings:
            writings.append(writing)
    packages = " ".join(needed)
    writings = [w for found in needed.values() for w in found]
    if not writings:
        return (
            "Install a font that has them (the Noto fonts cover most writing systems; on "
            f"Debian or Ubuntu: sudo apt install {packages}), or remove them"
        )
    return (
        f"Install a font for {' and '.join(writings)} text "
        f"(on Debian or Ubuntu: sudo apt install {packages}), or remove them"
    )


def describe_missing(characters: list[str]) -> str:
    """The first few characters by name, and how many more."""
    named = describe(characters[:NAMED])
    more = len(characters) - NAMED
    return f"{named} and {more} more" if more > 0 else named


def pdf_text(path: Path) -> str:
    """The text of a PDF, as a reader copying it would get it."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    )
    return done.stdout


def pdf_page_count(path: Path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def unembedded_fonts(path: Path) -> list[str]:
    """Fonts the PDF uses without embedding them (they would print differently elsewhere)."""
    done = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    names = []
    for line in done.stdout.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 5 and parts[-5] == "no":
            names.append(parts[0])
    return names


def pdf_problems(
    path: Path, page_text: str, where: Location, label: str
) -> list[tuple[Problem, list[str]]]:
    """Problems that would make the PDF print empty boxes or lose text, each with the
    characters it is about (none for fonts left out of the PDF)."""
    found: list[tuple[Problem, list[str]]] = []
    shown = visible_characters(page_text)
    fontless = sorted(c for c in shown if not has_font(c))
    if fontless:
        count = f"{len(fontless)} characters" if len(fontless) > 1 else "a character"
        message = (
            f"the PDF of {label} would print empty boxes for {count} that no installed "
            f"font has: {describe_missing(fontless)}. {font_advice(fontless)}"
        )
        found.append((Problem(where, message), fontless))
    printed = pdf_text(path)
    lost = sorted(
        c
        for c in shown
        if unicodedata.category(c)[0] in "LN" and c not in printed and c not in fontless
    )
    if lost:
        message = (
            f"the PDF of {label} lost the characters {describe_missing(lost)}; check the fonts"
        )
        found.append((Problem(where, message), lost))
    missing_fonts = unembedded_fonts(path)
    if missing_fonts:
        message = f"the PDF of {label} does not embed the fonts {', '.join(missing_fonts)}"
        found.append((Problem(where, message), []))
    return found


def check_pdf(path: Path, page_text: str, where: Location, label: str) -> list[Problem]:
    """Problems that would make the PDF print empty boxes or lose text."""
    return [problem for problem, _ in pdf_problems(path, page_text, where, label)]
