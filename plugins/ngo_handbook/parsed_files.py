"""Data files kept as parsed between builds: a file that did not change is not parsed again.

Parsing keeps the line and column of every value (`yaml_source`), and that costs far more
than the values themselves: a partner directory of 10,000 organisations (4.5 MB) takes
about 2.7 s to parse and 0.1 s to load as it was kept. So each data file's parsed form
(its values, their lines and columns, and the problems its parsing found) is kept in
`.cache/ngo-handbook/data/`, under a name made of the file's bytes, its name and the code
that parses it: any change to one of them makes a new entry, and the build parses the file
again. After each reading of the data the entries no file used are removed. A build keeps
a large file's new entry in a forked process (`keep_apart`, `background`) from the moment
the file is parsed, while it checks the file and goes on: what is kept is what was parsed.

The entries are written with `marshal`, which holds plain values only (text, numbers,
lists, blocks): reading one runs no code. An entry that cannot be read (cut short,
written by another Python) is ignored, and the file parsed as if it were not there.
Deleting the folder only makes the next build parse everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yaml_source, yaml_syntax
from .background import Background
from .build_cache import CACHE_ROOT, entry_name, read_entry, remove_unused, write_entry
from .problems import Location, Problem
from .yaml_source import PathKey, YamlDocument, decode_source, parse_yaml

CACHE_FOLDER = CACHE_ROOT / "data"
"""Where the parsed files are kept, relative to the project folder."""
SUFFIX = ".parsed"


def _code_fingerprint() -> bytes:
    """What parses a file: Python's version (marshal's format follows it) and our code."""
    digest = hashlib.sha256(sys.version.encode())
    for module in (yaml_source, yaml_syntax, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes())
    return digest.digest()


def _dates(value: Any, path: PathKey, found: list) -> None:
    """The dates and times in `value` (YAML's timestamps), which marshal cannot hold."""
    if isinstance(value, dict):
        for key, item in value.items():
            _dates(item, (*path, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _dates(item, (*path, index), found)
    elif isinstance(value, (dt.date, dt.datetime)):
        found.append((path, type(value).__name__, value.isoformat()))


def _put_back(data: Any, dates: list) -> Any:
    for path, kind, text in dates:
        value = (dt.datetime if kind == "datetime" else dt.date).fromisoformat(text)
        if not path:
            return value
        holder = data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = value
    return data


def _encode(document: YamlDocument, problems: list[Problem]) -> bytes:
    dates: list = []
    _dates(document.data, (), dates)
    kept = (
        document.display_path,
        document.data if not dates else _without_dates(document.data),
        dates,
        document.value_marks,
        document.key_marks,
        [(p.location.file, p.location.line, p.location.column, p.message) for p in problems],
    )
    return marshal.dumps(kept)


def _without_dates(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_dates(item) for item in value]
    return None if isinstance(value, (dt.date, dt.datetime)) else value


def _decode(body: bytes) -> tuple[YamlDocument, list[Problem]]:
    display_path, data, dates, value_marks, key_marks, problems = marshal.loads(body)
    document = YamlDocument(display_path, _put_back(data, dates), value_marks, key_marks)
    return document, [Problem(Location(f, line, column), m) for f, line, column, m in problems]


@dataclass
class ParsedFiles:
    """The data files of one project as parsed by earlier builds (`folder` None: no cache)."""

    folder: Path | None
    used: set[str] = field(default_factory=set)
    keep_apart: int | None = None
    """Bytes from which a file parsed now is kept by a forked copy of the process, while
    the build goes on; a smaller file is kept at once, as is every file when None."""
    keeping: list[Background[None]] = field(default_factory=list)
    """The copies keeping files (`finish_keeping`, `cancel_keeping`)."""

    @classmethod
    def for_project(cls, project_dir: Path, *, keep_apart: int | None = None) -> ParsedFiles:
        return cls(project_dir / CACHE_FOLDER, keep_apart=keep_apart)

    def read_yaml(self, path: Path, display_path: str) -> tuple[YamlDocument, list[Problem]]:
        """`yaml_source.read_yaml`, from the cache when the file was parsed before.

        Raises YamlSyntaxError when the file is not YAML (nothing is kept of it)."""
        source = path.read_bytes()
        if self.folder is None:
            return parse_yaml(decode_source(source, display_path), display_path)
        kept = self.folder / (entry_name(_FINGERPRINT, display_path, source) + SUFFIX)
        self.used.add(kept.name)
        body = read_entry(kept)
        if body is not None:
            try:
                return _decode(body)
            except (ValueError, EOFError, TypeError):
                pass  # written by another Python
        document, problems = parse_yaml(decode_source(source, display_path), display_path)

        def keep() -> None:
            try:
                write_entry(kept, _encode(document, problems))
            except ValueError:
                pass  # a value marshal cannot hold: parsed again next time

        # A megabyte takes about 40 ms to keep, a copy about 10 ms to make (and more later:
        # each page of memory the process then writes to is copied again).
        if self.keep_apart is not None and len(source) >= self.keep_apart:
            self.keeping.append(Background(keep))
        else:
            keep()
        return document, problems

    def finish_keeping(self) -> None:
        """Wait until the copies have kept their files (or kept them here: `background`)."""
        keeping, self.keeping = self.keeping, []
        for copy in keeping:
            copy.result()

    def cancel_keeping(self) -> None:
        """End the copies keeping files: the build stopped."""
        keeping, self.keeping = self.keeping, []
        for copy in keeping:
            copy.cancel()

    def prune(self) -> None:
        """Remove the entries no file used in this reading of the data."""
        remove_unused(self.folder, self.used)


_FINGERPRINT = _code_fingerprint()
