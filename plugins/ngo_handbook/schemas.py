"""JSON Schemas of the data files, made from the models that validate them, for editors.

An editor using yaml-language-server (VS Code's YAML extension, among others) completes
keys and flags mistakes while staff type, when a data file starts with

    # yaml-language-server: $schema=../schemas/safety.schema.json

The package ships the schemas (`ngo_handbook/schemas/`); `ngo-handbook schema` writes
them into a handbook's `schemas/` folder, and `ngo-handbook new` does it for a new one.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

SHIPPED = Path(__file__).parent / "schemas"
"""The schemas as the package ships them."""
PROJECT_FOLDER = "schemas"
"""Where a handbook keeps them, beside `data/`."""
HEADER = "# yaml-language-server: $schema="
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(pattern: str) -> str:
    """The schema file of a kind of data file: `safety.schema.json`, `forms.schema.json`."""
    return pattern.replace("/*.yml", "").removesuffix(".yml") + ".schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """Every data kind's schema, by file name, made from its model now."""
    from .features import data_kinds

    found = {}
    for kind in data_kinds():
        if kind.model is None:
            continue
        schema = {"$schema": DIALECT, **kind.model.model_json_schema()}
        schema.setdefault("title", kind.model.__name__)
        schema["description"] = f"data/{kind.pattern}: {kind.summary}"
        found[schema_name(kind.pattern)] = schema
    return found


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def header_for(data_name: str) -> str | None:
    """The first line of data file `data_name` (as under `data/`: `forms/agreement.yml`),
    pointing at its schema in the handbook's `schemas/`; None for a file without one."""
    import fnmatch

    from .features import data_kinds

    kind = next((k for k in data_kinds() if fnmatch.fnmatch(data_name, k.pattern)), None)
    if kind is None or kind.model is None:
        return None
    up = "../" * (len(PurePosixPath(data_name).parts))
    return f"{HEADER}{up}{PROJECT_FOLDER}/{schema_name(kind.pattern)}"


def with_header(text: str, data_name: str) -> str:
    """`text` of data file `data_name` with its schema line first (replacing an old one)."""
    header = header_for(data_name)
    if header is None:
        return text
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(HEADER):
        lines = lines[1:]
    return header + "\n" + "".join(lines)
