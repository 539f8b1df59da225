"""Interface strings of the generator's features, in every language of the handbook.

Each feature keeps its strings in `strings/<feature>.yml` as language → key → text.
A language the file does not cover gets the English strings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

STRINGS_DIR = Path(__file__).parent / "strings"


@cache
def _load(feature: str) -> dict[str, dict[str, str]]:
    return yaml.safe_load((STRINGS_DIR / f"{feature}.yml").read_text(encoding="utf-8"))


def interface_strings(feature: str, language: str) -> dict[str, str]:
    """The strings of `feature` in `language`, English filling any gap."""
    strings = _load(feature)
    return {**strings["en"], **strings.get(language, {})}
