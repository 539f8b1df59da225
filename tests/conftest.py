"""Shared fixtures: a real strict build of the sample handbook, a local server, a browser.

The sample is built once per test session (`built_site`); tests that change the sources
build their own copy with `build_handbook`. Browser tests drive Debian's Chromium through
Playwright with every request off this machine refused and recorded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from ngo_handbook.pdf.browser import CHROMIUM_FLAGS
from ngo_handbook.pdf.server import serve_folder

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("mkdocs.yml", "content", "data", "overrides")
LANGUAGES = ("en", "tr", "ar", "kk")
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@dataclass
class BuildResult:
    """What `mkdocs build` did: its exit code, its log, and where it wrote the site."""

    returncode: int
    output: str
    project: Path
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def copy_sources(target: Path) -> Path:
    """Copy the sample handbook's sources into `target` (a fresh project folder)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def run_build(project: Path, *extra: str, strict: bool = True) -> BuildResult:
    """Run the real `mkdocs build` command on a project folder."""
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *extra]
    if strict:
        command.insert(4, "--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=1200
    )
    return BuildResult(done.returncode, done.stdout + done.stderr, project, site)


def big_directory(sample: Path, count: int) -> str:
    """The sample's partners.yml with `count` organisations instead of 78."""
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    originals = data["organisations"]
    organisations = []
    for number in range(count):
        original = dict(originals[number % len(originals)])
        round_ = number // len(originals) + 1
        original["id"] = f"{original['id']}-{round_}"
        original["name"] = f"{original['name']} {round_}"
        organisations.append(original)
    data["organisations"] = organisations
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


@pytest.fixture
def build_handbook(tmp_path: Path) -> Callable[..., BuildResult]:
    """Build a copy of the sample after `change(project)` edits its sources."""

    def build(change: Callable[[Path], None] | None = None, *extra: str, strict: bool = True):
        project = copy_sources(tmp_path / "project")
        if change is not None:
            change(project)
        return run_build(project, *extra, strict=strict)

    return build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook, built once with `--strict`; the path of its site folder."""
    project = copy_sources(tmp_path_factory.mktemp("sample"))
    result = run_build(project)
    assert result.ok, f"the sample handbook does not build:\n{result.output}"
    return result.site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built sample served over HTTP on 127.0.0.1."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium, launched with no network beyond this machine."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="chromium-")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
        )
        yield instance
        instance.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh browser tab (own storage). `page.outside_requests` lists any request that
    left 127.0.0.1, and `page.console_errors` every console error; tests assert both empty."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.outside_requests = []
    tab.console_errors = []

    def on_request(request) -> None:
        url = request.url
        if not url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            tab.outside_requests.append(url)

    tab.on("request", on_request)
    tab.on(
        "console",
        lambda message: (
            tab.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder where tests leave screenshots and PDFs for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
