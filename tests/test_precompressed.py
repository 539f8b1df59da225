"""Compressed copies beside every text file of the built site, for hosts that serve them."""

from __future__ import annotations

import gzip
import os
import shutil
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
        write_compressed_copies(
            SimpleNamespace(command=command, site_dir=tmp_path, project_dir=tmp_path, display=str)
        )
        found = sorted(p.name for p in tmp_path.glob("*.*") if p.suffix in (".gz", ".br"))
        for path in tmp_path.glob("*.*.*"):
            path.unlink()
        return found

    monkeypatch.setenv(SWITCH, "0")
    assert copies("build") == []
    monkeypatch.delenv(SWITCH)
    assert copies("serve") == []
    assert copies("build") == ["index.html.br", "index.html.gz"]


def test_a_file_compressed_before_is_copied_from_the_cache(tmp_path: Path, monkeypatch):
    """A rebuild compresses only the files that changed; the copies stay exact, a damaged
    entry of the cache is made again, and the entries no file uses any more are removed."""
    from types import SimpleNamespace

    from ngo_handbook.precompressed import (
        CACHE_FOLDER,
        CHECKSUMS,
        SWITCH,
        write_compressed_copies,
    )

    monkeypatch.delenv(SWITCH, raising=False)
    project = tmp_path / "project"
    contents = {
        "index.html": "<p>" + "Volunteers " * 300 + "</p>",
        "kk/index.html": "<p>" + "Еріктілер " * 300 + "</p>",
        "search/search_index.json": '{"docs": []}' * 50,
    }

    def build(changed: dict[str, str]) -> tuple[int, int]:
        contents.update(changed)
        site = project / "site"
        shutil.rmtree(site, ignore_errors=True)  # each build writes a new site
        for name, text in contents.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
        (site / "logo.png").write_bytes(b"\x89PNG not text")
        context = SimpleNamespace(command="build", site_dir=site, project_dir=project, display=str)
        kept = write_compressed_copies(context)
        for name, text in contents.items():
            assert gzip.decompress((site / f"{name}.gz").read_bytes()) == text.encode(), name
            assert brotli.decompress((site / f"{name}.br").read_bytes()) == text.encode(), name
        assert not (site / "logo.png.gz").exists()
        return kept.made, kept.reused

    assert build({}) == (6, 0)
    assert build({}) == (0, 6)
    assert build({"kk/index.html": "<p>" + "Ерікті " * 300 + "</p>"}) == (2, 4)
    cache = project / CACHE_FOLDER
    entries = sorted(p.name for p in cache.iterdir() if p.suffix in (".gz", ".br"))
    assert len(entries) == 6, "the entries of the old text are still kept"
    assert sorted(p.name for p in cache.iterdir()) == sorted([*entries, CHECKSUMS])
    # The site's copies are the kept files themselves, under a second name: no file made.
    site = project / "site"
    assert sorted((cache / name).stat().st_ino for name in entries) == sorted(
        p.stat().st_ino for p in site.rglob("*") if p.suffix in (".gz", ".br")
    )
    for entry in cache.glob("*.gz"):
        entry.write_bytes(entry.read_bytes()[:-10])  # cut short
    for entry in cache.glob("*.br"):
        entry.write_bytes(entry.read_bytes()[:8] + b"x" + entry.read_bytes()[9:])
    assert build({}) == (6, 0)
    (cache / CHECKSUMS).write_bytes(b"damaged")
    assert build({}) == (6, 0), "without the checksums, no copy is taken on trust"
    assert build({}) == (0, 6)
    # Where hard links are refused (another disk, another system), the copies are written.
    monkeypatch.setattr(os, "link", lambda *_: (_ for _ in ()).throw(OSError(18, "cross-device")))
    assert build({"index.html": "<p>Hello</p>"}) == (2, 4)
    assert all(p.stat().st_nlink == 1 for p in site.rglob("*.gz"))


def test_a_cache_folder_that_cannot_be_changed_is_left_as_it_is(tmp_path: Path, monkeypatch):
    """A read-only checkout: the entries a build did not use cannot be removed, and the
    build goes on."""
    from ngo_handbook.build_cache import remove_unused

    (tmp_path / "old.gz").write_bytes(b"old")
    (tmp_path / "new.gz").write_bytes(b"new")

    def refuse(self, missing_ok=False):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    remove_unused(tmp_path, {"new.gz"})
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.gz", "old.gz"]
    remove_unused(tmp_path, {"new.gz"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.gz"]


def test_files_with_the_same_bytes_are_compressed_once(tmp_path: Path, monkeypatch):
    """Each language's copy of the partner directory's JSON file, or of a script: one
    compression a kind, however many threads meet them at once."""
    from types import SimpleNamespace

    from ngo_handbook.precompressed import SWITCH, write_compressed_copies

    monkeypatch.delenv(SWITCH, raising=False)
    compressed: list[int] = []
    real_gzip, real_brotli = gzip.compress, brotli.compress

    def counted(real):
        def compress(data, *args, **options):
            compressed.append(len(data))
            return real(data, *args, **options)

        return compress

    monkeypatch.setattr(gzip, "compress", counted(real_gzip))
    monkeypatch.setattr(brotli, "compress", counted(real_brotli))
    site = tmp_path / "site"
    same = '{"entries": [' + ",".join(f'["org-{n}", "almaty"]' for n in range(20_000)) + "]}"
    for language in ("", "tr/", "ar/", "kk/", "ru/", "fa/"):
        (site / language / "partners").mkdir(parents=True)
        (site / language / "partners" / "records.json").write_text(same, encoding="utf-8")
        (site / language / "index.html").write_text(f"<p>{language}</p>", encoding="utf-8")
    context = SimpleNamespace(
        command="build", site_dir=site, project_dir=tmp_path / "project", display=str
    )
    kept = write_compressed_copies(context)
    assert compressed.count(len(same.encode())) == 2  # gzip and brotli
    assert kept.made == 2 + 2 * 6
    for path in site.rglob("records.json"):
        assert brotli.decompress(path.with_name("records.json.br").read_bytes()) == same.encode()
        assert gzip.decompress(path.with_name("records.json.gz").read_bytes()) == same.encode()
