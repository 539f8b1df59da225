"""`ngo-handbook add KIND`: a new entry written into its data file, ready to fill in.

The entry goes at the end of its list (in the group, area, checklist or form named, or the
last one), indented like its neighbours; every comment and every other line of the file
stays as it was (the text is inserted, not rewritten). Each text gets a line per language
with a hint and a mark in that language (`# translate`, `# çevir`…), so `ngo-handbook
check` lists what is left to write.
Optional keys follow as comments, to uncomment when needed. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Location, Problem
from .stand_ins import TRANSLATE
from .strings_files import REFERENCE, package_files

SECTION = "new_entries"


@dataclass(frozen=True)
class EntryKind:
    """One kind of entry: its file, the list it joins, and its lines."""

    name: str
    file: str
    """Under `data/`; for a form field, `forms/{parent}.yml`."""
    path: tuple[str, ...]
    """The list it joins: keys, and `*` for "the item named by --in, else the last one"."""
    lines: tuple[str, ...]
    """The entry, as written under `- `: `{id}` is its id, `key: @hint` a text per language,
    each with the hint of that name in its language (`strings/<language>.yml`,
    `new_entries`)."""
    what: str
    numbered: bool = False
    """Its id is a number: the next one after the highest of the file."""


KINDS = {
    kind.name: kind
    for kind in (
        EntryKind(
            "partner",
            "partners.yml",
            ("organisations",),
            (
                "id: {id}",
                "name: @partner_name",
                "city: {city}",
                "areas: []  # ids from 'areas:' above, for example [youth, education]",
                "description: @partner_description",
                "# name_translated: the name in each language, if it has one",
                "# website: https://…",
                "# links: [https://…]",
                "# contact: {email: …, phone: …, address: …}",
            ),
            "a partner organisation",
        ),
        EntryKind(
            "safety-topic",
            "safety.yml",
            ("groups", "*", "topics"),
            (
                "id: {id}",
                "title: @topic_title",
                "explanation: @topic_explanation",
            ),
            "a topic of the safety briefing",
        ),
        EntryKind(
            "orientation-item",
            "orientation.yml",
            ("checklists", "*", "sections", "-1", "items"),
            (
                "id: {id}",
                "text: @item_text",
                "# details: a sentence per language that explains it",
            ),
            "an item of an orientation checklist",
        ),
        EntryKind(
            "question",
            "self_assessment.yml",
            ("areas", "*", "questions"),
            (
                "id: {id}",
                "text: @question_text",
                "# hint: a sentence per language under the question",
                "choices:",
                "  - id: 1",
                "    level: 1",
                "    text: @choice_starting",
                "  - id: 2",
                "    level: 2",
                "    text: @choice_on_its_way",
                "  - id: 3",
                "    level: 3",
                "    text: @choice_does_it_well",
            ),
            "a self-assessment question (and its guidance pages)",
            numbered=True,
        ),
        EntryKind(
            "form-field",
            "forms/{parent}.yml",
            ("sections", "-1", "fields"),
            (
                "type: short_text  # or long_text, single_choice, date… (see the README)",
                "id: {id}",
                "label: @field_label",
                "# help: a sentence per language under the label",
            ),
            "a form field",
        ),
    )
}


class EntryError(Exception):
    """What keeps an entry from being added, as problems with their place."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def _select(node, path: tuple[str, ...], parent: str | None, display: str):
    """The sequence node at `path` (keys, `*` for the item with id `parent` or the last one,
    `-1` for the last item)."""
    for step in path:
        if step in ("*", "-1"):
            if not isinstance(node, yaml.SequenceNode) or not node.value:
                raise EntryError([Problem(Location(display), "there is no list to add to")])
            items = node.value
            if step == "*" and parent is not None:
                ids = {_scalar(item, "id"): item for item in items}
                if parent not in ids:
                    known = ", ".join(str(key) for key in ids if key)
                    message = (
                        f"there is no '{parent}'; the ids are {known}: give one of them with --in"
                    )
                    raise EntryError([Problem(Location(display), message)])
                node = ids[parent]
            else:
                node = items[-1]
            continue
        found = None
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == step), None)
        if found is None:
            raise EntryError([Problem(Location(display), f"there is no '{step}:' list here")])
        node = found
    if not isinstance(node, yaml.SequenceNode) or node.flow_style:
        raise EntryError([Problem(Location(display), f"'{path[-1]}' is not a list of entries")])
    return node


def _scalar(node, key: str) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.ScalarNode):
                return v.value
    return None


def _last_line(node) -> int:
    """The last line (from 0) that holds a value of `node`."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        return end.line if end.column > 0 else end.line - 1
    children = node.value if isinstance(node, yaml.SequenceNode) else [v for _, v in node.value]
    return max((_last_line(child) for child in children), default=node.start_mark.line)


def _numbers(node) -> list[int]:
    """Every `id:` that is a number, anywhere in `node`'s lists of questions."""
    found = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "questions" and isinstance(value, yaml.SequenceNode):
                found += [
                    int(n)
                    for n in (_scalar(item, "id") for item in value.value)
                    if n and n.isdigit()
                ]
            else:
                found += _numbers(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _numbers(item)
    return found


def hints(language: str) -> dict[str, str]:
    """The hints and the mark of a new entry in `language`, else in English."""
    files = package_files()
    return (files.get(language) or files[REFERENCE]).texts[SECTION]


def entry_marks() -> tuple[str, ...]:
    """The mark after a text still to write, in every language the package has (and the
    English one `ngo-handbook new` writes)."""
    marks = {f"# {strings.texts[SECTION]['mark']}" for strings in package_files().values()}
    return tuple(sorted(marks | {TRANSLATE}))


def entry_text(kind: EntryKind, values: dict[str, str], languages: list[str], dash: int) -> str:
    """The entry's lines, its dash at column `dash`; each text a line per language, with a
    hint and a mark in that language."""
    lines = []
    for number, template in enumerate(kind.lines):
        key, _, hint = template.partition(": @")
        depth = len(template) - len(template.lstrip(" "))
        lead = " " * dash + ("- " if number == 0 else "  ")
        if hint:
            lines.append(f"{lead}{key}:")
            inner = " " * (dash + 2 + depth + 2)
            for language in languages:
                texts = hints(language)
                lines.append(f"{inner}{language}: {texts[hint]}  # {texts['mark']}")
        else:
            for name, value in values.items():
                template = template.replace("{" + name + "}", value)
            lines.append(lead + template)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Added:
    file: Path
    line: int
    """Where the entry starts (from 1)."""
    identifier: str


def add_entry(
    data_dir: Path,
    kind: EntryKind,
    languages: list[str],
    *,
    identifier: str | None = None,
    parent: str | None = None,
    display_root: Path,
) -> Added:
    """Write a new entry of `kind` into its file; return where it went."""
    if "{parent}" in kind.file and not parent:
        forms = sorted(p.stem for p in (data_dir / "forms").glob("*.yml"))
        raise EntryError(
            [
                Problem(
                    Location("data/forms"),
                    f"name the form with --in; the forms are {', '.join(forms)}",
                )
            ]
        )
    path = data_dir / kind.file.format(parent=parent)
    display = (
        path.relative_to(display_root).as_posix()
        if path.is_relative_to(display_root)
        else str(path)
    )
    if not path.is_file():
        raise EntryError([Problem(Location(display), "there is no such file")])
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text)
    sequence = _select(root, kind.path, None if "{parent}" in kind.file else parent, display)
    lines = text.splitlines(keepends=True)
    first = sequence.value[0] if sequence.value else None
    if first is None:
        raise EntryError([Problem(Location(display), "the list is empty; write one entry by hand")])
    dash = lines[first.start_mark.line].index("-")
    if kind.numbered:
        identifier = str(max(_numbers(root), default=0) + 1)
    elif not identifier:
        raise EntryError([Problem(Location(display), "give the new entry an id: --id some-name")])
    elif not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", identifier):
        raise EntryError(
            [
                Problem(
                    Location(display),
                    f"'{identifier}' is not an id; use lower-case letters, digits, '-' and '_'",
                )
            ]
        )
    values = {"id": identifier, "city": _first_id(root, "cities") or "…"}
    after = _last_line(sequence.value[-1]) + 1
    if not text.endswith("\n"):
        lines[-1] += "\n"
    lines.insert(after, entry_text(kind, values, languages, dash))
    path.write_text("".join(lines), encoding="utf-8")
    return Added(path, after + 1, identifier)


def _first_id(root, key: str) -> str | None:
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if k.value == key and isinstance(v, yaml.SequenceNode) and v.value:
                return _scalar(v.value[0], "id")
    return None
