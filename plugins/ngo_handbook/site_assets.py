"""The features' stylesheets and scripts: one shared pair for every page, and each
feature's own pair for the pages that show it.

What every page needs (the theme, the interface strings, storage, the offline button) is
joined into one stylesheet and one script, kept in the browser's cache from the first page
on. A feature that only some pages show (a checklist, a form, the partner directory) has its
own pair, loaded by a page only when its HTML holds one of the feature's class names
(`Feature.marks`), wherever that came from: a generated page, a `{{ handbook: … }}` block in
a chapter, a note. A phone on a slow line then waits for no stylesheet the page does not use.

Each file name carries a hash of the content: after an update no browser keeps showing an
old copy from its cache.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

ASSETS = Path(__file__).parent / "assets"
FOLDER = "assets/ngo-handbook/"
SHARED = "handbook"
"""The name of the shared pair (`handbook.<hash>.css`)."""
FONTS = "fonts"
"""The webfonts under `assets/` (with their licence), published as they are beside the
joined stylesheets, which load them from `fonts/`: no request leaves the site."""

ARABIC_FONTS = ("NotoNaskhArabic-Regular.woff2", "NotoNaskhArabic-Bold.woff2")
"""The webfonts of the Arabic script (`theme.css`), which its pages ask for at once."""

_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')


@dataclass(frozen=True)
class Bundle:
    """One joined file: where it is published and what it holds."""

    uri: str
    """Path in the built site, for example `assets/ngo-handbook/handbook.1a2b3c4d.css`."""
    content: str | bytes


@dataclass(frozen=True)
class FeatureBundles:
    """A feature's own stylesheet and script, and the class names that call for them."""

    marks: tuple[str, ...]
    bundles: tuple[Bundle, ...]

    def shown_by(self, classes: set[str]) -> bool:
        """Whether a page with these class names shows the feature: a class is a mark, or
        starts with a mark and `-` or `_` (`hb-form` is shown by `hb-form-tick`, not by
        `hb-forms-index`)."""
        return any(
            name == mark or name.startswith((mark + "-", mark + "_"))
            for name in classes
            for mark in self.marks
        )


@dataclass(frozen=True)
class SiteAssets:
    """Every joined file of a build: the shared pair and each feature's own."""

    shared: tuple[Bundle, ...]
    features: tuple[FeatureBundles, ...]
    early_script: str = ""
    """What runs before Material's script, written into every page (`Feature.early_scripts`)."""

    def files(self) -> list[Bundle]:
        """Every joined file, to publish."""
        return [*self.shared, *(bundle for own in self.features for bundle in own.bundles)]

    def for_page(self, html: str, language: str) -> dict[str, list[str]]:
        """What a page in `language` loads besides the shared pair: the feature files its
        HTML calls for, by kind (`css`, `js`), in the order of the features; and the fonts
        to fetch before its stylesheets have said so (`fonts`)."""
        classes = {name for found in _CLASS_ATTRIBUTE.findall(html) for name in found.split()}
        uris = [
            bundle.uri for own in self.features if own.shown_by(classes) for bundle in own.bundles
        ]
        found = {kind: [uri for uri in uris if uri.endswith("." + kind)] for kind in ("css", "js")}
        return {**found, "fonts": preloaded_fonts(language)}


def link_shared_files(assets: SiteAssets, extra_css: list, extra_javascript: list) -> None:
    """Load the shared stylesheet and script on every page, through MkDocs' `extra_css` and
    `extra_javascript` (once per config: a file already listed is not added again); each
    page adds the files of the features it shows (`theme/main.html`).

    The shared stylesheet goes before the handbook's own `extra_css`, so that a handbook's
    rule wins over the package's at equal specificity."""
    present = {str(item) for item in extra_javascript} | {str(item) for item in extra_css}
    position = 0
    for bundle in assets.shared:
        if bundle.uri in present:
            continue
        if bundle.uri.endswith(".css"):
            extra_css.insert(position, bundle.uri)
            position += 1
        else:
            extra_javascript.append(bundle.uri)


def joined(name: str, files: Iterable[str], script_prelude: str = "") -> list[Bundle]:
    """The .css and the .js files among `files` (under the package's `assets/`), each kind
    joined in the order given into `<name>.<hash>.<kind>`; `script_prelude` (generated
    JavaScript, such as the plural rules of `interface_strings.plural_rules_script`) comes
    first in the script."""
    files = list(files)
    found = []
    for suffix in (".css", ".js"):
        parts = [
            f"/* {file} */\n" + (ASSETS / file).read_text(encoding="utf-8").rstrip() + "\n"
            for file in files
            if file.endswith(suffix)
        ]
        if suffix == ".js" and script_prelude.strip():
            parts.insert(0, "/* generated */\n" + script_prelude.rstrip() + "\n")
        if not parts:
            continue
        # A script that ends without a semicolon must not run into the next one.
        content = (";\n" if suffix == ".js" else "\n").join(parts)
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
        found.append(Bundle(f"{FOLDER}{name}.{digest}{suffix}", content))
    return found


def site_assets(features: Iterable, script_prelude: str = "") -> SiteAssets:
    """The joined files of these features (`feature.Feature` values): the assets of a
    feature without `marks` go into the shared pair, in the features' order (with
    `script_prelude` first in its script); a feature with marks gets a pair of its own."""
    features = list(features)
    shared = [file for feature in features if not feature.marks for file in feature.assets]
    own = tuple(
        FeatureBundles(feature.marks, tuple(joined(feature.name, feature.assets)))
        for feature in features
        if feature.marks and feature.assets
    )
    early = [
        (ASSETS / file).read_text(encoding="utf-8").strip()
        for feature in features
        for file in feature.early_scripts
    ]
    # Written inside <script>: a closing tag in it would end the element early.
    assert not any("</" in text for text in early), "an early script holds '</'"
    return SiteAssets(tuple(joined(SHARED, shared, script_prelude)), own, ";\n".join(early))


def preloaded_fonts(language: str) -> list[str]:
    """The fonts a page in `language` fetches together with its stylesheets: the Arabic
    webfonts for a language written in the Arabic script (Arabic, Persian, Urdu…, by
    CLDR's likely script), whose every line waits for them. Found only through the
    stylesheet, they would arrive after the text was first drawn in another font, and
    every line would move when they did."""
    likely = get_global("likely_subtags").get(re.split(r"[-_]", language)[0].lower(), "")
    if "_Arab" not in likely:
        return []
    return [f"{FOLDER}{FONTS}/{name}" for name in ARABIC_FONTS]


def font_files() -> list[Bundle]:
    """The package's webfonts and their licence, where the stylesheets find them."""
    return [
        Bundle(f"{FOLDER}{FONTS}/{path.name}", path.read_bytes())
        for path in sorted((ASSETS / FONTS).iterdir())
        if path.suffix in (".woff2", ".txt")
    ]
