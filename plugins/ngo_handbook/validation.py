"""A parsed YAML file validated against its model: pydantic's errors become the handbook's
problems, each at the file, line and column of the value, in the words of the file's keys.
"""

from __future__ import annotations

from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, RootModel, ValidationError

from .model import DataModel
from .problems import Problem, closest, did_you_mean
from .yaml_source import YamlDocument


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _model_at(model: Any, loc: tuple) -> tuple[Any, tuple, str | None]:
    """Follow a pydantic error's `loc` through the model classes (lists, dicts, optionals
    and unions): the model class holding the last key, the path of the value in the file,
    and `key: tag` when that class was chosen by a discriminated union's tag (else None).

    pydantic puts the tag of a discriminated union in `loc` (`sections, 0, fields, 2,
    long_text, max`); the file has no such key, so the path leaves it out.
    """

    def is_model(value: Any) -> bool:
        return isinstance(value, type) and issubclass(value, BaseModel)

    current: Any = model
    holder = model if is_model(model) else None
    discriminator: str | None = None
    chosen: tuple[Any, str] | None = None
    path: list = []
    for part in loc:
        consumed = False
        while not consumed:
            origin, args = get_origin(current), get_args(current)
            if origin is Annotated:
                found = [getattr(m, "discriminator", None) for m in current.__metadata__]
                discriminator = next((d for d in found if isinstance(d, str)), discriminator)
                current = args[0]
            elif origin in (Union, UnionType):
                members = [a for a in args if a is not type(None)]
                named = {m.__name__: m for m in members if is_model(m)}
                for member in list(named.values()):
                    if discriminator in member.model_fields:
                        tags = get_args(member.model_fields[discriminator].annotation)
                        named.update({str(tag): member for tag in tags})
                if isinstance(part, str) and part in named:
                    current, consumed = named[part], True
                    if discriminator:
                        chosen = (current, f"{discriminator}: {part}")
                else:
                    current = next(iter(named.values()), members[0] if members else None)
            else:
                break
        if consumed:
            continue
        path.append(part)
        discriminator = None
        if get_origin(current) in (list, tuple, set, frozenset) and isinstance(part, int):
            current = get_args(current)[0] if get_args(current) else None
        elif get_origin(current) is dict:
            current = get_args(current)[-1] if get_args(current) else None
        elif is_model(current):
            holder = current
            names = {info.alias or name: name for name, info in current.model_fields.items()}
            info = current.model_fields.get(names.get(str(part), ""))
            current = info.annotation if info else None
            found = info.discriminator if info else None
            discriminator = found if isinstance(found, str) else None
        else:
            current = None
    choice = chosen[1] if chosen and chosen[0] is holder else None
    return holder, tuple(path), choice


def _misspelt_required_keys(items: list[tuple]) -> dict[tuple, str]:
    """Each unknown key that misspells a required key missing beside it (`idd:` for `id:`),
    with the key it should be: the two are one mistake, told in one message."""
    missing = {path for item, _, path, _ in items if item["type"] == "missing"}
    renames: dict[tuple, str] = {}
    for item, holder, path, _ in items:
        if item["type"] != "extra_forbidden" or holder is None:
            continue
        meant = closest(str(path[-1]), holder.model_fields)
        required = (*path[:-1], meant)
        if meant and required in missing:
            missing.discard(required)  # a second misspelling of it is an unknown key
            renames[path] = meant
    return renames


def _problems_from_validation(
    error: ValidationError, document: YamlDocument, model: Any
) -> list[Problem]:
    problems = []
    items = [
        (item, *_model_at(model, tuple(item["loc"]))) for item in error.errors(include_url=False)
    ]
    renames = _misspelt_required_keys(items)
    renamed = {(*path[:-1], meant) for path, meant in renames.items()}
    for item, holder, path, choice in items:
        kind = item["type"]
        context = item.get("ctx", {})
        if kind == "missing" and path in renamed:
            continue
        if kind == "extra_forbidden" and path in renames:
            meant = renames[path]
            message = (
                f"unknown key '{path[-1]}': the required key '{meant}' is missing here; "
                f"rename '{path[-1]}' to '{meant}'"
            )
            problems.append(Problem(document.locate(path, key=True), message))
        elif kind == "extra_forbidden":
            allowed = list(holder.model_fields) if holder else []
            hint = did_you_mean(str(path[-1]), allowed)
            # A class of a discriminated union: name the tag, whose keys these are.
            expected = f"With '{choice}' the keys are" if choice else "Expected one of"
            message = f"unknown key '{path[-1]}'.{hint} {expected}: {', '.join(allowed)}"
            problems.append(Problem(document.locate(path, key=True), message))
        elif kind == "union_tag_invalid":
            key = context["discriminator"].strip("'")
            tags = [tag.strip().strip("'") for tag in context["expected_tags"].split(",")]
            hint = did_you_mean(str(context["tag"]), tags)
            message = f"'{context['tag']}' is not a known {key}.{hint} Expected one of: "
            problems.append(Problem(document.locate((*path, key)), message + ", ".join(tags)))
        elif kind == "union_tag_not_found":
            key = context["discriminator"].strip("'")
            message = f"the key '{key}' is missing; add '{key}: …' here"
            problems.append(Problem(document.locate(path), message))
        elif kind == "missing":
            message = f"the key '{path[-1]}' is missing; add '{path[-1]}: …' here"
            problems.append(Problem(document.locate(path[:-1]), message))
        elif kind.startswith(
            ("text_", "identifier", "unsafe_link", "email", "image_path")
        ) or kind in (
            "value_error",
            "assertion_error",
        ):
            message = item["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
            problems.append(Problem(document.locate(path), message))
        else:
            where = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this value"
            reason = item["msg"][0].lower() + item["msg"][1:]
            message = f"{where}: {reason}; got {_describe(item.get('input'))}"
            problems.append(Problem(document.locate(path), message))
    return problems


def validate_document(
    document: YamlDocument, model: type[DataModel]
) -> tuple[DataModel | None, list[Problem]]:
    """Validate a parsed file against its model; the problems carry file:line:col."""
    if document.data is None:
        return None, [
            Problem(document.locate(()), "this file is empty; see the docs for what it holds")
        ]
    is_list = isinstance(model, type) and issubclass(model, RootModel)
    if not isinstance(document.data, list if is_list else dict):
        expected = (
            "a list of entries, each starting with '- '"
            if is_list
            else ("a block of 'key: value' lines")
        )
        return None, [
            Problem(
                document.locate(()),
                f"expected {expected}, got {_describe(document.data)}",
            )
        ]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        # A list file's errors name positions in the list, not the model's `root`.
        shape = model.model_fields["root"].annotation if is_list else model
        return None, _problems_from_validation(error, document, shape)
