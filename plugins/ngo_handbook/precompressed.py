"""Compressed copies of the site's text files, for static hosts that serve them as they are.

nginx (`gzip_static`, `brotli_static`), Caddy (`precompressed`), Apache (with a rewrite
rule) and many other hosts send `page.html.gz` or `page.html.br` to a browser that accepts
it, instead of compressing `page.html` for every visitor or not compressing it at all. So
after the whole site is written, every text file gets a `.gz` beside it, and a `.br` when
the `brotli` package is installed. The copies hold exactly the file's bytes (a test
decompresses them), and are the same from one build to the next (no time stamp inside).

`mkdocs serve` and `ngo-handbook check` write none; `HANDBOOK_COMPRESSED_COPIES=0` leaves
them out of any build (for a host that compresses by itself, such as GitHub Pages).
"""

from __future__ import annotations

import concurrent.futures
import gzip
import os
from pathlib import Path

from .context import BuildContext
from .feature import Feature

TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")
"""Files a browser reads as text: they shrink to a fifth or less."""
GZIP_LEVEL = 6
"""zlib's default: level 9 takes twice as long for 1 % less."""
BROTLI_QUALITY = 5
"""Smaller than gzip at level 9 and as fast as gzip at 6; 11 would take a minute a build."""
SWITCH = "HANDBOOK_COMPRESSED_COPIES"
"""Environment variable: `0`/`off` writes no compressed copies."""


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


def text_files(site_dir: Path) -> list[Path]:
    """Every text file of the site."""
    return sorted(
        path for path in site_dir.rglob("*") if path.suffix in TEXT_SUFFIXES and path.is_file()
    )


def compress_file(path: Path, brotli=None) -> list[Path]:
    """Write `path.gz` (and `path.br` with `brotli`) beside `path`; return what was written.
    A `.gz` already there (MkDocs writes `sitemap.xml.gz` itself) is kept."""
    content = path.read_bytes()
    written = []
    gz = path.with_name(path.name + ".gz")
    if not gz.exists():
        gz.write_bytes(gzip.compress(content, GZIP_LEVEL, mtime=0))
        written.append(gz)
    if brotli is not None:
        br = path.with_name(path.name + ".br")
        br.write_bytes(brotli.compress(content, quality=BROTLI_QUALITY))
        written.append(br)
    return written


def write_compressed_copies(context: BuildContext) -> None:
    """Compress every text file of the built site (zlib and brotli work outside the GIL,
    so the files are shared among threads), unless they are not wanted."""
    if not copies_wanted(context):
        return
    brotli = _brotli()
    files = text_files(context.site_dir)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(lambda path: compress_file(path, brotli), files))


FEATURE = Feature(name="precompressed", finalize=write_compressed_copies)
