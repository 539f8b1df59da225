"""`ngo-handbook add KIND`: a new entry in its data file, with a line per language to fill in."""

from __future__ import annotations

import argparse

from ..new_entries import KINDS, EntryError, add_entry, hints
from ..problems import HandbookError
from ..stand_ins import PAGE_TRANSLATE, TRANSLATE
from .output import Report, complain, say, shown_path
from .project import find_project

GUIDANCE = "self-assessment/guidance/q{question}-c{choice}.md"


def _sources(config_file):
    """The handbook's languages and folders, as its build sees them."""
    from mkdocs.config import load_config

    from ..mkdocs_config import sources_from_config
    from ..plugin import HandbookPlugin
    from .mkdocs_log import mkdocs_log

    with mkdocs_log(config_file.parent, live=False):
        config = load_config(config_file=str(config_file))
    options = next(p.config for p in config.plugins.values() if isinstance(p, HandbookPlugin))
    return sources_from_config(config, options)


def _guidance_pages(sources, question: str) -> list:
    """A guidance page per choice and language for a new question, marked to translate."""
    written = []
    for language in sources.site.languages:
        for choice in (1, 2, 3):
            path = sources.docs_dir / language / GUIDANCE.format(question=question, choice=choice)
            if path.exists():
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f"---\nquestion_id: {question}\nchoice_id: {choice}\n---\n{PAGE_TRANSLATE}\n\n"
                f"{hints(language)['guidance_page']}\n",
                encoding="utf-8",
            )
            written.append(path)
    return written


def add_command(args: argparse.Namespace) -> int:
    """Add an entry of a kind to its data file (and, for a question, its guidance pages)."""
    found = find_project(args.project)
    if found is None:
        return 1
    project, config_file = found
    kind = KINDS[args.kind]
    try:
        sources = _sources(config_file)
        added = add_entry(
            sources.data_dir,
            kind,
            list(sources.site.languages),
            identifier=args.id,
            parent=getattr(args, "in"),
            display_root=project.resolve(),
        )
    except (EntryError, HandbookError) as error:
        for problem in error.problems:
            complain(str(Report(project).shown(problem)))
        return 1
    except StopIteration:
        complain(f"{config_file}: the ngo-handbook plugin is not listed under plugins:")
        return 1
    say(f"Added {kind.what} '{added.identifier}' to {shown_path(added.file)}, line {added.line}.")
    written = _guidance_pages(sources, added.identifier) if kind.name == "question" else []
    for path in written:
        say(f"  and its guidance page {shown_path(path)}")
    marks = ", ".join(
        dict.fromkeys(f"'# {hints(lang)['mark']}'" for lang in sources.site.languages)
    )
    say(
        f"Next: write its texts on the lines marked {marks} and remove the marks; "
        "'ngo-handbook check' lists the lines still marked."
    )
    return 0


def add_parser(commands, formatter) -> None:
    """The `add` subcommand's options."""
    parser = commands.add_parser(
        "add",
        formatter_class=formatter,
        help="add a partner, a safety topic, a question… to its data file",
        description=(
            "Add an entry at the end of its list in data/, with a line per language marked\n"
            f"'{TRANSLATE}' to fill in; the comments and the rest of the file stay as they are.\n"
            "Kinds: " + ", ".join(f"{name} ({kind.what})" for name, kind in KINDS.items())
        ),
        epilog=(
            "Examples:\n"
            "  ngo-handbook add partner --id red-crescent-almaty\n"
            "  ngo-handbook add safety-topic --id fire-drill --in premises\n"
            "  ngo-handbook add question --in planning\n"
            "  ngo-handbook add form-field --id phone --in application"
        ),
    )
    parser.add_argument("kind", choices=sorted(KINDS), metavar="KIND", help="what to add")
    parser.add_argument("--id", help="the new entry's id (lower-case letters, digits, '-')")
    parser.add_argument(
        "--in",
        metavar="ID",
        help="the group, checklist, area or form it goes into (the last one, or for a form "
        "field the form's file name)",
    )
    parser.add_argument("--project", metavar="DIR", help="the handbook folder (this folder)")
    parser.set_defaults(run=add_command)
