"""Facts about languages, from the CLDR data that Babel ships: names, direction, plurals.

Nothing here is written by hand per language, so a handbook in any language Babel knows
gets the right direction and names; a code Babel does not know is treated as
left-to-right and named by its code.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from babel import Locale, UnknownLocaleError


@cache
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def is_known(code: str) -> bool:
    """Whether CLDR knows the language `code` (for example `kk`, `fa`, `pt_BR`)."""
    return _locale(code) is not None


SITE_CODE = re.compile(r"[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?|[a-z]{2}_[A-Z]{2}")
"""The codes a site's language may have (static-i18n's rule): two letters (ISO 639-1),
with a script or a region after them (`sr-Latn`, `pt-BR`, `pt_BR`)."""


def site_code_problem(code: str) -> str | None:
    """Why `code` cannot be a language of the site, said for a person; None when it can."""
    if not is_known(code):
        return f"'{code}' is not a language code; write codes such as en, fr, ar, fa, kk"
    if not SITE_CODE.fullmatch(code):
        return (
            f"'{code}' ({english_name(code)}) has no two-letter code, and a handbook's "
            "languages need one (ISO 639-1, such as en, fa, ku), with a region after it if "
            "needed (pt-BR)"
        )
    return None


def direction(code: str) -> str:
    """`rtl` for a language written right to left (ar, fa, he, ur, ps, ckb…), else `ltr`."""
    locale = _locale(code)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


def numbering_system(code: str) -> str | None:
    """The digits CLDR writes the language's numbers in by default (`latn`, `arabext`…)."""
    locale = _locale(code)
    return locale.default_numbering_system if locale is not None else None


def native_name(code: str) -> str:
    """The language's name in itself, capitalised as a menu item: `Қазақ тілі`, `Français`."""
    locale = _locale(code)
    name = locale.get_display_name(locale) if locale is not None else None
    return (name[:1].upper() + name[1:]) if name else code


def english_name(code: str) -> str:
    """The language's name in English: `Kazakh`, `Persian`."""
    locale = _locale(code)
    name = locale.get_display_name("en") if locale is not None else None
    return name or code


def name_in(code: str, language: str) -> str:
    """The name of language `code` written in `language` (`Kazakh` in French: `kazakh`)."""
    locale = _locale(code)
    reader = _locale(language)
    if locale is None or reader is None:
        return english_name(code)
    return locale.get_display_name(reader) or english_name(code)


@cache
def plural_categories(code: str) -> tuple[str, ...]:
    """The CLDR plural forms a text with a number needs in `code`, `other` always last."""
    locale = _locale(code)
    tags = set(locale.plural_form.tags) if locale is not None else {"one"}
    order = ("zero", "one", "two", "few", "many")
    return (*(tag for tag in order if tag in tags), "other")


def plural_category(code: str, number: float) -> str:
    """The CLDR plural form of `number` in `code` (`few` for 3 in Arabic, `many` for 11)."""
    locale = _locale(code) or _locale("en")
    assert locale is not None
    return locale.plural_form(number)


def typical_number(code: str, category: str) -> int | None:
    """A whole number that takes the plural form `category` in `code`: 1 when it does,
    else the smallest up to 1000 (`2` for Arabic's `two`, `5` for Russian's `many`); None
    for a form only fractions take (Russian's `other`)."""
    candidates = itertools.chain((1,), range(1000))
    return next((n for n in candidates if plural_category(code, n) == category), None)


def english_form_for(code: str, category: str) -> str:
    """The English plural form that reads right, most of the time, where `code` uses the
    form `category`: an English stand-in for a text not translated yet ("1 organisation"
    for German's `one`, "3 organisations" for Arabic's `few`); `other` for `other`, which
    holds every number in a language without plurals."""
    if category == "other":
        return "other"
    number = typical_number(code, category)
    return plural_category("en", number) if number is not None else "other"


def plural_rule_javascript(code: str) -> str:
    """The CLDR plural rule of `code` as a JavaScript function `(n) => category`."""
    from babel.plural import to_javascript

    locale = _locale(code) or _locale("en")
    assert locale is not None
    return to_javascript(locale.plural_form)


def join_list(items: list[str], language: str) -> str:
    """`items` joined as `language` writes a list: "a, b and c", "أ وب وج", "a, b ve c"
    (CLDR's list patterns, with the language's own separator)."""
    from babel.lists import format_list

    locale = _locale(language) or _locale("en")
    return format_list(list(items), style="standard", locale=locale) if items else ""
