"""How names are compared in the directory's search: `fold()` and the search keys.

The page carries each entry's folded names as its search key; `foldText` in
`assets/partner_directory.js` folds a visitor's query with the same rules (case,
diacritics, Turkish İ/ı, Kazakh letters, Arabic marks), so both must change together.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from ..context import BuildContext
from .model import DATA_FILE, PartnerDirectory

# Letters that Unicode does not decompose into a base letter and a mark. Kazakh letters go
# to the Russian letter people type on a keyboard without them.
_FOLDED_LETTERS = {
    "ı": "i",
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
    "ة": "ه",
    "ى": "ي",
    "ٱ": "ا",
    "ـ": "",  # tatweel, a letter in Unicode's eyes
}
# Replaced where found: faster than str.translate, which looks up every character.
_SPECIAL_LETTERS = re.compile("[{}]".format("".join(_FOLDED_LETTERS)))


# Combining marks (accents, Arabic vowel signs), as one character class: faster than
# str.translate with a table of them.
_MARKS = re.compile(
    "[{}]".format(
        "".join(
            re.escape(chr(code))
            for code in range(0x300, 0x10000)
            if unicodedata.category(chr(code)).startswith("M")
        )
    )
)
_NOT_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=1 << 16)
def _letters(text: str) -> str:
    """`text` in lower case, without marks, its special letters as base letters. Kept for
    texts met again: an organisation's name is folded for its search key, then in every
    language to compare it with its translated name."""
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text.lower()))
    return _SPECIAL_LETTERS.sub(lambda found: _FOLDED_LETTERS[found.group()], bare)


def fold(text: str) -> str:
    """Search form of a text: lower case, no marks, special letters to base letters,
    punctuation to single spaces. `foldText` in partner_directory.js does the same."""
    return _NOT_WORD.sub(" ", _letters(text)).strip()


def search_key(*texts: str) -> str:
    """The distinct folded words of `texts` (those of `fold`), in first-seen order."""
    words: dict[str, None] = {}
    for text in texts:
        words.update(dict.fromkeys(_WORD.findall(_letters(text))))
    return " ".join(words)


KEYS = "partner-keys"
"""The search keys' name in `BuildContext.cache`."""


def search_keys(context: BuildContext, directory: PartnerDirectory) -> dict[str, str]:
    """The search key of every organisation (by id): its names and description in every
    language. The same in every language build, so it is computed once per build: while the
    handbook loads (`prepared_keys`), or else by the first language built."""
    keys = context.cache.get(KEYS)
    if keys is None:
        keys = {}
        for organisation in directory.organisations:
            texts = list(organisation.name.values.values())
            for text in (organisation.name_translated, organisation.description):
                if text is not None:
                    texts += text.values.values()
            keys[organisation.id] = search_key(*texts)
        context.cache[KEYS] = keys
    return keys


def prepared_keys(context: BuildContext) -> dict[str, Any]:
    """The search keys, made while the handbook loads (`Feature.prepare`) for the
    processes that build the languages to share; none when there is no directory."""
    directory: PartnerDirectory | None = context.data.get(DATA_FILE)
    return {} if directory is None else {KEYS: search_keys(context, directory)}
