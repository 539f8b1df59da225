"""A new handbook, ready to build: `mkdocs.yml`, `data/`, `content/` from the files beside this one.

The files here are templates: a data file's value written `@section.key` becomes one line
per language of the handbook, with that language's text from `texts/<language>.yml`; a
`[[name]]` is filled in once (`[[yaml:name]]` quoted for YAML). A language without example
texts gets the default language's text (or English) marked `# translate`, so that
`ngo-handbook check` lists every line still to translate. Nothing here imports MkDocs.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import languages as language_facts
from ..interface_strings import PACKAGE_DIR as STRINGS_DIR
from ..interface_strings import REFERENCE as STRINGS_REFERENCE
from ..interface_strings import package_languages
from ..schemas import PROJECT_FOLDER, with_header, write_schemas
from ..stand_ins import FALLBACK, TRANSLATE, page_mark
from ..theme import LANGUAGE_PARTIALS, material_ships_language, material_templates

SCAFFOLD_DIR = Path(__file__).parent
TEXTS_DIR = SCAFFOLD_DIR / "texts"
FORM_SLUG = "volunteer-application"
NAV = (
    "index.md",
    "safety.md",
    "orientation.md",
    "rights-and-duties.md",
    "partners.md",
    "self-assessment/index.md",
    "forms/index.md",
    f"forms/{FORM_SLUG}.md",
)
GUIDANCE = "self-assessment/guidance/q{question}-c{choice}.md"
PRIMARY_COLOURS = (
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal",
    "green", "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown",
    "grey", "blue grey", "black", "white",
)  # fmt: skip
"""The colours Material for MkDocs offers as `palette.primary`."""
ACCENT_COLOURS = PRIMARY_COLOURS[:16]
"""Material's accent colours (no brown, grey, blue grey, black or white)."""

_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[\w-]+):\s+@(?P<ref>[\w.]+)\s*$")
_FILL = re.compile(r"\[\[(?:(?P<yaml>yaml):)?(?P<name>[\w.]+)\]\]")


class ScaffoldError(Exception):
    """What stops a new handbook from being written, in words for the person who asked."""


@dataclass(frozen=True)
class Choices:
    """What a person chose for the new handbook."""

    languages: tuple[str, ...]
    """Every language, the default first."""
    name: str | None = None
    """The organisation's name for every language; None keeps the example name."""
    primary_colour: str = "teal"
    accent_colour: str = "deep orange"
    logo: Path | None = None
    email: str = "contact@example.org"

    @property
    def default(self) -> str:
        return self.languages[0]


def example_languages() -> tuple[str, ...]:
    """The languages this package has example texts for."""
    return tuple(sorted(path.stem for path in TEXTS_DIR.glob("*.yml")))


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


@dataclass
class _Texts:
    """The example texts of every language of the handbook, and which are stand-ins."""

    by_language: dict[str, dict[str, str]] = field(default_factory=dict)
    stand_in: dict[str, str] = field(default_factory=dict)
    """Languages whose texts are another language's, to translate: language → that one."""

    @classmethod
    def load(cls, languages: tuple[str, ...]) -> _Texts:
        available = set(example_languages())
        source_of_default = languages[0] if languages[0] in available else FALLBACK
        texts = cls()
        for language in languages:
            source = language if language in available else source_of_default
            path = TEXTS_DIR / f"{source}.yml"
            texts.by_language[language] = _flatten(yaml.safe_load(path.read_text("utf-8")))
            if source != language:
                texts.stand_in[language] = source
        return texts


def yaml_scalar(text: str) -> str:
    """`text` as a YAML value: plain when it reads back the same, else in double quotes."""
    plain = text.strip() == text and "#" not in text and "\n" not in text
    if plain:
        try:
            plain = yaml.safe_load(f"k: {text}") == {"k": text}
        except yaml.YAMLError:
            plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _fill(template: str, values: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        value = values[match["name"]]
        return yaml_scalar(value) if match["yaml"] else value

    return _FILL.sub(replace, template)


def render_data_file(template: str, texts: _Texts, values: dict[str, str]) -> str:
    """A data file from its template: each `key: @ref` becomes one line per language."""
    default = next(iter(texts.by_language))
    lines: list[str] = []
    for line in template.splitlines():
        if line.startswith("#@ "):
            comment = texts.by_language[default][line[3:].strip()]
            lines.append(f"# {comment}")
            continue
        match = _VALUE.match(line)
        if match is None:
            lines.append(_fill(line, values))
            continue
        ref = match["ref"]
        key_column = len(match["lead"])
        if ref in values:  # one text for every language (the name the person gave)
            lines.append(f"{match['lead']}{match['key']}: {yaml_scalar(values[ref])}")
            continue
        lines.append(f"{match['lead']}{match['key']}:")
        for language, language_texts in texts.by_language.items():
            mark = f"  {TRANSLATE}" if language in texts.stand_in else ""
            text = yaml_scalar(language_texts[ref])
            lines.append(f"{' ' * (key_column + 2)}{language}: {text}{mark}")
    return "\n".join(lines) + "\n"


def _page(template: str, values: dict[str, str], copied_from: str | None) -> str:
    """A page from its template; a copy of another language's gets the mark that names it,
    right after the front matter."""
    text = _fill(template, values)
    if copied_from is not None:
        head, sep, body = text.partition("\n---\n")
        mark = page_mark(language_facts.english_name(copied_from), copied_from)
        text = f"{head}{sep}\n{mark}\n{body}"
    return text


def mkdocs_yml(choices: Choices, site_name: str) -> str:
    """The handbook's `mkdocs.yml`: static-i18n's languages, then the ngo-handbook plugin."""
    entries = []
    for language in choices.languages:
        entries.append(f"        - locale: {language}")
        if language == choices.default:
            entries.append("          default: true")
        entries.append(f"          name: {yaml_scalar(language_facts.native_name(language))}")
        entries.append("          build: true")
    values = {
        "site_name": yaml_scalar(site_name),
        "default": choices.default,
        "primary": choices.primary_colour,
        "accent": choices.accent_colour,
        "languages": "\n".join(entries),
        "nav": "\n".join(f"  - {path}" for path in NAV),
    }
    return _fill((SCAFFOLD_DIR / "mkdocs.yml").read_text("utf-8"), values)


def check_choices(choices: Choices) -> None:
    """Raise ScaffoldError for a language, colour or logo the handbook cannot use."""
    for language in choices.languages:
        if problem := language_facts.site_code_problem(language):
            raise ScaffoldError(problem)
    if len(set(choices.languages)) != len(choices.languages):
        raise ScaffoldError("a language is listed twice; list each language once")
    for what, colour, allowed in (
        ("primary colour", choices.primary_colour, PRIMARY_COLOURS),
        ("accent colour", choices.accent_colour, ACCENT_COLOURS),
    ):
        if colour not in allowed:
            raise ScaffoldError(
                f"'{colour}' is not a {what} of the theme; choose one of: {', '.join(allowed)}"
            )
    if choices.logo is not None:
        if not choices.logo.is_file():
            raise ScaffoldError(f"the logo {choices.logo} does not exist; give the path of a file")
        if choices.logo.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"):
            raise ScaffoldError(
                f"the logo {choices.logo} is not an .svg, .png, .jpg, .webp or .gif image"
            )


GITIGNORE = """\
# What 'ngo-handbook build' makes, not to be kept in Git: the website (and, while a build
# runs, its next version and lock), and what it keeps to be faster the next time.
/site/
/site.*
/.cache/
"""


def new_handbook(target: Path, choices: Choices) -> list[Path]:
    """Write a new handbook into `target` (missing or empty); return the files written."""
    check_choices(choices)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} is not empty; choose a new folder name (it will be created)")
    texts = _Texts.load(choices.languages)
    default_texts = texts.by_language[choices.default]
    site_name = choices.name or default_texts["handbook.name"]
    values = {"default": choices.default, "email": choices.email, "logo": ""}
    if choices.name:
        values["handbook.name"] = choices.name
    files: dict[str, str] = {}
    if choices.logo is not None:
        logo = f"assets/images/logo{choices.logo.suffix.lower()}"
        values["logo"] = f"logo: {logo}\n"
    files["mkdocs.yml"] = mkdocs_yml(choices, site_name)
    data_templates = SCAFFOLD_DIR / "data"
    for template in sorted(data_templates.rglob("*.yml")):
        name = template.relative_to(data_templates).as_posix()
        text = render_data_file(template.read_text("utf-8"), texts, values)
        files[f"data/{name}"] = with_header(text, name)
    index = (SCAFFOLD_DIR / "pages" / "index.md").read_text("utf-8")
    for language in choices.languages:
        page_values = texts.by_language[language]
        files[f"content/{language}/index.md"] = _page(
            index, page_values, texts.stand_in.get(language)
        )
    guidance = (SCAFFOLD_DIR / "pages" / "guidance.md").read_text("utf-8")
    for language, choice in itertools.product(choices.languages, (1, 2)):
        language_texts = texts.by_language[language]
        page_values = {
            **language_texts,
            "guidance": language_texts[f"self_assessment.guidance_{choice}"],
            "question_id": "1",
            "choice_id": str(choice),
        }
        path = GUIDANCE.format(question=1, choice=choice)
        files[f"content/{language}/{path}"] = _page(
            guidance, page_values, texts.stand_in.get(language)
        )
    # The theme looks for the handbook's own templates here (mkdocs.yml: custom_dir).
    files["overrides/.gitkeep"] = ""
    files[".gitignore"] = GITIGNORE
    written = []
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if choices.logo is not None:
        path = target / "content" / logo
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(choices.logo, path)
        written.append(path)
    for language in choices.languages:
        written += new_language(target, language, only_missing=True)
    written += write_schemas(target / PROJECT_FOLDER)
    return written


# --- a language the package or Material lacks ----------------------------------------------


def strings_file(language: str) -> str:
    """`data/strings/<language>.yml`: every interface string of the generator in English,
    each marked `# translate`, with the plural forms `language` needs."""
    english_path = STRINGS_DIR / f"{STRINGS_REFERENCE}.yml"
    source = english_path.read_text("utf-8")
    reference = yaml.safe_load(source) or {}
    categories = language_facts.plural_categories(language)
    lines = [
        f"# The generator's interface strings in {language_facts.english_name(language)} "
        f"({language}): buttons, labels and messages.",
        f"# Every text below is still in English: translate it and remove its '{TRANSLATE}'.",
        "# Any line you delete shows the English text instead.",
        "#",
    ]
    for line in source.splitlines():  # the English file's advice to translators
        if not line.startswith("#"):
            break
        lines.append(line)
    for section, texts in reference.items():
        lines.append(f"{section}:")
        for key, text in texts.items():
            if isinstance(text, dict):
                lines.append(f"  {key}:")
                other = text.get("other") or next(iter(text.values()))
                for category in categories:
                    english = text.get(language_facts.english_form_for(language, category))
                    lines.append(f"    {category}: {yaml_scalar(english or other)}  {TRANSLATE}")
            else:
                lines.append(f"  {key}: {yaml_scalar(str(text))}  {TRANSLATE}")
    return "\n".join(lines) + "\n"


def theme_strings_file(language: str) -> str:
    """`overrides/partials/languages/<language>.html`: Material's English interface strings,
    with the language's code and direction, to translate."""
    english = (material_templates() / LANGUAGE_PARTIALS / "en.html").read_text("utf-8")
    english = english.replace('"language": "en"', f'"language": "{language}"', 1)
    english = english.replace(
        '"direction": "ltr"', f'"direction": "{language_facts.direction(language)}"', 1
    )
    head = (
        "{#-\n"
        f"  {language_facts.english_name(language)} ({language}) strings of the Material theme,\n"
        "  copied from its English file: translate the texts on the right, keep the keys.\n"
        "-#}\n"
    )
    return head + english.split("-#}\n", 1)[-1]


def new_language(project: Path, language: str, *, only_missing: bool = False) -> list[Path]:
    """Write the interface strings `language` lacks: the generator's (when the package has
    none) and Material's (when Material ships none). Return the files written.

    Without `only_missing`, the generator's strings file is written even for a language
    the package has, so the handbook can change its texts; an existing file is never
    overwritten.
    """
    if problem := language_facts.site_code_problem(language):
        raise ScaffoldError(problem)
    written = []
    if not only_missing or language not in package_languages():
        path = project / "data" / "strings" / f"{language}.yml"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(strings_file(language), encoding="utf-8")
            written.append(path)
    partial = project / "overrides" / LANGUAGE_PARTIALS / f"{language}.html"
    package_partial = SCAFFOLD_DIR.parent / "theme" / LANGUAGE_PARTIALS / f"{language}.html"
    ships = material_ships_language(language) or package_partial.is_file()
    if not ships and not partial.exists():
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(theme_strings_file(language), encoding="utf-8")
        written.append(partial)
    return written
