"""Offline reading: a service worker and a "save for offline reading" button.

Volunteers in the field often lose the connection. Every page a visitor opens is kept by
the service worker; the button in the footer saves the whole handbook in the visitor's
language (pages, search index, styles and scripts) on the device in one go. Nothing is
sent anywhere: the worker only answers the site's own requests from the browser's cache.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from .context import BuildContext
from .feature import Feature
from .offline_copy import copy_link_context, write_offline_copy

WORKER = Path(__file__).parent / "assets" / "offline-worker.js"
MANIFEST = "offline.json"
_LUNR = re.compile(r"lunr\.([a-z]{2})\.min\.js$")


def site_files(site_dir: Path) -> list[tuple[Path, str]]:
    """Every file of the site, in order, with its path relative to the site."""
    return [
        (path, path.relative_to(site_dir).as_posix())
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    ]


def files_for_language(
    site_dir: Path, language: str, context: BuildContext, files: list[tuple[Path, str]]
) -> list[str]:
    """Every file a visitor needs to read the handbook in `language`, relative to the site
    (`files`: the site's, as `site_files` lists them)."""
    others = {lang for lang in context.languages if lang != context.default_language}
    root = context.site.folder(site_dir, language)
    inside = "" if root == site_dir else root.relative_to(site_dir).as_posix() + "/"
    found = []
    for path, relative in files:
        if not relative.startswith(inside):
            continue
        if not inside and relative.split("/", 1)[0] in others | {"assets"}:
            continue
        if path.name == "index.html":
            found.append(relative.removesuffix("index.html"))
        elif path.suffix in (".json", ".csv", ".svg", ".png") and "sitemap" not in path.name:
            found.append(relative)
    for path, relative in files:
        if not relative.startswith("assets/") or path.suffix == ".map":
            continue
        lunr = _LUNR.search(path.name)
        if lunr and lunr.group(1) != language:
            continue
        found.append(relative)
    return found


def write_offline_files(context: BuildContext) -> None:
    """Write the offline copy when it is wanted (it leaves out what is written below), then
    each language's list of files and the service worker, versioned by content."""
    write_offline_copy(context)
    site_dir = context.site_dir
    files = site_files(site_dir)
    manifests = {
        language: files_for_language(site_dir, language, context, files)
        for language in context.languages
    }
    digest = hashlib.sha256()
    for path, relative in files:
        if path.suffix in (".html", ".js", ".css", ".json"):
            digest.update(relative.encode())
            digest.update(path.read_bytes())
    version = digest.hexdigest()[:16]
    for language, found in manifests.items():
        root = context.site.folder(site_dir, language)
        prefix = context.site.prefix(language)
        (root / MANIFEST).write_text(
            json.dumps(
                {
                    "version": version,
                    "language": language,
                    "files": [prefix] + [f for f in found if f != prefix],
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    worker = WORKER.read_text(encoding="utf-8").replace("__VERSION__", version)
    (site_dir / "sw.js").write_text(worker, encoding="utf-8")


def offline_context(context: BuildContext, language: str) -> dict[str, Any]:
    """The footer's offline control: its strings and where the language's file list is."""
    return {
        "hb_offline": {
            "strings": context.strings.browser("offline", language),
            "manifest": context.site.prefix(language) + MANIFEST,
            "language": language,
            "download": copy_link_context(context, language),
        }
    }


FEATURE = Feature(
    name="offline",
    strings=("offline",),
    finalize=write_offline_files,
    template_context=offline_context,
    assets=("offline.js",),
)
