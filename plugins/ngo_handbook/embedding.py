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

Every feature declares its blocks (`Feature.blocks`); the build gathers them into
`BuildContext.blocks`. Every page's directives are checked in the load phase
(`check_directives`), with the data files, so one run lists every mistake.
"""

from __future__ import annotations

import re

from .context import BuildContext
from .feature import Block, SourcePage
from .problems import HandbookError, Location, Problem, did_you_mean

# A directive on a line of its own; the name may be misspelt, so it is checked afterwards.
_DIRECTIVE = re.compile(r"^ {0,3}\{\{\s*(?P<word>[A-Za-z][\w-]*)\s*:(?P<body>[^{}]*)\}\}\s*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")


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
    word: str, body: str, context: BuildContext, where: Location
) -> tuple[Block | None, dict[str, str], list[Problem]]:
    """The block and options a directive names, or the problems that stop it."""
    data = context.data
    names = sorted(context.blocks)
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
    block = context.blocks.get(name)
    if block is None:
        message = (
            f"there is no block '{name}'.{did_you_mean(name, names)} "
            f"Expected one of: {', '.join(names)}"
        )
        return None, {}, [Problem(where, message)]
    if data.get(block.source) is None and block.source in data.sources:
        return None, {}, []  # the data file has problems of its own, reported with it
    if data.get(block.source) is None:
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


def _directives(lines: list[str]) -> list[tuple[int, re.Match[str]]]:
    """(index, match) of every directive line outside code blocks."""
    found = []
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
        if match is not None:
            found.append((index, match))
    return found


def directive_lines(lines: list[str]) -> list[int]:
    """The indexes of the `{{ handbook: … }}` lines among `lines`, code blocks left out."""
    return [index for index, _ in _directives(lines)]


def check_directives(context: BuildContext) -> list[Problem]:
    """Every wrong directive in every page under the docs folder, with its file and line."""
    problems: list[Problem] = []
    for path in sorted(context.docs_dir.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # reported by the front-matter checks
        if "{{" not in text:
            continue
        lines = text.split("\n")
        for index, match in _directives(lines):
            where = Location(context.display(path), index + 1, lines[index].index("{{") + 1)
            _, _, found = _check(match.group("word"), match.group("body"), context, where)
            problems.extend(found)
    return problems


def expand_directives(markdown: str, page: SourcePage, context: BuildContext) -> str:
    """Replace every `{{ handbook: … }}` line of a hand-written page with its block.

    Raises HandbookError listing every wrong directive of the page (already reported by
    `check_directives` in a build, so this only happens when the page changed since).
    """
    if page.generated or "{{" not in markdown:
        # Generated pages hold data values, which are never read as directives.
        return markdown
    lines = markdown.split("\n")
    problems: list[Problem] = []
    for index, match in _directives(lines):
        where = Location(page.display_path, 0, 0)
        block, options, found = _check(match.group("word"), match.group("body"), context, where)
        problems.extend(found)
        if block is not None:
            # Blank lines around the HTML make Python-Markdown keep it as one raw block.
            html = block.render(context, page.language, options).strip()
            lines[index] = "\n" + html + "\n"
    if problems:
        raise HandbookError(problems)
    return "\n".join(lines)
