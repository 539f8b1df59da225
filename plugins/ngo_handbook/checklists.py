"""The data-driven lists of a handbook: orientation checklists, safety topics, rights and duties."""

from __future__ import annotations

from . import rights_duties  # noqa: F401  (registers data/rights_duties.yml)
from .features import Feature

FEATURE = Feature(name="checklists")
