"""Spelling rules of a language's search: how a word typed another way still finds the page.

Each language has a file of rules, `languages/<language>.yml` in this package, and a
handbook may add to it in `data/search/<language>.yml` (the format is described at the top
of every file):

- `fold`: letters replaced in a second, folded form of every word (ü → u, қ → к, ة → ه).
  The search index holds each word as written and folded, and a query is looked up both
  ways, so `gonullu` finds `gönüllü` while `gönüllü` still ranks the exact word first.
- `lookalikes`: letters of another alphabet typed for letters of this one (a Latin `i`
  for the Kazakh `і`), corrected in a word that has a letter of `alphabet`.
- `transliterate`: another alphabet written for this one (Kazakh in its Latin alphabet);
  a query word with no letter of `alphabet` is also looked up transliterated.

The functions here and `assets/search/spelling.js` (run by the search worker) apply the
same rules the same way; the tests compare them on a word list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from ..model import DataModel
from ..problems import HandbookError, Location, Problem
from ..validation import validate_document
from ..yaml_source import YamlDocument, YamlSyntaxError, read_yaml

PACKAGE_RULES = Path(__file__).parent / "languages"
TABLES = ("fold", "lookalikes", "transliterate")


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f'expected a text in quotes, got {value!r}; write it as "…"')
    return value


def _lower_case(key: str) -> str:
    if key != lower(key):
        raise ValueError(
            f"'{key}' is not in lower case, and words are lower-cased before these rules "
            f"apply; write '{lower(key)}'"
        )
    return key


def _letters(key: str) -> str:
    if not key:
        raise ValueError("an empty key; write the letter (or letters) it replaces")
    return _lower_case(key)


Letters = Annotated[str, BeforeValidator(_text), AfterValidator(_letters)]
Replacement = Annotated[str | None, BeforeValidator(lambda v: v if v is None else _text(v))]


class SpellingFile(DataModel):
    """One file of spelling rules, as written (a handbook's file may set an entry to null
    to drop the package's entry)."""

    alphabet: Annotated[str, BeforeValidator(_text), AfterValidator(_lower_case)] | None = None
    fold: dict[Letters, Replacement] = {}
    lookalikes: dict[Letters, Replacement] = {}
    transliterate: dict[Letters, Replacement] = {}


@dataclass(frozen=True)
class SpellingRules:
    """The rules of one language, the package's and the handbook's merged."""

    language: str
    alphabet: str = ""
    fold: Mapping[str, str] = field(default_factory=dict)
    lookalikes: Mapping[str, str] = field(default_factory=dict)
    transliterate: Mapping[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The rules as the search worker reads them from the index's `config.spelling`."""
        return {
            "alphabet": self.alphabet,
            "fold": dict(self.fold),
            "lookalikes": dict(self.lookalikes),
            "transliterate": dict(self.transliterate),
        }

    def has_letter_of_alphabet(self, word: str) -> bool:
        return any(letter in self.alphabet for letter in word)

    def correct(self, word: str) -> str:
        """The word lower-cased, with the lookalike letters of a word of this alphabet
        replaced: what the person meant to type."""
        word = lower(word)
        if self.lookalikes and self.has_letter_of_alphabet(word):
            word = replace(word, self.lookalikes)
        return word

    def folded(self, word: str) -> str:
        """The folded form of a word, as the index holds it beside the word as written."""
        return replace(self.correct(word), self.fold)

    def transliterated(self, word: str) -> str | None:
        """The word in this language's alphabet when it is written in another one that
        `transliterate` covers, else None."""
        word = lower(word)
        if not self.transliterate or self.has_letter_of_alphabet(word):
            return None
        result = replace(word, self.transliterate)
        return result if result != word else None


def lower(word: str) -> str:
    """Lower case as the browser's `toLowerCase` gives it, without the combining dot that
    the Turkish capital İ leaves on its i ("İ".lower() is "i" + U+0307)."""
    return word.lower().replace("i\u0307", "i")


def replace(word: str, table: Mapping[str, str]) -> str:
    """Replace, left to right, the longest key of `table` found at each position."""
    if not table:
        return word
    longest = max(len(key) for key in table)
    result: list[str] = []
    position = 0
    while position < len(word):
        for size in range(min(longest, len(word) - position), 0, -1):
            piece = word[position : position + size]
            if piece in table:
                result.append(table[piece])
                position += size
                break
        else:
            result.append(word[position])
            position += 1
    return "".join(result)


# --- Reading and checking the files -------------------------------------------------------


def check_spelling(document: YamlDocument, value: SpellingFile) -> list[Problem]:
    """What the model cannot see: rules that contradict each other, with file:line."""
    problems = []
    for letters, replacement in value.fold.items():
        again = [key for key in value.fold if replacement and key in replacement]
        if again:
            problems.append(
                Problem(
                    document.locate(("fold", letters)),
                    f"'{letters}' folds to '{replacement}', which is folded again ('{again[0]}'"
                    f" → '{value.fold[again[0]]}'); fold '{letters}' straight to its last form",
                )
            )
    alphabet = value.alphabet or ""
    for name in ("lookalikes", "transliterate"):
        table = getattr(value, name)
        if table and value.alphabet is None:
            problems.append(
                Problem(
                    document.locate((name,), key=True),
                    f"'{name}' needs the language's 'alphabet' (its letters, for example "
                    "alphabet: абвгд…) to know which words it applies to; add it",
                )
            )
            continue
        for letters in table:
            if any(letter in alphabet for letter in letters):
                problems.append(
                    Problem(
                        document.locate((name, letters), key=True),
                        f"'{letters}' is a letter of this language's alphabet; {name} "
                        "replaces letters of another alphabet only",
                    )
                )
    return problems


def read_spelling_file(path: Path, display: str) -> tuple[SpellingFile | None, list[Problem]]:
    """Read and check one file of rules; the problems carry file:line:column."""
    try:
        document, problems = read_yaml(path, display)
    except YamlSyntaxError as error:
        return None, [error.problem]
    value, model_problems = validate_document(document, SpellingFile)
    problems += model_problems
    if value is None:
        return None, problems
    problems += check_spelling(document, value)  # type: ignore[arg-type]
    return value, problems  # type: ignore[return-value]


def merge(base: SpellingRules, files: list[SpellingFile]) -> SpellingRules:
    """`base` with the rules of `files`, each adding to and replacing what comes before
    (an entry set to null drops it)."""
    alphabet = base.alphabet
    tables = {name: dict(getattr(base, name)) for name in TABLES}
    for value in files:
        if value.alphabet is not None:
            alphabet = value.alphabet
        for name in TABLES:
            for letters, replacement in getattr(value, name).items():
                if replacement is None:
                    tables[name].pop(letters, None)
                else:
                    tables[name][letters] = replacement
    return SpellingRules(base.language, alphabet, **tables)


def package_rules(language: str) -> SpellingRules:
    """The rules this package ships for `language` (none for a language without a file).

    Raises HandbookError if the package's own file is wrong."""
    path = PACKAGE_RULES / f"{language}.yml"
    if not path.is_file():
        return SpellingRules(language)
    value, problems = read_spelling_file(path, str(path))
    if problems or value is None:
        raise HandbookError(problems or [Problem(Location(str(path)), "cannot be read")])
    return merge(SpellingRules(language), [value])


def handbook_file_problems(
    name: str, document: YamlDocument, value: SpellingFile, languages: list[str]
) -> list[Problem]:
    """A handbook's `data/search/<language>.yml`: its checks, and its language."""
    problems = check_spelling(document, value)
    language = Path(name).stem
    if language not in languages:
        problems.append(
            Problem(
                Location(document.display_path, 1, 1),
                f"'{language}' is not a language of this handbook; name the file after one of "
                f"them ({', '.join(f'{lang}.yml' for lang in languages)})",
            )
        )
    return problems
