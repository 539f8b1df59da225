"""The features' stylesheets and scripts, joined into one file of each kind.

Every page loads them all. A phone on a slow line waits for each render-blocking
stylesheet in turn, so the five feature stylesheets go out as one file, and the scripts as
another. The file name carries a hash of the content: after an update no browser keeps
showing an old copy from its cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
FOLDER = "assets/ngo-handbook/"
FONTS = "fonts"
"""The webfonts under `assets/` (with their licence), published as they are beside the
joined stylesheet, which loads them from `fonts/`: no request leaves the site."""


@dataclass(frozen=True)
class Bundle:
    """One joined file: where it is published and what it holds."""

    uri: str
    """Path in the built site, for example `assets/ngo-handbook/handbook.1a2b3c4d.css`."""
    content: str | bytes


def asset_bundles(names: Iterable[str], script_prelude: str = "") -> list[Bundle]:
    """The .css and the .js files among `names` (under the package's `assets/`), each kind
    joined in the order given; `script_prelude` (generated JavaScript, such as the plural
    rules of `interface_strings.plural_rules_script`) comes first in the script."""
    names = list(names)
    found = []
    for suffix in (".css", ".js"):
        parts = [
            f"/* {name} */\n" + (ASSETS / name).read_text(encoding="utf-8").rstrip() + "\n"
            for name in names
            if name.endswith(suffix)
        ]
        if suffix == ".js" and script_prelude.strip():
            parts.insert(0, "/* generated */\n" + script_prelude.rstrip() + "\n")
        if not parts:
            continue
        # A script that ends without a semicolon must not run into the next one.
        content = (";\n" if suffix == ".js" else "\n").join(parts)
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
        found.append(Bundle(f"{FOLDER}handbook.{digest}{suffix}", content))
    return found


def font_files() -> list[Bundle]:
    """The package's webfonts and their licence, where the stylesheet finds them."""
    return [
        Bundle(f"{FOLDER}{FONTS}/{path.name}", path.read_bytes())
        for path in sorted((ASSETS / FONTS).iterdir())
        if path.suffix in (".woff2", ".txt")
    ]
