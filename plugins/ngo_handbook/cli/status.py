"""`ngo-handbook status`: per language, what is translated, missing or out of date."""

from __future__ import annotations

import argparse
import json
import textwrap

from ..git_history import Git
from ..languages import english_name
from ..loading import read_data
from ..translation_status.status import TranslationStatus, translation_status
from .output import Report, complain, say
from .project import find_project
from .sources import handbook_sources

NO_GIT = (
    "Outdated translations are found from the Git history, and {project} is not in a Git "
    "repository (or Git is not installed): only missing translations are shown."
)


def print_status(status: TranslationStatus) -> None:
    """The status as text: per language the counts, then what is missing or out of date,
    with each change of the source since the translation last changed."""
    for language, found in status.languages.items():
        counts = ", ".join(
            f"{len(found.names(state))} {state}" for state in ("translated", "missing", "outdated")
        )
        say(f"{english_name(language)} ({language}): {counts}")
        for name in found.names("missing"):
            say(f"  missing   {name}")
        for entry in [*found.pages, *found.strings]:
            if entry.state != "outdated":
                continue
            say(f"  outdated  {entry.name}  (translated {entry.since}; the source changed since)")
            for change in entry.changes:
                if change.heading:
                    say(f"    section '{change.heading}':")
                say(textwrap.indent(change.diff, "      "))
        say()


def status_command(args: argparse.Namespace) -> int:
    """Print the translation status of the handbook; 0 unless the handbook cannot be read."""
    found = find_project(args.project)
    if found is None:
        return 1
    project, config_file = found
    report = Report(project)
    _, sources = handbook_sources(config_file, report)
    if sources is None:
        for problem in report.sorted(report.problems):
            complain(str(problem))
        return 1
    data, _ = read_data(sources)
    git = Git.open(sources.project_dir)
    status = translation_status(sources.docs_dir, data, sources.data_dir, git)
    if not status.git:
        complain(NO_GIT.format(project=project))
    if args.format == "json":
        say(json.dumps(status.as_json(), ensure_ascii=False, indent=2))
    else:
        print_status(status)
    return 0
