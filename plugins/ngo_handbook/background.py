"""Work of the load phase done in a forked copy of the process while the load goes on.

The handbook is loaded in one process (the languages' processes fork once it is loaded),
so one core of two waits all through it. Some of that work needs nothing the load does
after it, and has no outcome but problems to report, files to keep for the next build or
values the languages' builds will need: the glossary's advice, keeping the data files'
parsed forms, the partner directory's search keys. A forked copy of the process does it
and sends what it found back through a pipe; the load goes on meanwhile.

Where a process cannot fork, or the copy fails (killed, out of memory, a bug, stuck), the
work is done in this process when its result is wanted, so the outcome is the same,
problems and error messages alike. The copy ignores Ctrl+C and dies of a stop request:
the process that made it ends it (`cancel`) when the build stops.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
STALL_SECONDS = 600
"""Seconds a copy may stay silent before it is taken to be stuck: it is ended, and its work
done in this process."""


@contextlib.contextmanager
def forking() -> Iterator[None]:
    """A block that forks: Python 3.12 warns about fork() in a process with threads (a test
    runner's); the handbook's forked processes read and write files of their own, and take
    no lock those threads may hold."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


class Background(Generic[T]):
    """`work()` done in a forked copy of this process from now on; `result()` waits for
    its value (a value pickle can hold)."""

    def __init__(self, work: Callable[[], T], *, fork: bool = True) -> None:
        self.work = work
        self.pid: int | None = None
        self.reader: int | None = None
        if fork and hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        reader, writer = os.pipe()
        # A stop signal that came during fork() would reach the copy with this process's
        # handler (Ctrl+C raising KeyboardInterrupt there too): it waits until both run.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            for stream in (sys.stdout, sys.stderr):  # or the copy would write them again
                if stream is not None:
                    stream.flush()
            try:
                with forking():
                    pid = os.fork()
            except OSError:
                os.close(reader)
                os.close(writer)
                return  # done here when wanted
            if pid == 0:
                os.close(reader)
                _run_in_copy(self.work, writer, held)
            os.close(writer)
            self.pid, self.reader = pid, reader
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def result(self) -> T:
        """The value of `work()`: the copy's, or, when the copy failed or went silent for
        `STALL_SECONDS`, made here."""
        if self.pid is None:
            return self.work()
        body = self._read()
        status = None
        if body is None:
            self.cancel()
        else:
            status = self._reap()
        if status == 0 and body:
            try:
                return pickle.loads(body)  # noqa: S301 - written by this process's own copy
            except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                pass
        return self.work()

    def _read(self) -> bytes | None:
        """All the copy writes, until it closes the pipe; None if it goes silent for
        `STALL_SECONDS` (stuck)."""
        chunks = []
        while True:
            ready, _, _ = select.select([self.reader], [], [], STALL_SECONDS)
            if not ready:
                return None
            chunk = os.read(self.reader, 1 << 20)
            if not chunk:
                os.close(self.reader)
                self.reader = None
                return b"".join(chunks)
            chunks.append(chunk)

    def cancel(self) -> None:
        """End the copy, its work no longer wanted (the build stopped)."""
        if self.reader is not None:
            os.close(self.reader)
            self.reader = None
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> int | None:
        pid, self.pid = self.pid, None
        if pid is None:
            return None
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)


def _run_in_copy(work: Callable[[], object], writer: int, held: set) -> None:
    """In the forked copy: do `work`, write its value to `writer`, and end the process
    without running anything of the parent's (exit handlers, buffered output)."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent ends it (`cancel`)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        body = pickle.dumps(work())
        with os.fdopen(writer, "wb") as stream:
            stream.write(body)
        code = 0
    except BaseException:  # noqa: BLE001, S110 - the parent does the work again, and says why
        pass
    finally:
        os._exit(code)
