"""Bad input of every kind in data/, in pages (front matter and bodies) and in mkdocs.yml:
each gives its exact messages (file:line:col, what to do), a non-zero exit, no traceback,
and leaves the built site byte for byte as it was.

The cases are golden, in tests/cases/bad_inputs.yml (the format of data_errors.yml, with
files named from the project's folder), and run on copies of a new handbook made by
`ngo-handbook new`: most through the load phase alone (`loading.load_handbook`, what every
build and `ngo-handbook check` start with), those marked `check: build` through the whole
`ngo-handbook build` command on a copy that holds a built site. Hypothesis then feeds the
YAML reader and the front-matter reader anything at all.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import apply_edit, expected_lines, line_of, load_context, snapshot, yaml_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ngo_handbook import site_folder, yaml_source
from ngo_handbook.cli import main
from ngo_handbook.content_checks import check_front_matter
from ngo_handbook.parsed_files import ParsedFiles
from ngo_handbook.pdf.book import source_of_characters
from ngo_handbook.problems import HandbookError, Location, Problem
from ngo_handbook.site_folder import BuildLock
from ngo_handbook.yaml_source import YamlSyntaxError, parse_yaml

# One worker of `pytest -n` runs this module: its cases share one built handbook.
pytestmark = pytest.mark.xdist_group("bad-inputs")

CASES = yaml_data((Path(__file__).parent / "cases" / "bad_inputs.yml").read_text(encoding="utf-8"))
FRAMING = ("The handbook was not built", "The handbook sources have ", "Another build of")


@dataclass
class Handbook:
    project: Path
    site: dict[str, str]
    """The built site's files and their hashes."""
    reads: list[str]
    """The data files the build read, in order."""


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Handbook:
    """A new handbook in English and Arabic, built once, counting the data files read."""
    project = tmp_path_factory.mktemp("bad-inputs") / "handbook"
    arguments = ["--name", "Youth & Volunteers <Network>", "--languages", "en,ar"]
    assert main(["new", str(project), *arguments, "--default", "en"]) == 0
    reads: list[str] = []
    real_read = ParsedFiles.read_yaml

    def counting_read(self, path: Path, display: str):
        reads.append(display)
        return real_read(self, path, display)

    ParsedFiles.read_yaml = counting_read
    try:
        assert main(["build", "--project", str(project), "--no-pdf"]) == 0
    finally:
        ParsedFiles.read_yaml = real_read
    return Handbook(project, snapshot(project / "site"), reads)


def copy(handbook: Handbook, target: Path, *, with_site: bool) -> Path:
    ignore = None if with_site else shutil.ignore_patterns("site")
    shutil.copytree(handbook.project, target, ignore=ignore)
    return target


def problem_lines(error_output: str) -> list[str]:
    """The lines of a failed command that name a problem (not its framing)."""
    lines = [line.strip() for line in error_output.splitlines()]
    return [line for line in lines if line and not line.startswith(FRAMING)]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input_gives_exact_messages(
    case: dict, handbook: Handbook, tmp_path, capsys, monkeypatch
) -> None:
    build = case.get("check") == "build"
    project = copy(handbook, tmp_path / "handbook", with_site=build)
    for edit in case["edits"]:
        apply_edit(project, edit)
    expected = expected_lines(project, case["problems"])
    monkeypatch.chdir(project)
    if not build:
        with pytest.raises(HandbookError) as raised:
            load_context(project, strict=True)
        assert [str(problem) for problem in raised.value.problems] == expected
        if case.get("strict_only"):
            return  # outside --strict a warning: `check` would go on to a whole build
        # `ngo-handbook check` lists them too (besides what it checks itself), no crash.
        capsys.readouterr()
        assert main(["check", "--format", "json"]) == 1
        found = json.loads(capsys.readouterr().out)["problems"]
        listed = [f"{p['file']}:{p['line']}:{p['column']}: {p['message']}" for p in found]
        listed += [f"{p['file']}: {p['message']}" for p in found if not p["line"]]
        assert set(expected) <= set(listed), listed
        return
    capsys.readouterr()
    assert main(["build", "--no-pdf"]) == 1
    output = capsys.readouterr()
    assert "Traceback" not in output.out + output.err, output.err
    assert problem_lines(output.err) == expected, output.err
    assert snapshot(project / "site") == handbook.site
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) == [
        "site"
    ]


def test_the_corpus_is_large_and_each_case_expects_something() -> None:
    assert len(CASES) >= 40, len(CASES)
    assert len({case["name"] for case in CASES}) == len(CASES)
    for case in CASES:
        assert case["problems"] and case["edits"], case["name"]
    files = {edit["file"].split("/")[0] for case in CASES for edit in case["edits"]}
    assert {"data", "content", "mkdocs.yml"} <= files


def test_data_is_read_once_per_build_for_every_language(handbook: Handbook) -> None:
    """static-i18n runs the plugin's hooks once per language; the data is read once."""
    assert handbook.reads, "the build read no data file"
    assert len(handbook.reads) == len(set(handbook.reads)), handbook.reads
    assert "data/handbook.yml" in handbook.reads


def test_a_second_build_at_once_names_the_first(handbook: Handbook, tmp_path, capsys) -> None:
    project = copy(handbook, tmp_path / "handbook", with_site=True)
    running = BuildLock(project / "site", "site.lock")
    running.acquire("make site")
    try:
        capsys.readouterr()
        assert main(["build", "--project", str(project), "--no-pdf"]) == 1
        error = capsys.readouterr().err
    finally:
        running.release()
    assert "Traceback" not in error
    assert "Another build of this handbook is running; nothing was built" in error, error
    assert "another build of this handbook is running (process " in error, error
    assert "by 'make site'); wait until it ends, or stop it, then build again" in error, error
    assert snapshot(project / "site") == handbook.site
    assert not (project / "site.lock").exists()


@pytest.mark.parametrize("leftover", ["file", "folder", "languages folder", "old site"])
def test_a_build_cleans_up_what_a_killed_build_left(
    leftover: str, handbook: Handbook, tmp_path, capsys
) -> None:
    """A build killed mid-way leaves `site.partial` (a parallel build its languages'
    `site.partial.<random>` too; or, killed during the swap, the site in `site.old` and no
    `site/`): the next build starts from there."""
    project = copy(handbook, tmp_path / "handbook", with_site=True)
    if leftover == "file":
        (project / "site.partial").write_text("x", encoding="utf-8")
    elif leftover == "folder":
        (project / "site.partial" / "assets").mkdir(parents=True)
    elif leftover == "languages folder":
        (project / "site.partial" / "assets").mkdir(parents=True)
        (project / "site.partial.k2x9_q1m" / "tr" / "search").mkdir(parents=True)
    else:
        (project / "site").rename(project / "site.old")
    # A mistake stops this build at its start: what is left must be undone all the same.
    safety = project / "data" / "safety.yml"
    safety.write_text(safety.read_text("utf-8").replace("groups:", "gruops:"), "utf-8")
    capsys.readouterr()
    assert main(["build", "--project", str(project), "--no-pdf"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) == [
        "site"
    ]
    assert snapshot(project / "site") == handbook.site


# --- any input at all ----------------------------------------------------------------------

# Bounded on any input: a second (on a loaded machine) and a few megabytes for a few
# kilobytes of text; the nested aliases of a 300-byte file once took 77 s and 4.9 GB.
TIME_LIMIT = 2.0
MEMORY_LIMIT = 16 * 1024 * 1024

# Pieces of YAML (anchors, aliases, tags, brackets, quotes, indentation, odd characters).
yaml_like = st.lists(
    st.sampled_from(
        [*"ab:- \n\t'\"[]{},&*!|>#%@`?\\\u202e\x85\ufeff\x00é", "&a ", "*a", "<<: ", "!!python/"]
    ),
    max_size=200,
).map("".join)


def _bounded(read) -> list[Problem]:
    tracemalloc.start()
    started = time.process_time()
    try:
        found = read()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.process_time() - started < TIME_LIMIT
    assert peak < MEMORY_LIMIT, peak
    return found


def _yaml_problems(text: str) -> list[Problem]:
    try:
        return parse_yaml(text, "data/x.yml")[1]
    except YamlSyntaxError as error:
        return [error.problem]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(yaml_like, st.text(max_size=300)))
def test_the_yaml_reader_takes_any_text(text: str) -> None:
    for problem in _bounded(lambda: _yaml_problems(text)):
        assert problem.location.file == "data/x.yml"
        assert problem.message and "Traceback" not in problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        yaml_like.map(lambda body: f"---\n{body}\n---\n# Title\n".encode()),
        st.binary(max_size=300),
    )
)
def test_the_front_matter_reader_takes_any_bytes(tmp_path_factory, data: bytes) -> None:
    page = tmp_path_factory.getbasetemp() / "page.md"
    page.write_bytes(data)
    _, problems = _bounded(lambda: check_front_matter(page, "content/en/page.md"))
    for problem in problems:
        assert problem.location.file == "content/en/page.md"
        assert problem.location.line >= 1, problem


def test_nested_aliases_stop_quickly_and_small() -> None:
    """The 324-byte file of the report: nine aliases nine deep."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    text = "\n".join(lines) + "\n"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problems = _bounded(lambda: _yaml_problems(text))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024
    assert [str(problem) for problem in problems] == [
        "data/x.yml:6:5: aliases (*name) repeat values here until the file would hold "
        "490,329,064 values; write the values out, or use fewer aliases"
    ]


def test_a_character_no_font_has_is_placed_where_it_was_typed(handbook: Handbook, tmp_path):
    """A page made from data (partners.md) has no file in content/: the PDF check names
    the data file's line instead."""
    project = copy(handbook, tmp_path / "handbook", with_site=False)
    partners = project / "data" / "partners.yml"
    text = partners.read_text(encoding="utf-8")
    partners.write_text(text.replace("Example Youth Association", "Youth ＝ Sport", 1), "utf-8")
    context = load_context(project)
    chapters = [
        {"path": "index.md", "text": "Welcome"},
        {"path": "partners.md", "text": "Partners: Youth ＝ Sport"},
    ]
    line = next(
        n for n, row in enumerate(partners.read_text("utf-8").splitlines(), 1) if "＝" in row
    )
    assert source_of_characters(["＝"], chapters, context, "en") == Location(
        "data/partners.yml", line, 17
    )
    chapters[0]["text"] = "Welcome ＝"
    (project / "content" / "en" / "index.md").write_text("# Welcome\n\nA ＝ B\n", "utf-8")
    assert source_of_characters(["＝"], chapters, context, "en") == Location(
        "content/en/index.md", 3, 3
    )
    assert source_of_characters(["¤"], chapters, context, "en") is None


@pytest.mark.parametrize("in_one_step", [True, False])
def test_the_new_site_takes_the_old_ones_place(tmp_path, monkeypatch, in_one_step: bool):
    if not in_one_step:
        monkeypatch.setattr(site_folder, "_exchange", lambda first, second: False)
    folder = site_folder.SiteFolder(tmp_path / "site")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old", "utf-8")
    folder.start().mkdir()
    (folder.staging / "new.html").write_text("new", "utf-8")
    folder.finish()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
    assert [path.name for path in (tmp_path / "site").iterdir()] == ["new.html"]


def test_check_names_the_line_of_a_mkdocs_yml_that_is_not_yaml(
    handbook: Handbook, tmp_path, capsys, monkeypatch
):
    project = copy(handbook, tmp_path / "handbook", with_site=False)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name: ", 'site_name: "'), "utf-8")
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert main(["check", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["problems"]
    message = "this is not valid YAML: a quote opens here and is never closed"
    line, column = line_of(config, "site_name:"), len('site_name: "')
    assert found == [{"file": "mkdocs.yml", "line": line, "column": column, "message": message}]
    # The translators' status reads mkdocs.yml the same way, and says the same.
    assert main(["status"]) == 1
    assert capsys.readouterr().err.strip() == f"mkdocs.yml:{line}:{column}: {message}"


@pytest.mark.parametrize("loader", ["SafeLoader", "CSafeLoader"])
@pytest.mark.parametrize(
    "text",
    [
        # (Not a thousand '[': PyYAML's own scanner takes seconds over them; libyaml's
        # limit stops them, see the corpus.)
        "x: " + "- " * 600 + "a\n",
        "title: &t [*t]\n",
        "a: &a {<<: *a}\n",
        "x: !!python/object/apply:os.system [echo]\n",
        "x: \x07\n",
        "a: 2024-02-30\n",
    ],
)
def test_pyyaml_with_or_without_libyaml_stops_nasty_input(loader: str, text: str, monkeypatch):
    """Without libyaml (a platform with no wheel), PyYAML's own parser has no limit on
    nesting: the reader stops it all the same."""
    monkeypatch.setattr(yaml_source, "_LOADER", getattr(yaml, loader))
    problems = _bounded(lambda: _yaml_problems(text))
    assert problems and all(problem.location.line == 1 for problem in problems), problems


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_stopped_by_kill_leaves_the_last_site(
    jobs: int, handbook: Handbook, tmp_path
) -> None:
    """`kill` (SIGTERM) in the middle of a real build: the command ends as Ctrl+C would,
    and the site is the one built before, with nothing left beside it: with `--jobs 2`,
    neither the side folder nor the folder of the languages built in parallel."""
    project = copy(handbook, tmp_path / "handbook", with_site=True)
    start = "import sys; from ngo_handbook.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", start, "build", "--no-pdf", "--jobs", str(jobs)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen(command, cwd=project, env=environment, stderr=subprocess.PIPE)
    # Written to once the languages are being built: `site.partial` one by one, the
    # languages' folder `site.partial.<random>/<language>` in parallel.
    started = "site.partial" if jobs == 1 else "site.partial.*/*"
    deadline = time.monotonic() + 300
    while not any(project.glob(started)) and build.poll() is None:
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.05)
    build.send_signal(signal.SIGTERM)
    _, error = build.communicate(timeout=300)
    assert build.returncode == 130, error.decode()
    assert b"Traceback" not in error, error.decode()
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) == [
        "site"
    ]
    assert snapshot(project / "site") == handbook.site
