"""What one build keeps for the next, in `.cache/ngo-handbook/` beside mkdocs.yml: the PDFs
(`pdf/cache.py`), the data files as parsed (`parsed_files.py`) and the compressed copies
(`precompressed.py`). Deleting the folder only makes the next build slower."""

from __future__ import annotations

from pathlib import Path

CACHE_ROOT = Path(".cache") / "ngo-handbook"
"""Relative to the project folder."""


def remove_unused(folder: Path | None, used: set[str]) -> None:
    """Remove the entries of `folder` whose names are not in `used`. In a folder that cannot
    be changed (a read-only checkout) they stay: they only take room."""
    if folder is None or not folder.is_dir():
        return
    try:
        for entry in folder.iterdir():
            if entry.name not in used:
                entry.unlink(missing_ok=True)
    except OSError:
        pass
