"""`ngo-handbook build --jobs N`: the languages built in parallel processes give the same
site as MkDocs' one-language-after-another build (`built_site`), file for file."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import big_directory, copy_sources
from ngo_handbook.cli import main
from ngo_handbook.partner_directory.entries import FIRST_PART
from ngo_handbook.precompressed import SWITCH as COMPRESSED_COPIES


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_languages_built_in_parallel_give_the_same_site(
    built_site: Path, tmp_path: Path, monkeypatch
):
    project = copy_sources(tmp_path / "project")
    site = tmp_path / "parallel-site"
    monkeypatch.delenv(COMPRESSED_COPIES)  # as `built_site` was built: with its .gz and .br

    code = main(
        [
            "build",
            "--project",
            str(project),
            "--no-pdf",
            "--offline",
            "--jobs",
            "3",
            "--site-dir",
            str(site),
        ]
    )

    assert code == 0
    sequential, parallel = tree(built_site), tree(site)
    assert sorted(parallel) == sorted(sequential)
    # Every file, the joined sitemap and search index among them, byte for byte.
    different = [name for name in sequential if parallel[name] != sequential[name]]
    assert different == []
    assert {"sitemap.xml", "search/search_index.json", "kk/search/search_index.json"} <= set(
        parallel
    )
    assert not list(tmp_path.glob("parallel-site.*")), "a part was left behind"


def test_a_long_directory_built_in_parallel_gives_the_same_files(tmp_path: Path, capsys):
    """Each language's process writes its directory's CSV and JSON files (the page holds
    only the first entries): the same files as one language after another."""
    project = tmp_path / "project"
    assert main(["new", str(project), "--languages", "en,ar", "--name", "Long"]) == 0
    partners = project / "data" / "partners.yml"
    partners.write_text(big_directory(partners, FIRST_PART + 20), encoding="utf-8")
    sites = {jobs: tmp_path / f"site-{jobs}" for jobs in (1, 2)}
    for jobs, site in sites.items():
        arguments = ["--project", str(project), "--no-pdf", "--site-dir", str(site)]
        assert main(["build", *arguments, "--jobs", str(jobs)]) == 0, capsys.readouterr().err

    one_by_one, side_by_side = tree(sites[1]), tree(sites[2])
    assert sorted(side_by_side) == sorted(one_by_one)
    assert [name for name in one_by_one if side_by_side[name] != one_by_one[name]] == []
    for folder in ("partners", "ar/partners"):
        written = {Path(name).suffix for name in one_by_one if name.startswith(folder + "/")}
        assert {".csv", ".json"} <= written, folder


def test_a_mistake_in_one_language_stops_the_parallel_build(tmp_path: Path, capsys):
    project = tmp_path / "project"
    assert main(["new", str(project), "--languages", "en,ar,tr", "--name", "Parallel"]) == 0
    capsys.readouterr()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site")
    page = project / "content" / "ar" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[broken](no-such-page.md)\n")

    code = main(
        ["build", "--project", str(project), "--no-pdf", "--jobs", "2", "--site-dir", str(site)]
    )

    assert code == 1
    errors = capsys.readouterr().err
    assert "no-such-page.md" in errors and "Traceback" not in errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]
    assert (site / "index.html").read_text() == "the last good site"


def test_a_language_build_that_never_ends_is_stopped(tmp_path: Path, capsys, monkeypatch):
    """A language's process that goes silent without ending (stuck) would keep the build
    waiting for ever: after the time without a word, the build stops with a message, the
    processes are ended and the last site stays."""
    from ngo_handbook.cli import parallel

    project = tmp_path / "project"
    assert main(["new", str(project), "--languages", "en,ar", "--name", "Stuck"]) == 0
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site")
    capsys.readouterr()
    monkeypatch.setattr(parallel.mkdocs_build, "build", lambda config: time.sleep(3600))
    monkeypatch.setattr(parallel, "STALL_SECONDS", 2)

    started = time.monotonic()
    code = main(
        ["build", "--project", str(project), "--no-pdf", "--jobs", "2", "--site-dir", str(site)]
    )

    assert code == 1 and time.monotonic() - started < 60
    errors = capsys.readouterr().err
    assert "has shown no progress for 2 s and was stopped" in errors, errors
    assert "Traceback" not in errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]
    assert (site / "index.html").read_text() == "the last good site"


# A language's process as the parent forks it: the stop signals held back, the handler the
# build command sets (a stop request ends the build as Ctrl+C does). `kill` reaches it as
# it starts (the signal waits until the process lets it in), or as it tells the parent
# that it is done.
STOPPED_LANGUAGE_PROCESS = """
import os, queue, signal, sys, types
from ngo_handbook.cli import parallel

def interrupt(signum, frame):
    raise KeyboardInterrupt

class Messages(queue.Queue):
    def put(self, item, *args, **kwargs):
        super().put(item, *args, **kwargs)
        if item == ("done", None) and sys.argv[1] == "while-telling":
            os.kill(os.getpid(), signal.SIGTERM)

signal.signal(signal.SIGTERM, interrupt)
signal.pthread_sigmask(signal.SIG_BLOCK, parallel.STOP_SIGNALS)
if sys.argv[1] == "at-start":
    os.kill(os.getpid(), signal.SIGTERM)
languages = queue.Queue()
languages.put(None)  # nothing to build: the process tells the parent it is done
plugins = {"i18n": types.SimpleNamespace(), "ngo-handbook": types.SimpleNamespace()}
messages = Messages()
parallel._build_languages(types.SimpleNamespace(plugins=plugins), languages, None, messages)
print([item for item in messages.queue if isinstance(item, tuple)])
"""


@pytest.mark.parametrize(
    ("when", "told"),
    [("at-start", [("interrupted", None)]), ("while-telling", [("done", None)])],
)
def test_a_stop_in_a_language_process_ends_it_without_a_traceback(when: str, told: list):
    """A stop that reaches a language's process as it starts stops its build, with a word to
    the parent; one that comes as it tells the parent its outcome ends it quietly."""
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_LANGUAGE_PROCESS, when],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr(told)
