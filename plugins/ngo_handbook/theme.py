"""The package's Material templates, and where the theme finds a language's strings.

Every handbook gets the same footer (organisation, contact, licence, the button to save the
handbook for offline reading), print header, named search dialog, plain repository link and
Kazakh interface strings from the package's `theme/` folder. The theme looks for each
template in its folders in order, so the package's folder goes after the handbook's own
`custom_dir` (its overrides still win) and before Material's (the package's parts replace
Material's). Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import jinja2

THEME_DIR = Path(__file__).parent / "theme"
STYLESHEET = "theme.css"
"""The stylesheet under the package's `assets/` that goes with these templates (footer,
print header, contrast, right-to-left, print); first in the joined stylesheet, so the
features' rules come after it."""
LANGUAGE_PARTIALS = Path("partials") / "languages"


def _same_folder(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def add_package_theme(theme_dirs: Sequence[str], custom_dir: str | None) -> list[str]:
    """The theme's template folders with the package's `theme/` folder in its place.

    It goes right after `custom_dir` when that is among `theme_dirs`, otherwise first. Run
    again on its own result (static-i18n builds once per language, with `on_config` each
    time), it gives the same list.

    Args:
        theme_dirs: The theme's folders, first match wins (MkDocs' `config.theme.dirs`).
        custom_dir: The handbook's own templates folder (`theme.custom_dir`), if any.
    """
    dirs = [folder for folder in theme_dirs if not _same_folder(folder, THEME_DIR)]
    position = 0
    if custom_dir is not None:
        for index, folder in enumerate(dirs):
            if _same_folder(folder, custom_dir):
                position = index + 1
                break
    dirs.insert(position, str(THEME_DIR))
    return dirs


def material_templates() -> Path:
    """The installed Material theme's templates folder."""
    import material

    return Path(material.__file__).parent / "templates"


def material_ships_language(code: str) -> bool:
    """Whether Material has interface strings for the language `code` (`ar`, `pt-BR`).

    For any other language `theme.language: <code>` fails with "TemplateNotFound" unless a
    `partials/languages/<code>.html` is found in the handbook's overrides or the package.
    """
    return (material_templates() / LANGUAGE_PARTIALS / f"{code}.html").is_file()


def theme_language_template(code: str, custom_dir: str | os.PathLike[str] | None) -> Path | None:
    """The `partials/languages/<code>.html` the theme will use: the handbook's own, else the
    package's, else Material's; None when there is none."""
    folders = [Path(custom_dir)] if custom_dir is not None else []
    for folder in (*folders, THEME_DIR, material_templates()):
        template = folder / LANGUAGE_PARTIALS / f"{code}.html"
        if template.is_file():
            return template
    return None


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's template loader, listing no dot folder nor dot file.

    The engine lists every file of the theme's folders to copy its static files, then drops
    whatever lies under a dot folder or starts with a dot. Material keeps its 14,000 icons
    under `.icons/`, so each language's build walked and filtered them for nothing; this
    listing leaves them out from the start. Templates are still found by name as before
    (`{% include ".icons/…" %}`).
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            top = os.path.normpath(searchpath)
            for folder, subfolders, files in os.walk(top, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, top)
                prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
                found.update(prefix + name for name in files if not name.startswith("."))
        return sorted(found)
