"""Checks across a form's fields and other data files: unique ids, lists that exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..data_files import HandbookData, check_unique_ids
from ..model import Text
from ..problems import Problem, did_you_mean
from .model import FormDefinition, ListField

FORM_FILES = "forms/*.yml"


def form_files(data: HandbookData) -> dict[str, FormDefinition]:
    """Every form, by its path under `data/` (`forms/application.yml`), sorted by path."""
    return data.matching(FORM_FILES)


def _keys(node: Any) -> dict[str, str]:
    """The keys under `node` as written in its file → the attribute (or key) holding each."""
    if isinstance(node, BaseModel):
        return {field.alias or name: name for name, field in type(node).model_fields.items()}
    if isinstance(node, dict):
        return {str(key): key for key in node}
    return {}


def _item_text(item: Any) -> Text | None:
    """The text of one list item: a text itself, or its `text`, `label` or `title`."""
    if isinstance(item, Text):
        return item
    if isinstance(item, str) and item.strip():
        return Text(item)
    for name in ("text", "label", "title"):
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if isinstance(value, Text):
            return value
    return None


def _no_such_file(data: HandbookData, source: str) -> str:
    known = sorted(data.documents)
    hint = did_you_mean(source, known)
    return f"there is no data file '{source}'.{hint} Expected one of: {', '.join(known)}"


def resolve_list(data: HandbookData, source: str, dotted: str) -> list[Text] | str:
    """The texts of the list at `dotted` (`parties.organisation.duties`) in the validated
    data file `source`, or why it cannot be found."""
    node: Any = data.documents.get(source)
    if node is None:
        return _no_such_file(data, source)
    walked: list[str] = []
    for part in dotted.split("."):
        keys = _keys(node)
        if part not in keys:
            where = ".".join(walked) or "the top"
            names = sorted(keys)
            return (
                f"'{dotted}' is not in {source}: there is no '{part}' under {where}."
                f"{did_you_mean(part, names)}"
                + (f" Expected one of: {', '.join(names)}" if names else "")
            )
        node = node[keys[part]] if isinstance(node, dict) else getattr(node, keys[part])
        walked.append(part)
    if not isinstance(node, (list, tuple)):
        return f"'{dotted}' in {source} is not a list; point at a list of items"
    texts = [_item_text(item) for item in node]
    if None in texts:
        return f"the items of '{dotted}' in {source} have no text (expected 'text:' in each)"
    return texts  # type: ignore[return-value]


def _list_problems(data: HandbookData, name: str, path: tuple, field: ListField) -> list[Problem]:
    """A list field's source file and each of its paths exist; a wrong file is reported at
    `source` (once), a wrong path at its place in `select`."""
    if field.source not in data.documents:
        if field.source in data.sources:
            return []  # the file is there, with problems of its own
        message = _no_such_file(data, field.source)
        return [Problem(data.locate(name, (*path, "source")), message)]
    problems = []
    for index, dotted in enumerate(field.select):
        found = resolve_list(data, field.source, dotted)
        if isinstance(found, str):
            problems.append(Problem(data.locate(name, (*path, "select", index)), found))
    return problems


def _ids(form: FormDefinition) -> Iterator[tuple[tuple, str]]:
    """(path of the id, id) for every field that has one."""
    for s, section in enumerate(form.sections):
        for f, field in enumerate(section.fields):
            if getattr(field, "id", None) is not None:
                yield ("sections", s, "fields", f, "id"), field.id


def check_forms(data: HandbookData) -> list[Problem]:
    """Field ids are unique in each form, and so are the ids of each field's options, items
    and columns; every list field points at an existing list."""
    problems: list[Problem] = []
    for name, form in form_files(data).items():
        for s, section in enumerate(form.sections):
            for f, field in enumerate(section.fields):
                path = ("sections", s, "fields", f)
                if isinstance(field, ListField):
                    problems.extend(_list_problems(data, name, path, field))
                for key in ("options", "items", "columns"):
                    children = getattr(field, key, None) or []
                    problems.extend(
                        check_unique_ids(
                            data,
                            name,
                            (((*path, key, i, "id"), child.id) for i, child in enumerate(children)),
                        )
                    )
        problems.extend(check_unique_ids(data, name, _ids(form)))
    return problems
