"""The MkDocs plugin: the adapter between MkDocs (with static-i18n) and the handbook.

It holds no logic of its own: it hands the values of `mkdocs.yml` to `config_checks` when a
build starts, turns MkDocs' config into `loading.Sources`, makes one `BuildContext` per
build, hands MkDocs' events to the features declared in `features.FEATURES` (and a page's
source to `page_titles`), and turns the handbook's own `HandbookError` into MkDocs' error.
"""

from __future__ import annotations

import functools
import logging
import time
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from . import config_checks as checks
from .build_log import DETAILS, QuietBuild, quiet
from .content_checks import unused_media
from .context import BuildContext, nav_paths
from .feature import GeneratedPage, SourcePage
from .features import FEATURES, menu_pages, outside_menu, page_title
from .interface_strings import plural_rules_script
from .kept_renders import KeptRenders
from .loading import collector_paused, kept_values, load_handbook, release_loaded
from .mkdocs_config import HandbookConfig, list_theme_without_dot_folders, sources_from_config
from .mkdocs_pages import (
    NotFoundPages,
    add_generated_pages,
    edit_url,
    heading_in_language,
    outline,
    settle_files,
)
from .mkdocs_pages import mark_title_languages as mark_titles
from .mkdocs_renders import keep_render, keep_search_entries, message_class
from .page_dates import revision_date
from .page_slots import put_back
from .page_titles import title_for
from .partial_translations import missing_pages
from .preview import WatchedSources
from .problems import HandbookError
from .reader_formats import formats_script
from .rendering import plain, template_cache, title_language
from .site_assets import SiteAssets, font_files, link_shared_files, site_assets
from .site_folder import BuildLock, SiteFolder, running_command
from .theme import add_package_theme, theme_language_template

log = get_plugin_logger(__name__)
details = get_plugin_logger(DETAILS.removeprefix("mkdocs.plugins."))


def _reported(hook):
    """Let a hook raise the handbook's own error; MkDocs shows it as a plugin error."""

    @functools.wraps(hook)
    def wrapper(*args, **kwargs):
        try:
            return hook(*args, **kwargs)
        except HandbookError as error:
            raise PluginError(str(error)) from None

    return wrapper


class HandbookPlugin(NotFoundPages, WatchedSources, BasePlugin[HandbookConfig]):
    """Adds the data-driven pages, checks and downloads of an NGO handbook."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.context: BuildContext | None = None
        self.assets = SiteAssets((), ())
        self.site_folder: SiteFolder | None = None
        self.lock: BuildLock | None = None
        self.default_pages: dict[str, list[GeneratedPage]] = {}
        self.warning_counter: CountHandler | None = None
        self.quiet = QuietBuild()
        self.renders: KeptRenders | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self._end_build()
        quiet(self.quiet, on=True)

    def _end_build(self) -> None:
        """Forget the build that ended: MkDocs may reuse this plugin for the next one."""
        release_loaded()
        self.context = None
        self.site_folder = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if self.warning_counter is not None:
            logging.getLogger("mkdocs").removeHandler(self.warning_counter)
            self.warning_counter = None

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves the last good site as it was, and no side folder behind."""
        if self.site_folder is not None:
            self.site_folder.recover()
        self._end_build()

    # static-i18n calls MkDocs' build() once per language and each runs on_config: the
    # handbook is loaded once, on the first call, before anything is written.
    @event_priority(50)
    @_reported
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = config.plugins.get("i18n")
        if i18n is None or i18n.current_language is None:
            self._check_config(config)
            i18n = self._i18n(config)
        starting = i18n.current_language in (None, i18n.default_language)
        if self.context is None or (starting and not self.context.languages_apart):
            self._start_build(config, i18n)
        context = self.context
        assert context is not None
        language = i18n.current_language or i18n.default_language
        # The package's theme parts go behind the handbook's own overrides.
        config.theme.dirs[:] = add_package_theme(config.theme.dirs, config.theme.custom_dir)
        list_theme_without_dot_folders(config.theme)
        link_shared_files(self.assets, config.extra_css, config.extra_javascript)
        # Material prints the site name unescaped (<title>, header) except in the logo's
        # tooltip (`| e`): escaped once, and marked as such so `| e` leaves it. Our
        # templates use `handbook.name` from the page context instead.
        config.site_name = Markup.escape(plain(context.text(context.data.handbook.name, language)))
        if context.data.handbook.logo:
            config.theme["logo"] = config.theme["favicon"] = context.data.handbook.logo
        return config

    def _mkdocs_yml(self, config: MkDocsConfig) -> checks.ConfigFile:
        path = Path(config.config_file_path)
        return checks.ConfigFile.read(path, path.name)

    def _check_config(self, config: MkDocsConfig) -> None:
        """What can be wrong in mkdocs.yml before anything is read or written (the first
        on_config of a build, before static-i18n has applied a language's overrides)."""
        mkdocs_yml = self._mkdocs_yml(config)
        names = list(config.plugins)
        i18n = config.plugins.get("i18n")
        problems = checks.check_plugins(
            mkdocs_yml,
            names,
            i18n.config.docs_structure if i18n else None,
            i18n.config.fallback_to_default if i18n else None,
        )
        if i18n is not None:
            languages = [lang for lang in i18n.config.languages if lang.build]
            overrides = {
                lang.locale: lang.theme["direction"]
                for lang in languages
                if lang.theme and lang.theme.get("direction")
            }
            problems += checks.check_direction(mkdocs_yml, config.theme.get("direction"), overrides)
            if config.theme.name == "material":
                custom_dir = config.theme.custom_dir
                problems += checks.check_languages(
                    mkdocs_yml,
                    [lang.locale for lang in languages],
                    has_theme_strings=lambda code: (
                        theme_language_template(code, custom_dir) is not None
                    ),
                    custom_dir=self._display(config, custom_dir) if custom_dir else None,
                )
        if problems:
            raise HandbookError(problems)

    @staticmethod
    def _display(config: MkDocsConfig, path: str) -> str:
        root = Path(config.config_file_path).resolve().parent
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def _start_build(self, config: MkDocsConfig, i18n) -> None:
        sources = sources_from_config(config, self.config, self.command)
        if self.command == "build" and self.lock is None:
            site_dir = Path(config.site_dir)
            self.lock = BuildLock(site_dir, self._display(config, str(site_dir)) + ".lock")
            self.lock.acquire(running_command())
        stamp = time.time()
        self.renders = KeptRenders.for_project(sources.project_dir, stamp, message_class())
        with collector_paused():
            loaded = load_handbook(sources, kept_values(sources, stamp), finish=False)
        try:
            self._check_loaded(config, sources, loaded)
        except BaseException:
            loaded.cancel()
            raise
        self.context = loaded.context
        languages = self.context.languages
        self.assets = site_assets(
            FEATURES, script_prelude=plural_rules_script(languages) + formats_script(languages)
        )
        if self.command == "build" and self.config.safe_replace and self.site_folder is None:
            self._start_staging(config)

    def _check_loaded(self, config: MkDocsConfig, sources, loaded) -> None:
        """Check the languages and the menu of `mkdocs.yml` against the loaded handbook
        while its advice is found (`Loaded.finish`), then show the warnings."""
        context = loaded.context
        mkdocs_yml = self._mkdocs_yml(config)
        problems = checks.check_languages(
            mkdocs_yml,
            context.languages,
            has_interface_strings=context.strings.has_language,
            strings_dir=self._display(config, str(sources.data_dir / "strings")),
        )
        # The default language's pages, made once: their paths are checked against the
        # menu, and the default language's build adds them.
        self.default_pages = {
            feature.name: list(feature.pages(context, context.default_language))
            for feature in FEATURES
            if feature.pages is not None
        }
        generated = menu_pages(self.default_pages.values())
        written = checks.content_pages(sources.docs_dir, context.languages)
        nav = checks.check_nav(
            mkdocs_yml, nav_paths(config.nav) if config.nav else None, generated, written
        )
        if problems or nav.errors:
            raise HandbookError([*problems, *nav.errors, *loaded.advice_problems()])
        loaded.finish()
        for warning in [*loaded.warnings, *nav.warnings]:
            log.warning(str(warning))
        for note in loaded.notes:
            log.info(str(note))

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.bytecode_cache = template_cache()
        env.globals["handbook_early_script"] = Markup(self.assets.early_script)
        return env

    @event_priority(-200)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        i18n = self._i18n(config)
        language = i18n.current_language
        context = self.context
        for bundle in [*self.assets.files(), *font_files()]:
            files.append(File.generated(config, bundle.uri, content=bundle.content))
        for feature in FEATURES:
            if feature.pages is not None:
                pages = self._pages(feature, language)
                add_generated_pages(files, config, i18n, context.site, pages)
        owned = (outside_menu(context), missing_pages(context), unused_media(context))
        settle_files(files, config, context.site, language, *owned)
        keep_search_entries(config, self.renders, language)
        return files

    def _pages(self, feature, language: str) -> list[GeneratedPage]:
        if language == self.context.default_language and feature.name in self.default_pages:
            return self.default_pages.pop(feature.name)
        return list(feature.pages(self.context, language))

    @_reported
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files):
        context = self.context
        language = self._i18n(config).current_language
        source = self._source_page(page, language)
        # Before the features add anything above the heading (MkDocs would name the page
        # after its file then): the menu, search and bookmarks show the page's heading.
        # A generated page's title is escaped already (`rendering.front_matter`).
        escaped = source.generated or isinstance(page.meta.get("title"), Markup)
        title = None if escaped else title_for(page.meta, markdown)
        if title is None and not page.meta.get("title"):
            title = title_for({"title": page_title(source, context)}, "")
            page.meta.update(title_language(title))
        if title is not None:
            # A title in another language is marked by its `lang` (`title_language`), not
            # by an element: the title goes into `<title>` and search too.
            page.meta["title"] = Markup(plain(title))
        for feature in FEATURES:
            if feature.page_markdown is not None:
                markdown = feature.page_markdown(markdown, source, context)
        edit_path = getattr(page.file, "edit_path", None)
        page.meta["revision_date"] = revision_date(context, source, edit_path)  # shown by Material
        page.edit_url = edit_url(page, config, source.generated, edit_path)
        keep_render(page, self.renders, language)
        return markdown

    def _source_page(self, page: Page, language: str) -> SourcePage:
        file = page.file
        path = file.src_uri.removeprefix(f"{language}/")
        if file.abs_src_path:
            source_file = Path(file.abs_src_path)
            display = self.context.display(source_file)
        else:
            source_file = None
            display = getattr(file, "edit_path", None) or file.src_uri
        return SourcePage(path, language, display, source_file, dict(page.meta or {}))

    def on_page_content(self, content: str, *, page: Page, config: MkDocsConfig, files: Files):
        depth = getattr(page.file, "outline_depth", None)
        if depth is not None and not page.toc.items:
            page.toc = outline(content, depth)
        return heading_in_language(content, page)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = put_back(output, self.context)
        for feature in FEATURES:
            if feature.page_html is not None:
                output = feature.page_html(output, page.file.dest_uri, self.context)
        return output

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        language = self._i18n(config).current_language
        mark_titles(nav, page)
        context["handbook_assets"] = self.assets.for_page(page.content or "", language)
        for feature in FEATURES:
            if feature.template_context is not None:
                context.update(feature.template_context(self.context, language))
        return context

    # After static-i18n (-100) has built every language and written the search index.
    @event_priority(-200)
    @_reported
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        i18n = self._i18n(config)
        self.context.site_dir = Path(config.site_dir)
        self._report_renders()
        # static-i18n builds the other languages from the default language's on_post_build
        # (`building` on); the default language's own ends last. With --jobs every
        # language's build runs with `building` on, and the parent only finishes.
        if i18n.building:
            self._language_built(i18n.current_language)
            return
        if not self.context.languages_apart:
            self._language_built(self.context.default_language)
        self.renders.prune()
        self.context.kept.prune()
        for feature in FEATURES:
            if feature.finalize is not None:
                feature.finalize(self.context)
        self._finish_staging(config)

    def _report_renders(self) -> None:
        """How many pages of each language built since the last report were converted
        from Markdown, and how many taken from the cache."""
        kept = self.renders
        if kept is None:
            return
        for language, (made, reused) in kept.counts.items():
            details.info(
                f"Pages of '{language}': {made} converted from Markdown, {reused} unchanged "
                f"since the last build, taken from {self.context.display(kept.folder)}"
            )
        for language, (made, reused) in kept.search_counts.items():
            details.info(
                f"Search entries of '{language}': {made} made, {reused} unchanged "
                "since the last build"
            )
        kept.counts.clear()
        kept.search_counts.clear()

    def _language_built(self, language: str) -> None:
        for feature in FEATURES:
            if feature.language_built is not None:
                feature.language_built(self.context, language)

    def on_shutdown(self) -> None:
        # A build stopped by Ctrl+C (which MkDocs' on_build_error does not see).
        if self.site_folder is not None:
            self.site_folder.recover()
        self._end_build()
        quiet(self.quiet, on=False)

    def _i18n(self, config: MkDocsConfig):
        """static-i18n's plugin; `_check_config` stopped the build in on_config without it."""
        return config.plugins["i18n"]

    def _start_staging(self, config: MkDocsConfig) -> None:
        """Build into `<site>.partial`, so a failed build leaves the last good site as it was."""
        self.site_folder = SiteFolder(Path(config.site_dir))
        config.site_dir = str(self.site_folder.start())
        self.warning_counter = CountHandler()
        self.warning_counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.warning_counter)

    def _finish_staging(self, config: MkDocsConfig) -> None:
        folder = self.site_folder
        if folder is None:
            return
        if config.strict and self.warning_counter and self.warning_counter.get_counts():
            log.error(f"Warnings in strict mode: {folder.final} was left as it was")
            folder.recover()
            self._end_build()
            return
        folder.finish()
        config.site_dir = str(folder.final)
        log.info(f"The handbook is in {folder.final}")
        self._end_build()
