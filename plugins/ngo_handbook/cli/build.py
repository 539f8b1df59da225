"""`ngo-handbook build`: the website, replacing the last one only when everything worked."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from ..offline_copy import SWITCH as OFFLINE_COPY_SWITCH
from ..problems import HandbookError
from ..site_folder import tidy
from .mkdocs_log import mkdocs_log
from .output import INTERRUPTED, Report, complain, say, shown_path
from .project import PDF_SWITCH, config_syntax_problem, environment, find_project


def default_jobs() -> int:
    """Languages built at once by default: as many as the machine has cores."""
    return os.cpu_count() or 1


def job_count(text: str) -> int:
    """The value of --jobs: a whole number from 1."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (1, 2, …)")
    return count


@contextlib.contextmanager
def stopped_politely() -> Iterator[None]:
    """Make a stop request (SIGTERM, as `kill` or a closing terminal sends) end the build
    like Ctrl+C, so the side folder is cleaned up and the last site stays."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def run_build(config, jobs: int = 1) -> None:
    """Build `config` as `mkdocs build` does: start-up, the build, shut-down; with `jobs`
    above 1, its languages side by side in that many processes (`parallel`). The handbook
    plugin forgets any earlier build of this process at start-up (`check` builds into a
    temporary folder first)."""
    from mkdocs.commands.build import build

    from .parallel import build_in_parallel

    config.plugins.on_startup(command="build", dirty=False)
    try:
        if jobs > 1 and {"i18n", "ngo-handbook"} <= set(config.plugins):
            build_in_parallel(config, jobs)
        else:
            build(config)
    finally:
        config.plugins.on_shutdown()


def build_command(args: argparse.Namespace) -> int:
    """Build the website (strict); replace the site folder only when everything worked."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    found = find_project(args.project)
    if found is None:
        return 1
    project, config_file = found
    failed = "The handbook was not built"
    broken = config_syntax_problem(config_file)
    if broken is not None:
        complain(str(Report(project).shown(broken)))
        complain(f"{failed}. Fix the line above, then build again.")
        return 1
    site_dir: Path | None = None
    options = {"site_dir": str(Path(args.site_dir).resolve())} if args.site_dir else {}
    with (
        environment(PDF_SWITCH, "0" if args.no_pdf else None),
        environment(OFFLINE_COPY_SWITCH, "1" if args.offline else None),
        mkdocs_log(project, live=True, info=args.verbose, verbose=args.verbose) as log,
        stopped_politely(),
    ):
        try:
            config = load_config(config_file=str(config_file), strict=True, **options)
            site_dir = Path(config.site_dir)
            say(f"Building the handbook into {shown_path(site_dir)} …")
            run_build(config, args.jobs)
        except (Abort, BuildError, ConfigurationError) as error:
            if not log.messages(logging.ERROR):
                complain(error.format_message())
            kept = f"; {shown_path(site_dir)} was left as it was" if site_dir else ""
            complain(f"{failed}{kept}. Fix the lines above, then build again.")
            return 1
        except HandbookError as error:
            for problem in error.problems:
                complain(str(Report(project).shown(problem)))
            complain(f"{failed}. Fix the lines above, then build again.")
            return 1
        except KeyboardInterrupt:
            complain(f"{failed}: stopped before the end; the last site was left as it was.")
            return INTERRUPTED
        except OSError as error:
            complain(f"{error.filename or project}: {error.strerror or error}")
            complain(f"{failed}.")
            return 1
        finally:
            if site_dir is not None:
                tidy(site_dir)
    say(f"The handbook is in {shown_path(site_dir)}.")
    return 0
