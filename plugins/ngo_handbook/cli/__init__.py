"""The `ngo-handbook` command: start, check, build and preview a handbook.

A thin adapter, like the MkDocs plugin: each subcommand is a function that returns an exit
code, and calls the same functions as the plugin (`loading.load_handbook`, MkDocs' own
`build` and `serve`). Every mistake is one line, `file:line:col: what is wrong; what to do`;
exit 0 when all is well, 1 when the handbook needs a fix, 2 for a fault of the program.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence

from ..scaffold import ACCENT_COLOURS, PRIMARY_COLOURS, TRANSLATE, example_languages
from .add import add_parser
from .build import build_command, default_jobs, job_count
from .check import check_command
from .mkdocs_log import mkdocs_log
from .new import new_command
from .new_language import new_language_command
from .output import INTERRUPTED, complain
from .project import PDF_SWITCH, environment, find_project
from .schema import schema_command
from .status import status_command

REPORT_BUG = "please report it to the handbook's developer with this line and the command you ran"


def serve_command(args: argparse.Namespace) -> int:
    """Preview the handbook in the browser, rebuilt at every change (no PDFs)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    found = find_project(args.project)
    if found is None:
        return 1
    project, config_file = found
    with (
        environment(PDF_SWITCH, "0"),
        mkdocs_log(project, live=True, info=True),
        _stopped_as_by_ctrl_c(),
    ):
        try:
            mkdocs_serve(config_file=str(config_file), dev_addr=f"127.0.0.1:{args.port}")
        except (Abort, BuildError, ConfigurationError) as error:
            complain(f"The preview stopped: {error.format_message()}")
            return 1
        except KeyboardInterrupt:
            return 0
        except OSError as error:
            complain(
                f"The preview could not start on port {args.port}: "
                f"{error.strerror or error}. Try another one with --port 8001."
            )
            return 1
    return 0


@contextlib.contextmanager
def _stopped_as_by_ctrl_c() -> Iterator[None]:
    """A preview stopped by its terminal closing (SIGHUP) or by another program (SIGTERM)
    stops as after Ctrl+C: MkDocs then removes the temporary site it serves from."""

    def stop(signum, frame):
        raise KeyboardInterrupt

    signals = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {number: signal.signal(number, stop) for number in signals}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _colours(colours: Sequence[str]) -> str:
    return ", ".join(colours)


def _project_and_format(parser: argparse.ArgumentParser) -> None:
    """The options of a command that reports on a handbook: which one, and how."""
    parser.add_argument("--project", metavar="DIR", help="the handbook folder (this folder)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (the default), json for other programs",
    )


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
    new_parser.set_defaults(run=new_command)

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
    _project_and_format(check_parser)
    check_parser.add_argument(
        "--strict",
        action="store_true",
        help="count warnings (such as a missing translation) as mistakes",
    )
    check_parser.set_defaults(run=check_command)

    status_parser = commands.add_parser(
        "status",
        formatter_class=formatter,
        help="show which translations are missing or out of date",
        description=(
            "For every language but the main one: the pages and data texts that are\n"
            "translated, missing, or out of date because their original changed after the\n"
            "translation did (from the Git history), with what changed in the original.\n"
            "A translation checked against its original without changes: add\n"
            "'translation_checked: YYYY-MM-DD' to the page's front matter, or the comment\n"
            "'# checked YYYY-MM-DD' at the end of a data text's line."
        ),
        epilog="Examples:\n  ngo-handbook status\n  ngo-handbook status --format json",
    )
    _project_and_format(status_parser)
    status_parser.set_defaults(run=status_command)

    schema_parser = commands.add_parser(
        "schema",
        formatter_class=formatter,
        help="write the data files' schemas, for help while editing",
        description=(
            "Write a JSON Schema for every kind of data file into DIR (schemas/ by default).\n"
            "An editor that reads the first line of a data file\n"
            "('# yaml-language-server: $schema=../schemas/safety.schema.json') then completes\n"
            "keys and marks mistakes as you type (VS Code with the YAML extension)."
        ),
        epilog="Example:\n  ngo-handbook schema\n  ngo-handbook schema our-handbook/schemas",
    )
    schema_parser.add_argument("dir", metavar="DIR", nargs="?", help="the folder (schemas)")
    schema_parser.set_defaults(run=schema_command)

    build_parser = commands.add_parser(
        "build",
        formatter_class=formatter,
        help="make the website (and its PDFs) to publish",
        description=(
            "Make the website in the site folder, ready to publish. If anything is wrong,\n"
            "nothing changes: the site you built last stays as it was."
        ),
        epilog=(
            "Examples:\n  ngo-handbook build\n"
            "  ngo-handbook build --project our-handbook --no-pdf\n"
            "  ngo-handbook build --offline"
        ),
    )
    build_parser.add_argument("--project", metavar="DIR", help="the handbook folder (this folder)")
    build_parser.add_argument("--site-dir", metavar="DIR", help="where to put the website (site)")
    build_parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster)")
    build_parser.add_argument(
        "--offline",
        action="store_true",
        help="also write handbook-offline.zip: the whole site, to open from a USB stick",
    )
    build_parser.add_argument(
        "--verbose", action="store_true", help="also show what each step did, not only problems"
    )
    build_parser.add_argument(
        "--jobs",
        type=job_count,
        default=default_jobs(),
        metavar="N",
        help=f"build N languages at once (the number of cores here: {default_jobs()})",
    )
    build_parser.set_defaults(run=build_command)

    add_parser(commands, formatter)

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
    serve_parser.set_defaults(run=serve_command)
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
        complain("Stopped.")
        return INTERRUPTED
    except BrokenPipeError:
        # The reader stopped reading (`ngo-handbook check | head`): as Python's docs advise,
        # the rest of the output goes nowhere instead of into an error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:  # noqa: BLE001 - every expected case is handled above
        complain(
            f"ngo-handbook {options.command} stopped on an unexpected error "
            f"({type(error).__name__}: {error}); {REPORT_BUG}"
        )
        return 2


def run() -> None:
    """The `ngo-handbook` command: `main`, then the process ends at once with its code.

    Python's own ending frees every object one by one, and a build holds hundreds of
    thousands (a directory of 10,000 organisations takes half a second to free): nothing
    is left to do by then, so the output is flushed and the process ends without it. The
    builds' processes, browsers and temporary folders are closed before `main` returns."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a reader that went away (`| head`), or a stream already closed
    os._exit(code)
