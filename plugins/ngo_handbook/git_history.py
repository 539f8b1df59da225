"""What Git knows of a handbook's files, through the `git` command.

Every question is answered with as few `git` runs as possible (one log for every file's
last change, one blame per data file). Outside a Git repository, or without Git, `Git.open`
returns None and the callers say that what needs history is unknown. A shallow clone works
too: its history simply starts at its oldest commit.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

NOW = "0" * 40
"""The commit of a change not committed yet (`git blame`'s own convention)."""
_BLAME_HEADER = re.compile(r"[0-9a-f]{40} \d+ \d+")
"""The line of `git blame --porcelain` that names the commit of the next line of the file."""


@dataclass(frozen=True)
class Change:
    """A commit and its time (seconds since 1970); `NOW` for a change not committed yet."""

    commit: str
    time: int

    @property
    def date(self) -> str:
        return datetime.fromtimestamp(self.time, timezone.utc).date().isoformat()


def _run(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:  # no git installed
        return None
    return done.stdout if done.returncode == 0 else None


@dataclass
class Git:
    """One repository, and the answers of this run (each asked once)."""

    root: Path
    _last: dict[str, Change] | None = None
    _dirty: set[str] | None = None
    _shown: dict[tuple[str, str], str | None] = field(default_factory=dict)
    _ancestry: dict[tuple[str, str], bool] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path) -> Git | None:
        """The repository `folder` is in, or None outside one (or without Git)."""
        top = _run(folder, "rev-parse", "--show-toplevel")
        if not top or not _run(folder, "rev-parse", "--verify", "-q", "HEAD"):
            return None
        return cls(Path(top.strip()))

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def dirty(self) -> set[str]:
        """Files changed and not committed, relative to the repository's root."""
        if self._dirty is None:
            out = _run(self.root, "status", "--porcelain", "-z", "--untracked-files=all") or ""
            entries = [entry for entry in out.split("\0") if entry]
            self._dirty = {entry[3:] for entry in entries if len(entry) > 3}
        return self._dirty

    def last_change(self, path: Path) -> Change | None:
        """The last change of a file: its commit, `NOW` when it has uncommitted changes,
        None when Git has never seen it."""
        name = self.relative(path)
        if name in self.dirty():
            return Change(NOW, int(time.time()))
        if self._last is None:
            self._last = {}
            out = _run(self.root, "log", "--format=%x1e%H %ct", "--name-only", "--no-renames")
            for block in (out or "").split("\x1e"):
                lines = [line for line in block.splitlines() if line.strip()]
                if not lines:
                    continue
                commit, stamp = lines[0].split()
                for changed in lines[1:]:
                    self._last.setdefault(changed, Change(commit, int(stamp)))
        return self._last.get(name)

    def later(self, change: Change, reference: Change) -> bool:
        """Whether `change` came after `reference`: at a later second, or at the same second
        in a commit that has `reference` in its history (a script that commits twice)."""
        if change.time != reference.time:
            return change.time > reference.time
        if NOW in (change.commit, reference.commit) or change.commit == reference.commit:
            return change.commit == NOW != reference.commit
        key = (reference.commit, change.commit)
        if key not in self._ancestry:
            # Nothing printed and exit code 0 when it is an ancestor; 1 (None here) when not.
            self._ancestry[key] = _run(self.root, "merge-base", "--is-ancestor", *key) is not None
        return self._ancestry[key]

    def commit_time(self, commit: str) -> Change | None:
        """A commit named by its (short) hash, or None when there is no such commit."""
        out = _run(self.root, "show", "-s", "--format=%H %ct", f"{commit}^{{commit}}")
        if not out:
            return None
        full, stamp = out.split()
        return Change(full, int(stamp))

    def commit_before(self, when: int) -> Change | None:
        """The last commit made at or before a time."""
        out = _run(self.root, "rev-list", "-1", f"--before={when}", "--format=%H %ct", "HEAD")
        lines = (out or "").splitlines()
        if len(lines) < 2:
            return None
        full, stamp = lines[1].split()
        return Change(full, int(stamp))

    def show(self, commit: str, path: Path) -> str | None:
        """A file's text at a commit (None when it did not exist there)."""
        key = (commit, self.relative(path))
        if key not in self._shown:
            self._shown[key] = _run(self.root, "show", f"{commit}:{key[1]}")
        return self._shown[key]

    def blame(self, path: Path) -> list[Change]:
        """The last change of every line of a file, in order (uncommitted lines: `NOW`)."""
        out = _run(self.root, "blame", "--porcelain", "--", self.relative(path))
        if out is None:
            return []
        # Each line of the file comes after a line naming its commit; the commit's details
        # (among them `committer-time`) follow that line the first time the commit is named.
        times: dict[str, int] = {}
        changes: list[Change] = []
        commit = NOW
        for line in out.splitlines():
            if line.startswith("\t"):
                changes.append(Change(commit, times.get(commit, 0)))
            elif line.startswith("committer-time "):
                times[commit] = int(line.split()[1])
            elif _BLAME_HEADER.match(line):
                commit = line[:40]
        return [Change(NOW, int(time.time())) if c.commit == NOW else c for c in changes]

    def blame_all(self, paths: list[Path]) -> dict[Path, list[Change]]:
        """`blame` of each of `paths`, the Git processes running side by side."""
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            return dict(zip(paths, pool.map(self.blame, paths), strict=True))
