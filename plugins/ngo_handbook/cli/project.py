"""The handbook folder a command works on, and the settings of its build."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..problems import Location, Problem
from ..yaml_source import YamlSyntaxError, parse_yaml, read_source
from .output import complain

PDF_SWITCH = "HANDBOOK_PDF"
CONFIG_FILE = "mkdocs.yml"


def find_project(option: str | None) -> tuple[Path, Path] | None:
    """The project folder and its mkdocs.yml, or None (after saying why) without one."""
    project = Path(option or ".")
    config_file = project / CONFIG_FILE
    if not config_file.is_file():
        where = "this folder" if option is None else str(project)
        complain(
            f"{config_file}: there is no {CONFIG_FILE} in {where}; run the command inside a "
            "handbook folder, or name one with --project (ngo-handbook new makes one)"
        )
        return None
    return project, config_file


def config_syntax_problem(config_file: Path) -> Problem | None:
    """A mkdocs.yml that is not YAML, in the handbook's words (MkDocs would say it in its
    own, with the file's full path); None when it reads. Its tags (`!ENV`, `!!python/…`)
    are MkDocs' business."""
    try:
        parse_yaml(read_source(config_file, CONFIG_FILE), CONFIG_FILE)
    except YamlSyntaxError as error:
        return error.problem
    return None


def config_line(project: Path, key: str) -> Location:
    """Where `key` (`theme`, `plugins`…) stands in the project's mkdocs.yml."""
    path = project / CONFIG_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return Location(CONFIG_FILE)
    for number, line in enumerate(lines, 1):
        found = re.match(rf"^(\s*)-?\s*{re.escape(key)}\s*:", line)
        if found:
            return Location(CONFIG_FILE, number, len(found.group(1)) + 1)
    return Location(CONFIG_FILE, 1, 1)


@contextlib.contextmanager
def environment(name: str, value: str | None) -> Iterator[None]:
    """Set an environment variable for the duration of a build (None leaves it)."""
    before = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
