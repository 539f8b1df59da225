"""Pages converted from Markdown, and their search entries, made once and kept in
`.cache/ngo-handbook/pages/`: a rebuild converts and indexes only what changed, and gives
the same site and the same messages as a build that makes everything."""

from __future__ import annotations

import functools
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import new_handbook, run_build, snapshot
from ngo_handbook.kept_renders import CACHE_FOLDER, settings_text, stable_text


def converted(output: str) -> dict[str, tuple[int, int]]:
    """Per language: (pages converted, pages taken from the cache), from the build's log."""
    found = re.findall(r"Pages of '(\w+)': (\d+) converted from Markdown, (\d+) unchanged", output)
    return {language: (int(made), int(reused)) for language, made, reused in found}


def indexed(output: str) -> dict[str, tuple[int, int]]:
    """Per language: (pages indexed for search, pages whose entries came from the cache)."""
    found = re.findall(r"Search entries of '(\w+)': (\d+) made, (\d+) unchanged", output)
    return {language: (int(made), int(reused)) for language, made, reused in found}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return new_handbook(tmp_path, languages="en,tr")


def test_a_rebuild_converts_only_the_page_that_changed(project: Path):
    first = run_build(project, verbose=True)
    assert first.ok, first.output
    made = converted(first.output)
    assert made.keys() == {"en", "tr"}
    assert all(count > 3 and reused == 0 for count, reused in made.values()), made

    home = project / "content" / "en" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    again = run_build(project, verbose=True)
    assert again.ok, again.output
    assert converted(again.output) == {
        "en": (1, made["en"][0] - 1),
        "tr": (0, made["tr"][0]),
    }
    assert indexed(again.output) == {"en": (1, made["en"][0] - 1), "tr": (0, made["tr"][0])}
    assert "A new line." in (project / "site" / "index.html").read_text(encoding="utf-8")
    index = (project / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "A new line." in index
    kept = snapshot(project / "site")

    # The same sources with nothing kept give the same site, byte for byte.
    shutil.rmtree(project / CACHE_FOLDER)
    fresh = run_build(project, verbose=True)
    assert fresh.ok, fresh.output
    assert converted(fresh.output)["en"] == indexed(fresh.output)["en"] == (made["en"][0], 0)
    assert snapshot(project / "site") == kept


def test_the_messages_of_a_conversion_are_given_again(project: Path):
    """A link to a missing page warns on every build, so --strict fails every time."""
    page = project / "content" / "en" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee [the old page](old-page.md).\n",
        encoding="utf-8",
    )
    message = "contains a link 'old-page.md', but the target 'en/old-page.md' is not found"
    for _ in range(2):
        result = run_build(project, verbose=True)
        assert not result.ok
        assert message in result.output, result.output
    assert converted(result.output)["en"][0] == 0, "the second build converted the page again"

    # The page the link needs appears: the pages are converted again, and the link works.
    (project / "content" / "en" / "old-page.md").write_text("# Old page\n", encoding="utf-8")
    (project / "content" / "tr" / "old-page.md").write_text("# Eski sayfa\n", encoding="utf-8")
    result = run_build(project, strict=False, verbose=True)
    assert message not in result.output
    assert converted(result.output)["en"][1] == 0, "a new file changes every page's links"
    assert 'href="old-page/"' in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_damaged_entry_is_made_again_and_unused_ones_are_removed(project: Path):
    assert run_build(project, verbose=True).ok
    cache = project / CACHE_FOLDER / "details"
    entries = sorted(cache.iterdir())
    for entry in entries[:3]:
        entry.write_bytes(entry.read_bytes()[:-20])  # cut short
    result = run_build(project, verbose=True)
    assert result.ok, result.output
    # Each damaged entry held a page's conversion or its search entries.
    made_again = [*converted(result.output).values(), *indexed(result.output).values()]
    assert sum(made for made, _ in made_again) == 3
    assert sorted(cache.iterdir()) == entries

    home = project / "content" / "tr" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nYeni bir satır.\n", encoding="utf-8")
    assert run_build(project, verbose=True).ok
    assert len(list(cache.iterdir())) == len(entries), "the old home page's entry is still kept"


def test_the_settings_of_mkdocs_yml_have_a_text_that_is_the_same_in_every_run():
    from pymdownx.slugs import slugify

    assert stable_text({"toc": {"slugify": slugify(case="lower")}}) == stable_text(
        {"toc": {"slugify": slugify(case="lower")}}
    )
    assert stable_text(slugify(case="lower")) != stable_text(slugify(case="upper"))
    assert stable_text(functools.partial(print, "a")) == "partial(builtins.print,['a'],{})"
    assert stable_text(object()) is None
    counter = 0

    def closing():
        return counter

    assert stable_text(closing) is None
    # A function of the handbook's own (a custom fence's formatter) may change any day.
    assert stable_text(converted) is None
    links = {"not_found": 30}
    assert settings_text(["toc", "pymdownx.details"], {}, links) is not None
    # Extensions that read other files, or unknown ones, leave every page to be converted.
    assert settings_text(["toc", "pymdownx.snippets"], {}, links) is None
    assert settings_text(["toc", "my_company.includes"], {}, links) is None
    assert settings_text(["toc"], {"toc": {"slugify": object()}}, links) is None


def test_languages_built_side_by_side_keep_their_pages_too(project: Path, capsys):
    """With --jobs each language's process keeps and finds its pages; the entries the
    processes used are all still there after the build."""
    from ngo_handbook.cli import main

    arguments = ["build", "--project", str(project), "--no-pdf", "--verbose", "--jobs", "2"]
    assert main(arguments) == 0
    first = converted(capsys.readouterr().out)
    assert first.keys() == {"en", "tr"} and all(made > 3 for made, _ in first.values()), first
    entries = sorted((project / CACHE_FOLDER).rglob("*"))
    assert main(arguments) == 0
    assert converted(capsys.readouterr().out) == {
        language: (0, made) for language, (made, _) in first.items()
    }
    assert sorted((project / CACHE_FOLDER).rglob("*")) == entries
    # A build that logs less keeps its own conversions and leaves those of --verbose.
    assert main([name for name in arguments if name != "--verbose"]) == 0
    assert main(arguments) == 0
    assert converted(capsys.readouterr().out) == {
        language: (0, made) for language, (made, _) in first.items()
    }


def test_a_cache_that_cannot_be_written_leaves_the_build_as_it_was(project: Path, monkeypatch):
    """A read-only checkout or a full disk: nothing is kept, the site is built all the same."""
    write_bytes, utime = Path.write_bytes, os.utime

    def refuse(path, *arguments, **options):
        if ".cache" in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return write_bytes(path, *arguments, **options)

    def refuse_utime(path, *arguments, **options):
        if ".cache" in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return utime(path, *arguments, **options)

    monkeypatch.setattr(Path, "write_bytes", refuse)
    monkeypatch.setattr("os.utime", refuse_utime)
    result = run_build(project, verbose=True)
    assert result.ok, result.output
    assert converted(result.output)["en"][0] > 3
    assert "This handbook gathers" in (project / "site" / "index.html").read_text("utf-8")
    written = [path for path in (project / ".cache").rglob("*") if path.is_file()]
    assert written == [], "an entry was written"
