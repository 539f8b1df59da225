"""`ngo-handbook check`: every mistake of the handbook, from a build that is thrown away."""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from ..precompressed import SWITCH as COMPRESSED_COPIES_SWITCH
from ..problems import HandbookError, Location, Problem
from .build import default_jobs, run_build
from .links import check_built_links, check_source_links
from .mkdocs_log import PLUGIN_LOG_PREFIX, mkdocs_log
from .output import Report, finish_check
from .project import CONFIG_FILE, PDF_SWITCH, environment, find_project
from .sources import handbook_sources
from .translation_marks import translate_marks


def _test_build(config_file: Path, loaded, sources, report: Report) -> None:
    """Build into a temporary folder, without PDFs or compressed copies, and check the links
    of every page."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    # The plugin logs the warnings already listed again, after its name.
    known = {str(warning) for warning in report.warnings}
    with tempfile.TemporaryDirectory(prefix="ngo-handbook-check-") as folder:
        site_dir = Path(folder) / "site"
        with (
            environment(PDF_SWITCH, "0"),
            environment(COMPRESSED_COPIES_SWITCH, "0"),
            mkdocs_log(report.project, live=False) as log,
        ):
            try:
                config = load_config(config_file=str(config_file), site_dir=str(site_dir))
                run_build(config, default_jobs())
            except (Abort, BuildError, ConfigurationError) as error:
                messages = log.messages(logging.ERROR) or [error.format_message()]
                for message in messages:
                    report.problems.append(Problem(Location("site build"), message))
        for message in log.messages(logging.WARNING):
            # MkDocs' own link warnings name no line: the check of the output below does.
            if message.removeprefix(PLUGIN_LOG_PREFIX) in known or (
                message.startswith("Doc file") and "link" in message
            ):
                continue
            report.warnings.append(Problem(Location("site build"), message))
        if site_dir.is_dir():
            check_built_links(site_dir, loaded.context, sources, report)


def identity_problems(config, context) -> list[Problem]:
    """The organisation's name and addresses: one place each, none left from the sample."""
    from ..config_checks import SAMPLE_ADDRESSES, SAMPLE_NAME, ConfigFile, check_identity

    handbook = context.data.handbook
    name = context.text(handbook.name, context.default_language)
    mkdocs_yml = ConfigFile.read(Path(config.config_file_path), CONFIG_FILE)
    settings = {key: config[key] for key in ("site_url", "repo_url", "edit_uri")}
    problems = check_identity(mkdocs_yml, config.site_name, name, settings)
    own = {"website": handbook.website, "email": handbook.contact and handbook.contact.email}
    for key, value in own.items():
        if name != SAMPLE_NAME and value and any(a in value for a in SAMPLE_ADDRESSES):
            where = ("website",) if key == "website" else ("contact", "email")
            problems.append(
                Problem(
                    context.data.locate("handbook.yml", where),
                    f"{key} is still the sample handbook's ('{value}'); write your "
                    "organisation's own, or remove the line",
                )
            )
    return problems


def check_command(args: argparse.Namespace) -> int:
    """Check data, strings, pages and links; build nothing that stays."""
    found = find_project(args.project)
    if found is None:
        return 1
    project, config_file = found
    report = Report(project)
    config, sources = handbook_sources(config_file, report)
    if sources is not None:
        from ..loading import load_handbook

        loaded = None
        try:
            loaded = load_handbook(sources)
            report.warnings += loaded.warnings
            report.warnings += identity_problems(config, loaded.context)
        except HandbookError as error:
            report.problems += error.problems
        translate_marks(sources, report, loaded.context.data if loaded is not None else None)
        if loaded is not None:
            _test_build(config_file, loaded, sources, report)
        else:
            check_source_links(config, sources, report)
    return finish_check(report, args)
