"""A quiet build: what MkDocs' other plugins say in passing is shown with `--verbose` only.

static-i18n announces each language it builds and each option it sets (a dozen lines for
four languages); with the handbook's own lines and MkDocs' they would bury a warning.
Their warnings and errors always show; `mkdocs build --verbose` shows everything.
"""

from __future__ import annotations

import logging

DETAILS = "mkdocs.plugins.ngo_handbook.details"
"""The handbook's own notes of what each step did (pages taken from the cache)."""
QUIETED = ("mkdocs.plugins.mkdocs_static_i18n", DETAILS)
"""Loggers whose notes (below WARNING) are left out of a build that is not verbose."""


class QuietBuild(logging.Filter):
    """On MkDocs' log handlers: drops the notes of the `QUIETED` loggers unless MkDocs'
    logger shows DEBUG lines (`--verbose`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or not record.name.startswith(QUIETED):
            return True
        return logging.getLogger("mkdocs").getEffectiveLevel() <= logging.DEBUG


def quiet(build_filter: QuietBuild, *, on: bool) -> None:
    """Put `build_filter` on (or take it off) every handler of MkDocs' logger."""
    for handler in logging.getLogger("mkdocs").handlers:
        if on:
            handler.addFilter(build_filter)
        else:
            handler.removeFilter(build_filter)
