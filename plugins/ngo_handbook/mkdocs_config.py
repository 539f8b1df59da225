"""Adapter: the handbook's options under `- ngo-handbook` in mkdocs.yml, the sources a
build reads, from MkDocs' config (with static-i18n's languages), and the theme's
template environment."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.theme import Theme
from mkdocs.utils import get_relative_url

from .context import Site, nav_paths
from .loading import Sources
from .theme import ThemeLoader


class HandbookConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder of the YAML data files, relative to mkdocs.yml."""
    strict_translations = c.Optional(c.Type(bool))
    """Treat a missing translation as an error; defaults to MkDocs' `--strict`."""
    safe_replace = c.Type(bool, default=True)
    """Build into a side folder and replace the site only when the whole build succeeded."""
    partial_translations = c.Type(bool, default=False)
    """Publish pages not yet translated: each language shows the default language's text
    with a note, and a missing translation is a note of the build, not a warning."""


def sources_from_config(
    config: MkDocsConfig, options: HandbookConfig, command: str = "build"
) -> Sources:
    """Where the handbook's sources are and how to build them, from MkDocs' config (with
    static-i18n's languages) and the plugin's options."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError(
            "The ngo-handbook plugin needs the i18n plugin (mkdocs-static-i18n) in "
            "mkdocs.yml, listed after it, with docs_structure: folder"
        )
    root = Path(config.config_file_path).resolve().parent
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    default = next(lang.locale for lang in i18n.config.languages if lang.default)
    strict = options.strict_translations
    if strict is None:
        strict = bool(config.strict)
    custom_dir = config.theme.custom_dir
    site = Site(
        languages=(default, *(lang for lang in languages if lang != default)),
        default_language=default,
        use_directory_urls=config.use_directory_urls,
        site_url=config.site_url,
        relative_url=get_relative_url,
    )
    return Sources(
        project_dir=root,
        docs_dir=Path(config.docs_dir),
        data_dir=root / options.data_dir,
        site_dir=Path(config.site_dir),
        site=site,
        strict=strict,
        partial_translations=options.partial_translations,
        command=command,
        nav=tuple(nav_paths(config.nav)),
        overrides_dir=Path(custom_dir) if custom_dir else None,
        site_name=config.site_name,
        repo_url=config.repo_url,
        edit_uri=config.edit_uri,
    )


def list_theme_without_dot_folders(theme: Theme) -> None:
    """Make `theme.get_env()` give environments whose loader lists no dot folder
    (`theme.ThemeLoader`), which MkDocs would drop from the theme's files anyway.

    Safe to run on every language's `on_config`: the theme is wrapped once.
    """
    if getattr(theme, "_lists_without_dot_folders", False):
        return
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = ThemeLoader(env.loader.searchpath)
        return env

    theme.get_env = get_env
    theme._lists_without_dot_folders = True
