"""The offline copy: the whole site in one file, `handbook-offline.zip`, to hand out on a
USB stick. Unzipped, its `index.html` opens from the file system (file://), with no server
and no network: every language, search, the self-assessment, checklists and forms.

`ngo-handbook build --offline` (or the environment variable `HANDBOOK_OFFLINE_COPY=1`)
writes it into the site, and the footer of every page links to it with its size. The
copy differs from the site in what file:// needs:

- a folder address (`safety/`) would open a folder listing: links end in `index.html`
  (in the pages here; `offline.js` does the same for links the scripts make);
- a browser reads no JSON file and starts no Web Worker from file://: each language's
  search index is also a script (`search_index.js`, which Material's search loads on
  file://), and a small shim runs the search worker in an iframe;
- no service worker, no link to the copy itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from .context import BuildContext
from .reader_formats import size_text

SWITCH = "HANDBOOK_OFFLINE_COPY"
"""Environment variable: `1`/`on` writes the offline copy (`ngo-handbook build --offline`)."""
ZIP_NAME = "handbook-offline.zip"
FOLDER = "handbook-offline"
"""The folder the copy unzips into; its `index.html` opens the handbook."""
SHIM = Path(__file__).parent / "assets" / "vendor" / "iframe-worker.js"
SHIM_PATH = "assets/ngo-handbook/iframe-worker.js"
SEARCH_INDEX = "search/search_index.json"
LEFT_OUT = frozenset({"sw.js", "offline.json", "404.html"})
"""The service worker and its lists, and the page a server answers for a missing address
(its links are from the root of the host): of no use on file://."""

# The footer's link to the copy, between these marks; its size is filled in once the copy
# is written, and the link left out of the copy itself.
START, END = "<!--hb-offline-copy-->", "<!--/hb-offline-copy-->"
LINK_BLOCK = re.compile(
    re.escape(START) + r'(.*?data-language="([^"]*)".*?)' + re.escape(END), re.DOTALL
)
SIZE = "{size}"
# A relative link (no scheme, not from the root, not a fragment): its path, then the rest.
RELATIVE_LINK = re.compile(r'href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"?#]*)([^"]*)"')


def copy_wanted() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() in ("1", "on", "yes", "true")


def to_index_html(match: re.Match[str]) -> str:
    """A link to a folder (`safety/`, `../`, `.`) made a link to its index.html."""
    path, rest = match.group(1), match.group(2)
    if path.endswith("/"):
        path += "index.html"
    elif path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/index.html"
    else:
        return match.group(0)
    return f'href="{path}{rest}"'


def page_for_file_protocol(html: str, depth: int) -> str:
    """A page of the site as the copy holds it (see the module's description)."""
    root = "../" * depth
    html = LINK_BLOCK.sub("", html)
    html = RELATIVE_LINK.sub(to_index_html, html)
    return html.replace("</head>", f'<script src="{root}{SHIM_PATH}"></script></head>', 1)


def search_script(index_json: str) -> str:
    """The search index as the script Material's search loads on file://."""
    return f"var __index = {index_json}"


def index_for_file_protocol(index_json: str) -> str:
    """Locations in the index as links of the copy: `safety/#x` → `safety/index.html#x`."""
    index = json.loads(index_json)
    for doc in index.get("docs", []):
        path, hash_mark, fragment = doc["location"].partition("#")
        if path == "" or path.endswith("/"):
            path += "index.html"
        doc["location"] = path + hash_mark + fragment
    return json.dumps(index, ensure_ascii=False)


def write_offline_copy(context: BuildContext) -> None:
    """Write handbook-offline.zip into the site, then its size into every page's footer."""
    if not copy_wanted():
        return
    site = context.site_dir
    target = site / ZIP_NAME
    target.unlink(missing_ok=True)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(site.rglob("*")):
            relative = path.relative_to(site).as_posix()
            if not path.is_file() or path.name in LEFT_OUT or path.suffix in (".map", ".gz", ".br"):
                continue
            if path == partial:
                continue
            name = f"{FOLDER}/{relative}"
            if path.suffix == ".html":
                depth = relative.count("/")
                text = path.read_text(encoding="utf-8")
                add(archive, name, page_for_file_protocol(text, depth))
            elif relative.endswith(SEARCH_INDEX):
                index = index_for_file_protocol(path.read_text(encoding="utf-8"))
                add(archive, name, index)
                add(archive, name.removesuffix(".json") + ".js", search_script(index))
            else:
                add(archive, name, path.read_bytes())
        add(archive, f"{FOLDER}/{SHIM_PATH}", SHIM.read_bytes())
    shutil.move(partial, target)
    fill_in_size(site, target.stat().st_size)


def add(archive: zipfile.ZipFile, name: str, content: str | bytes) -> None:
    """One file of the copy, dated 1 January 1980 like every other: the same site gives
    the same archive, byte for byte, whenever and however it is built."""
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    archive.writestr(entry, content, compresslevel=6)


def fill_in_size(site: Path, size: int) -> None:
    """Put the copy's size, written in each page's language, into the footer's link."""

    def filled(match: re.Match[str]) -> str:
        return match.group(0).replace(SIZE, size_text(size, match.group(2)))

    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if START in html:
            page.write_text(LINK_BLOCK.sub(filled, html), encoding="utf-8")


def copy_link_context(context: BuildContext, language: str) -> dict[str, Any] | None:
    """The footer's link to the copy (its size still `{size}`), or None without a copy."""
    if not copy_wanted():
        return None
    strings = context.strings.get("offline", language)
    return {"href": ZIP_NAME, "text": strings["copy"], "note": strings["copy_note"]}
