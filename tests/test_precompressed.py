"""Compressed copies beside every text file of the built site, for hosts that serve them."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
from ngo_handbook.precompressed import TEXT_SUFFIXES


def test_every_text_file_has_copies_that_decompress_to_it(built_site: Path):
    texts = [p for p in built_site.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()]
    assert {p.suffix for p in texts} >= {".html", ".css", ".js", ".json", ".xml", ".csv"}
    for path in texts:
        content = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == content, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == content, path


def test_only_text_files_are_compressed(built_site: Path):
    copies = [p for p in built_site.rglob("*") if p.suffix in (".gz", ".br")]
    originals = {p.with_suffix("") for p in copies}
    assert all(p.suffix in TEXT_SUFFIXES and p.is_file() for p in originals)
    assert not list(built_site.rglob("*.png.gz")) and not list(built_site.rglob("*.map.gz"))
