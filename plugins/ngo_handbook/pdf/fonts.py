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


def check_pdf(path: Path, page_text: str, where: Location, label: str) -> list[Problem]:
    """Problems that would make the PDF print empty boxes or lose text."""
    problems = []
    shown = visible_characters(page_text)
    fontless = sorted(c for c in shown if not has_font(c))
    if fontless:
        problems.append(
            Problem(
                where,
                f"the PDF of {label} would print empty boxes for {describe(fontless)}: "
                "no installed "
                "font has these characters. Remove them, or install a font that has them (add its "
                "Debian package to SYSTEM_PACKAGES in the Makefile)",
            )
        )
    printed = pdf_text(path)
    lost = sorted(
        c
        for c in shown
        if unicodedata.category(c)[0] in "LN" and c not in printed and c not in fontless
    )
    if lost:
        problems.append(
            Problem(
                where, f"the PDF of {label} lost the characters {describe(lost)}; check the fonts"
            )
        )
    missing_fonts = unembedded_fonts(path)
    if missing_fonts:
        problems.append(
            Problem(
                where, f"the PDF of {label} does not embed the fonts {', '.join(missing_fonts)}"
            )
        )
    return problems
