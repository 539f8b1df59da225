"""Orientation checklists, safety topics, rights and duties: pages and embeddable blocks.

Each data file (`orientation.yml`, `safety.yml`, `rights_duties.yml`) becomes a page in
every language and a block for `{{ handbook: … }}` (see `embedding`). The models and their
checks are in `orientation`, `safety` and `rights_duties`; what the reader sees in `view`.
"""

from __future__ import annotations

from ..feature import Block, Feature
from . import orientation, rights_duties, safety
from .view import pages, render_orientation, render_rights_duties, render_safety

FEATURE = Feature(
    name="checklists",
    data_kinds=(orientation.KIND, safety.KIND, rights_duties.KIND),
    blocks=(
        Block(
            "orientation",
            orientation.FILE,
            render_orientation,
            {"checklist": lambda data: [c.id for c in data.get(orientation.FILE).checklists]},
        ),
        Block(
            "safety",
            safety.FILE,
            render_safety,
            {"group": lambda data: [g.id for g in data.get(safety.FILE).groups]},
        ),
        Block(
            "rights-and-duties",
            rights_duties.FILE,
            render_rights_duties,
            {"party": lambda data: list(rights_duties.PARTIES)},
        ),
    ),
    strings=("checklists",),
    pages=pages,
    assets=("checklists.css", "checklists.js"),
    marks=("hb-checklist", "hb-rights"),
)
