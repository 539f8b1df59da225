"""`ngo-handbook schema`: write the data files' JSON Schemas for editors."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..schemas import HEADER, PROJECT_FOLDER, header_for, write_schemas
from .output import complain, say, shown_path


def schema_command(args: argparse.Namespace) -> int:
    """Write every schema into DIR (`schemas/` of the handbook in this folder)."""
    folder = Path(args.dir or PROJECT_FOLDER)
    try:
        written = write_schemas(folder)
    except OSError as error:
        complain(f"{folder}: the schemas cannot be written ({error.strerror or error})")
        return 1
    for path in written:
        say(f"wrote {shown_path(path)}")
    example = header_for("safety.yml") or HEADER
    say(
        "\nEach data file names its schema on its first line, for example data/safety.yml:\n"
        f"  {example}\n"
        "VS Code with the YAML extension (or any editor using yaml-language-server) then\n"
        "completes the keys and marks a mistake while you type."
    )
    return 0
