"""What is sound in a data file with mistakes, so the checks across entries still run.

A file that does not validate has no model, and the checks that compare its entries with
each other or with other files (an unknown area id, a repeated choice number, a guidance
page naming a choice that does not exist) would wait until its mistakes are fixed: one
round of fixes would hide the next. Leaving out each key that is in the way (a misspelt
key, a wrong value of an optional key) often makes the rest valid; the checks then run on
that, in the same run, and a build with problems never goes further. A key that cannot be
left out (a required one) or a wrong entry as a whole gives up: leaving out an entry would
make every reference to it look unknown.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from .model import DataModel

ROUNDS = 5
"""How many times keys are left out and the rest validated again, at most."""


def _key_of(data: Any, location: tuple) -> tuple[dict, str] | None:
    """The mapping and key `location` names (skipping the steps pydantic adds for unions
    and validators), or None when it names no key that is there."""
    parent, key, node = None, None, data
    for step in location:
        if isinstance(node, dict) and step in node:
            parent, key, node = node, step, node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            parent, key, node = node, step, node[step]
    return (parent, key) if isinstance(parent, dict) else None


def sound_part(data: Any, model: type[DataModel]) -> DataModel | None:
    """The file's `data` validated without the keys in the way, or None when leaving out
    keys does not make it valid."""
    data = copy.deepcopy(data)
    for _ in range(ROUNDS):
        try:
            return model.model_validate(data)
        except ValidationError as error:
            found = error.errors()
        if any(problem["type"] == "missing" for problem in found):
            return None
        keys = [_key_of(data, tuple(problem["loc"])) for problem in found]
        if None in keys:
            return None
        for parent, key in {(id(parent), key): (parent, key) for parent, key in keys}.values():
            del parent[key]
    return None
