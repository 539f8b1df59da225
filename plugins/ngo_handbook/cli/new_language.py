"""`ngo-handbook new-language`: the interface strings of a language to translate."""

from __future__ import annotations

import argparse
import re

from .. import languages as language_facts
from ..scaffold import TRANSLATE, ScaffoldError, new_language
from .output import complain, say, shown_path
from .project import CONFIG_FILE, find_project


def new_language_command(args: argparse.Namespace) -> int:
    """Add the interface strings of a language the generator or the theme lacks."""
    found = find_project(args.project)
    if found is None:
        return 1
    project, config_file = found
    code = args.code
    try:
        written = new_language(project, code, only_missing=True)
    except ScaffoldError as error:
        complain(f"ngo-handbook new-language: {error}")
        return 1
    except OSError as error:
        complain(f"{error.filename or project}: cannot be written ({error.strerror or error})")
        return 1
    name = language_facts.english_name(code)
    if written:
        say(f"Written for {name} ({code}):")
        for path in written:
            say(f"  {shown_path(path)}")
    else:
        say(f"ngo-handbook and the theme already have their texts in {name} ({code}).")
    say("Next:")
    say(
        f"  1. In {shown_path(config_file)}, add the language under the i18n plugin's 'languages:':"
    )
    say(f"        - locale: {code}")
    say(f"          name: {language_facts.native_name(code)}")
    say("          build: true")
    step = 2
    if any(path.suffix == ".html" for path in written):
        text = config_file.read_text(encoding="utf-8")
        if not re.search(r"^\s+custom_dir:\s*overrides\s*$", text, re.M):
            say(f"  {step}. Under 'theme:' in {CONFIG_FILE}, add the line 'custom_dir: overrides'.")
            step += 1
    if written:
        say(
            f"  {step}. Translate the lines marked '{TRANSLATE}' (and the texts of the .html "
            "file) and remove the marks."
        )
        step += 1
    say(
        f"  {step}. Write content/{code}/ with the same pages as the other languages, and add a "
        f"'{code}: …' line to every text in data/; 'ngo-handbook check' lists what is missing."
    )
    return 0
