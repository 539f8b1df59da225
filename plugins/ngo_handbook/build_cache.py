"""What one build keeps for the next, in `.cache/ngo-handbook/` beside mkdocs.yml: the PDFs
(`pdf/cache.py`), the data files as parsed (`parsed_files.py`), the pages as the Markdown
converter made them (`kept_renders.py`) and the compressed copies (`precompressed.py`).
Deleting the folder only makes the next build slower.

An entry is a file named after everything it was made from, holding its bytes behind their
SHA-256 checksum: an entry cut short or damaged reads as missing, and is made again."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

CACHE_ROOT = Path(".cache") / "ngo-handbook"
"""Relative to the project folder."""
_CHECK = hashlib.sha256().digest_size


def read_entry(path: Path) -> bytes | None:
    """The bytes kept in `path`; None when there is no such entry or it is damaged."""
    try:
        kept = path.read_bytes()
    except OSError:
        return None
    body = kept[_CHECK:]
    return body if hashlib.sha256(body).digest() == kept[:_CHECK] else None


def write_entry(path: Path, body: bytes) -> None:
    """Keep `body` in `path`. Each process and thread writes a file of its own and moves it
    into place, so two that make the same entry at once leave a whole one; a folder that
    cannot be written leaves the entry unmade (the build goes on without it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_bytes(hashlib.sha256(body).digest() + body)
        temporary.replace(path)
    except OSError:
        pass


def mark_used(path: Path, stamp: float) -> None:
    """Note that the build begun at `stamp` (`time.time()`) used `path`: its time stamp is
    set to the build's own, for `remove_older`."""
    try:
        os.utime(path, (stamp, stamp))
    except OSError:
        pass


def remove_unused(folder: Path | None, used: set[str]) -> None:
    """Remove the entries of `folder` whose names are not in `used`. In a folder that cannot
    be changed (a read-only checkout) they stay: they only take room."""
    if folder is None or not folder.is_dir():
        return
    try:
        for entry in folder.iterdir():
            if entry.name not in used:
                entry.unlink(missing_ok=True)
    except OSError:
        pass


def remove_older(folder: Path, stamp: float) -> None:
    """Remove the entries of `folder` that the build begun at `stamp` did not mark used, in
    whichever of its processes (`mark_used`): their time stamps are older."""
    try:
        for entry in folder.iterdir():
            if entry.stat().st_mtime < stamp - 0.001:
                entry.unlink(missing_ok=True)
    except OSError:
        pass
