"""Dates and numbers as each language writes them, from CLDR (Babel), on pages and paper.

A browser formats with its own locale data (Chromium writes a Kazakh date "2025 M03 14"
and a Kazakh decimal "1.5"), so the page scripts never use `Intl` with the page's language:
the generator writes each language's conventions from Babel into the page
(`formats_script`, before `assets/strings.js`), and the templates use the same functions.

A date has one form per language, on screen and on paper: numeric, with the order and the
separator of CLDR's short date (`31.12.2026` in Kazakh, `31/12/2026` in English), the form
the forms' date placeholder (`date_placeholder` in the interface strings) describes.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from babel.units import format_unit

from .plural_text import DIGITS

# CLDR's bare `en` is United States English (12/31/26). The handbook's English is written
# for readers everywhere: CLDR's international English (en_001) writes 31/12/2026.
_CLDR_LOCALE = {"en": "en_001"}

_FIELDS = re.compile(r"d+|M+|L+|y+")


@cache
def cldr_locale(language: str) -> Locale | None:
    """The CLDR locale whose conventions `language` follows here (None for a code CLDR
    does not know)."""
    code = _CLDR_LOCALE.get(language, language).replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@dataclass(frozen=True)
class DateForm:
    """How a language writes a date in figures: the order of day, month and year and what
    stands between them."""

    order: str
    """`dmy`, `mdy` or `ymd`."""
    separator: str
    """`/`, `.` or `-`, with the direction marks the language puts around it (Arabic)."""
    digits: str
    """The ten digits, 0 to 9."""

    def format(self, value: datetime.date) -> str:
        """`value` written in this form: day and month with two figures, the year with four."""
        parts = {"d": f"{value.day:02d}", "m": f"{value.month:02d}", "y": f"{value.year:04d}"}
        text = self.separator.join(parts[field] for field in self.order)
        return text.translate(str.maketrans("0123456789", self.digits))

    def as_json(self) -> dict[str, str]:
        return {"order": self.order, "separator": self.separator, "digits": self.digits}


def _digits(locale: Locale | None) -> str:
    system = locale.default_numbering_system if locale is not None else "latn"
    return DIGITS.get(system, "0123456789")


def in_own_digits(text: str, language: str) -> str:
    """`text` with its Latin digits written in `language`'s own (Babel writes Latin ones)."""
    return text.translate(str.maketrans("0123456789", _digits(cldr_locale(language))))


@cache
def date_form(language: str) -> DateForm:
    """The numeric date of `language`, from CLDR's short date pattern (day, month, year
    order; the separator between the first two)."""
    locale = cldr_locale(language)
    if locale is None:
        return DateForm("ymd", "-", "0123456789")
    pattern = get_date_format("short", locale=locale).pattern
    fields = list(_FIELDS.finditer(pattern))
    order = "".join("m" if field.group()[0] in "ML" else field.group()[0] for field in fields)
    if sorted(order) != ["d", "m", "y"]:
        return DateForm("ymd", "-", _digits(locale))
    separator = pattern[fields[0].end() : fields[1].start()].replace("'", "")
    return DateForm(order, separator or "/", _digits(locale))


def format_date(value: datetime.date, language: str) -> str:
    """`value` as `language` writes a date in figures (`31/12/2026`, `31.12.2026`)."""
    return date_form(language).format(value)


@cache
def number_form(language: str) -> dict[str, object]:
    """What the page scripts need to write a number as `language` does: the decimal and
    grouping signs, from how many figures numbers are grouped, and the digits."""
    locale = cldr_locale(language)
    if locale is None:
        return {"decimal": ".", "group": ",", "minimumGrouping": 1, "digits": "0123456789"}
    group = get_group_symbol(locale=locale, numbering_system="default")
    # Spanish and Polish write 1000 but 10 000: grouping starts at five figures there.
    grouped_thousand = group in format_decimal(1000, locale=locale, numbering_system="default")
    return {
        "decimal": get_decimal_symbol(locale=locale, numbering_system="default"),
        "group": group,
        "minimumGrouping": 1 if grouped_thousand else 2,
        "digits": _digits(locale),
    }


def megabytes_pattern(language: str) -> str:
    """How `language` writes a number of megabytes, `{0}` for the number: `{0} MB`,
    `{0} MБ` in Kazakh, `{0} م.ب` in Arabic."""
    locale = cldr_locale(language) or cldr_locale("en")
    return format_unit(1234, "digital-megabyte", length="short", locale=locale, format="#").replace(
        "1234", "{0}"
    )


def size_text(size: int, language: str) -> str:
    """A file size as the language writes it: 3.4 MB, 3,4 MБ, ۳٫۴ MB."""
    from .plural_text import format_number

    megabytes = round(max(size / 1_000_000, 0.1), 1)
    return megabytes_pattern(language).replace("{0}", format_number(megabytes, language))


def formats_script(languages: Iterable[str]) -> str:
    """JavaScript that sets `ngoHandbook.formats[language]` to each language's date and
    number forms, for `ngoHandbook.formatNumber` and `ngoHandbook.formatDate`."""
    formats = {
        code: {
            "date": date_form(code).as_json(),
            "number": number_form(code),
            "megabytes": megabytes_pattern(code),
        }
        for code in dict.fromkeys(languages)
    }
    text = json.dumps(formats, ensure_ascii=False).replace("<", "\\u003c")
    return (
        "window.ngoHandbook = window.ngoHandbook || {};\n"
        f"window.ngoHandbook.formats = Object.assign(window.ngoHandbook.formats || {{}}, {text});\n"
    )
