"""What one build keeps for the next, in `.cache/ngo-handbook/` beside mkdocs.yml: the PDFs
(`pdf/cache.py`), the data files as parsed (`parsed_files.py`), the pages as the Markdown
converter made them (`kept_renders.py`), values made from the data alone (`KeptValues`:
the partner directory's entries, the glossary's check of a data file) and the compressed
copies (`precompressed.py`).
Deleting the folder only makes the next build slower.

An entry is a file named after everything it was made from, holding its bytes behind their
SHA-256 checksum: an entry cut short or damaged reads as missing, and is made again."""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    keep_file(path, hashlib.sha256(body).digest() + body)


def keep_file(path: Path, body: bytes) -> bool:
    """Keep `body` as the whole of `path` (no checksum: its reader checks it its own way);
    False when the folder cannot be written."""
    return _moved_into_place(path, lambda temporary: temporary.write_bytes(body))


def keep_as_link(source: Path, path: Path) -> bool:
    """Keep the file `source` as the entry `path` too, by a hard link (a copy just written
    to the site costs no second file); False where there are no hard links, or the folder
    cannot be written."""

    def link(temporary: Path) -> None:
        temporary.unlink(missing_ok=True)  # left by a build that was stopped
        os.link(source, temporary)

    return _moved_into_place(path, link)


def _moved_into_place(path: Path, make: Callable[[Path], object]) -> bool:
    """Make `path` by `make`-ing a file of this process and thread beside it, then moving
    that into place: two that make the same entry at once leave a whole one. False when
    the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        make(temporary)
        temporary.replace(path)
    except OSError:
        return False
    return True


def link_into(entry: Path, target: Path) -> bool:
    """Make `target` a second name of the kept file `entry` (a hard link: no bytes written,
    no new file made, which is most of what writing a small file costs); False where the
    two are on different disks or the system has no hard links. Nothing writes to an entry
    once it is in place (a new one replaces it), so the site's file cannot change after."""
    try:
        target.unlink(missing_ok=True)
        os.link(entry, target)
    except OSError:
        return False
    return True


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


PACKAGE = Path(__file__).parent


def folder_fingerprint(folder: Path | None, skip: str = "") -> bytes:
    """Every file under `folder` (nothing when it does not exist), by name and bytes; the
    folders named `skip` left out."""
    digest = hashlib.sha256()
    if folder is not None and folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and skip not in path.parts:
                name = path.relative_to(folder).as_posix()
                digest.update(entry_name(name, path.read_bytes()).encode())
    return digest.digest()


@functools.cache
def package_fingerprint() -> bytes:
    """Every file of this package (its code, templates, strings and assets): a new version
    of the handbook makes every value again."""
    return folder_fingerprint(PACKAGE, skip="__pycache__")


def entry_name(*parts: str | bytes) -> str:
    """An entry's name: the SHA-256 of `parts`, each one told apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode() if isinstance(part, str) else part
        digest.update(len(encoded).to_bytes(8, "little") + encoded)
    return digest.hexdigest()


@dataclass
class KeptValues:
    """Plain values (what `marshal` holds: text, numbers, lists, dicts; reading one runs no
    code) kept between builds in `folder`, compressed (HTML shrinks to a tenth). `stamp` is
    when this build began (`time.time()`): the entries it uses are marked with it, in
    whichever process, and `prune`, once the whole build is done, removes the others."""

    folder: Path
    stamp: float

    def get(self, name: str) -> Any:
        """The value kept as `name`, marked used; None when there is none."""
        path = self.folder / name
        body = read_entry(path)
        if body is None:
            return None
        try:
            value = marshal.loads(zlib.decompress(body))
        except (ValueError, EOFError, TypeError, zlib.error):
            return None  # written by another Python
        mark_used(path, self.stamp)
        return value

    def put(self, name: str, value: Any) -> None:
        try:
            body = zlib.compress(marshal.dumps(value), 1)
        except ValueError:
            return  # a value marshal cannot hold: made again next time
        write_entry(self.folder / name, body)
        mark_used(self.folder / name, self.stamp)

    def prune(self) -> None:
        if self.folder.is_dir():
            remove_older(self.folder, self.stamp)


def kept_or_made(kept: KeptValues | None, name: str, make: Callable[[], Any], kind: type) -> Any:
    """The value `kept` holds as `name` when it is a `kind`, else `make()`, then kept there
    for the next build; without `kept`, `make()`."""
    value = kept.get(name) if kept is not None else None
    if not isinstance(value, kind):
        value = make()
        if kept is not None:
            kept.put(name, value)
    return value
