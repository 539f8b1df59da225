"""What the reader sees of the checklists, on screen and on paper.

Orientation and safety render as checklists: boxes to tick on screen
(`assets/checklists.js` keeps the ticks in localStorage under the page path and the
checklist id), a sheet with signature lines on paper (`assets/checklists.css`: A4, no
site navigation, no item split across pages).

The printout shows the boxes as the person sees them: ticked where ticked on screen, empty
elsewhere. A coordinator who ticks during the talk prints a record to sign; Reset first
gives a blank sheet to fill in with a pen. The note under the buttons says so.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..context import BuildContext
from ..feature import GeneratedPage
from ..rendering import front_matter
from . import orientation, rights_duties, safety


def strings(context: BuildContext, language: str) -> dict:
    """Interface strings of the checklists in `language`."""
    return context.strings.get("checklists", language)


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


def render_checklist(checklist: Checklist, context: BuildContext, language: str) -> str:
    """The HTML of one checklist (values escaped by the template)."""
    return _compact(
        context.templates.render(
            "checklists/checklist.html",
            checklist=checklist,
            strings=strings(context, language),
            strings_json=context.strings.browser("checklists", language),
            organisation=context.text(context.data.handbook.name, language),
        )
    )


# --- orientation -----------------------------------------------------------------------


def orientation_checklists(
    context: BuildContext, language: str, only: str | None = None
) -> list[Checklist]:
    document: orientation.Orientation = context.data.get(orientation.FILE)
    text = context.text
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


def render_orientation(context: BuildContext, language: str, options: dict[str, str]) -> str:
    lists = orientation_checklists(context, language, options.get("checklist"))
    return "".join(render_checklist(checklist, context, language) for checklist in lists)


# --- safety ----------------------------------------------------------------------------


def safety_checklist(context: BuildContext, language: str, group: str | None = None) -> Checklist:
    document: safety.Safety = context.data.get(safety.FILE)
    text = context.text
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


def render_safety(context: BuildContext, language: str, options: dict[str, str]) -> str:
    checklist = safety_checklist(context, language, options.get("group"))
    return render_checklist(checklist, context, language)


def render_safety_page(context: BuildContext, language: str) -> str:
    """The safety page's checklist, without a heading that would repeat the page title."""
    checklist = dataclasses.replace(safety_checklist(context, language), show_title=False)
    return render_checklist(checklist, context, language)


# --- rights and duties -----------------------------------------------------------------


def render_rights_duties(
    context: BuildContext, language: str, options: dict[str, str], *, own_page: bool = False
) -> str:
    """Both parties' duties and rights, numbered as in the agreement, plus remote extras.
    On its own page the lists take no id of their own: the page's heading already has the
    anchor (in English its slug is the same)."""
    document: rights_duties.RightsAndDuties = context.data.get(rights_duties.FILE)
    words = strings(context, language)
    text = context.text
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
        context.templates.render(
            "checklists/rights_duties.html",
            anchor=anchor,
            own_page=own_page,
            parties=parties,
            remote=remote,
            language=language,
        )
    )


# --- pages and blocks ------------------------------------------------------------------


def _page(
    context: BuildContext, language: str, path: str, source: str, title, introduction, body: str
) -> GeneratedPage:
    title_text = context.text(title, language)
    intro_text = context.text(introduction, language)
    markdown = front_matter(
        title=title_text,
        description=" ".join(intro_text.split()) if intro_text else None,
    )
    markdown += context.templates.heading(title_text, intro_text) + body
    edit_path = f"{context.data.data_dir_name}/{source}"
    return GeneratedPage(path=path, markdown=markdown, edit_path=edit_path)


def pages(context: BuildContext, language: str) -> list[GeneratedPage]:
    """The orientation, safety and rights-and-duties pages that have a data file."""
    data = context.data
    found = []
    if (document := data.get(orientation.FILE)) is not None:
        found.append(
            _page(
                context,
                language,
                "orientation.md",
                orientation.FILE,
                document.title,
                document.introduction,
                render_orientation(context, language, {}),
            )
        )
    if (document := data.get(safety.FILE)) is not None:
        found.append(
            _page(
                context,
                language,
                "safety.md",
                safety.FILE,
                document.title,
                document.introduction,
                render_safety_page(context, language),
            )
        )
    if (document := data.get(rights_duties.FILE)) is not None:
        found.append(
            _page(
                context,
                language,
                "rights-and-duties.md",
                rights_duties.FILE,
                document.title,
                document.introduction,
                render_rights_duties(context, language, {}, own_page=True),
            )
        )
    return found
