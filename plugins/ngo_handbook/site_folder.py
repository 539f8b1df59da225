"""The site folder: written by one build at a time, and replaced whole or not at all.

A build writes into `<site>.partial` (a parallel build its languages first into
`<site>.partial.<random>`) and, only when everything worked, swaps it in for
`<site>`: in one step where the system can (Linux), else through `<site>.old`. A build stopped at
any point leaves the last good site in place: the next build, or the command line as it
ends, removes the side folder and puts `<site>.old` back if the swap was cut short.

Two builds of one project at once (a second `make site`, a build during a build) would
write into the same side folder. The first holds `<site>.lock`, a file locked by the
operating system for as long as its process lives (a killed build leaves no lock behind),
and writes in it who it is; a second build stops at once, naming the first.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import glob
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .problems import HandbookError, Location, Problem

if sys.platform == "win32":  # pragma: no cover - the lock of Windows
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2 with RENAME_EXCHANGE), so that the
    site folder exists at every moment; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_current_folder, rename_exchange = -100, 2
    done = renameat2(
        at_current_folder, os.fsencode(first), at_current_folder, os.fsencode(second),
        rename_exchange,
    )  # fmt: skip
    return done == 0


def _remove(path: Path) -> None:
    """Remove a folder or a file (a `site.partial` made by hand is a file sometimes)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class SiteFolder:
    """The site folder of a build and the side folders beside it."""

    final: Path

    def beside(self, suffix: str) -> Path:
        return self.final.with_name(self.final.name + suffix)

    @property
    def staging(self) -> Path:
        return self.beside(".partial")

    @property
    def old(self) -> Path:
        return self.beside(".old")

    def parts_folder(self) -> tempfile.TemporaryDirectory:
        """A new temporary folder beside the site, `<site>.partial.<random>` (a parallel
        build's languages, built apart), removed when the block ends, or by `recover`."""
        return tempfile.TemporaryDirectory(
            prefix=self.staging.name + ".", dir=self.final.parent, ignore_cleanup_errors=True
        )

    def recover(self) -> None:
        """Undo what a build stopped half-way left: its side folder, the parts folders of a
        parallel build, and a swap cut short (the site still in `<site>.old`). Only the
        build that holds the lock may call it: no other build is writing beside the site."""
        _remove(self.staging)
        for parts in self.final.parent.glob(glob.escape(self.staging.name) + ".*"):
            _remove(parts)
        if self.old.is_dir() and not self.final.exists():
            self.old.rename(self.final)
        _remove(self.old)

    def start(self) -> Path:
        """An empty side folder to build into."""
        self.recover()
        return self.staging

    def finish(self) -> None:
        """Put the side folder in the site's place; the old site goes."""
        _remove(self.old)
        if self.final.is_dir() and _exchange(self.staging, self.final):
            _remove(self.staging)  # the old site, now
            return
        if self.final.exists() or self.final.is_symlink():
            self.final.rename(self.old)
        self.staging.rename(self.final)
        _remove(self.old)


class BuildLock:
    """`<site>.lock`: held by the one build of a project that may write its site."""

    def __init__(self, site_dir: Path, display: str) -> None:
        self.path = site_dir.with_name(site_dir.name + ".lock")
        self.display = display
        self.descriptor: int | None = None

    def acquire(self, command: str) -> None:
        """Take the lock, or raise HandbookError naming the build that holds it."""
        if self.descriptor is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(descriptor):
                os.close(descriptor)
                raise HandbookError(
                    [Problem(Location(self.display), self._held_message())],
                    heading="Another build of this handbook is running; nothing was built",
                )
            # The holder before us may have removed the file after we opened it: lock
            # the file that is there now.
            try:
                same = os.path.samestat(os.fstat(descriptor), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(descriptor)
        started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        holder = {"pid": os.getpid(), "started": started, "command": command}
        os.ftruncate(descriptor, 0)
        os.write(descriptor, json.dumps(holder).encode("utf-8"))
        self.descriptor = descriptor

    def _held_message(self) -> str:
        try:
            holder = json.loads(self.path.read_text(encoding="utf-8"))
            who = (
                f"process {int(holder['pid'])}, started {holder['started']} by "
                f"'{holder['command']}'"
            )
        except (OSError, ValueError, KeyError, TypeError):
            who = "it has just started"
        return (
            f"another build of this handbook is running ({who}); wait until it ends, or "
            "stop it, then build again"
        )

    def release(self) -> None:
        if self.descriptor is None:
            return
        with contextlib.suppress(OSError):  # Windows keeps a file that is open
            self.path.unlink(missing_ok=True)
        os.close(self.descriptor)
        self.descriptor = None


def running_command() -> str:
    """The command line of this process, as a person typed it (`mkdocs build --strict`)."""
    if not sys.argv or not sys.argv[0]:
        return "python"
    return " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])


def tidy(site_dir: Path) -> None:
    """Undo what a stopped build left beside `site_dir`, unless a build is running."""
    lock = BuildLock(site_dir, site_dir.name + ".lock")
    try:
        lock.acquire("tidy")
    except HandbookError:
        return  # the running build owns the side folder
    try:
        SiteFolder(site_dir).recover()
    finally:
        lock.release()
