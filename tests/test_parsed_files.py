"""Data files kept as parsed between builds: the same values, lines, columns and problems as
parsing them, and parsed again whenever the file (or the entry) changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import copy_sources, load_context
from ngo_handbook import parsed_files
from ngo_handbook.parsed_files import CACHE_FOLDER, ParsedFiles
from ngo_handbook.yaml_source import YamlSyntaxError, read_yaml

TEXT = """\
title: Safety
updated: 2026-12-03
checked: 2026-12-03 10:30:00+03:00
topics:
  - id: fire
    when: [2026-01-05, 7, 2.5, true, null]
    id: repeated
notes: {a: "ö ۴ 中", b: ''}
"""


def parsed_twice(tmp_path: Path, text: str = TEXT):
    source = tmp_path / "data.yml"
    source.write_text(text, encoding="utf-8")
    cache = ParsedFiles(tmp_path / "cache")
    first = cache.read_yaml(source, "data/data.yml")
    second = ParsedFiles(tmp_path / "cache").read_yaml(source, "data/data.yml")
    return source, first, second


def test_a_kept_file_reads_back_as_parsing_gives_it(tmp_path: Path, monkeypatch):
    source, (document, problems), _ = parsed_twice(tmp_path)
    # Read back without parsing: parsing would fail here.
    monkeypatch.setattr(parsed_files, "parse_yaml", None)
    again, again_problems = ParsedFiles(tmp_path / "cache").read_yaml(source, "data/data.yml")

    expected, expected_problems = read_yaml(source, "data/data.yml")
    assert again.data == expected.data == document.data
    assert again.data["updated"] == dt.date(2026, 12, 3)
    assert again.data["checked"].utcoffset() == dt.timedelta(hours=3)
    assert again.data["topics"][0]["when"][0] == dt.date(2026, 1, 5)
    assert again.value_marks == expected.value_marks
    assert again.key_marks == expected.key_marks
    assert again.locate(("notes", "a")) == expected.locate(("notes", "a"))
    assert again_problems == expected_problems == problems
    assert [str(p) for p in again_problems] == [
        "data/data.yml:7:5: the key 'id' appears twice in the same block (first on line 5); "
        "keep only one"
    ]


def test_a_changed_or_damaged_entry_is_parsed_again(tmp_path: Path):
    source, (document, _), _ = parsed_twice(tmp_path)
    (entry,) = (tmp_path / "cache").iterdir()

    source.write_text(TEXT.replace("Safety", "Security"), encoding="utf-8")
    changed, _ = ParsedFiles(tmp_path / "cache").read_yaml(source, "data/data.yml")
    assert changed.data["title"] == "Security"

    source.write_text(TEXT, encoding="utf-8")
    entry.write_bytes(entry.read_bytes()[:-10])
    damaged, _ = ParsedFiles(tmp_path / "cache").read_yaml(source, "data/data.yml")
    assert damaged.data == document.data


def test_entries_no_file_used_are_removed(tmp_path: Path):
    source, _, _ = parsed_twice(tmp_path)
    source.write_text(TEXT.replace("Safety", "Security"), encoding="utf-8")
    cache = ParsedFiles(tmp_path / "cache")
    cache.read_yaml(source, "data/data.yml")
    assert len(list((tmp_path / "cache").iterdir())) == 2
    cache.prune()
    assert [entry.name for entry in (tmp_path / "cache").iterdir()] == list(cache.used)


def test_a_file_that_is_not_yaml_is_reported_each_time_and_not_kept(tmp_path: Path):
    source = tmp_path / "data.yml"
    source.write_text("title: [Safety\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(YamlSyntaxError):
            ParsedFiles(tmp_path / "cache").read_yaml(source, "data/data.yml")
    assert not any((tmp_path / "cache").glob("*"))


def test_a_build_keeps_the_data_and_the_next_reads_it(tmp_path: Path, monkeypatch):
    project = copy_sources(tmp_path / "project")
    first = load_context(project)
    kept = sorted((project / CACHE_FOLDER).iterdir())
    assert len(kept) == len(first.data.sources)

    monkeypatch.setattr(parsed_files, "parse_yaml", None)
    second = load_context(project)
    assert second.data.documents == first.data.documents
    assert sorted((project / CACHE_FOLDER).iterdir()) == kept
