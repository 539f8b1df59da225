"""Shared fixtures: strict builds of the sample handbook in this process, the data loader on
an edited copy of data/, a local server, a browser.

The sample is built once per test session without PDFs (`built_site`) and once with them
for the tests that read PDFs (`built_site_with_pdfs`); tests that change the sources build
their own copy with `build_handbook`, or, for a mistake in data/, only run the loader on
their copy (`load_data`). Browser tests drive Debian's Chromium through Playwright with
every request off this machine refused and recorded.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import copy
import fcntl
import hashlib
import itertools
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from ngo_handbook.offline_copy import SWITCH as OFFLINE_COPY
from ngo_handbook.pdf import SWITCH
from ngo_handbook.pdf.browser import CHROMIUM_FLAGS
from ngo_handbook.pdf.server import serve_folder
from ngo_handbook.precompressed import SWITCH as COMPRESSED_COPIES

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("mkdocs.yml", "content", "data", "overrides")
LANGUAGES = ("en", "tr", "ar", "kk")
ARTIFACTS = REPO / "tests" / "artifacts"
NODE_PROJECT = REPO / "tests"
"""The npm tools of the suite (axe-core, ESLint), locked in tests/package-lock.json."""


def yaml_data(text: str):
    """The data of a YAML text, read with libyaml (the pure-Python reader takes seconds for
    the sample's files, at every worker's start)."""
    return yaml.load(text, Loader=yaml.CSafeLoader)


def node_tool(path: str) -> Path:
    """A file of the suite's npm tools (`node_modules/<path>`), installed from the committed
    lock file if it is missing."""
    tool = NODE_PROJECT / "node_modules" / path
    if not tool.exists():
        npm = shutil.which("npm")
        assert npm, f"npm is needed to install {path} for the tests"
        subprocess.run(
            [npm, "ci", "--prefix", str(NODE_PROJECT), "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return tool


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Material prints a notice about MkDocs 2 on every build; it says nothing about ours.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_configure(config) -> None:
    """The `.gz`/`.br` copies are written where they are the subject: the shared sample site
    (`built_site`, see test_precompressed.py). Every other build of the suite, in this
    process or on the command line, leaves them out, as HANDBOOK_PDF=0 leaves out the PDFs.
    (Set here, not on import: the benchmarks import this module and build as users do.)"""
    os.environ[COMPRESSED_COPIES] = "0"


@dataclass
class BuildResult:
    """What a build did: its exit code, its log, and where it wrote the site."""

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


class _LogLines(logging.Handler):
    """Keeps every record of the `mkdocs` logger as the command line prints it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextlib.contextmanager
def _mkdocs_log(shown: int) -> Iterator[_LogLines]:
    """Capture the `mkdocs` logger at the command line's level (INFO, or DEBUG as with
    --verbose), then restore it."""
    logger = logging.getLogger("mkdocs")
    handler = _LogLines()
    level, propagate = logger.level, logger.propagate
    logger.setLevel(shown)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@contextlib.contextmanager
def _switch(name: str, on: bool) -> Iterator[None]:
    """Set a switch such as HANDBOOK_PDF for one build, as a user would in the shell."""
    before = os.environ.get(name)
    os.environ[name] = "1" if on else "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def run_build(
    project: Path,
    *,
    strict: bool = True,
    pdf: bool = False,
    offline: bool = False,
    compressed: bool = False,
    verbose: bool = False,
) -> BuildResult:
    """Build a project folder in this process as `mkdocs build [--strict]` would.

    The log lines go to `output`; an error MkDocs reports to the user (a plugin's, the
    configuration's, or warnings in strict mode) gives exit code 1 and its message, as on
    the command line. Any other exception is a crash and propagates. PDFs are printed only
    with `pdf=True`, the offline copy written only with `offline=True`, the compressed
    copies only with `compressed=True`; the log's details (DEBUG) only with `verbose=True`.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    site = project / "site"

    def build_once() -> int:
        # A fresh config gives fresh plugin instances, except that MkDocs 1.6 keeps the ones
        # with on_startup/on_shutdown (i18n's, ours) from one load_config to the next, for
        # `mkdocs serve`; each test build starts from new ones, as `mkdocs build` does.
        MkDocsConfig.plugins.plugin_cache.clear()
        try:
            config = load_config(
                config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=strict
            )
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except (Abort, BuildError, ConfigurationError) as error:
            log.lines.append(error.format_message())
            return error.exit_code
        return 0

    with (
        _switch(SWITCH, pdf),
        _switch(OFFLINE_COPY, offline),
        _switch(COMPRESSED_COPIES, compressed),
        _mkdocs_log(logging.DEBUG if verbose else logging.INFO) as log,
    ):
        # In a thread of its own: Playwright's sync API (which prints the PDFs) refuses to
        # start in a thread where another instance runs, such as the tests' own browser.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            returncode = pool.submit(build_once).result()
    return BuildResult(returncode, "\n".join(log.lines), project, site)


def handbook_languages(project: Path) -> tuple[list[str], str]:
    """The languages the project's mkdocs.yml builds, and its default language."""

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml names Python functions (`!!python/name:…`); their values do not matter here.
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            built = [entry["locale"] for entry in languages if entry.get("build", True)]
            default = next(entry["locale"] for entry in languages if entry.get("default"))
            return built, default
    raise AssertionError(f"{project / 'mkdocs.yml'} has no i18n plugin")


def load_data(project: Path, *, strict: bool = False):
    """Run the data loader on the project's data/ folder, as a build would.

    Returns the HandbookData; raises HandbookError with every problem found.
    """
    from ngo_handbook.data_files import load_handbook_data
    from ngo_handbook.features import data_kinds

    languages, default = handbook_languages(project)
    return load_handbook_data(
        project / "data", languages, default, data_kinds(), display_root=project, strict=strict
    )


def project_sources(project: Path, *, strict: bool = True):
    """The `Sources` of a project laid out as the sample is, as a build starts."""
    from ngo_handbook.context import Site
    from ngo_handbook.loading import Sources

    languages, default = handbook_languages(project)
    return Sources(
        project_dir=project,
        docs_dir=project / "content",
        data_dir=project / "data",
        site_dir=project / "site",
        site=Site(tuple(languages), default),
        strict=strict,
    )


def load_context(project: Path, *, strict: bool = True):
    """Run the whole load phase on a project, as a build starts: its BuildContext.

    Raises HandbookError with every problem of data/ and content/.
    """
    from ngo_handbook.loading import load_handbook

    return load_handbook(project_sources(project, strict=strict)).context


def line_of(path: Path, fragment: str, occurrence: int = 1) -> int:
    """Line number (from 1) of the n-th line of `path` that contains `fragment`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, 1) if fragment in line]
    assert len(found) >= occurrence, f"{fragment!r} is not in {path} {occurrence} time(s)"
    return found[occurrence - 1]


PLACEHOLDER = re.compile(r"\{line(?: (\d+))?:([^}]*)\}")


def apply_edit(folder: Path, edit: dict) -> None:
    """Make one edit of a golden case (tests/cases/) to the file `edit["file"]` of `folder`:
    replace texts in it (`replace`: each old text there exactly once), write its whole
    `content` (in `encoding`, UTF-8 if not given; `repeat` times), or delete it."""
    path = folder / edit["file"]
    if edit.get("delete"):
        path.unlink()
    elif "content" in edit:
        path.parent.mkdir(parents=True, exist_ok=True)
        content = edit["content"] * edit.get("repeat", 1)
        path.write_bytes(content.encode(edit.get("encoding", "utf-8")))
    else:
        text = path.read_text(encoding="utf-8")
        for old, new in edit["replace"]:
            assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")


def expected_lines(project: Path, lines: list[str]) -> list[str]:
    """A case's expected lines, each `{line:TEXT}` replaced by the number of the first line
    holding TEXT (`{line 2:TEXT}` the second) in the file the line names."""

    def expected(line: str) -> str:
        path = project / line.split(":", 1)[0]

        def number(found: re.Match) -> str:
            return str(line_of(path, found.group(2), int(found.group(1) or 1)))

        return PLACEHOLDER.sub(number, line)

    return [expected(line) for line in lines]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` and the hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_fails_with(result: BuildResult, *messages: str) -> None:
    """The build stopped, without a traceback, and its log holds every message."""
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    for message in messages:
        assert message in result.output, f"expected {message!r} in:\n{result.output}"


def reported_problems(result: BuildResult) -> list[str]:
    """The problem lines a failed build listed under "The handbook sources have N problems"."""
    lines = result.output.splitlines()
    start = next((n for n, line in enumerate(lines) if "The handbook sources have " in line), None)
    assert start is not None, f"no list of problems in:\n{result.output}"
    problems = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        problems.append(line.strip())
    return problems


def new_handbook(folder: Path, languages: str = "en", name: str = "Volunteers") -> Path:
    """A new handbook made by `ngo-handbook new` in `folder` (languages comma-separated, the
    first the default): small, so that a test of behaviour any handbook has builds quickly."""
    from ngo_handbook.cli import main

    project = folder / "handbook"
    assert main(["new", str(project), "--languages", languages, "--name", name]) == 0
    return project


def big_directory(sample: Path, count: int) -> str:
    """The sample's partners.yml with `count` organisations, its own repeated and renamed."""
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    originals = data["organisations"]
    organisations = []
    for number in range(count):
        # A copy of its own: values shared between entries would be written as aliases.
        original = copy.deepcopy(originals[number % len(originals)])
        round_ = number // len(originals) + 1
        original["id"] = f"{original['id']}-{round_}"
        original["name"] = f"{original['name']} {round_}"
        organisations.append(original)
    data["organisations"] = organisations
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


@pytest.fixture
def build_handbook(tmp_path: Path) -> Callable[..., BuildResult]:
    """Build a copy of the sample after `change(project)` edits its sources."""
    numbers = itertools.count(1)

    def build(
        change: Callable[[Path], None] | None = None, *, strict: bool = True, pdf: bool = False
    ) -> BuildResult:
        project = copy_sources(tmp_path / f"project-{next(numbers)}")
        if change is not None:
            change(project)
        return run_build(project, strict=strict, pdf=pdf)

    return build


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A project folder holding a copy of the sample's mkdocs.yml and data/, to edit."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "data", project / "data")
    return project


def _sample_build(
    folder: Path, *, pdf: bool, offline: bool = False, compressed: bool = False
) -> Path:
    result = run_build(copy_sources(folder), pdf=pdf, offline=offline, compressed=compressed)
    assert result.ok, f"the sample handbook does not build:\n{result.output}"
    return result.site


@pytest.fixture(scope="session")
def built_site_with_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook built once with `--strict` and its PDFs; its site folder."""
    return _sample_build(tmp_path_factory.mktemp("sample-pdfs"), pdf=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The sample handbook built once with `--strict`, without PDFs, with the offline copy
    (`ngo-handbook build --offline`) and the compressed copies; its site folder. Read only:
    the workers of `pytest -n` share it, the first to need it building it while the others
    wait."""
    if worker_id == "master":
        return _sample_build(
            tmp_path_factory.mktemp("sample"), pdf=False, offline=True, compressed=True
        )
    shared = tmp_path_factory.getbasetemp().parent  # this run's, above every worker's own
    folder = shared / "sample"
    with open(shared / "sample.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "sample.built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            site = _sample_build(folder, pdf=False, offline=True, compressed=True)
            (shared / "sample.built").write_text(str(site), encoding="utf-8")
    return Path((shared / "sample.built").read_text(encoding="utf-8"))


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


TEST_EVENTS = (
    "request",
    "response",
    "requestfinished",
    "requestfailed",
    "console",
    "pageerror",
    "dialog",
    "download",
    "popup",
    "filechooser",
    "framenavigated",
    "load",
    "domcontentloaded",
    "worker",
    "websocket",
)
"""The events of a tab that tests listen to (not `close` and `crash`, which Playwright
itself listens to)."""
VIEWPORT = {"width": 1280, "height": 900}


class _Tabs:
    """The browser context every `page` tab of this worker is in, and the one tab the tests
    take turns in: opening a new tab costs Chromium as much processor time as loading a
    page, and a tab left on a blank page of its own (the keeper) keeps the renderer running
    for a tab opened when one must be new.

    Before each test the tab is put back as a new one is: it leaves the last test's page
    (so that page's scripts and service worker stop), forgets the last test's listeners and
    routes, the print media, the colour scheme and the window size; then everything the
    earlier tests left behind is wiped: every origin's storage, cookies and service workers
    (and the session storage of the page the last test ended on; the handbook keeps nothing
    there). The HTTP cache is kept, as a returning reader's browser keeps it: every request
    a page makes is still seen (Playwright reports loads from the cache), a site served to
    the tests does not change under its address, and Chromium keeps the scripts it compiled
    with them, which makes a test's first page cost about a quarter less. A test that adds
    a script to every page it opens (which cannot be taken back) is marked `own_tab` and
    gets a tab of its own."""

    def __init__(self, browser, blank_url: str, **options) -> None:
        self.context = browser.new_context(viewport=VIEWPORT, **options)
        self.blank_url = blank_url
        self.keeper = self.context.new_page()
        self.keeper.goto(blank_url)
        self.session = self.context.new_cdp_session(self.keeper)
        self.origins: set[str] = set()
        self.shared = None

    def wipe(self) -> None:
        for origin in sorted(self.origins):
            self.session.send(
                "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
            )

    def _put_back(self, tab) -> None:
        """Make the shared tab as a new one is (but for its history)."""
        from playwright.sync_api import Error as PlaywrightError

        with contextlib.suppress(PlaywrightError):  # the last test may have left it anywhere
            tab.evaluate("sessionStorage.clear()")
        for event in TEST_EVENTS:
            tab._impl_obj.remove_all_listeners(event)
        tab.unroute_all(behavior="ignoreErrors")
        tab.goto("about:blank")
        tab.emulate_media(media="null", color_scheme="light")
        tab.set_viewport_size(VIEWPORT)
        tab.mouse.move(-1, -1)  # nothing under the pointer: no hover styles

    def take(self, own: bool):
        """The tab for the next test: the shared one, or, with `own`, a new one. Either way
        the shared tab has left the last test's page before the wipe."""
        if self.shared is not None and not self.shared.is_closed():
            self._put_back(self.shared)
        self.wipe()
        if own:
            return self.context.new_page()
        if self.shared is None or self.shared.is_closed():
            self.shared = self.context.new_page()
        return self.shared


@pytest.fixture(scope="session")
def _blank_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("blank")
    (folder / "index.html").write_text("<!doctype html><title>-</title>", encoding="utf-8")
    with serve_folder(folder) as url:
        yield url


@pytest.fixture(scope="session")
def _tabs(browser, _blank_url: str) -> Iterator[_Tabs]:
    tabs = _Tabs(browser, _blank_url)
    yield tabs
    tabs.context.close()


@pytest.fixture(scope="session")
def _tabs_without_javascript(browser, _blank_url: str) -> Iterator[_Tabs]:
    """As `_tabs`, in a browser context with JavaScript off: a new context costs Chromium
    about four times as much processor time as a page loaded in one already open."""
    tabs = _Tabs(browser, _blank_url, java_script_enabled=False)
    yield tabs
    tabs.context.close()


@pytest.fixture
def page(_tabs: _Tabs, request: pytest.FixtureRequest) -> Iterator[object]:
    """A browser tab as new (empty storage, 1280 by 900). `page.outside_requests`
    lists any request that left 127.0.0.1, and `page.console_errors` every console error;
    tests assert both empty."""
    own = request.node.get_closest_marker("own_tab") is not None
    tab = _tabs.take(own)
    _record(tab, _tabs.origins)
    yield tab
    if own:
        tab.close()


@pytest.fixture
def page_without_javascript(_tabs_without_javascript: _Tabs) -> object:
    """A browser tab as new with JavaScript off, recording as `page` does."""
    tab = _tabs_without_javascript.take(own=False)
    _record(tab, _tabs_without_javascript.origins)
    return tab


def _record(tab, origins: set[str]) -> None:
    """Keep every request that leaves 127.0.0.1 in `tab.outside_requests`, every console
    error in `tab.console_errors`, and the origin of every request in `origins`."""
    tab.outside_requests = []
    tab.console_errors = []

    def on_request(request) -> None:
        url = request.url
        if not url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            tab.outside_requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            origins.add(f"{parts.scheme}://{parts.netloc}")

    tab.on("request", on_request)
    tab.on(
        "console",
        lambda message: (
            tab.console_errors.append(message.text) if message.type == "error" else None
        ),
    )


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder where tests leave screenshots and PDFs for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
