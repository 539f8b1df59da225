"""Orientation checklists, safety topics, rights and duties: pages and embeddable blocks.

Each data file (`orientation.yml`, `safety.yml`, `rights_duties.yml`) becomes a page in
every language and a block for `{{ handbook: … }}` (see `embedding`). Orientation and safety
render as checklists: boxes to tick on screen (`assets/checklists.js` keeps the ticks in
localStorage under the page path and the checklist id), a sheet with signature lines on
paper (`assets/checklists.css`: A4, no site navigation, no item split across pages).

The printout shows the boxes as the person sees them: ticked where ticked on screen, empty
elsewhere. A coordinator who ticks during the talk prints a record to sign; Reset first
gives a blank sheet to fill in with a pen. The note under the buttons says so.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass

from . import orientation, rights_duties, safety
from .embedding import Block, expand_directives, register_block
from .features import Feature
from .generated_pages import GeneratedPage
from .interface_strings import interface_strings
from .rendering import front_matter, heading, render


def strings(language: str) -> dict[str, str]:
    """Interface strings of the checklists in `language`, English where one is missing."""
    return interface_strings("checklists", language)


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    label: str
    details: str = ""


@dataclass(frozen=True)
class ChecklistSection:
    id: str
    title: str
    items: list[ChecklistItem]


@dataclass(frozen=True)
class Checklist:
    """A checklist ready to render: plain strings in one language."""

    id: str
    """Unique on the page: the element id and, with the page path, the storage key."""
    title: str
    introduction: str
    sections: list[ChecklistSection]
    show_title: bool = True
    """False where the page's own title already names the checklist."""


def _compact(markup: str) -> str:
    """HTML without blank lines, so Python-Markdown keeps it as one raw block."""
    return "\n".join(line for line in markup.splitlines() if line.strip()) + "\n"


def render_checklist(checklist: Checklist, data, language: str) -> str:
    """The HTML of one checklist (values escaped by the template)."""
    return _compact(
        render(
            "checklists/checklist.html",
            checklist=checklist,
            strings=strings(language),
            organisation=data.text(data.handbook.name, language),
        )
    )


# --- orientation -----------------------------------------------------------------------


def orientation_checklists(data, language: str, only: str | None = None) -> list[Checklist]:
    document: orientation.Orientation = data.get(orientation.FILE)
    text = data.text
    return [
        Checklist(
            id=f"orientation-{checklist.id}",
            title=text(checklist.title, language),
            introduction=text(checklist.introduction, language),
            sections=[
                ChecklistSection(
                    section.id,
                    text(section.title, language),
                    [
                        ChecklistItem(
                            item.id, text(item.text, language), text(item.details, language)
                        )
                        for item in section.items
                    ],
                )
                for section in checklist.sections
            ],
        )
        for checklist in document.checklists
        if only is None or checklist.id == only
    ]


def render_orientation(data, language: str, options: dict[str, str]) -> str:
    lists = orientation_checklists(data, language, options.get("checklist"))
    return "".join(render_checklist(checklist, data, language) for checklist in lists)


# --- safety ----------------------------------------------------------------------------


def safety_checklist(data, language: str, group: str | None = None) -> Checklist:
    document: safety.Safety = data.get(safety.FILE)
    text = data.text
    groups = [g for g in document.groups if group is None or g.id == group]
    return Checklist(
        id="safety" if group is None else f"safety-{group}",
        title=text(document.title, language) if group is None else text(groups[0].title, language),
        introduction="",
        sections=[
            ChecklistSection(
                g.id,
                text(g.title, language) if group is None else "",
                [
                    ChecklistItem(t.id, text(t.title, language), text(t.explanation, language))
                    for t in g.topics
                ],
            )
            for g in groups
        ],
    )


def render_safety(data, language: str, options: dict[str, str]) -> str:
    return render_checklist(safety_checklist(data, language, options.get("group")), data, language)


def render_safety_page(data, language: str) -> str:
    """The safety page's checklist, without a heading that would repeat the page title."""
    checklist = dataclasses.replace(safety_checklist(data, language), show_title=False)
    return render_checklist(checklist, data, language)


# --- rights and duties -----------------------------------------------------------------


def render_rights_duties(data, language: str, options: dict[str, str]) -> str:
    """Both parties' duties and rights, numbered as in the agreement, plus remote extras."""
    document: rights_duties.RightsAndDuties = data.get(rights_duties.FILE)
    words = strings(language)
    text = data.text
    chosen = [options["party"]] if "party" in options else list(rights_duties.PARTIES)
    numbers = {
        (party, kind): 2 * p + k + 1
        for p, party in enumerate(rights_duties.PARTIES)
        for k, kind in enumerate(rights_duties.KINDS)
    }

    def lists(party: str, remote: bool) -> list[dict]:
        found = []
        for kind in rights_duties.KINDS:
            general = document.items(party, kind)
            items = document.remote_items(party, kind) if remote else general
            if items:
                found.append(
                    {
                        "kind": kind,
                        "heading": words[kind],
                        "number": numbers[(party, kind)],
                        "start": len(general) if remote else 0,
                        "entries": [{"id": i.id, "text": text(i.text, language)} for i in items],
                    }
                )
        return found

    parties = [
        {"key": p, "name": text(document.party(p).name, language), "lists": lists(p, False)}
        for p in chosen
    ]
    remote = None
    if document.remote is not None:
        remote_parties = [
            {"key": p, "name": text(document.party(p).name, language), "lists": lists(p, True)}
            for p in chosen
        ]
        remote_parties = [party for party in remote_parties if party["lists"]]
        if remote_parties:
            remote = {
                "heading": words["remote"],
                "introduction": text(document.remote.introduction, language),
                "parties": remote_parties,
            }
    anchor = (
        "rights-and-duties" if "party" not in options else f"rights-and-duties-{options['party']}"
    )
    return _compact(
        render("checklists/rights_duties.html", anchor=anchor, parties=parties, remote=remote)
    )


# --- pages and blocks ------------------------------------------------------------------


def _page(
    data, language: str, path: str, source: str, title, introduction, body: str
) -> GeneratedPage:
    title_text = data.text(title, language)
    intro_text = data.text(introduction, language)
    markdown = front_matter(
        title=title_text,
        description=" ".join(intro_text.split()) if intro_text else None,
    ) + heading(title_text)
    if intro_text:
        markdown += f'<p class="hb-lead">{html.escape(intro_text)}</p>\n\n'
    markdown += body
    return GeneratedPage(path=path, markdown=markdown, edit_path=f"{data.data_dir_name}/{source}")


def pages(data, language: str) -> list[GeneratedPage]:
    """The orientation, safety and rights-and-duties pages that have a data file."""
    found = []
    if (document := data.get(orientation.FILE)) is not None:
        found.append(
            _page(
                data,
                language,
                "orientation.md",
                orientation.FILE,
                document.title,
                document.introduction,
                render_orientation(data, language, {}),
            )
        )
    if (document := data.get(safety.FILE)) is not None:
        found.append(
            _page(
                data,
                language,
                "safety.md",
                safety.FILE,
                document.title,
                document.introduction,
                render_safety_page(data, language),
            )
        )
    if (document := data.get(rights_duties.FILE)) is not None:
        found.append(
            _page(
                data,
                language,
                "rights-and-duties.md",
                rights_duties.FILE,
                document.title,
                document.introduction,
                render_rights_duties(data, language, {}),
            )
        )
    return found


register_block(
    Block(
        "orientation",
        orientation.FILE,
        render_orientation,
        {"checklist": lambda data: [c.id for c in data.get(orientation.FILE).checklists]},
    )
)
register_block(
    Block(
        "safety",
        safety.FILE,
        render_safety,
        {"group": lambda data: [g.id for g in data.get(safety.FILE).groups]},
    )
)
register_block(
    Block(
        "rights-and-duties",
        rights_duties.FILE,
        render_rights_duties,
        {"party": lambda data: list(rights_duties.PARTIES)},
    )
)

FEATURE = Feature(
    name="checklists",
    pages=pages,
    page_markdown=expand_directives,
    assets=("checklists.css", "checklists.js"),
)
