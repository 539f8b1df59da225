"""Read YAML files while keeping the line and column of every value.

PyYAML's `safe_load` forgets where values came from and silently keeps the last of two
equal keys. Here the file is composed into nodes first, so each value's position is kept
for error messages, and a repeated key is reported instead of dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Location, Problem

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The parsed value of a YAML file and the position of every value and key in it."""

    display_path: str
    data: Any
    value_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """Where the value (or, with `key`, the key) at `path` stands; else its nearest parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe:
            if probe in marks:
                line, column = marks[probe]
                return Location(self.display_path, line, column)
            if probe in self.value_marks:
                line, column = self.value_marks[probe]
                return Location(self.display_path, line, column)
            probe = probe[:-1]
        line, column = self.value_marks.get((), (1, 1))
        return Location(self.display_path, line, column)


class YamlSyntaxError(Exception):
    """A file that is not valid YAML; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


# PyYAML's wording, and what it means for a person editing the file.
_EXPLANATIONS = (
    (
        "expected <block end>",
        "this line is indented differently from the lines above it; "
        "line it up with the other keys of its block (use spaces, the same number as above)",
    ),
    (
        "mapping values are not allowed here",
        "a ': ' inside a value; put the whole value in quotes, for example title: \"Step 1: plan\"",
    ),
    ("found character '\\t'", "a tab character; indent with spaces only"),
    (
        "could not find expected ':'",
        "a line that is not 'key: value'; add the ':' or quote the text",
    ),
    ("found undefined alias", "an '*' starts this value; put the value in quotes"),
    ("found unexpected end of stream", "a quote is opened and never closed"),
    ("while scanning a quoted scalar", "a quote is opened and never closed"),
    ("expected ',' or ']'", "a list in [ ] is not closed; add the ']' or quote the text"),
    ("expected ',' or '}'", "a block in { } is not closed; add the '}' or quote the text"),
)


def _explain(reason: str) -> str:
    for fragment, explanation in _EXPLANATIONS:
        if fragment in reason:
            return explanation
    return (
        f"{reason}; check the indentation, and quote any text that contains ': ' or starts "
        "with a special character"
    )


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def parse_yaml(text: str, display_path: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse `text`; return the document and the problems (repeated keys) found on the way.

    Raises YamlSyntaxError when the text is not YAML at all.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = error.problem or error.context or "not valid YAML"
        raise YamlSyntaxError(
            Problem(
                Location(display_path, line, column), f"this is not valid YAML: {_explain(reason)}"
            )
        ) from None
    except yaml.YAMLError as error:  # reader errors: bad bytes, tabs
        raise YamlSyntaxError(
            Problem(Location(display_path), f"this file cannot be read as YAML ({error})")
        ) from None
    document = YamlDocument(display_path, None)
    problems: list[Problem] = []
    if root is None:
        return document, problems
    constructor = yaml.SafeLoader("")

    def build(node: yaml.Node, path: PathKey) -> Any:
        document.value_marks[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            constructor.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    problems.append(
                        Problem(
                            Location(display_path, *_mark(key_node)),
                            "a key must be a plain word; expected 'name: value'",
                        )
                    )
                    continue
                key = str(key) if not isinstance(key, bool) else str(key).lower()
                child = (*path, key)
                if key in result:
                    first_line = document.key_marks[child][0]
                    problems.append(
                        Problem(
                            Location(display_path, *_mark(key_node)),
                            f"the key '{key}' appears twice in the same block (first on line "
                            f"{first_line}); keep only one",
                        )
                    )
                    continue
                document.key_marks[child] = _mark(key_node)
                result[key] = build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*path, index)) for index, item in enumerate(node.value)]
        return constructor.construct_object(node, deep=True)

    try:
        document.data = build(root, ())
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        raise YamlSyntaxError(
            Problem(
                Location(
                    display_path, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0
                ),
                f"this value cannot be read ({error.problem}); quote it if it is meant as text",
            )
        ) from None
    return document, problems


def read_yaml(path: Path, display_path: str) -> tuple[YamlDocument, list[Problem]]:
    """Read and parse a YAML file; see `parse_yaml`."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(
            Problem(
                Location(display_path),
                f"this file is not UTF-8 text (byte {error.start}); save it as UTF-8",
            )
        ) from None
    return parse_yaml(text, display_path)


def value_lines(lines: list[str], start: int) -> list[str]:
    """The lines of the value whose key is on line `start` (from 1): that line, and the
    deeper indented ones under it (a block text `tr: >-`)."""
    first = lines[start - 1]
    indent = len(first) - len(first.lstrip())
    end = start
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start - 1 : end]
