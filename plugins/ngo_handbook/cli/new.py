"""`ngo-handbook new`: a new handbook with an example of everything."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..scaffold import TRANSLATE, Choices, ScaffoldError, example_languages, new_handbook
from .output import complain, say


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


def new_command(args: argparse.Namespace) -> int:
    """Write a new handbook with an example of everything into an empty folder."""
    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        complain(f"{target}: this folder is not empty; give the name of a new folder")
        return 1
    interactive = _interactive()
    name, languages, default = args.name, args.languages, args.default
    primary, accent, logo = args.primary_colour, args.accent_colour, args.logo
    if interactive:
        say("A few questions about the new handbook (press Enter to keep the suggestion).")
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
        complain("--languages: no language given; write codes such as fr,en,fa")
        return 1
    default = default or codes[0]
    if default not in codes:
        complain(
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
        complain(f"ngo-handbook new: {error}")
        return 1
    except OSError as error:
        complain(f"{error.filename or target}: cannot be written ({error.strerror or error})")
        return 1
    say(f"A new handbook is in {target} ({len(written)} files), with an example of everything.")
    stand_ins = [code for code in choices.languages if code not in example_languages()]
    if stand_ins:
        say(
            f"There are no example texts in {', '.join(stand_ins)}: the lines marked "
            f"'{TRANSLATE}' are in another language; 'ngo-handbook check' lists them."
        )
    say("Next:")
    say(f"  cd {target}")
    say("  ngo-handbook serve     # look at it in your browser while you edit")
    say("  ngo-handbook check     # list anything to fix")
    say("  ngo-handbook build     # make the website in site/")
    return 0
