"""The MkDocs plugin: wires MkDocs and static-i18n events to the handbook's features."""

from __future__ import annotations

import html
import logging
import shutil
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from .content_checks import check_content_pages, check_logo
from .data_files import HandbookData, load_handbook_data
from .features import BuildContext, Feature, load_features
from .generated_pages import add_generated_pages, outline
from .problems import HandbookError
from .rendering import configure as configure_templates
from .site_assets import asset_bundles

log = get_plugin_logger(__name__)


class HandbookConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder of the YAML data files, relative to mkdocs.yml."""
    strict_translations = c.Optional(c.Type(bool))
    """Treat a missing translation as an error; defaults to MkDocs' `--strict`."""
    safe_replace = c.Type(bool, default=True)
    """Build into a side folder and replace the site only when the whole build succeeded."""


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Adds the data-driven pages, checks and downloads of an NGO handbook."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.data: HandbookData | None = None
        self.features: list[Feature] = load_features()
        self.bundles = asset_bundles(name for feature in self.features for name in feature.assets)
        self.final_site_dir: Path | None = None
        self.warning_counter: CountHandler | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    # i18n calls MkDocs' build() once per language and each runs on_config: load the data
    # once, on the first call, before anything is written.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = self._i18n(config)
        if self.data is None or i18n.current_language in (None, i18n.default_language):
            self._load(config, i18n)
        language = i18n.current_language or i18n.default_language
        self._add_asset_links(config)
        # Material prints the site name unescaped (<title>, header); our templates use
        # `handbook.name` from the page context instead.
        config.site_name = html.escape(self.data.text(self.data.handbook.name, language))
        if self.data.handbook.logo:
            config.theme["logo"] = config.theme["favicon"] = self.data.handbook.logo
        return config

    def _load(self, config: MkDocsConfig, i18n) -> None:
        root = Path(config.config_file_path).parent
        languages = [lang.locale for lang in i18n.config.languages if lang.build]
        default = next(lang.locale for lang in i18n.config.languages if lang.default)
        strict = self.config.strict_translations
        if strict is None:
            strict = bool(config.strict)
        try:
            self.data = load_handbook_data(
                root / self.config.data_dir, languages, default, display_root=root, strict=strict
            )
            problems = check_content_pages(Path(config.docs_dir), root)
            problems += check_logo(self.data, Path(config.docs_dir), root)
            if problems:
                raise HandbookError(problems)
        except HandbookError:
            raise
        except OSError as error:
            raise PluginError(f"Cannot read the handbook sources: {error}") from None
        for warning in self.data.warnings:
            log.warning(str(warning))
        custom_dir = config.theme.custom_dir
        configure_templates(Path(custom_dir) if custom_dir else None)
        if self.command == "build" and self.config.safe_replace and self.final_site_dir is None:
            self._start_staging(config)

    @event_priority(-200)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        i18n = self._i18n(config)
        language = i18n.current_language
        for bundle in self.bundles:
            files.append(File.generated(config, bundle.uri, content=bundle.content))
        for feature in self.features:
            if feature.pages is not None:
                add_generated_pages(files, config, i18n, feature.pages(self.data, language))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files):
        language = self._i18n(config).current_language
        for feature in self.features:
            if feature.page_markdown is not None:
                markdown = feature.page_markdown(markdown, page, self.data, language)
        edit_path = getattr(page.file, "edit_path", None)
        if edit_path and config.repo_url and config.edit_uri:
            # edit_uri points into the docs folder; the data file sits beside it.
            docs_name = Path(config.docs_dir).name
            edit_root = config.edit_uri.rstrip("/").removesuffix(docs_name)
            page.edit_url = urljoin(
                urljoin(config.repo_url.rstrip("/") + "/", edit_root), edit_path
            )
        return markdown

    def on_page_content(self, content: str, *, page: Page, config: MkDocsConfig, files: Files):
        depth = getattr(page.file, "outline_depth", None)
        if depth is not None and not page.toc.items:
            page.toc = outline(content, depth)
        return content

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        language = self._i18n(config).current_language
        data = self.data
        handbook = data.handbook
        context["handbook"] = {
            "name": data.text(handbook.name, language),
            "short_name": data.text(handbook.short_name or handbook.name, language),
            "tagline": data.text(handbook.tagline, language),
            "logo": handbook.logo,
            "website": handbook.website,
            "licence": data.text(handbook.licence, language),
            "email": handbook.contact.email if handbook.contact else None,
            "phone": handbook.contact.phone if handbook.contact else None,
            "address": data.text(handbook.contact.address, language) if handbook.contact else "",
            "language": language,
        }
        for feature in self.features:
            if feature.template_context is not None:
                context.update(feature.template_context(data, language))
        return context

    # After static-i18n (-100) has built every language and written the search index.
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        i18n = self._i18n(config)
        if i18n.building:
            return
        languages = [lang.locale for lang in i18n.config.languages if lang.build]
        context = BuildContext(
            self.data, config, Path(config.site_dir), languages, i18n.default_language
        )
        for feature in self.features:
            if feature.finalize is not None:
                feature.finalize(context)
        self._finish_staging(config)

    def on_shutdown(self) -> None:
        if self.warning_counter is not None:
            logging.getLogger("mkdocs").removeHandler(self.warning_counter)

    def _add_asset_links(self, config: MkDocsConfig) -> None:
        """Load the features' stylesheets and scripts on every page (once per config)."""
        present = {str(item) for item in config.extra_javascript} | set(config.extra_css)
        for bundle in self.bundles:
            if bundle.uri in present:
                continue
            if bundle.uri.endswith(".css"):
                config.extra_css.append(bundle.uri)
            else:
                config.extra_javascript.append(bundle.uri)

    def _i18n(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError(
                "The ngo-handbook plugin needs the i18n plugin (mkdocs-static-i18n) in "
                "mkdocs.yml, listed after it, with docs_structure: folder"
            )
        return i18n

    def _start_staging(self, config: MkDocsConfig) -> None:
        """Build into `<site>.partial`, so a failed build leaves the last good site as it was."""
        self.final_site_dir = Path(config.site_dir)
        staging = self.final_site_dir.with_name(self.final_site_dir.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        config.site_dir = str(staging)
        self.warning_counter = CountHandler()
        self.warning_counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.warning_counter)

    def _finish_staging(self, config: MkDocsConfig) -> None:
        if self.final_site_dir is None:
            return
        staging = Path(config.site_dir)
        if config.strict and self.warning_counter and self.warning_counter.get_counts():
            log.error(
                f"Warnings in strict mode: {self.final_site_dir} was left as it was; "
                f"the failed build is in {staging}"
            )
            return
        old = self.final_site_dir.with_name(self.final_site_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.final_site_dir.exists():
            self.final_site_dir.rename(old)
        staging.rename(self.final_site_dir)
        shutil.rmtree(old, ignore_errors=True)
        config.site_dir = str(self.final_site_dir)
        log.info(f"The handbook is in {self.final_site_dir}")
