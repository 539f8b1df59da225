"""Invisible direction marks in a text a person typed, kept inside that text.

A right-to-left override (U+202E) in a partner's name would otherwise turn the rest of
the line around it backwards: in the menu, a list, a search result or the CSV (the
classic trick that shows `exe.pdf` as `fdp.exe`). A text holding any of the explicit
direction controls is wrapped in an isolate (FSI … PDI) with every embedding, override
and isolate it opens closed inside it, so its marks act on it alone. Texts without such
marks (nearly all, Arabic and Persian included) are left exactly as they are.
"""

from __future__ import annotations

import re

_OPENERS_EMBEDDING = "\u202a\u202b\u202d\u202e"  # LRE, RLE, LRO, RLO
_CLOSE_EMBEDDING = "\u202c"  # PDF
_OPENERS_ISOLATE = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_CLOSE_ISOLATE = "\u2069"  # PDI
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def isolate_direction_marks(text: str) -> str:
    """`text` itself when it holds no explicit direction control; else `text` closed and
    wrapped so that its controls reach no further than its end."""
    if not _CONTROLS.search(text):
        return text
    # What stays open at the end, innermost last (an isolate's end also closes the
    # embeddings opened inside it, as in the Unicode bidirectional algorithm). A closing
    # mark with nothing to close is dropped: it could end an isolate around the text.
    still_open: list[str] = []
    kept: list[str] = []
    for character in text:
        if character in _OPENERS_EMBEDDING or character in _OPENERS_ISOLATE:
            still_open.append(character)
        elif character == _CLOSE_EMBEDDING:
            if not still_open or still_open[-1] not in _OPENERS_EMBEDDING:
                continue
            still_open.pop()
        elif character == _CLOSE_ISOLATE:
            if not any(opened in _OPENERS_ISOLATE for opened in still_open):
                continue
            while still_open.pop() not in _OPENERS_ISOLATE:
                pass
        kept.append(character)
    closing = "".join(
        _CLOSE_ISOLATE if opened in _OPENERS_ISOLATE else _CLOSE_EMBEDDING
        for opened in reversed(still_open)
    )
    return "\u2068" + "".join(kept) + closing + "\u2069"
