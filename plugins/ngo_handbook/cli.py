"""The `ngo-handbook` command: start, check, build and preview a handbook.

A thin adapter, like the MkDocs plugin: each subcommand is a function that returns an exit
code, and calls the same functions as the plugin (`loading.load_handbook`, MkDocs' own
`build` and `serve`). Every mistake is one line, `file:line:col: what is wrong; what to do`;
exit 0 when all is well, 1 when the handbook needs a fix, 2 for a fault of the program.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import posixpath
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from . import languages as language_facts
from .problems import HandbookError, Location, Problem, did_you_mean
from .scaffold import (
    ACCENT_COLOURS,
    PAGE_TRANSLATE,
    PRIMARY_COLOURS,
    TRANSLATE,
    Choices,
    ScaffoldError,
    example_languages,
    new_handbook,
    new_language,
)

PDF_SWITCH = "HANDBOOK_PDF"
CONFIG_FILE = "mkdocs.yml"
INTERRUPTED = 130
REPORT_BUG = "please report it to the handbook's developer with this line and the command you ran"

# --- messages ------------------------------------------------------------------------------


def _say(text: str = "") -> None:
    print(text, flush=True)


def _complain(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclass
class Report:
    """Problems and warnings of one command, each tied to a file, line and column."""

    project: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def shown(self, problem: Problem) -> Problem:
        """`problem` with its file as a person finds it from the current folder."""
        file = problem.location.file
        if not file or Path(file).is_absolute() or self.project.resolve() == Path.cwd():
            return problem
        where = os.path.relpath(self.project / file)
        return Problem(
            Location(where, problem.location.line, problem.location.column), problem.message
        )

    def sorted(self, problems: list[Problem]) -> list[Problem]:
        return [self.shown(problem) for problem in sorted(set(problems))]


def _config_line(project: Path, key: str) -> Location:
    """Where `key` (`theme`, `plugins`…) stands in the project's mkdocs.yml."""
    path = project / CONFIG_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return Location(CONFIG_FILE)
    for number, line in enumerate(lines, 1):
        found = re.match(rf"^(\s*)-?\s*{re.escape(key)}\s*:", line)
        if found:
            return Location(CONFIG_FILE, number, len(found.group(1)) + 1)
    return Location(CONFIG_FILE, 1, 1)


_CONFIG_VALUE = re.compile(r"^Config value '(?P<key>[^']+)': (?P<message>.*)$", re.S)


def _mkdocs_problem(project: Path, message: str) -> Problem | None:
    """A message of MkDocs as a problem with its place, when it names one."""
    found = _CONFIG_VALUE.match(message)
    if found:
        key = found["key"].split(".")[-1]
        text = found["message"].strip().rstrip(".")
        return Problem(_config_line(project, key), f"{text}; correct '{key}' in {CONFIG_FILE}")
    return None


class _Records(logging.Handler):
    """Collects what MkDocs, static-i18n and the plugin log, printing it as it comes
    when `live` (warnings and errors only, unless `info`)."""

    def __init__(self, project: Path, *, live: bool, info: bool = False) -> None:
        super().__init__(logging.DEBUG)
        self.project = project
        self.live = live
        self.info = info
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        if not self.live:
            return
        message = record.getMessage()
        problem = _mkdocs_problem(self.project, message)
        if record.levelno >= logging.ERROR:
            _complain(str(Report(self.project).shown(problem)) if problem else message)
        elif record.levelno >= logging.WARNING:
            text = str(Report(self.project).shown(problem)) if problem else message
            _complain(f"warning: {text}")
        elif self.info and record.levelno >= logging.INFO:
            _say(message)

    def messages(self, level: int) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno == level]


@contextlib.contextmanager
def _mkdocs_log(project: Path, *, live: bool, info: bool = False) -> Iterator[_Records]:
    """Route MkDocs' log (`mkdocs.*`, where the plugin logs too) to this command."""
    logger = logging.getLogger("mkdocs")
    handler = _Records(project, live=live, info=info)
    saved = logger.level, logger.propagate, list(logger.handlers)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for old in saved[2]:
        logger.removeHandler(old)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        for old in saved[2]:
            logger.addHandler(old)


@contextlib.contextmanager
def _environment(name: str, value: str | None) -> Iterator[None]:
    """Set an environment variable for the duration of a build (None leaves it)."""
    before = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def _project(option: str | None) -> tuple[Path, Path] | None:
    """The project folder and its mkdocs.yml, or None (after saying why) without one."""
    project = Path(option or ".")
    config_file = project / CONFIG_FILE
    if not config_file.is_file():
        where = "this folder" if option is None else str(project)
        _complain(
            f"{config_file}: there is no {CONFIG_FILE} in {where}; run the command inside a "
            "handbook folder, or name one with --project (ngo-handbook new makes one)"
        )
        return None
    return project, config_file


# --- new -----------------------------------------------------------------------------------


def _ask(question: str, default: str) -> str:
    answer = input(f"{question} [{default}]: " if default else f"{question}: ").strip()
    return answer or default


def _interactive() -> bool:
    """Whether a person can answer questions (stdin is a terminal)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def _language_list(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in re.split(r"[,\s]+", text) if code.strip())


def new(args: argparse.Namespace) -> int:
    """Write a new handbook with an example of everything into an empty folder."""
    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        _complain(f"{target}: this folder is not empty; give the name of a new folder")
        return 1
    interactive = _interactive()
    name, languages, default = args.name, args.languages, args.default
    primary, accent, logo = args.primary_colour, args.accent_colour, args.logo
    if interactive:
        _say("A few questions about the new handbook (press Enter to keep the suggestion).")
        if name is None:
            name = _ask("Name of your organisation", "") or None
        if languages is None:
            languages = _ask("Languages, as codes separated by commas (fr,en,fa)", "en")
        if default is None:
            default = _ask(
                "Main language (the others fall back to it)",
                _language_list(languages)[0] if _language_list(languages) else "en",
            )
        if primary is None:
            primary = _ask("Main colour", "teal")
        if accent is None:
            accent = _ask("Accent colour (links, buttons)", "deep orange")
        if logo is None:
            logo = _ask("Path of your logo (leave empty for none)", "") or None
    codes = _language_list(languages or "en")
    if not codes:
        _complain("--languages: no language given; write codes such as fr,en,fa")
        return 1
    default = default or codes[0]
    if default not in codes:
        _complain(
            f"--default: '{default}' is not among the languages ({', '.join(codes)}); "
            "choose one of them, or add it to --languages"
        )
        return 1
    choices = Choices(
        languages=(default, *(code for code in codes if code != default)),
        name=name,
        primary_colour=(primary or "teal").strip().lower(),
        accent_colour=(accent or "deep orange").strip().lower(),
        logo=Path(logo) if logo else None,
    )
    try:
        written = new_handbook(target, choices)
    except ScaffoldError as error:
        _complain(f"ngo-handbook new: {error}")
        return 1
    except OSError as error:
        _complain(f"{error.filename or target}: cannot be written ({error.strerror or error})")
        return 1
    _say(f"A new handbook is in {target} ({len(written)} files), with an example of everything.")
    stand_ins = [code for code in choices.languages if code not in example_languages()]
    if stand_ins:
        _say(
            f"There are no example texts in {', '.join(stand_ins)}: the lines marked "
            f"'{TRANSLATE}' are in another language; 'ngo-handbook check' lists them."
        )
    _say("Next:")
    _say(f"  cd {target}")
    _say("  ngo-handbook serve     # look at it in your browser while you edit")
    _say("  ngo-handbook check     # list anything to fix")
    _say("  ngo-handbook build     # make the website in site/")
    return 0


# --- new-language --------------------------------------------------------------------------


def new_language_command(args: argparse.Namespace) -> int:
    """Add the interface strings of a language the generator or the theme lacks."""
    found = _project(args.project)
    if found is None:
        return 1
    project, config_file = found
    code = args.code
    try:
        written = new_language(project, code, only_missing=True)
    except ScaffoldError as error:
        _complain(f"ngo-handbook new-language: {error}")
        return 1
    except OSError as error:
        _complain(f"{error.filename or project}: cannot be written ({error.strerror or error})")
        return 1
    name = language_facts.english_name(code)
    if written:
        _say(f"Written for {name} ({code}):")
        for path in written:
            _say(f"  {os.path.relpath(path)}")
    else:
        _say(f"ngo-handbook and the theme already have their texts in {name} ({code}).")
    _say("Next:")
    _say(
        f"  1. In {os.path.relpath(config_file)}, add the language under the i18n plugin's "
        "'languages:':"
    )
    _say(f"        - locale: {code}")
    _say(f"          name: {language_facts.native_name(code)}")
    _say("          build: true")
    step = 2
    if any(path.suffix == ".html" for path in written):
        text = config_file.read_text(encoding="utf-8")
        if not re.search(r"^\s+custom_dir:\s*overrides\s*$", text, re.M):
            _say(
                f"  {step}. Under 'theme:' in {CONFIG_FILE}, add the line 'custom_dir: overrides'."
            )
            step += 1
    if written:
        _say(
            f"  {step}. Translate the lines marked '{TRANSLATE}' (and the texts of the .html "
            "file) and remove the marks."
        )
        step += 1
    _say(
        f"  {step}. Write content/{code}/ with the same pages as the other languages, and add a "
        f"'{code}: …' line to every text in data/; 'ngo-handbook check' lists what is missing."
    )
    return 0


# --- check ---------------------------------------------------------------------------------


def _load_config(config_file: Path, report: Report, **options):
    """MkDocs' config of the project, or None with the reasons added to `report`."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    with _mkdocs_log(report.project, live=False) as log:
        try:
            return load_config(config_file=str(config_file), **options)
        except (Abort, ConfigurationError) as error:
            errors = log.messages(logging.ERROR)
            for message in errors or [error.format_message()]:
                problem = _mkdocs_problem(report.project, message)
                report.problems.append(problem or Problem(Location(CONFIG_FILE), message))
            return None
        finally:
            for message in log.messages(logging.WARNING):
                problem = _mkdocs_problem(report.project, message)
                report.warnings.append(problem or Problem(Location(CONFIG_FILE), message))


def _handbook_options(config, report: Report):
    from .plugin import HandbookPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, HandbookPlugin):
            return plugin.config
    report.problems.append(
        Problem(
            _config_line(report.project, "plugins"),
            "the ngo-handbook plugin is not listed; add '- ngo-handbook' under 'plugins:', "
            "after '- i18n'",
        )
    )
    return None


def _translate_marks(sources, report: Report) -> None:
    """A warning for every text still marked to translate in data/ and content/."""
    data_dir, project = sources.data_dir, sources.project_dir

    def display(path: Path) -> str:
        return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)

    for path in sorted(data_dir.rglob("*.yml")) if data_dir.is_dir() else []:
        lines = path.read_text(encoding="utf-8").splitlines()
        marked = [
            number for number, line in enumerate(lines, 1) if line.rstrip().endswith(TRANSLATE)
        ]
        if not marked:
            continue
        if path.parent.name == "strings":  # a whole file of interface strings: one line
            report.warnings.append(
                Problem(
                    Location(display(path), marked[0], 1),
                    f"{len(marked)} interface texts are still in English (marked "
                    f"'{TRANSLATE}'); translate them and remove the marks",
                )
            )
            continue
        for number in marked:
            column = lines[number - 1].index(TRANSLATE) + 1
            report.warnings.append(
                Problem(
                    Location(display(path), number, column),
                    f"this text is a copy in another language (marked '{TRANSLATE}'); "
                    "translate it and remove the mark",
                )
            )
    for path in sorted(sources.docs_dir.rglob("*.md")):
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        for number, line in enumerate(lines, 1):
            if PAGE_TRANSLATE in line:
                report.warnings.append(
                    Problem(
                        Location(display(path), number, 1),
                        "this page is a copy in another language; translate it and remove "
                        "this line",
                    )
                )


# Links in the built pages, checked on the output (MkDocs skips anchors under --strict).


class _PageLinks(HTMLParser):
    """The ids of a built page, and the links (href, text) inside its content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[list[str]] = []
        self._content_depth = 0
        self._open_link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        if tag == "article":
            if self._content_depth or "md-content__inner" in (values.get("class") or ""):
                self._content_depth += 1
        if tag == "a" and self._content_depth and values.get("href") is not None:
            self._open_link = [values["href"] or "", ""]
            self.links.append(self._open_link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._content_depth:
            self._content_depth -= 1
        if tag == "a":
            self._open_link = None

    def handle_data(self, data: str) -> None:
        if self._open_link is not None:
            self._open_link[1] += data


_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_SKIPPED_SUFFIXES = (".pdf",)  # not printed when check builds (HANDBOOK_PDF=0)


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def _source_line(source: Path | None, href: str, text: str) -> tuple[int, int, str]:
    """(line, column, the link as written) of a link in its source file, found by its text,
    its fragment or the last part of its address."""
    if source is None or not source.is_file():
        return 0, 0, href
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    text = " ".join(text.split())
    for number, line in enumerate(lines, 1):
        for match in _MD_LINK.finditer(line):
            if text and " ".join(match["text"].split()) == text:
                return number, match.start() + 1, match["url"]
    parts = urlsplit(href)
    stem = posixpath.basename(parts.path.rstrip("/"))
    for needle in (f"#{parts.fragment}" if parts.fragment else "", stem, text):
        if not needle:
            continue
        for number, line in enumerate(lines, 1):
            if needle in line:
                return number, line.index(needle) + 1, href
    return 0, 0, href


def _page_sources(context, sources) -> dict[str, tuple[Path | None, str]]:
    """Built file (site-relative) → (its source file, its path as shown) for every page."""
    from .features import FEATURES

    site = context.site
    found: dict[str, tuple[Path | None, str]] = {}
    for language in site.languages:
        folder = sources.docs_dir / language
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            uri = site.dest_uri(path.relative_to(folder).as_posix(), language)
            found[uri] = (path, context.display(path))
        for feature in FEATURES:
            if feature.pages is None:
                continue
            for page in feature.pages(context, language):
                edit = page.edit_path or f"{sources.data_dir.name}/"
                found.setdefault(
                    site.dest_uri(page.path, language), (sources.project_dir / edit, edit)
                )
    return found


def _check_built_links(site_dir: Path, context, sources, report: Report) -> None:
    """A problem for every link inside a built page's content whose page or anchor is missing."""
    pages: dict[str, _PageLinks] = {}
    for path in sorted(site_dir.rglob("*.html")):
        parser = _PageLinks()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[path.relative_to(site_dir).as_posix()] = parser
    origins = _page_sources(context, sources)
    for uri, parser in pages.items():
        source, shown = origins.get(uri, (None, uri))
        for href, text in parser.links:
            if not href or _is_external(href) or href.startswith(("mailto:", "tel:")):
                continue
            parts = urlsplit(urljoin("/" + uri, href))
            target = unquote(parts.path).lstrip("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            if (site_dir / target).is_dir():
                target += "/index.html"
            if target.lower().endswith(_SKIPPED_SUFFIXES):
                continue
            line, column, written = _source_line(source, href, text)
            where = Location(shown, line, column)
            if not (site_dir / target).is_file():
                report.problems.append(
                    Problem(
                        where,
                        f"the link '{written}' leads to a page that does not exist; "
                        "correct the address or create that page",
                    )
                )
                continue
            fragment = unquote(parts.fragment)
            if fragment and target in pages and fragment not in pages[target].ids:
                hint = did_you_mean(fragment, sorted(pages[target].ids))
                report.problems.append(
                    Problem(
                        where,
                        f"the link '{written}' leads to '#{fragment}', which is not a "
                        f"heading or anchor of that page.{hint} Correct the part after '#'",
                    )
                )


def _check_source_links(config, sources, report: Report) -> None:
    """When the handbook cannot be built: the links of the Markdown pages to pages that do
    not exist, and to headings that a hand-written page does not have."""
    import markdown as markdown_lib

    generated = set(sources.nav)
    forms = sources.data_dir / "forms"
    for path in forms.glob("*.yml") if forms.is_dir() else []:
        generated.add(f"forms/{path.stem}.md")
    converter = markdown_lib.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    id_cache: dict[Path, set[str]] = {}

    def heading_ids(page: Path) -> set[str]:
        if page not in id_cache:
            text = page.read_text(encoding="utf-8-sig")
            if text.startswith("---"):
                text = text.split("\n---", 2)[-1] if text.count("\n---") >= 1 else text
            converter.reset()
            html_text = converter.convert(text)
            id_cache[page] = set(re.findall(r"\bid=\"([^\"]+)\"", html_text))
        return id_cache[page]

    for language in sources.site.languages:
        folder = sources.docs_dir / language
        for page in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            lines = page.read_text(encoding="utf-8-sig").splitlines()
            here = page.relative_to(folder).parent.as_posix()
            for number, line in enumerate(lines, 1):
                for match in _MD_LINK.finditer(line):
                    url = match["url"]
                    if _is_external(url) or url.startswith(("mailto:", "tel:")):
                        continue
                    parts = urlsplit(url)
                    where = Location(_display(page, sources), number, match.start() + 1)
                    if not parts.path:
                        target_file: Path | None = page
                    else:
                        target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
                        if not target.endswith(".md"):
                            continue
                        target_file = folder / target
                        if not target_file.is_file():
                            if target in generated:
                                continue  # a page made from data/: its anchors are unknown
                            report.problems.append(
                                Problem(
                                    where,
                                    f"the link '{url}' leads to a page that does not "
                                    "exist; correct the address or create that page",
                                )
                            )
                            continue
                    fragment = unquote(parts.fragment)
                    if fragment and fragment not in heading_ids(target_file):
                        hint = did_you_mean(fragment, sorted(heading_ids(target_file)))
                        report.problems.append(
                            Problem(
                                where,
                                f"the link '{url}' leads to '#{fragment}', which is "
                                f"not a heading of that page.{hint} Correct the part after '#'",
                            )
                        )


def _display(path: Path, sources) -> str:
    project = sources.project_dir
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)


def _test_build(config_file: Path, loaded, sources, report: Report) -> None:
    """Build into a temporary folder without PDFs, and check the links of every page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    known = {str(warning) for warning in loaded.warnings}
    with tempfile.TemporaryDirectory(prefix="ngo-handbook-check-") as folder:
        site_dir = Path(folder) / "site"
        with _environment(PDF_SWITCH, "0"), _mkdocs_log(report.project, live=False) as log:
            try:
                config = load_config(config_file=str(config_file), site_dir=str(site_dir))
                _start(config)
                try:
                    build(config)
                finally:
                    config.plugins.on_shutdown()
            except (Abort, BuildError, ConfigurationError) as error:
                messages = log.messages(logging.ERROR) or [error.format_message()]
                for message in messages:
                    report.problems.append(Problem(Location("site build"), message))
        for message in log.messages(logging.WARNING):
            # MkDocs' own link warnings name no line: the check of the output below does.
            if message in known or (message.startswith("Doc file") and "link" in message):
                continue
            report.warnings.append(Problem(Location("site build"), message))
        if site_dir.is_dir():
            _check_built_links(site_dir, loaded.context, sources, report)


def check(args: argparse.Namespace) -> int:
    """Check data, strings, pages and links; build nothing that stays."""
    found = _project(args.project)
    if found is None:
        return 1
    project, config_file = found
    report = Report(project)
    config = _load_config(config_file, report)
    options = _handbook_options(config, report) if config is not None else None
    if config is not None and options is not None:
        from mkdocs.exceptions import PluginError

        from .loading import load_handbook
        from .plugin import sources_from_config

        try:
            sources = sources_from_config(config, options, "build")
        except PluginError as error:
            report.problems.append(Problem(_config_line(project, "plugins"), str(error)))
            sources = None
        if sources is not None:
            loaded = None
            try:
                loaded = load_handbook(sources)
                report.warnings += loaded.warnings
            except HandbookError as error:
                report.problems += error.problems
            _translate_marks(sources, report)
            if loaded is not None:
                _test_build(config_file, loaded, sources, report)
            else:
                _check_source_links(config, sources, report)
    return _finish_check(report, args)


def _finish_check(report: Report, args: argparse.Namespace) -> int:
    problems, warnings = report.sorted(report.problems), report.sorted(report.warnings)
    if args.format == "json":
        _say(
            json.dumps(
                {
                    "problems": [p.as_dict() for p in problems],
                    "warnings": [w.as_dict() for w in warnings],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            _say(str(problem))
        for warning in warnings:
            _say(f"{warning.location}: warning: {warning.message}")
        if problems or warnings:
            count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
            _say(f"{count} and {len(warnings)} warning{'s' * (len(warnings) != 1)}.")
        else:
            _say("The handbook is ready to build: no problem found.")
    return 1 if problems or (args.strict and warnings) else 0


# --- build and serve -----------------------------------------------------------------------


def _clean_staging(site_dir: Path | None) -> None:
    """Leave no half-built site: remove `<site>.partial`, and put back `<site>.old` when the
    swap was interrupted before the new site took its place."""
    if site_dir is None:
        return
    shutil.rmtree(site_dir.with_name(site_dir.name + ".partial"), ignore_errors=True)
    old = site_dir.with_name(site_dir.name + ".old")
    if old.is_dir():
        if site_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(site_dir)


def _start(config, command: str = "build") -> None:
    """Start a build of `config` as `mkdocs build` does.

    MkDocs keeps one instance of a plugin that has `on_startup` for the whole process, so
    the handbook plugin still holds the site folder of an earlier build made by this
    process (`check` builds into a temporary folder): forget it first.
    """
    from .plugin import HandbookPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, HandbookPlugin):
            plugin.final_site_dir = None
    config.plugins.on_startup(command=command, dirty=False)


def build_command(args: argparse.Namespace) -> int:
    """Build the website (strict); replace the site folder only when everything worked."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    found = _project(args.project)
    if found is None:
        return 1
    project, config_file = found
    site_dir: Path | None = None
    options = {"site_dir": str(Path(args.site_dir).resolve())} if args.site_dir else {}
    failed = "The handbook was not built"
    with (
        _environment(PDF_SWITCH, "0" if args.no_pdf else None),
        _mkdocs_log(project, live=True) as log,
    ):
        try:
            config = load_config(config_file=str(config_file), strict=True, **options)
            site_dir = Path(config.site_dir)
            _say(f"Building the handbook into {os.path.relpath(site_dir)} …")
            _start(config)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except (Abort, BuildError, ConfigurationError) as error:
            if not log.messages(logging.ERROR):
                _complain(error.format_message())
            kept = f"; {os.path.relpath(site_dir)} was left as it was" if site_dir else ""
            _complain(f"{failed}{kept}. Fix the lines above, then build again.")
            return 1
        except HandbookError as error:
            for problem in error.problems:
                _complain(str(Report(project).shown(problem)))
            _complain(f"{failed}. Fix the lines above, then build again.")
            return 1
        except KeyboardInterrupt:
            _complain(f"{failed}: stopped before the end; the last site was left as it was.")
            return INTERRUPTED
        except OSError as error:
            _complain(f"{error.filename or project}: {error.strerror or error}")
            _complain(f"{failed}.")
            return 1
        finally:
            _clean_staging(site_dir)
    _say(f"The handbook is in {os.path.relpath(site_dir)}.")
    return 0


def serve(args: argparse.Namespace) -> int:
    """Preview the handbook in the browser, rebuilt at every change (no PDFs)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    found = _project(args.project)
    if found is None:
        return 1
    project, config_file = found
    with _environment(PDF_SWITCH, "0"), _mkdocs_log(project, live=True, info=True):
        try:
            mkdocs_serve(config_file=str(config_file), dev_addr=f"127.0.0.1:{args.port}")
        except (Abort, BuildError, ConfigurationError) as error:
            _complain(f"The preview stopped: {error.format_message()}")
            return 1
        except KeyboardInterrupt:
            return 0
        except OSError as error:
            _complain(
                f"The preview could not start on port {args.port}: "
                f"{error.strerror or error}. Try another one with --port 8001."
            )
            return 1
    return 0


# --- the parser ----------------------------------------------------------------------------


def _colours(colours: Sequence[str]) -> str:
    return ", ".join(colours)


def get_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per task, each with help written for staff."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="ngo-handbook",
        formatter_class=formatter,
        description=(
            "Make and publish your organisation's volunteer handbook: a website in several\n"
            "languages, with checklists, forms and a self-assessment, from simple text files."
        ),
        epilog=(
            "Start here:\n"
            "  ngo-handbook new my-handbook --languages fr,en,fa\n"
            "  cd my-handbook\n"
            "  ngo-handbook serve\n\n"
            "Type 'ngo-handbook COMMAND --help' to learn more about a command."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new_parser = commands.add_parser(
        "new",
        formatter_class=formatter,
        help="start a new handbook with an example of everything",
        description=(
            "Create a new handbook in a new folder, with a short example of every kind of\n"
            "page in each language. Every example says so: replace it with your own text.\n"
            "What you do not give is asked (or a suggestion is used when no one can answer)."
        ),
        epilog=(
            "Example:\n"
            '  ngo-handbook new our-handbook --name "Youth Volunteers" --languages fr,en,fa '
            "--default fr\n\n"
            f"Colours: {_colours(PRIMARY_COLOURS)}.\n"
            f"Languages with example texts: {', '.join(example_languages())}; any other gets\n"
            f"copies marked '{TRANSLATE}' to translate."
        ),
    )
    new_parser.add_argument(
        "dir", metavar="DIR", help="the new folder (it must not exist or be empty)"
    )
    new_parser.add_argument("--name", help="your organisation's name, shown on every page")
    new_parser.add_argument(
        "--languages", help="language codes separated by commas, for example fr,en,fa"
    )
    new_parser.add_argument(
        "--default", help="the main language: the others fall back to it (first one given)"
    )
    new_parser.add_argument("--primary-colour", help="the colour of the header (teal)")
    new_parser.add_argument(
        "--accent-colour",
        help=f"the colour of links and buttons (deep orange); one of {_colours(ACCENT_COLOURS)}",
    )
    new_parser.add_argument(
        "--logo", metavar="PATH", help="an image file of your logo (.svg or .png)"
    )
    new_parser.set_defaults(run=new)

    language_parser = commands.add_parser(
        "new-language",
        formatter_class=formatter,
        help="add a language the handbook does not speak yet",
        description=(
            "Prepare a new language: write the files of buttons and labels to translate\n"
            "(only those the program and the theme do not have yet), then say what to do next."
        ),
        epilog="Example:\n  ngo-handbook new-language uk --project our-handbook",
    )
    language_parser.add_argument(
        "code", metavar="CODE", help="the language code, for example uk or ps"
    )
    language_parser.add_argument(
        "--project", metavar="DIR", help="the handbook folder (this folder)"
    )
    language_parser.set_defaults(run=new_language_command)

    check_parser = commands.add_parser(
        "check",
        formatter_class=formatter,
        help="list every mistake, with the file and line to fix",
        description=(
            "Check the whole handbook without publishing anything: the settings, every data\n"
            "file, every page, the translations and every link. Each mistake is one line:\n"
            "the file, the line, what is wrong and what to do."
        ),
        epilog=(
            "Examples:\n"
            "  ngo-handbook check\n"
            "  ngo-handbook check --project our-handbook --format json"
        ),
    )
    check_parser.add_argument("--project", metavar="DIR", help="the handbook folder (this folder)")
    check_parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (the default), json for other programs",
    )
    check_parser.add_argument(
        "--strict",
        action="store_true",
        help="count warnings (such as a missing translation) as mistakes",
    )
    check_parser.set_defaults(run=check)

    build_parser = commands.add_parser(
        "build",
        formatter_class=formatter,
        help="make the website (and its PDFs) to publish",
        description=(
            "Make the website in the site folder, ready to publish. If anything is wrong,\n"
            "nothing changes: the site you built last stays as it was."
        ),
        epilog=(
            "Examples:\n  ngo-handbook build\n  ngo-handbook build --project our-handbook --no-pdf"
        ),
    )
    build_parser.add_argument("--project", metavar="DIR", help="the handbook folder (this folder)")
    build_parser.add_argument("--site-dir", metavar="DIR", help="where to put the website (site)")
    build_parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster)")
    build_parser.set_defaults(run=build_command)

    serve_parser = commands.add_parser(
        "serve",
        formatter_class=formatter,
        help="look at the handbook in your browser while you edit",
        description=(
            "Show the handbook at http://127.0.0.1:8000/ on this computer; the page reloads\n"
            "when you save a file. Stop it with Ctrl+C. (No PDFs here: use build for them.)"
        ),
        epilog="Example:\n  ngo-handbook serve --port 8001",
    )
    serve_parser.add_argument("--project", metavar="DIR", help="the handbook folder (this folder)")
    serve_parser.add_argument("--port", type=int, default=8000, help="the port (8000)")
    serve_parser.set_defaults(run=serve)
    return parser


def main(args: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = get_parser()
    try:
        options = parser.parse_args(args)
    except SystemExit as leaving:  # --help, or a mistake argparse has explained
        return leaving.code if isinstance(leaving.code, int) else 2
    try:
        return options.run(options)
    except KeyboardInterrupt:
        _complain("Stopped.")
        return INTERRUPTED
    except Exception as error:  # noqa: BLE001 - every expected case is handled above
        _complain(
            f"ngo-handbook {options.command} stopped on an unexpected error "
            f"({type(error).__name__}: {error}); {REPORT_BUG}"
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
