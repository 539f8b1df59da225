"""Compressed copies of the site's text files, for static hosts that serve them as they are.

nginx (`gzip_static`, `brotli_static`), Caddy (`precompressed`), Apache (with a rewrite
rule) and many other hosts send `page.html.gz` or `page.html.br` to a browser that accepts
it, instead of compressing `page.html` for every visitor or not compressing it at all. So
after the whole site is written, every text file gets a `.gz` beside it, and a `.br` when
the `brotli` package is installed. The copies hold exactly the file's bytes (a test
decompresses them), and are the same from one build to the next (no time stamp inside).

Compressing is the longest step after the pages themselves (0.7 s of processor time for
the sample's 16 MB), and an edit changes few files: so each copy is also kept in
`.cache/ngo-handbook/compressed/`, named by the file's bytes and the settings that made
it. A file that was compressed before gets the kept copy as it is, by a hard link: making
a new file costs more than compressing a small one on some disks, and a site has hundreds
of copies. The SHA-256 checksum of every copy is kept beside them (`CHECKSUMS`); a copy
whose bytes no longer match it (cut short, damaged) is made again, as is every copy when
that file is missing. After each build the entries it did not use are removed. Deleting
the folder only makes the next build slower.

`mkdocs serve` and `ngo-handbook check` write no copies; `HANDBOOK_COMPRESSED_COPIES=0`
leaves them out of any build (for a host that compresses by itself, such as GitHub Pages).
"""

from __future__ import annotations

import concurrent.futures
import gzip
import hashlib
import marshal
import os
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .build_cache import (
    CACHE_ROOT,
    entry_name,
    keep_as_link,
    keep_file,
    link_into,
    remove_unused,
)
from .context import BuildContext, log
from .feature import Feature

TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")
"""Files a browser reads as text: they shrink to a fifth or less."""
GZIP_LEVEL = 6
"""zlib's default: level 9 takes twice as long for 1 % less."""
BROTLI_QUALITY = 5
"""Smaller than gzip at level 9 and as fast as gzip at 6; 11 would take a minute a build."""
SWITCH = "HANDBOOK_COMPRESSED_COPIES"
"""Environment variable: `0`/`off` writes no compressed copies."""
CACHE_FOLDER = CACHE_ROOT / "compressed"
"""Where the copies are kept between builds, relative to the project folder."""
CHECKSUMS = "checksums"
"""The file of `CACHE_FOLDER` that holds each copy's SHA-256 (`marshal`: reading it runs no
code)."""


def copies_wanted(context: BuildContext) -> bool:
    """On for a build, off for `mkdocs serve` and where HANDBOOK_COMPRESSED_COPIES is off."""
    switch = os.environ.get(SWITCH, "").strip().lower()
    return context.command != "serve" and switch not in ("0", "off", "no", "false")


@dataclass(frozen=True)
class Form:
    """One kind of compressed copy: the suffix of its files, what makes it (its settings
    and version: another makes every copy again) and how."""

    suffix: str
    settings: str
    compress: Callable[[bytes], bytes]


GZIP = Form(
    "gz",
    f"gzip {GZIP_LEVEL} zlib {zlib.ZLIB_VERSION}",
    lambda data: gzip.compress(data, GZIP_LEVEL, mtime=0),
)


def _brotli() -> Form | None:
    """The `.br` copies, or None where the `brotli` package is not installed."""
    try:
        import brotli
    except ImportError:
        return None
    return Form(
        "br",
        f"brotli {BROTLI_QUALITY} {getattr(brotli, '__version__', '')}",
        lambda data: brotli.compress(data, quality=BROTLI_QUALITY),
    )


@dataclass
class KeptCopies:
    """The copies earlier builds made, kept in `folder` with their checksums, and what this
    build did."""

    folder: Path
    settings: bytes = b""
    used: set[str] = field(default_factory=set)
    made: int = 0
    reused: int = 0
    checksums: dict[str, bytes] = field(default_factory=dict)
    """Each entry's SHA-256, by name: those the last build left, then this build's."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _making: dict[str, threading.Event] = field(default_factory=dict, repr=False)
    """The entries a thread is making, set when made."""

    @classmethod
    def open(cls, folder: Path, settings: bytes) -> KeptCopies:
        """The copies kept in `folder`, with the checksums the last build wrote there."""
        try:
            checksums = marshal.loads((folder / CHECKSUMS).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            checksums = {}
        if not isinstance(checksums, dict):
            checksums = {}
        return cls(folder, settings, checksums=checksums)

    def _note(self, name: str, checksum: bytes | None) -> None:
        """Count a copy made (with its `checksum`) or taken as it was (None)."""
        with self._lock:
            self.used.add(name)
            if checksum is None:
                self.reused += 1
            else:
                self.made += 1
                self.checksums[name] = checksum

    def _whole(self, entry: Path) -> bool:
        """Whether `entry` holds the bytes its checksum was taken of."""
        expected = self.checksums.get(entry.name)
        try:
            return expected is not None and hashlib.sha256(entry.read_bytes()).digest() == expected
        except OSError:
            return False

    def name(self, content: bytes) -> str:
        """The name of `content`'s copies (one hash of the bytes for both kinds)."""
        return entry_name(self.settings, content)

    def place(self, content: bytes, name: str, form: Form, target: Path) -> None:
        """Put `content` compressed as `form` at `target`: the copy kept as `name` when it is
        whole, else a new one, kept for the next build. Files with the same bytes (each
        language's copy of a file) are compressed once: a thread that finds another making
        the same copy waits for it, then takes it."""
        entry = self.folder / f"{name}.{form.suffix}"
        with self._lock:
            making = self._making.get(entry.name)
            if making is None:
                self._making[entry.name] = threading.Event()
        if making is not None:
            making.wait()
        try:
            self._make(content, entry, form, target)
        finally:
            if making is None:
                self._making[entry.name].set()

    def _make(self, content: bytes, entry: Path, form: Form, target: Path) -> None:
        if self._whole(entry):
            self._note(entry.name, None)
            if not link_into(entry, target):
                target.write_bytes(entry.read_bytes())
            return
        copy = form.compress(content)
        self._note(entry.name, hashlib.sha256(copy).digest())
        target.unlink(missing_ok=True)  # a file of an earlier build may be an entry too
        target.write_bytes(copy)
        if not keep_as_link(target, entry):
            keep_file(entry, copy)

    def prune(self) -> None:
        """Keep the checksums of the entries this build used; remove the other entries."""
        used = {name: self.checksums[name] for name in self.used}
        if keep_file(self.folder / CHECKSUMS, marshal.dumps(used)):
            remove_unused(self.folder, self.used | {CHECKSUMS})


def text_files(site_dir: Path) -> list[Path]:
    """Every text file of the site."""
    return sorted(
        path for path in site_dir.rglob("*") if path.suffix in TEXT_SUFFIXES and path.is_file()
    )


def compress_file(path: Path, forms: list[Form], kept: KeptCopies) -> list[Path]:
    """Write `path.gz` (and `path.br` where brotli is installed) beside `path`, taken from
    `kept` when made before; return what was written. A `.gz` already there (MkDocs writes
    `sitemap.xml.gz` itself) is kept."""
    content = path.read_bytes()
    name = kept.name(content)
    written = []
    for form in forms:
        target = path.with_name(f"{path.name}.{form.suffix}")
        if form is GZIP and target.exists():
            continue
        kept.place(content, name, form, target)
        written.append(target)
    return written


def write_compressed_copies(context: BuildContext) -> KeptCopies | None:
    """Compress every text file of the built site, or copy what an earlier build compressed
    (zlib and brotli work outside the GIL, so the files are shared among threads), unless
    the copies are not wanted."""
    if not copies_wanted(context):
        return None
    brotli = _brotli()
    forms = [GZIP] if brotli is None else [GZIP, brotli]
    settings = "; ".join(form.settings for form in forms)
    kept = KeptCopies.open(context.project_dir / CACHE_FOLDER, settings.encode())
    # The largest first, so that no thread is left with a long file at the end.
    files = sorted(text_files(context.site_dir), key=lambda path: -path.stat().st_size)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(lambda path: compress_file(path, forms, kept), files))
    kept.prune()
    log.info(
        f"Compressed copies of {len(files)} text files: {kept.made} made, "
        f"{kept.reused} unchanged since the last build, taken from {context.display(kept.folder)}"
    )
    return kept


FEATURE = Feature(name="precompressed", finalize=write_compressed_copies)
