"""The `ngo-handbook` command: new → check → build on a fresh handbook, mistakes reported
with their file and line, a failed build that leaves the last site alone, every --help."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import run_build
from ngo_handbook import precompressed
from ngo_handbook.cli import main
from ngo_handbook.precompressed import SWITCH as COMPRESSED_COPIES

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = pytest.mark.xdist_group("cli")

COMMANDS = ("new", "new-language", "check", "status", "schema", "build", "serve")
SCRIPT = Path(sys.executable).with_name("ngo-handbook")
"""The installed command, run as a person runs it."""


@pytest.fixture(scope="module")
def handbook(tmp_path_factory) -> Path:
    """A new handbook in French (default), English and Persian, built once without PDFs."""
    project = tmp_path_factory.mktemp("cli") / "handbook"
    assert (
        main(
            [
                "new", str(project), "--name", "Bénévoles du Nord", "--languages", "fr,en,fa",
                "--default", "fr", "--primary-colour", "indigo", "--accent-colour", "amber",
            ]
        )
        == 0
    )  # fmt: skip
    return project


@pytest.fixture(scope="module")
def built(handbook: Path) -> Path:
    # As a user runs it (the suite switches the compressed copies off): check compresses
    # nothing of the site it throws away.
    compressed = []
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(COMPRESSED_COPIES)
        patch.setattr(precompressed, "compress_file", lambda path, *_: compressed.append(path))
        assert main(["check", "--project", str(handbook)]) == 0
    assert compressed == [], "check compressed the pages of the site it throws away"
    assert main(["build", "--project", str(handbook), "--no-pdf"]) == 0
    return handbook / "site"


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_new_writes_a_complete_example(handbook: Path):
    config = (handbook / "mkdocs.yml").read_text(encoding="utf-8")
    assert "fallback_to_default: false" in config and "direction" not in config
    assert config.index("- i18n:") < config.index("- ngo-handbook")
    assert "name: فارسی" in config and "primary: indigo" in config
    for name in (
        "handbook.yml", "safety.yml", "orientation.yml", "rights_duties.yml", "partners.yml",
        "self_assessment.yml", "forms/volunteer-application.yml",
    ):  # fmt: skip
        first, second = (handbook / "data" / name).read_text(encoding="utf-8").splitlines()[:2]
        schema = "forms.schema.json" if "/" in name else name.replace(".yml", ".schema.json")
        assert first.endswith(f"schemas/{schema}") and (handbook / "schemas" / schema).is_file()
        assert second.startswith("# EXEMPLE"), name
    for language in ("fr", "en", "fa"):
        assert (handbook / "content" / language / "index.md").is_file()
    assert "Bénévoles du Nord" in (handbook / "data" / "handbook.yml").read_text(encoding="utf-8")
    guidance = handbook / "content" / "fr" / "self-assessment" / "guidance"
    assert sorted(path.name for path in guidance.iterdir()) == ["q1-c1.md", "q1-c2.md"]


def test_new_refuses_a_folder_that_is_not_empty(handbook: Path, capsys):
    assert main(["new", str(handbook), "--languages", "en"]) == 1
    assert "not empty" in capsys.readouterr().err


def test_built_site_has_every_language_and_page(built: Path):
    persian = (built / "fa" / "safety" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fa"' in persian and '<body dir="rtl"' in persian
    french = (built / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french and '<body dir="ltr"' in french
    for prefix in ("", "en/", "fa/"):
        for page in (
            "safety", "orientation", "rights-and-duties", "partners", "self-assessment",
            "forms", "forms/volunteer-application",
        ):  # fmt: skip
            assert (built / prefix / page / "index.html").is_file(), prefix + page
    form = (built / "fa" / "forms" / "volunteer-application" / "index.html").read_text("utf-8")
    assert "درخواست همکاری داوطلبانه" in form
    assert not (built.parent / "site.partial").exists()


def test_git_keeps_the_sources_and_not_what_the_build_made(built: Path, tmp_path):
    """`new` writes a .gitignore: after a build, `git add -A` takes the handbook's sources,
    not the site, nor what the build keeps for the next one (.cache/)."""
    project = tmp_path / "copy"
    shutil.copytree(built.parent, project)
    assert (project / ".cache").is_dir() and (project / "site").is_dir()
    for command in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *command], cwd=project, check=True)
    listed = subprocess.run(
        ["git", "ls-files"], cwd=project, capture_output=True, text=True, check=True
    ).stdout.split()
    tops = {name.split("/")[0] for name in listed}
    assert tops == {".gitignore", "content", "data", "mkdocs.yml", "overrides", "schemas"}


def test_check_json_lists_each_mistake_with_its_place(
    handbook: Path, tmp_path, capsys, monkeypatch
):
    project = tmp_path / "broken"
    shutil.copytree(handbook, project, ignore=shutil.ignore_patterns("site"))
    handbook_yml = project / "data" / "handbook.yml"
    handbook_yml.write_text(
        handbook_yml.read_text(encoding="utf-8").replace("tagline:", "tagine:"), "utf-8"
    )
    page = project / "content" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("(partners.md)", "(partner.md)"))
    capsys.readouterr()
    # Run from a folder beside the handbook: files relative to the handbook, never `../`.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["check", "--project", str(project), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["handbook"] == str(project.resolve())
    assert sorted(p["file"] for p in report["problems"]) == [
        "content/en/index.md",
        "data/handbook.yml",
    ]
    # For a person, the whole path then.
    assert main(["check", "--project", str(project)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{project.resolve()}/data/handbook.yml:" in "\n".join(lines)
    assert not [line for line in lines if line.startswith("..")], lines
    found = {(Path(p["file"]).as_posix(), p["line"]) for p in report["problems"]}
    tagline = 1 + next(
        number
        for number, line in enumerate(handbook_yml.read_text("utf-8").splitlines())
        if line.startswith("tagine:")
    )
    link = 1 + next(
        number
        for number, line in enumerate(page.read_text("utf-8").splitlines())
        if "(partner.md)" in line
    )
    assert any(f.endswith("data/handbook.yml") and line == tagline for f, line in found), report
    assert any(f.endswith("content/en/index.md") and line == link for f, line in found), report
    assert len(report["problems"]) == 2
    assert "tagline" in json.dumps(report["problems"])


def test_check_finds_a_broken_anchor_in_the_built_pages(
    handbook: Path, tmp_path, capsys, monkeypatch
):
    """The broken link is named with its line; only a broken link is looked for in its
    source (a page made from ten thousand organisations has as many links, all whole, and
    its source is a data file of megabytes)."""
    from ngo_handbook.cli import links

    project = tmp_path / "anchor"
    shutil.copytree(handbook, project, ignore=shutil.ignore_patterns("site"))
    page = project / "content" / "fa" / "index.md"
    page.write_text(page.read_text("utf-8").replace("(safety.md)", "(safety.md#no-such-topic)"))
    looked_up = []
    source_line = links._source_line
    monkeypatch.setattr(
        links, "_source_line", lambda *found: looked_up.append(found) or source_line(*found)
    )
    capsys.readouterr()
    assert main(["check", "--project", str(project)]) == 1
    out = capsys.readouterr().out
    assert "content/fa/index.md:" in out and "#no-such-topic" in out
    assert [href for _, href, _ in looked_up] == ["safety/#no-such-topic"], looked_up


def test_build_names_the_line_of_a_link_to_a_missing_page(tmp_path, capsys):
    """MkDocs names the page only; the build names the line, as `check` does, also when the
    page's conversion is taken from the last build."""
    project = tmp_path / "missing-page"
    assert main(["new", str(project), "--languages", "en"]) == 0
    page = project / "content" / "en" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nSee [the old page](old-page.md).\n", "utf-8")
    line = len(page.read_text("utf-8").splitlines())
    expected = (
        f"/content/en/index.md:{line}:5: the link 'old-page.md' leads to a page that does not "
        "exist; correct the address or create that page"
    )
    for _ in range(2):
        capsys.readouterr()
        assert main(["build", "--project", str(project), "--no-pdf"]) == 1
        warnings = [x for x in capsys.readouterr().err.splitlines() if x.startswith("warning:")]
        assert len(warnings) == 1 and warnings[0].endswith(expected), warnings


def test_check_lists_each_warning_once(handbook: Path, tmp_path, capsys):
    """A missing translation and a page in one language only: each warning one line, not
    once from the data and again from the test build."""
    project = tmp_path / "warnings"
    shutil.copytree(handbook, project, ignore=shutil.ignore_patterns("site"))
    safety = project / "data" / "safety.yml"
    lines = safety.read_text("utf-8").splitlines(keepends=True)
    persian = next(n for n, line in enumerate(lines) if line.lstrip().startswith("fa:"))
    safety.write_text("".join(lines[:persian] + lines[persian + 1 :]), "utf-8")
    (project / "content" / "fr" / "hiver.md").write_text("# Hiver\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("\nnav:\n", "\nnav:\n  - hiver.md\n"))
    capsys.readouterr()
    assert main(["check", "--project", str(project), "--format", "json"]) == 0
    warnings = [p["message"] for p in json.loads(capsys.readouterr().out)["warnings"]]
    missing = [m for m in warnings if "Persian" in m or "persan" in m or "'fa'" in m]
    assert len([m for m in missing if "hiver.md" in m]) == 1, warnings
    assert len([m for m in missing if "'fa'" in m and "hiver" not in m]) == 1, warnings
    assert not [m for m in warnings if m.startswith("ngo_handbook:")], warnings


def test_check_reports_a_form_description_missing_in_a_language(handbook: Path, tmp_path, capsys):
    """A form's description, shown in its page's front matter, falls back to the default
    language in the test build of `check`: a warning with its line, not a crash."""
    project = tmp_path / "description"
    shutil.copytree(handbook, project, ignore=shutil.ignore_patterns("site"))
    form = project / "data" / "forms" / "volunteer-application.yml"
    lines = form.read_text("utf-8").splitlines(keepends=True)
    start = lines.index("description:\n")
    persian = next(n for n in range(start, len(lines)) if lines[n].startswith("  fa:"))
    form.write_text("".join(lines[:persian] + lines[persian + 1 :]), "utf-8")
    capsys.readouterr()
    assert main(["check", "--project", str(project), "--format", "json"]) == 0
    output = capsys.readouterr()
    warnings = json.loads(output.out)["warnings"]
    assert [w["message"] for w in warnings if "'fa'" in w["message"]], warnings
    assert "unexpected error" not in output.err


def test_serve_rebuilds_when_a_data_file_changes(handbook: Path, tmp_path):
    """The preview follows data/ as it follows the pages: staff edit lists there. What it
    prints speaks to a person: no MkDocs routine, no logger names, no switches."""
    project = tmp_path / "serve"
    shutil.copytree(handbook, project, ignore=shutil.ignore_patterns("site"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    output = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    # MkDocs serves from a temporary folder, which a preview stopped by another program
    # (SIGTERM, as here) removes as after Ctrl+C.
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    server = subprocess.Popen(
        [str(SCRIPT), "serve", "--project", str(project), "--port", str(port)],
        stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "TMPDIR": str(temporary)},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/partners/"

    def page_once_it_has(text: str) -> str:
        for _ in range(120):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    page = response.read().decode("utf-8")
                if text in page:
                    return page
            except OSError:
                pass
            time.sleep(0.25)
        raise AssertionError(f"{url} never showed {text!r}")

    try:
        page_once_it_has("</html>")
        partners = project / "data" / "partners.yml"
        source = partners.read_text("utf-8")
        name = re.search(r"^      fr: (.+)$", source, re.M)[1]
        partners.write_text(source.replace(name, "Banque alimentaire du Nord", 1), "utf-8")
        page_once_it_has("Banque alimentaire du Nord")
        assert len(list(temporary.glob("mkdocs_*"))) == 1
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode == 0
    assert list(temporary.glob("mkdocs_*")) == []
    output.seek(0)
    printed = output.read()
    output.close()
    assert printed.count("The preview makes no PDFs; 'ngo-handbook build' makes them") == 2
    for jargon in ("Cleaning site directory", "ngo_handbook:", "HANDBOOK_PDF", "INFO"):
        assert jargon not in printed, printed


def test_add_names_the_file_from_inside_the_handbook(handbook: Path, tmp_path, monkeypatch, capsys):
    """Run where the README says (inside the folder): the file as staff find it from there."""
    project = tmp_path / "add"
    shutil.copytree(handbook, project, ignore=shutil.ignore_patterns("site"))
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert main(["add", "safety-topic", "--id", "heat", "--in", "nowhere"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("data/safety.yml: there is no 'nowhere'; the ids are "), error
    assert error.endswith("give one of them with --in"), error


def new_in_its_own_words(tmp_path, capsys, language: str, name: str, welcome: str) -> Path:
    """`ngo-handbook new` in `language` (and English): example texts of its own, none to
    translate."""
    project = tmp_path / language
    assert main(["new", str(project), "--name", name, "--languages", f"{language},en"]) == 0
    assert "no example texts" not in capsys.readouterr().out
    files = [*project.glob("data/**/*.yml"), *project.glob(f"content/{language}/**/*.md")]
    assert not [f for f in files if "translate" in f.read_text("utf-8")], files
    assert welcome in (project / "content" / language / "index.md").read_text("utf-8")
    return project


def test_new_writes_chinese_examples_that_build_strictly(tmp_path, capsys):
    project = new_in_its_own_words(tmp_path, capsys, "zh", "阳光志愿者中心", "欢迎")
    result = run_build(project, strict=True)
    assert result.ok, result.output
    form = (result.site / "forms/volunteer-application/index.html").read_text("utf-8")
    assert '<html lang="zh"' in form and "</span> 你什么时候可以做志愿者？</legend>" in form
    assert ">其他：</label>" in form


def test_new_writes_ukrainian_examples_in_ukrainian(tmp_path, capsys):
    """A language with interface strings gets example texts of its own, none to translate."""
    from ngo_handbook.scaffold import TEXTS_DIR, _flatten

    keys = {
        p.stem: set(_flatten(yaml.safe_load(p.read_text("utf-8")))) for p in TEXTS_DIR.iterdir()
    }
    assert all(found == keys["en"] for found in keys.values()), keys
    new_in_its_own_words(tmp_path, capsys, "uk", "Світлий шлях", "Ласкаво просимо")


def test_failed_build_leaves_the_site_alone(built: Path, tmp_path, capsys):
    project = tmp_path / "failing"
    shutil.copytree(built.parent, project)
    before = _snapshot(project / "site")
    safety = project / "data" / "safety.yml"
    safety.write_text(safety.read_text("utf-8").replace("topics:", "topicz:"), "utf-8")
    capsys.readouterr()
    assert main(["build", "--project", str(project), "--no-pdf"]) == 1
    output = capsys.readouterr()
    assert "Traceback" not in output.out + output.err
    assert "data/safety.yml:" in output.err and "left as it was" in output.err
    assert _snapshot(project / "site") == before
    assert not (project / "site.partial").exists()


def test_interrupted_build_leaves_no_partial_site(built: Path, tmp_path, monkeypatch, capsys):
    import mkdocs.commands.build

    project = tmp_path / "interrupted"
    shutil.copytree(built.parent, project)
    before = _snapshot(project / "site")

    def interrupt(config, **kwargs):
        Path(config.site_dir + ".partial").mkdir()
        raise KeyboardInterrupt

    monkeypatch.setattr(mkdocs.commands.build, "build", interrupt)
    assert main(["build", "--project", str(project), "--no-pdf"]) == 130
    assert "Traceback" not in capsys.readouterr().err
    assert not (project / "site.partial").exists()
    assert _snapshot(project / "site") == before


def test_new_language_scaffolds_strings_and_theme(handbook: Path, tmp_path, capsys):
    project = tmp_path / "language"
    shutil.copytree(handbook, project, ignore=shutil.ignore_patterns("site"))
    assert main(["new-language", "ps", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    strings = (project / "data" / "strings" / "ps.yml").read_text("utf-8")
    assert "# translate" in strings and "- locale: ps" in out
    theme = project / "overrides" / "partials" / "languages" / "ps.html"
    assert theme.is_file() == (not _material_has("ps"))
    if theme.is_file():
        assert '"direction": "rtl"' in theme.read_text("utf-8")


def _material_has(code: str) -> bool:
    from ngo_handbook.theme import material_ships_language

    return material_ships_language(code)


def test_a_language_without_a_two_letter_code_is_refused_before_anything_is_written(
    handbook: Path, tmp_path, capsys
):
    """Central Kurdish is `ckb`: CLDR knows it, but a site's languages need a two-letter
    code. Said at once, before a handbook that could not be built is written."""
    project = tmp_path / "sorani"
    assert main(["new", str(project), "--languages", "ckb,en"]) == 1
    err = capsys.readouterr().err
    assert "'ckb' (Central Kurdish) has no two-letter code" in err and "Traceback" not in err
    assert not project.exists()
    assert main(["new-language", "fil", "--project", str(handbook)]) == 1
    assert "'fil' (Filipino) has no two-letter code" in capsys.readouterr().err
    assert not (handbook / "data" / "strings" / "fil.yml").exists()


def test_unknown_language_is_one_clear_line(handbook: Path, capsys):
    assert main(["new-language", "xx-nope", "--project", str(handbook)]) == 1
    err = capsys.readouterr().err
    assert "not a language code" in err and "Traceback" not in err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself(command: str, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Example" in out and f"ngo-handbook {command}" in out


def test_installed_command_ends_with_mains_code_and_all_its_output(tmp_path):
    """The command ends its process as soon as `main` returns (Python would first free
    every object of the build): its output is all there, through a pipe too, its exit code
    is main's, and the build leaves no lock or side folder behind."""
    project = tmp_path / "ends"
    assert main(["new", str(project), "--languages", "en"]) == 0
    page = project / "content" / "en" / "index.md"
    text = page.read_text("utf-8")
    page.write_text(text + "\nSee [the old page](old-page.md).\n", "utf-8")

    # Python buffers what it writes to a pipe unless told not to.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}

    def build() -> subprocess.CompletedProcess:
        command = [str(SCRIPT), "build", "--project", str(project), "--no-pdf"]
        return subprocess.run(command, capture_output=True, text=True, timeout=300, env=environment)

    failed = build()
    assert failed.returncode == 1, failed.stderr
    assert "the link 'old-page.md' leads to a page that does not exist" in failed.stderr
    page.write_text(text, "utf-8")
    built = build()
    assert built.returncode == 0, built.stderr
    assert built.stdout.rstrip().endswith(f"The handbook is in {project / 'site'}."), built.stdout
    left = [p.name for p in project.iterdir() if p.name.endswith(".lock") or ".partial" in p.name]
    assert left == [] and (project / "site" / "index.html").is_file()


def test_installed_command_runs():
    result = subprocess.run(
        [str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "ngo-handbook new" in result.stdout
