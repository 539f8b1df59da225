"""What MkDocs, static-i18n and the plugin log, turned into the command's own lines."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from ..problems import Location, Problem
from .links import MD_LINK
from .output import Report, complain, say
from .project import CONFIG_FILE, config_line

# What MkDocs' plugin logger puts before each message of the plugin.
PLUGIN_LOG_PREFIX = "ngo_handbook: "
# MkDocs' notes that say nothing to a person editing the handbook (static-i18n empties the
# site folder once per language): shown with --verbose only.
ROUTINE_NOTES = frozenset({"Cleaning site directory"})
_CONFIG_VALUE = re.compile(r"^Config value '(?P<key>[^']+)': (?P<message>.*)$", re.S)
_MISSING_PAGE = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target "
    r"'[^']+' is not found among documentation files\.$"
)
_DOCS_DIR = re.compile(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", re.M)


def mkdocs_problem(project: Path, message: str) -> Problem | None:
    """A message of MkDocs as a problem with its place, when it names one."""
    found = _CONFIG_VALUE.match(message)
    if found:
        key = found["key"].split(".")[-1]
        text = found["message"].strip().rstrip(".")
        return Problem(config_line(project, key), f"{text}; correct '{key}' in {CONFIG_FILE}")
    found = _MISSING_PAGE.match(message)
    if found:
        return Problem(
            link_location(project, found["page"], found["link"]),
            f"the link '{found['link']}' leads to a page that does not exist; correct the "
            "address or create that page",
        )
    return None


def link_location(project: Path, page: str, link: str) -> Location:
    """Where the Markdown page `page` (its path in the docs folder of mkdocs.yml, `docs`
    unless it says otherwise) writes the link `link`: its first `[text](link)`."""
    try:
        settings = (project / CONFIG_FILE).read_text(encoding="utf-8")
    except OSError:
        settings = ""
    docs = _DOCS_DIR.search(settings)
    shown = f"{docs[1] if docs else 'docs'}/{page}"
    try:
        lines = (project / shown).read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return Location(shown)
    for number, line in enumerate(lines, 1):
        for match in MD_LINK.finditer(line):
            if match["url"] == link:
                return Location(shown, number, match.start() + 1)
    return Location(shown)


class MkDocsRecords(logging.Handler):
    """Collects what MkDocs, static-i18n and the plugin log, printing it as it comes
    when `live` (warnings and errors only, unless `info`)."""

    def __init__(
        self, project: Path, *, live: bool, info: bool = False, verbose: bool = False
    ) -> None:
        super().__init__(logging.DEBUG)
        self.project = project
        self.live = live
        self.info = info
        self.verbose = verbose
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        if not self.live:
            return
        message = record.getMessage().removeprefix(PLUGIN_LOG_PREFIX)
        if message in ROUTINE_NOTES and not self.verbose:
            return
        problem = mkdocs_problem(self.project, message)
        if record.levelno >= logging.ERROR:
            complain(str(Report(self.project).shown(problem)) if problem else message)
        elif record.levelno >= logging.WARNING:
            text = str(Report(self.project).shown(problem)) if problem else message
            complain(f"warning: {text}")
        elif self.info and record.levelno >= logging.INFO:
            say(message)

    def messages(self, level: int) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno == level]


@contextlib.contextmanager
def mkdocs_log(
    project: Path, *, live: bool, info: bool = False, verbose: bool = False
) -> Iterator[MkDocsRecords]:
    """Route MkDocs' log (`mkdocs.*`, where the plugin logs too) to this command; `verbose`
    as MkDocs' --verbose (every plugin's notes, not only the handbook's)."""
    logger = logging.getLogger("mkdocs")
    handler = MkDocsRecords(project, live=live, info=info, verbose=verbose)
    saved = logger.level, logger.propagate, list(logger.handlers)
    # Verbose: the level MkDocs' --verbose sets, so the plugin lets other plugins' notes
    # through (`build_log.QuietBuild`); this handler still shows INFO and above.
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
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
