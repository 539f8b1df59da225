"""Why a file is not YAML, said for a person editing it: libyaml's (and PyYAML's) wording
turned into what to change, at the line and column where the mistake was made."""

from __future__ import annotations

import yaml

from .problems import Location, Problem

MAX_DEPTH = 50
"""Deepest nesting of blocks and lists a file may have (the sample's deepest is 8)."""

# libyaml's (and PyYAML's) wording, and what it means for a person editing the file.
_EXPLANATIONS = (
    (
        ("did not find expected key", "expected <block end>"),
        "this line is indented differently from the lines above it; "
        "line it up with the other keys of its block (use spaces, the same number as above)",
    ),
    (
        ("mapping values are not allowed",),
        "a ': ' inside a value; put the whole value in quotes, for example title: \"Step 1: plan\"",
    ),
    (("tab character", "found character '\\t'"), "a tab character; indent with spaces only"),
    (
        ("could not find expected ':'",),
        "a line that is not 'key: value'; add the ':' or quote the text",
    ),
    (("found undefined alias",), "an '*' starts this value; put the value in quotes"),
    (("while scanning a quoted scalar",), "a quote opens here and is never closed"),
    (
        ("while parsing a flow sequence",),
        "a list in [ ] opens here and is not closed; add the ']' or quote the text",
    ),
    (
        ("while parsing a flow mapping",),
        "a block in { } opens here and is not closed; add the '}' or quote the text",
    ),
    (("an anchor", "an alias"), "an '&' or '*' starts this value; put the value in quotes"),
    (("a directive",), "a '%' starts this line; put the value in quotes"),
    (
        ("expected a single document",),
        "a second document starts here ('---'); a file holds one: remove the line",
    ),
    (
        ("maximum nesting depth",),
        f"values are nested too deep; a handbook file needs at most {MAX_DEPTH} levels",
    ),
)

# Where the mistake was made, not where the parser noticed it (the end of the file).
_AT_CONTEXT = ("quoted scalar", "flow sequence", "flow mapping", "simple key")


def _explain(reason: str, text: str, index: int) -> str:
    for fragments, explanation in _EXPLANATIONS:
        if any(fragment in reason for fragment in fragments):
            return explanation
    if "cannot start any token" in reason and 0 <= index < len(text):
        character = text[index]
        if character == "\t":
            return "a tab character; indent with spaces only"
        return f"a value cannot start with '{character}'; put the whole value in quotes"
    return (
        f"{reason}; check the indentation, and quote any text that contains ': ' or starts "
        "with a special character"
    )


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """The line and column (from 1) of the character at `index` of `text`."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def syntax_problem(error: yaml.YAMLError, text: str, display_path: str, first_line: int) -> Problem:
    """What is wrong with `text` (whose first line is the file's `first_line`), said for a
    person editing the file, at the place where the mistake was made."""
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml counts the position in bytes, PyYAML in characters: find the character.
        found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        line, column = line_and_column(text, found if found >= 0 else error.position)
        code = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
        message = (
            f"this file holds a control character ({code}) that YAML does not allow; "
            "delete it (it is invisible in most editors: retype the text around it)"
        )
        return Problem(Location(display_path, line + first_line - 1, column), message)
    context = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or error}"
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if context_mark and any(part in context for part in _AT_CONTEXT):
        mark = context_mark
    mark = mark or context_mark
    line, column = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
    reason = _explain(context, text, mark.index if mark else -1)
    without_colon = _key_without_colon(text, mark.line) if mark else None
    if without_colon is not None and (
        "did not find expected key" in context or "mapping values are not allowed" in context
    ):
        # A key whose ':' is missing reads as text (the block's own, when it is the first
        # key of its block); the parser notices at the next key.
        line, column = without_colon + first_line, _indent(text.split("\n")[without_colon]) + 1
        reason = _explain("could not find expected ':'", text, -1)
    if "mapping values are not allowed" in context and mark and _indented_more(text, mark.line):
        # `key: value` on a line indented deeper than its block: read as the text above
        # going on, with a ': ' inside it.
        reason = (
            "this line is indented more than the line above it; line it up with the "
            "other keys of its block (use spaces, the same number as above)"
        )
        column = 1
    return Problem(Location(display_path, line, column), f"this is not valid YAML: {reason}")


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _key_without_colon(text: str, line: int) -> int | None:
    """The line (from 0) above line `line` that stands where a key of its block should, at
    the same indentation, but holds no ':' (before any comment); None when there is none."""
    lines = text.split("\n")
    if not 0 < line < len(lines):
        return None
    above = line - 1
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip().startswith("#")):
        above -= 1
    if above < 0 or _indent(lines[above]) != _indent(lines[line]):
        return None
    written = lines[above].split(" #", 1)[0]
    return above if ":" not in written and not written.lstrip().startswith("-") else None


def _indented_more(text: str, line: int) -> bool:
    """Whether line `line` (from 0) starts further right than the line above it."""
    lines = text.split("\n")
    if not 0 < line < len(lines) or not lines[line - 1].strip():
        return False
    return (
        _indent(lines[line]) > _indent(lines[line - 1]) and ":" not in lines[line - 1].rstrip()[-1:]
    )
