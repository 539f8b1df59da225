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


def test_the_switch_and_serve_leave_the_copies_out(tmp_path: Path, monkeypatch):
    """HANDBOOK_COMPRESSED_COPIES=0 (for a host that compresses by itself) and `mkdocs
    serve` write no copies; a build writes them. (`ngo-handbook check` builds with the
    switch off: test_cli.py.)"""
    from types import SimpleNamespace

    from ngo_handbook.precompressed import SWITCH, write_compressed_copies

    page = tmp_path / "index.html"
    page.write_text("<p>" + "Hello " * 100 + "</p>", encoding="utf-8")

    def copies(command: str) -> list[str]:
        write_compressed_copies(SimpleNamespace(command=command, site_dir=tmp_path))
        found = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".gz", ".br"))
        for path in tmp_path.glob("*.*.*"):
            path.unlink()
        return found

    monkeypatch.setenv(SWITCH, "0")
    assert copies("build") == []
    monkeypatch.delenv(SWITCH)
    assert copies("serve") == []
    assert copies("build") == ["index.html.br", "index.html.gz"]
