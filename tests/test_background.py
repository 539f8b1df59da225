"""Work of the load phase done in a forked copy of the process: its value comes back, a copy
that fails leaves the work to this process, Ctrl+C does not reach the copy, and a stopped
build ends it. Then the load itself: the advice found in the copy, in its place among the
warnings, and under --strict among the problems."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from conftest import copy_sources, line_of, project_sources
from ngo_handbook import background, loading, parsed_files
from ngo_handbook.background import Background
from ngo_handbook.loading import load_handbook
from ngo_handbook.parsed_files import CACHE_FOLDER
from ngo_handbook.partner_directory import folding
from ngo_handbook.partner_directory.model import DATA_FILE
from ngo_handbook.problems import HandbookError


def test_the_work_is_done_in_a_copy_of_the_process():
    parent = os.getpid()
    child = Background(os.getpid).result()
    assert isinstance(child, int) and child != parent


def test_without_a_copy_the_work_is_done_here():
    assert Background(os.getpid, fork=False).result() == os.getpid()


def test_a_copy_that_dies_leaves_the_work_to_this_process():
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid()

    assert Background(work).result() == parent


def test_work_that_fails_fails_here_as_it_would_have():
    def work() -> None:
        raise ValueError(f"failed in {os.getpid()}")

    with pytest.raises(ValueError, match=f"failed in {os.getpid()}$"):
        Background(work).result()


def test_ctrl_c_does_not_reach_the_copy():
    parent = os.getpid()

    def work() -> int:
        time.sleep(0.5)
        return os.getpid()

    background = Background(work)
    time.sleep(0.1)
    os.kill(background.pid, signal.SIGINT)
    child = background.result()
    assert child not in (None, parent)


def test_a_stopped_build_ends_the_copy():
    background = Background(lambda: time.sleep(60))
    pid = background.pid
    started = time.monotonic()
    background.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more
    background.cancel()  # a second time does nothing


ADDED = "Sorularınız için muhatap kişi ile görüşün."
"""A line with a variant the glossary discourages (`contact-person` in data/glossary.yml)."""


@pytest.fixture(scope="module")
def with_a_discouraged_term(tmp_path_factory) -> Path:
    """The sample with a variant the glossary discourages in a Turkish page."""
    project = copy_sources(tmp_path_factory.mktemp("advice"))
    page = project / "content" / "tr" / "index.md"
    page.write_text(page.read_text("utf-8") + f"\n{ADDED}\n", "utf-8")
    return project


def advice_in(problems) -> list[str]:
    return [str(problem) for problem in problems if "muhatap" in str(problem)]


def test_the_advice_comes_back_among_the_warnings(with_a_discouraged_term: Path):
    project = with_a_discouraged_term
    loaded = load_handbook(project_sources(project, strict=False))
    line = line_of(project / "content" / "tr" / "index.md", ADDED)
    column = ADDED.index("muhatap") + 1
    assert advice_in(loaded.warnings) == [
        f"content/tr/index.md:{line}:{column}: 'muhatap kişi' is a variant the glossary "
        "discourages; write 'irtibat kişisi' (data/glossary.yml, contact-person)"
    ]


def test_under_strict_the_advice_is_a_problem(with_a_discouraged_term: Path):
    with pytest.raises(HandbookError) as raised:
        load_handbook(project_sources(with_a_discouraged_term, strict=True))
    assert len(advice_in(raised.value.problems)) == 1


def test_the_caller_may_wait_for_the_advice_later(with_a_discouraged_term: Path):
    loaded = load_handbook(project_sources(with_a_discouraged_term, strict=False), finish=False)
    assert advice_in(loaded.warnings) == []
    loaded.finish()
    assert len(advice_in(loaded.warnings)) == 1
    loaded.finish()  # once is enough
    assert len(advice_in(loaded.warnings)) == 1


def test_values_prepared_beside_the_advice_are_in_the_context(with_a_discouraged_term: Path):
    # The partner directory's search keys, made once while the handbook loads for every
    # process that builds a language.
    context = load_handbook(project_sources(with_a_discouraged_term, strict=False)).context
    directory = context.data.get(DATA_FILE)
    keys = context.cache.pop(folding.KEYS)
    assert len(keys) == len(directory.organisations) > 50
    assert folding.search_keys(context, directory) == keys


def test_a_load_that_fails_still_keeps_the_data_it_parsed(tmp_path: Path, monkeypatch):
    # Kept apart however small, and done here, in turn: a copy would have finished long
    # before the load fails.
    monkeypatch.setattr(loading, "KEEP_APART", 0)
    monkeypatch.setattr(loading, "Background", lambda work, fork: Background(work, fork=False))
    monkeypatch.setattr(parsed_files, "Background", lambda work: Background(work, fork=False))
    project = copy_sources(tmp_path)
    page = project / "content" / "en" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n{{ handbook: no-such-block }}\n", "utf-8")
    with pytest.raises(HandbookError):
        load_handbook(project_sources(project, strict=False))
    kept = list((project / CACHE_FOLDER).glob("*.parsed"))
    assert len(kept) == len(list((project / "data").rglob("*.yml"))) - len(
        list((project / "data" / "strings").glob("*.yml"))
    )


def test_a_large_file_is_kept_by_a_copy_started_as_soon_as_it_is_parsed(
    tmp_path: Path, monkeypatch
):
    """Each file at least KEEP_APART bytes long gets its own copy, started before the next
    file is read, so the copy keeps it while the load checks the data."""
    monkeypatch.setattr(loading, "KEEP_APART", 10_000)
    project = copy_sources(tmp_path)
    large = sorted(
        path.name
        for path in (project / "data").rglob("*.yml")
        if path.stat().st_size >= 10_000 and path.parent.name != "strings"
    )
    assert large  # the sample has some, and smaller files
    started: list[tuple[str, int]] = []
    read = parsed_files.parse_yaml

    def parse(text, display_path, **options):
        started.append(("parsed", display_path))
        return read(text, display_path, **options)

    def copy(work):
        started.append(("copy", len(started)))
        return Background(work)

    monkeypatch.setattr(parsed_files, "parse_yaml", parse)
    monkeypatch.setattr(parsed_files, "Background", copy)
    load_handbook(project_sources(project, strict=False))
    copies = [index for index, (kind, _) in enumerate(started) if kind == "copy"]
    kept_right_after = sorted(started[index - 1][1].split("/")[-1] for index in copies)
    assert kept_right_after == large
    assert len(list((project / CACHE_FOLDER).glob("*.parsed"))) == len(
        [name for kind, name in started if kind == "parsed"]
    )


def test_a_copy_that_goes_silent_is_ended_and_the_work_done_here(monkeypatch):
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            time.sleep(60)  # stuck
        return os.getpid()

    monkeypatch.setattr(background, "STALL_SECONDS", 0.5)
    started = time.monotonic()
    copy = Background(work)
    pid = copy.pid
    assert copy.result() == parent
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
