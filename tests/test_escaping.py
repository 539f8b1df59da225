"""No value from `data/` ever reaches the built HTML as markup.

Every text of every data file (handbook.yml, the checklists, the directory, the forms, the
self-assessment, and any file added later) is replaced by HTML and script payloads; values
the schema must accept as they are (ids, links, e-mail addresses, choices, references to
other files) fall back to a link-shaped payload, then to their own value. The site is built
and every HTML page is parsed: no payload may come out as an element, an attribute, a
`javascript:` link or a break out of an inline script.
"""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import LANGUAGES, copy_sources, load_data, run_build
from ngo_handbook.problems import HandbookError
from ngo_handbook.yaml_source import parse_yaml

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = pytest.mark.xdist_group("poisoned-site")

MARK = "hb-xss"


def text_payload(file: str) -> str:
    """HTML, attribute, entity, Markdown-link and script payloads naming their file."""
    return (
        f'<{MARK} data-{MARK}="{file}">x</{MARK}>"\'><{MARK} data-{MARK}="attr"> '
        f"&lt;{MARK} data-{MARK}=&quot;entity&quot;&gt; "
        f"[link](javascript:hbxss(1)) </script><{MARK}></{MARK}> *{file}*"
    )


def link_payload(file: str) -> str:
    """A value that passes as an http(s) link yet tries to break out of its attribute."""
    return f'https://example.org/{file}?q="><{MARK}/data-{MARK}=link>'


def leaves(value: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every string value in a YAML tree (keys are left as they are)."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in leaves(item, (*path, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in leaves(item, (*path, index))]
    return [path] if isinstance(value, str) else []


def set_at(tree: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        tree = tree[part]
    tree[path[-1]] = value


def get_at(tree: Any, path: tuple) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def dump(tree: Any) -> str:
    return yaml.dump(
        tree, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10**6
    )


def poison_data(data_dir: Path) -> dict[str, int]:
    """Put payloads in every string of every data file that the schemas allow to hold them.

    Returns, per file, how many values carry a text payload.
    """
    originals = {
        path.relative_to(data_dir).as_posix(): load(path.read_text("utf-8"))
        for path in sorted(data_dir.rglob("*.yml"))
    }
    trees = {name: load(dump(tree)) for name, tree in originals.items()}
    # For each value: 0 = text payload, 1 = link payload, 2 = its own value.
    level = {(name, path): 0 for name, tree in trees.items() for path in leaves(tree)}
    # Cross-file checks run only once every file validates: allow a few rounds. A file is
    # written and read back again only when one of its values changed in the last round.
    marks: dict[str, dict[int, list[tuple]]] = {}  # per file: line -> value paths
    changed = set(trees)
    for _ in range(12):
        for name in changed:
            tree = trees[name]
            marks[name] = {}
            for path in leaves(tree):
                choice = level[(name, path)]
                if choice == 0:
                    set_at(tree, path, text_payload(name))
                elif choice == 1:
                    set_at(tree, path, link_payload(name))
                else:
                    set_at(tree, path, get_at(originals[name], path))
            text = dump(tree)
            (data_dir / name).write_text(text, encoding="utf-8")
            document, _ = parse_yaml(text, f"data/{name}")
            for path in leaves(tree):
                line = document.value_marks[path][0]
                marks[name].setdefault(line, []).append(path)
        try:
            load_data(data_dir.parent)
            break
        except HandbookError as error:
            changed = set()
            stuck = []
            for problem in error.problems:
                name = problem.location.file.removeprefix("data/")
                paths = marks.get(name, {}).get(problem.location.line, [])
                raised = [p for p in paths if level[(name, p)] < 2]
                if not raised:
                    stuck.append(str(problem))
                for path in raised:
                    level[(name, path)] += 1
                    changed.add(name)
            assert not stuck, "problems no payload fallback can fix:\n" + "\n".join(stuck)
    else:
        pytest.fail("the data files never validated with payloads in them")
    return {
        name: sum(1 for (n, _), choice in level.items() if n == name and choice == 0)
        for name in trees
    }


class PayloadFinder(html.parser.HTMLParser):
    """Collects every place where a payload became markup instead of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[int, int]]] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = self.getpos()
        for name, value in attrs:
            if name.startswith(f"data-{MARK}"):
                self.found.append((f"element <{tag} {name}={value!r}>", where))
            if name in ("href", "src", "action", "formaction") and value:
                if re.sub(r"\s", "", value).lower().startswith("javascript:"):
                    self.found.append((f"{name}={value!r} on <{tag}>", where))
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        # Inside a script a payload must stay in an escaped string: a bare quote before
        # the payload means it closed the string it was put in.
        if self.in_script and re.search(rf"(?<!\\)\"'><{MARK}", data):
            self.found.append(("script-string breakout", self.getpos()))


TITLED_PAGE = "content/en/education.md"
TITLE_PAYLOAD = (
    f'Education <{MARK} data-{MARK}="{TITLED_PAGE}">x</{MARK}> </title>'
    f'<{MARK} data-{MARK}="closing-title">'
)


def poison_title(project: Path) -> None:
    """A hand-written page whose front-matter title is markup and closes the <title>."""
    page = project / TITLED_PAGE
    text = page.read_text(encoding="utf-8")
    old = text.split("\n")[1]
    assert old.startswith("title: "), old
    page.write_text(text.replace(old, "title: " + json.dumps(TITLE_PAYLOAD), 1), "utf-8")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    project = copy_sources(tmp_path_factory.mktemp("poisoned"))
    counts = poison_data(project / "data")
    poison_title(project)
    result = run_build(project, strict=False)
    assert result.ok, f"the site with payloads in its data does not build:\n{result.output}"
    return result.site, counts


def test_every_data_file_carries_payloads(poisoned_site) -> None:
    _, counts = poisoned_site
    for name in ("handbook.yml", "orientation.yml", "safety.yml", "rights_duties.yml"):
        assert name in counts, f"data/{name} is missing from the sample"
    empty = [name for name, count in counts.items() if count == 0]
    assert not empty, f"no value of these files could hold a payload: {empty}"


def test_no_payload_reaches_the_html_unescaped(poisoned_site) -> None:
    site, _ = poisoned_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    # One line per data file and kind of leak, with how many pages and an example.
    leaks: dict[tuple[str, str], list[str]] = {}
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        finder = PayloadFinder()
        finder.feed(markup)
        for what, (line, column) in finder.found:
            source = re.search(rf"data-{MARK}='?\"?([\w/.-]+\.yml)", what)
            key = (source.group(1) if source else "a quote-breaking payload", what.split(" ")[0])
            offset = sum(len(row) + 1 for row in markup.split("\n")[: line - 1]) + column
            example = " ".join(markup[max(offset - 100, 0) : offset + 40].split())
            leaks.setdefault(key, []).append(f"{page.relative_to(site)}: …{example}")
    report = [
        f"{source}: {len(places)} leaks ({kind}), e.g. {places[0]}"
        for (source, kind), places in sorted(leaks.items())
    ]
    assert not report, "payloads from data/ reached the HTML as markup:\n" + "\n".join(report)


def test_every_data_file_shows_up_escaped_in_some_page(poisoned_site) -> None:
    """The payloads did reach the pages, as text: the test above is not vacuous."""
    site, counts = poisoned_site
    text = "\n".join(page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    missing = [
        name
        for name in counts
        if not re.search(rf"&lt;{MARK} data-{MARK}=(&quot;|&#34;|&#x22;){re.escape(name)}", text)
    ]
    assert not missing, f"no page shows a value of: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_pages_show_the_payload_as_text(poisoned_site, language: str) -> None:
    site, _ = poisoned_site
    prefix = "" if language == "en" else f"{language}/"
    for page, source in (
        ("orientation", "orientation.yml"),
        ("safety", "safety.yml"),
        ("rights-and-duties", "rights_duties.yml"),
    ):
        html_text = (site / prefix / page / "index.html").read_text(encoding="utf-8")
        escaped = re.findall(
            rf"&lt;{MARK} data-{MARK}=(?:&quot;|&#34;){re.escape(source)}", html_text
        )
        assert len(escaped) > 10, (page, language)


def test_a_page_title_is_text_in_the_menu_the_title_and_search(poisoned_site) -> None:
    """A title from a page's front matter reaches every page through the menu, the page's
    <title> and the search index: as text, once escaped."""
    site, _ = poisoned_site
    escaped = f"Education &lt;{MARK} data-{MARK}=&quot;{TITLED_PAGE}&quot;&gt;"
    education = (site / "education" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{escaped}" in education
    home = (site / "index.html").read_text(encoding="utf-8")
    assert escaped in home, "the menu of another page lacks the title"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if MARK in doc["title"]]
    assert any(title.startswith(escaped) for title in titles), titles
    assert not any(f"<{MARK}" in title for title in titles), titles


def test_the_site_name_is_escaped_once_in_the_logo_tooltip(poisoned_site) -> None:
    site, _ = poisoned_site
    home = (site / "index.html").read_text(encoding="utf-8")
    tooltip = re.search(r'title="([^"]*)" class="md-header__button md-logo"', home)
    assert tooltip, "no logo link in the header"
    # Escaped twice, it would start with `&amp;lt;`.
    assert tooltip.group(1).startswith(f"&lt;{MARK} data-{MARK}=&#34;handbook.yml&#34;&gt;")
