"""The `{{ handbook: … }}` directive: a data-driven block inside a hand-written page.

A staff member writes, on a line of its own in any Markdown page under `content/`::

    {{ handbook: safety }}
    {{ handbook: safety group=general }}
    {{ handbook: orientation checklist=remote }}
    {{ handbook: rights-and-duties party=volunteer }}

and the line is replaced by the same block the generated page shows, in the page's
language. Options are `name=value` words after the block's name. A directive inside a code
block (``` fences or four-space indent) is left as it is, so a page can show the syntax.

The syntax was chosen because Python-Markdown and MkDocs leave `{{ … }}` untouched (no
Jinja runs on page text), it reads like a placeholder even where the site is not built
(GitHub's preview), and it needs no indentation. A wrong block name or option stops the
build with the page, the line and a suggestion.

Other features add their blocks with `register_block(Block(...))`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from .problems import HandbookError, Location, Problem, did_you_mean

OptionValues = Callable[[Any], list[str]]
"""(HandbookData) → the values an option accepts; an empty list accepts any id."""


@dataclass(frozen=True)
class Block:
    """A block a page can embed: its name, its options, and how to render it."""

    name: str
    """What follows `handbook:` in the directive, for example `safety`."""
    source: str
    """The data file the block shows (`safety.yml`); without it the block is unavailable."""
    render: Callable[[Any, str, dict[str, str]], str]
    """(HandbookData, language, options) → HTML with every data value escaped."""
    options: dict[str, OptionValues] = field(default_factory=dict)


BLOCKS: dict[str, Block] = {}
"""Every block a directive can name, by name."""


def register_block(block: Block) -> Block:
    """Make a block available to `{{ handbook: <name> }}` (called by feature modules)."""
    BLOCKS[block.name] = block
    return block


# A directive on a line of its own; the name may be misspelt, so it is checked afterwards.
_DIRECTIVE = re.compile(r"^ {0,3}\{\{\s*(?P<word>[A-Za-z][\w-]*)\s*:(?P<body>[^{}]*)\}\}\s*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")


def _display_path(page: Any) -> str:
    """The page's source as a person sees it in the repository: `content/en/x.md`."""
    file = page.file
    src = PurePosixPath(file.src_uri)
    if file.abs_src_path:
        parts = PurePosixPath(file.abs_src_path.replace("\\", "/")).parts
        docs_dir = parts[-len(src.parts) - 1] if len(parts) > len(src.parts) else ""
        return f"{docs_dir}/{src}" if docs_dir else str(src)
    return str(src)


def _source_lines(page: Any) -> list[str]:
    try:
        with open(page.file.abs_src_path, encoding="utf-8-sig") as handle:
            return handle.read().split("\n")
    except OSError:
        return []


def _source_line(source: list[str], lines: list[str], index: int, offset: int) -> int:
    """The line number, in the page's file, of Markdown line `index`.

    MkDocs hands plugins the page without its front matter, and other plugins may have
    changed it: the directive is found again in the file by its text and its rank among
    equal lines, falling back to the front-matter offset.
    """
    rank = lines[:index].count(lines[index])
    found = [number for number, text in enumerate(source, start=1) if text == lines[index]]
    return found[rank] if rank < len(found) else offset + index + 1


def _parse_options(body: list[str]) -> tuple[dict[str, str], list[str]]:
    options: dict[str, str] = {}
    malformed: list[str] = []
    for word in body:
        key, equals, value = word.partition("=")
        if not equals or not key or not value:
            malformed.append(word)
        else:
            options[key] = value
    return options, malformed


def _check(
    word: str, body: str, data: Any, where: Location
) -> tuple[Block | None, dict[str, str], list[Problem]]:
    """The block and options a directive names, or the problems that stop it."""
    names = sorted(BLOCKS)
    example = "{{ handbook: safety }}"
    if word != "handbook":
        if did_you_mean(word, ["handbook"]):
            message = (
                f"'{{{{ {word}: … }}}}' is not a directive. Did you mean '{{{{ handbook: … }}}}'?"
            )
            return None, {}, [Problem(where, message)]
        return None, {}, []
    words = body.replace(",", " ").split()
    if not words:
        message = (
            f"the directive names no block; write for example '{example}'. "
            f"Blocks: {', '.join(names)}"
        )
        return None, {}, [Problem(where, message)]
    name, rest = words[0], words[1:]
    block = BLOCKS.get(name)
    if block is None:
        message = (
            f"there is no block '{name}'.{did_you_mean(name, names)} "
            f"Expected one of: {', '.join(names)}"
        )
        return None, {}, [Problem(where, message)]
    if data is None or data.get(block.source) is None:
        message = (
            f"the block '{name}' needs data/{block.source}, which does not exist; "
            "create it or remove this line"
        )
        return None, {}, [Problem(where, message)]
    options, malformed = _parse_options(rest)
    problems = [
        Problem(
            where,
            f"'{word}' is not an option; write options as name=value, for example 'group=general'",
        )
        for word in malformed
    ]
    for key, value in options.items():
        if key not in block.options:
            accepted = ", ".join(block.options) or "none"
            message = (
                f"the block '{name}' has no option '{key}'.{did_you_mean(key, block.options)} "
                f"Options: {accepted}"
            )
            problems.append(Problem(where, message))
            continue
        allowed = block.options[key](data)
        if allowed and value not in allowed:
            message = (
                f"'{value}' is not a {key} of the block '{name}'.{did_you_mean(value, allowed)} "
                f"Expected one of: {', '.join(allowed)}"
            )
            problems.append(Problem(where, message))
    return (None if problems else block), options, problems


def expand_directives(markdown: str, page: Any, data: Any, language: str) -> str:
    """Replace every `{{ handbook: … }}` line of a hand-written page with its block.

    Raises HandbookError listing every wrong directive of the page with its line.
    """
    if not getattr(page.file, "abs_src_path", None) or "{{" not in markdown:
        # Generated pages hold data values, which are never read as directives.
        return markdown
    lines = markdown.split("\n")
    original = list(lines)
    display = _display_path(page)
    source: list[str] | None = None
    problems: list[Problem] = []
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if (
                opened
                and opened.group("fence")[0] == fence[0]
                and len(opened.group("fence")) >= len(fence)
            ):
                fence = None
            continue
        if opened:
            fence = opened.group("fence")
            continue
        # An indented code line has four spaces or more: the pattern allows three at most.
        match = _DIRECTIVE.match(line)
        if match is None:
            continue
        if source is None:
            source = _source_lines(page)
        offset = max(len(source) - len(original), 0)
        line_number = _source_line(source, original, index, offset)
        where = Location(display, line_number, line.index("{{") + 1)
        block, options, found = _check(match.group("word"), match.group("body"), data, where)
        problems.extend(found)
        if block is not None:
            # Blank lines around the HTML make Python-Markdown keep it as one raw block.
            lines[index] = "\n" + block.render(data, language, options).strip() + "\n"
    if problems:
        raise HandbookError(problems)
    return "\n".join(lines)
