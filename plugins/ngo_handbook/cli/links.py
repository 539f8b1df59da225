"""Links in the built pages, checked on the output (MkDocs skips anchors under --strict),
and in the Markdown pages when the handbook cannot be built."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..background import forking
from ..problems import Location, Problem, did_you_mean
from .output import Report


class _PageLinks(HTMLParser):
    """The ids of a built page, and the links (href, text) inside its content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[list[str]] = []
        self._content_depth = 0
        self._open_link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        if tag == "article":
            if self._content_depth or "md-content__inner" in (values.get("class") or ""):
                self._content_depth += 1
        if tag == "a" and self._content_depth and values.get("href") is not None:
            self._open_link = [values["href"] or "", ""]
            self.links.append(self._open_link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._content_depth:
            self._content_depth -= 1
        if tag == "a":
            self._open_link = None

    def handle_data(self, data: str) -> None:
        if self._open_link is not None:
            self._open_link[1] += data


MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")

_SKIPPED_SUFFIXES = (".pdf",)  # not printed when check builds (HANDBOOK_PDF=0)


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def _source_line(source: Path | None, href: str, text: str) -> tuple[int, int, str]:
    """(line, column, the link as written) of a link in its source file, found by its text,
    its fragment or the last part of its address."""
    if source is None or not source.is_file():
        return 0, 0, href
    lines = source.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    text = " ".join(text.split())
    for number, line in enumerate(lines, 1):
        for match in MD_LINK.finditer(line):
            if text and " ".join(match["text"].split()) == text:
                return number, match.start() + 1, match["url"]
    parts = urlsplit(href)
    stem = posixpath.basename(parts.path.rstrip("/"))
    for needle in (f"#{parts.fragment}" if parts.fragment else "", stem, text):
        if not needle:
            continue
        for number, line in enumerate(lines, 1):
            if needle in line:
                return number, line.index(needle) + 1, href
    return 0, 0, href


def _page_sources(context, sources) -> dict[str, tuple[Path | None, str]]:
    """Built file (site-relative) → (its source file, its path as shown) for every page."""
    from ..features import FEATURES

    site = context.site
    found: dict[str, tuple[Path | None, str]] = {}
    for language in site.languages:
        folder = sources.docs_dir / language
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            uri = site.dest_uri(path.relative_to(folder).as_posix(), language)
            found[uri] = (path, context.display(path))
        for feature in FEATURES:
            if feature.pages is None:
                continue
            for page in feature.pages(context, language):
                edit = page.edit_path or f"{sources.data_dir.name}/"
                found.setdefault(
                    site.dest_uri(page.path, language), (sources.project_dir / edit, edit)
                )
    return found


def _read_page(path: Path) -> tuple[set[str], list[list[str]]]:
    """The ids of the built page `path`, and the links inside its content that lead into
    the site (href, text)."""
    parser = _PageLinks()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser.ids, [
        link
        for link in parser.links
        if link[0] and not _is_external(link[0]) and not link[0].startswith(("mailto:", "tel:"))
    ]


def _read_pages(paths: list[Path]) -> list[tuple[set[str], list[list[str]]]]:
    """`_read_page` of every path, shared among forked processes, one per core (a directory
    of ten thousand organisations has 40 MB of pages to read), or here where a process
    cannot fork."""
    cores = os.cpu_count() or 1
    if cores < 2 or len(paths) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_read_page(path) for path in paths]
    with (
        forking(),
        concurrent.futures.ProcessPoolExecutor(
            cores, mp_context=multiprocessing.get_context("fork")
        ) as pool,
    ):
        return list(pool.map(_read_page, paths, chunksize=max(1, len(paths) // (4 * cores))))


def check_built_links(site_dir: Path, context, sources, report: Report) -> None:
    """A problem for every link inside a built page's content whose page or anchor is missing."""
    paths = sorted(site_dir.rglob("*.html"))
    pages = {
        path.relative_to(site_dir).as_posix(): read
        for path, read in zip(paths, _read_pages(paths), strict=True)
    }
    origins = _page_sources(context, sources)
    for uri, (_, links) in pages.items():
        source, shown = origins.get(uri, (None, uri))
        for href, text in links:
            parts = urlsplit(urljoin("/" + uri, href))
            target = unquote(parts.path).lstrip("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            if (site_dir / target).is_dir():
                target += "/index.html"
            if target.lower().endswith(_SKIPPED_SUFFIXES):
                continue
            # The source is searched for a broken link only: a page made from a long data
            # file (ten thousand organisations) has thousands of links that lead somewhere.
            if not (site_dir / target).is_file():
                line, column, written = _source_line(source, href, text)
                report.problems.append(
                    Problem(
                        Location(shown, line, column),
                        f"the link '{written}' leads to a page that does not exist; "
                        "correct the address or create that page",
                    )
                )
                continue
            fragment = unquote(parts.fragment)
            if fragment and target in pages and fragment not in pages[target][0]:
                line, column, written = _source_line(source, href, text)
                hint = did_you_mean(fragment, sorted(pages[target][0]))
                report.problems.append(
                    Problem(
                        Location(shown, line, column),
                        f"the link '{written}' leads to '#{fragment}', which is not a "
                        f"heading or anchor of that page.{hint} Correct the part after '#'",
                    )
                )


def check_source_links(config, sources, report: Report) -> None:
    """When the handbook cannot be built: the links of the Markdown pages to pages that do
    not exist, and to headings that a hand-written page does not have."""
    import markdown as markdown_lib

    generated = set(sources.nav)
    forms = sources.data_dir / "forms"
    for path in forms.glob("*.yml") if forms.is_dir() else []:
        generated.add(f"forms/{path.stem}.md")
    converter = markdown_lib.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    id_cache: dict[Path, set[str]] = {}

    def heading_ids(page: Path) -> set[str]:
        if page not in id_cache:
            text = page.read_text(encoding="utf-8-sig", errors="replace")
            if text.startswith("---"):
                text = text.split("\n---", 2)[-1] if text.count("\n---") >= 1 else text
            converter.reset()
            html_text = converter.convert(text)
            id_cache[page] = set(re.findall(r"\bid=\"([^\"]+)\"", html_text))
        return id_cache[page]

    for language in sources.site.languages:
        folder = sources.docs_dir / language
        for page in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            lines = page.read_text(encoding="utf-8-sig", errors="replace").splitlines()
            here = page.relative_to(folder).parent.as_posix()
            for number, line in enumerate(lines, 1):
                for match in MD_LINK.finditer(line):
                    url = match["url"]
                    if _is_external(url) or url.startswith(("mailto:", "tel:")):
                        continue
                    parts = urlsplit(url)
                    where = Location(_display(page, sources), number, match.start() + 1)
                    if not parts.path:
                        target_file: Path | None = page
                    else:
                        target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
                        if not target.endswith(".md"):
                            continue
                        target_file = folder / target
                        if not target_file.is_file():
                            if target in generated:
                                continue  # a page made from data/: its anchors are unknown
                            report.problems.append(
                                Problem(
                                    where,
                                    f"the link '{url}' leads to a page that does not "
                                    "exist; correct the address or create that page",
                                )
                            )
                            continue
                    fragment = unquote(parts.fragment)
                    if fragment and fragment not in heading_ids(target_file):
                        hint = did_you_mean(fragment, sorted(heading_ids(target_file)))
                        report.problems.append(
                            Problem(
                                where,
                                f"the link '{url}' leads to '#{fragment}', which is "
                                f"not a heading of that page.{hint} Correct the part after '#'",
                            )
                        )


def _display(path: Path, sources) -> str:
    project = sources.project_dir
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)
