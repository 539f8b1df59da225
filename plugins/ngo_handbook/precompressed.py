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
it, and a file that was compressed before is copied from there. An entry carries its own
checksum; a damaged one is ignored and the file compressed again. After each build the
entries it did not use are removed. Deleting the folder only makes the next build slower.

`mkdocs serve` and `ngo-handbook check` write no copies; `HANDBOOK_COMPRESSED_COPIES=0`
leaves them out of any build (for a host that compresses by itself, such as GitHub Pages).
"""

from __future__ import annotations

import concurrent.futures
import gzip
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .build_cache import CACHE_ROOT, entry_name, read_entry, remove_unused, write_entry
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


def copies_wanted(context: BuildContext) -> bool:
    """On for a build, off for `mkdocs serve` and where HANDBOOK_COMPRESSED_COPIES is off."""
    switch = os.environ.get(SWITCH, "").strip().lower()
    return context.command != "serve" and switch not in ("0", "off", "no", "false")


def _brotli():
    """The `brotli` module, or None where it is not installed (the `.br` copies are skipped)."""
    try:
        import brotli
    except ImportError:
        return None
    return brotli


@dataclass
class KeptCopies:
    """The copies earlier builds made, kept in `folder`, and what this build did."""

    folder: Path
    settings: bytes = b""
    used: set[str] = field(default_factory=set)
    made: int = 0
    reused: int = 0
    _counting: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _count(self, reused: bool) -> None:
        with self._counting:
            if reused:
                self.reused += 1
            else:
                self.made += 1

    def name(self, content: bytes) -> str:
        """The name of `content`'s copies (one hash of the bytes for both kinds)."""
        return entry_name(self.settings, content)

    def compressed(self, content: bytes, name: str, kind: str, compress) -> bytes:
        """`compress(content)`, from the kept copies when `content` (whose copies are
        called `name`) was compressed before."""
        name = f"{name}.{kind}"
        self.used.add(name)
        kept = read_entry(self.folder / name)
        if kept is not None:
            self._count(reused=True)
            return kept
        copy = compress(content)
        self._count(reused=False)
        # Two files with the same bytes (the languages' sitemaps) may be compressed at once.
        write_entry(self.folder / name, copy)
        return copy

    def prune(self) -> None:
        """Remove the entries this build did not use."""
        remove_unused(self.folder, self.used)


def text_files(site_dir: Path) -> list[Path]:
    """Every text file of the site."""
    return sorted(
        path for path in site_dir.rglob("*") if path.suffix in TEXT_SUFFIXES and path.is_file()
    )


def compress_file(path: Path, brotli, kept: KeptCopies) -> list[Path]:
    """Write `path.gz` (and `path.br` with `brotli`) beside `path`, taken from `kept` when
    made before; return what was written. A `.gz` already there (MkDocs writes
    `sitemap.xml.gz` itself) is kept."""
    content = path.read_bytes()
    name = kept.name(content)
    written = []
    gz = path.with_name(path.name + ".gz")
    if not gz.exists():
        gz.write_bytes(
            kept.compressed(
                content, name, "gz", lambda data: gzip.compress(data, GZIP_LEVEL, mtime=0)
            )
        )
        written.append(gz)
    if brotli is not None:
        br = path.with_name(path.name + ".br")
        br.write_bytes(
            kept.compressed(
                content, name, "br", lambda data: brotli.compress(data, quality=BROTLI_QUALITY)
            )
        )
        written.append(br)
    return written


def write_compressed_copies(context: BuildContext) -> KeptCopies | None:
    """Compress every text file of the built site, or copy what an earlier build compressed
    (zlib and brotli work outside the GIL, so the files are shared among threads), unless
    the copies are not wanted."""
    if not copies_wanted(context):
        return None
    brotli = _brotli()
    settings = f"gzip {GZIP_LEVEL}; brotli {BROTLI_QUALITY} {getattr(brotli, '__version__', '')}"
    kept = KeptCopies(context.project_dir / CACHE_FOLDER, settings.encode())
    files = text_files(context.site_dir)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(lambda path: compress_file(path, brotli, kept), files))
    kept.prune()
    log.info(
        f"Compressed copies of {len(files)} text files: {kept.made} made, "
        f"{kept.reused} unchanged since the last build, taken from {context.display(kept.folder)}"
    )
    return kept


FEATURE = Feature(name="precompressed", finalize=write_compressed_copies)
