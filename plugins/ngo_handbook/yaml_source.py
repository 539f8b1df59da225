"""Read YAML files while keeping the line and column of every value.

PyYAML's `safe_load` forgets where values came from and silently keeps the last of two
equal keys. Here the file is composed into nodes first (by libyaml's C parser when PyYAML
has it, else PyYAML's own), so each value's position is kept for error messages, and a
repeated key is reported instead of dropped.

Nothing a person types may hang the build or end it with a traceback: aliases (`*name`)
may repeat values only so often, an alias inside the value it names is refused, values
nest at most `MAX_DEPTH` deep, and only YAML's plain tags are read (`!!python/…`, `!foo`
are refused, as MkDocs would print such front matter as page text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .problems import Location, Problem
from .yaml_syntax import MAX_DEPTH, line_and_column, syntax_problem

PathKey = tuple[str | int, ...]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser (several times faster, and it limits nesting itself) when installed."""

MAX_REPEATED = 100_000
"""How many values aliases may add to a file by repeating others (a 300-byte file of
nested aliases would otherwise hold billions)."""

_STANDARD = "tag:yaml.org,2002:"
_TEXT = _STANDARD + "str"
_PLAIN_TAGS = {
    yaml.MappingNode: {_STANDARD + "map"},
    yaml.SequenceNode: {_STANDARD + "seq"},
    yaml.ScalarNode: {
        _STANDARD + name for name in ("str", "int", "float", "bool", "null", "timestamp")
    },
}


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
            found = marks.get(probe) or self.value_marks.get(probe)
            if found is not None:
                return Location(self.display_path, *found)
            probe = probe[:-1]
        line, column = self.value_marks.get((), (1, 1))
        return Location(self.display_path, line, column)


class YamlSyntaxError(Exception):
    """A file that is not valid YAML (or cannot be read as text); carries the problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag


class _Composer:
    """Turns composed nodes into plain values, recording the place of each."""

    def __init__(self, document: YamlDocument, first_line: int) -> None:
        self.document = document
        self.offset = first_line - 1
        self.problems: list[Problem] = []
        self.constructor = SafeConstructor()

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def problem(self, node: yaml.Node, message: str) -> None:
        location = Location(self.document.display_path, *self.mark(node))
        self.problems.append(Problem(location, message))

    def check_repetition(self, root: yaml.Node) -> bool:
        """Refuse an alias inside the value it names, and aliases that repeat too much.

        Counts each distinct node once, and how many values the file holds once every
        alias is written out (linear in the file's size: each node is sized once)."""
        sizes: dict[int, int] = {}
        distinct = 0
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        open_nodes: set[int] = set()
        while stack:
            node, done = stack.pop()
            if done:
                open_nodes.discard(id(node))
                children = self.children(node)
                sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
                continue
            if id(node) in sizes:
                continue
            distinct += 1
            open_nodes.add(id(node))
            stack.append((node, True))
            for child in self.children(node):
                if id(child) in open_nodes:
                    self.problem(
                        child,
                        "an alias (*name) inside the value it names would repeat it forever; "
                        "write the inner value out instead",
                    )
                    return False
                if id(child) not in sizes:
                    stack.append((child, False))
        if sizes[id(root)] - distinct <= MAX_REPEATED:
            return True
        # Point at the smallest value that alone holds too many.
        node = root
        while True:
            big = [child for child in self.children(node) if sizes[id(child)] > MAX_REPEATED]
            if not big:
                break
            node = big[0]
        self.problem(
            node,
            f"aliases (*name) repeat values here until the file would hold "
            f"{sizes[id(root)]:,} values; write the values out, or use fewer aliases",
        )
        return False

    @staticmethod
    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.MappingNode):
            return [part for pair in node.value for part in pair]
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return []

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.document.value_marks[path] = self.mark(node)
        if len(path) > MAX_DEPTH:
            self.problem(
                node,
                f"values are nested more than {MAX_DEPTH} levels deep here; check the "
                "indentation and the brackets",
            )
            return None
        if type(node) is yaml.ScalarNode and node.tag == _TEXT:
            return node.value  # most values: what the constructor would return, at once
        if node.tag not in _PLAIN_TAGS[type(node)]:
            self.problem(
                node,
                f"the tag '{_tag_name(node.tag)}' is not understood here; remove it "
                "(put the value in quotes if it is text)",
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, OverflowError) as error:
            reason = getattr(error, "problem", None) or error
            self.problem(node, f"this value cannot be read ({reason}); put it in quotes")
            return None

    def key(self, node: yaml.Node) -> str | None:
        """A key as text (`1`, `true` as written in lower case); None for one that is not a
        plain word."""
        if type(node) is yaml.ScalarNode and node.tag == _TEXT:
            return node.value
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _PLAIN_TAGS[yaml.ScalarNode]:
            return None
        key = self.constructor.construct_object(node)
        if key is None or not isinstance(key, (str, int, float, bool)):
            return None
        return str(key) if not isinstance(key, bool) else str(key).lower()

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        self.constructor.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key is None:
                self.problem(key_node, "a key must be a plain word; expected 'name: value'")
                continue
            child = (*path, key)
            if key in result:
                first_line = self.document.key_marks[child][0]
                self.problem(
                    key_node,
                    f"the key '{key}' appears twice in the same block (first on line "
                    f"{first_line}); keep only one",
                )
                continue
            self.document.key_marks[child] = self.mark(key_node)
            result[key] = self.build(value_node, child)
        return result


def parse_yaml(
    text: str, display_path: str, *, first_line: int = 1
) -> tuple[YamlDocument, list[Problem]]:
    """Parse `text`; return the document and the problems (repeated keys, tags) found on
    the way. `first_line` is the line of the file where `text` starts (a page's front matter
    starts on line 2), so that every line reported is the file's own.

    Raises YamlSyntaxError when the text is not YAML at all.
    """
    document = YamlDocument(display_path, None)
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        raise YamlSyntaxError(syntax_problem(error, text, display_path, first_line)) from None
    except RecursionError:  # PyYAML's own parser, without libyaml's limit on nesting
        message = f"values are nested too deep; a handbook file needs at most {MAX_DEPTH} levels"
        raise YamlSyntaxError(Problem(Location(display_path, first_line, 1), message)) from None
    if root is None:
        return document, []
    composer = _Composer(document, first_line)
    # Without both an anchor (&) and an alias (*) nothing repeats: skip the count.
    if "&" in text and "*" in text and not composer.check_repetition(root):
        return document, composer.problems
    try:
        document.data = composer.build(root, ())
    except ConstructorError as error:  # a merge key (<<) that names no block
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
        raise YamlSyntaxError(
            Problem(
                Location(display_path, line, column),
                f"this value cannot be read ({error.problem}); '<<: *name' takes the "
                "name of a block of keys",
            )
        ) from None
    return document, composer.problems


def decode_source(data: bytes, display_path: str) -> str:
    """The text of a source file saved as UTF-8 (with or without a byte-order mark).

    Raises YamlSyntaxError naming the line and column of the first byte that is not
    UTF-8, or saying that the file is UTF-16 or not text at all."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlSyntaxError(
            Problem(
                Location(display_path, 1, 1),
                "this file is saved as UTF-16; save it as UTF-8 (in the editor's "
                "'Save as' or 'Encoding' menu)",
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig", errors="replace")
        line, column = line_and_column(good, len(good))
        message = (
            "this file is not UTF-8 text: the character here cannot be read; save the "
            "file as UTF-8 (in the editor's 'Save as' or 'Encoding' menu)"
        )
        if b"\x00" in data[:1024]:
            message = "this is not a text file; a handbook file is text saved as UTF-8"
            line, column = 1, 1
        raise YamlSyntaxError(Problem(Location(display_path, line, column), message)) from None
    if "\x00" in text:
        line, column = line_and_column(text, text.index("\x00"))
        message = "this is not a text file (it holds a NUL byte); save it as UTF-8 text"
        raise YamlSyntaxError(Problem(Location(display_path, line, column), message))
    return text


def read_source(path: Path, display_path: str) -> str:
    """Read a source file's text; see `decode_source`."""
    return decode_source(path.read_bytes(), display_path)


def read_yaml(path: Path, display_path: str) -> tuple[YamlDocument, list[Problem]]:
    """Read and parse a YAML file; see `parse_yaml`."""
    return parse_yaml(read_source(path, display_path), display_path)
