"""A handbook's settings and sources, read from its mkdocs.yml for the commands that check
or report without building (`check`, `status`); each mistake goes into the report."""

from __future__ import annotations

import logging
from pathlib import Path

from ..problems import Location, Problem
from .mkdocs_log import mkdocs_log, mkdocs_problem
from .output import Report
from .project import CONFIG_FILE, config_line, config_syntax_problem


def load_config(config_file: Path, report: Report, **options):
    """MkDocs' config of the project, or None with the reasons added to `report`."""
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    with mkdocs_log(report.project, live=False) as log:
        try:
            return mkdocs_load_config(config_file=str(config_file), **options)
        except (Abort, ConfigurationError) as error:
            errors = log.messages(logging.ERROR)
            for message in errors or [error.format_message()]:
                problem = mkdocs_problem(report.project, message)
                report.problems.append(problem or Problem(Location(CONFIG_FILE), message))
            return None
        finally:
            for message in log.messages(logging.WARNING):
                problem = mkdocs_problem(report.project, message)
                report.warnings.append(problem or Problem(Location(CONFIG_FILE), message))


def handbook_options(config, report: Report):
    """The ngo-handbook plugin's options in `config`, or None (and a problem) without it."""
    from ..plugin import HandbookPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, HandbookPlugin):
            return plugin.config
    report.problems.append(
        Problem(
            config_line(report.project, "plugins"),
            "the ngo-handbook plugin is not listed; add '- ngo-handbook' under 'plugins:', "
            "after '- i18n'",
        )
    )
    return None


def handbook_sources(config_file: Path, report: Report):
    """(MkDocs' config, the handbook's `Sources`) from its mkdocs.yml; None in place of
    what could not be read, with the reasons in `report`."""
    from mkdocs.exceptions import PluginError

    from ..mkdocs_config import sources_from_config

    broken = config_syntax_problem(config_file)
    if broken is not None:
        report.problems.append(broken)
        return None, None
    config = load_config(config_file, report)
    options = handbook_options(config, report) if config is not None else None
    if config is None or options is None:
        return config, None
    try:
        return config, sources_from_config(config, options, "build")
    except PluginError as error:
        report.problems.append(Problem(config_line(report.project, "plugins"), str(error)))
        return config, None
