"""The live preview (`mkdocs serve`, `ngo-handbook serve`): what it watches."""

from __future__ import annotations

from pathlib import Path


class WatchedSources:
    """MkDocs' preview rebuilds when a page or mkdocs.yml changes (the theme only with
    `--watch-theme`); this event adds the handbook's `data/` and its `overrides/`, where
    staff edit too. Mixed into the plugin, whose options name the data folder."""

    def on_serve(self, server, *, config, builder):
        root = Path(config.config_file_path).parent
        for folder in (root / self.config.data_dir, config.theme.custom_dir):
            if folder and Path(folder).is_dir():
                server.watch(str(folder))
        return server
