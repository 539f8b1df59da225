"""Texts that follow a number: plural forms by CLDR, numbers written for the reader.

The same rules serve the page scripts: `plural_rules_script` writes them in JavaScript.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from . import languages as language_facts

# The digits of the numbering systems CLDR makes the default for some languages (Persian
# writes ۱۲۳); Babel formats with Latin digits whatever the locale, browsers do not.
DIGITS = {
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "beng": "০১২৩৪৫৬৭৮৯",
    "deva": "०१२३४५६७८९",
}


LIST_STYLES = {
    "arab": "arabic-indic",
    "arabext": "persian",
    "beng": "bengali",
    "deva": "devanagari",
}
"""The CSS counter style that numbers a list in each of the digits of `DIGITS`."""


def page_numbers(language: str) -> str:
    """The CSS `content` of a printed page's number among all ("3 / 40"), in the language's
    own digits (`۳ / ۴۰` in Persian)."""
    style = list_style(language) or "decimal"
    return f'counter(page, {style}) " / " counter(pages, {style})'


def list_style(language: str) -> str | None:
    """The CSS `list-style-type` whose numbers are written in `language`'s own digits
    (`persian`: ۱. ۲. ۳.), or None where they are 1. 2. 3."""
    return LIST_STYLES.get(language_facts.numbering_system(language) or "")


def format_number(value: float, language: str) -> str:
    """`value` written as a reader of `language` expects (`1 250` in French, `۱٬۲۵۰` in Persian),
    the way `Intl.NumberFormat` writes it in the browser."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
        text = format_decimal(value, locale=locale, numbering_system="default")
    except (UnknownLocaleError, ValueError, TypeError):  # a code CLDR does not know
        return str(value)
    digits = DIGITS.get(language_facts.numbering_system(language) or "")
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


class PluralText(dict[str, str]):
    """A text with one form per plural category of `language`; `format` picks the form.

    It is a plain mapping for JSON and templates; in a template,
    `{{ strings.count_all.format(count=n) }}` writes the right form.
    """

    def __init__(self, forms: dict[str, str], language: str) -> None:
        super().__init__(forms)
        self.language = language

    def form(self, count: float) -> str:
        """The form for the number `count` (`other` when the category has no form here)."""
        category = language_facts.plural_category(self.language, count)
        return self.get(category, self.get("other", ""))

    def format(self, **values: Any) -> str:
        """The form chosen by `values["count"]`, with every `{name}` filled in."""
        return fill(self.form(values["count"]), values, self.language)


def fill(text: str, values: dict[str, Any], language: str) -> str:
    """`text` with every `{name}` replaced by `values[name]`, numbers written for `language`."""
    shown = {
        name: format_number(value, language)
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else value
        for name, value in values.items()
    }
    return text.format(**shown)


def placeholders(text: str) -> set[str]:
    """The `{names}` in `text`. Raises ValueError for a brace that is not closed."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def plural_rules_script(languages: Iterable[str]) -> str:
    """JavaScript that sets `ngoHandbook.pluralRules[language]` to the CLDR plural rule of
    each of `languages` (number → category), written by Babel."""
    rules = []
    for code in dict.fromkeys(languages):
        # Babel's functions leave the operands e and c (compact exponent) undefined; our
        # numbers are never written in compact notation, so both are 0.
        rule = language_facts.plural_rule_javascript(code)
        rules.append(
            f"  {json.dumps(code)}: (function () {{ var e = 0, c = 0; return {rule}; }})()"
        )
    return (
        "window.ngoHandbook = window.ngoHandbook || {};\n"
        "window.ngoHandbook.pluralRules = Object.assign(window.ngoHandbook.pluralRules || {}, {\n"
        + ",\n".join(rules)
        + "\n});\n"
    )
