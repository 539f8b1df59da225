"""PDFs kept between builds and printed again only when what they are made of changed.

A PDF is made of the files its page loaded while it was printed (the page's HTML, the
stylesheets, scripts and images; for the whole handbook, every chapter it fetched), the
values handed to the page (the book's cover and contents), the installed fonts and the
printer (Chromium, Playwright and this package's printing code). After printing, the
cache keeps the PDF with the fingerprint of each of these; at the next build a PDF whose
files and values are all the same is copied from the cache instead of printed.

The cache lives in the project (`.cache/ngo-handbook/pdf/`), outside the site folder, so
it survives the replacement of the site at the end of every build; deleting it only
makes the next build print everything again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..build_cache import CACHE_ROOT, entry_name
from .browser import CHROMIUM

CACHE_FOLDER = CACHE_ROOT / "pdf"
"""Where the PDFs are kept, relative to the project folder (the folder of mkdocs.yml)."""
PRINTING_CODE = (Path(__file__).parent, Path(__file__).parent.parent / "templates" / "pdf")


def printer_fingerprint() -> str:
    """The printer's version: Chromium's executable (its size and date, which change with
    every release), Playwright's version, the installed fonts and our printing code."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        playwright = version("playwright")
    except PackageNotFoundError:
        playwright = ""
    executable = Path(CHROMIUM).resolve()
    facts = [str(executable), playwright]
    for path in (executable, Path("/usr/lib/chromium/chromium")):
        if path.is_file():
            stat = path.stat()
            facts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    fonts = subprocess.run(
        ["fc-list", "--format", "%{file}|%{fontversion}|%{index}\n"],
        capture_output=True,
        text=True,
    ).stdout
    code = [
        path.read_bytes()
        for folder in PRINTING_CODE
        for path in sorted(folder.iterdir())
        if path.suffix in (".py", ".js", ".css", ".html")
    ]
    return entry_name("\n".join(facts), "\n".join(sorted(fonts.splitlines())), *code)


@dataclass
class PdfCache:
    """The PDFs of one project's earlier builds, checked against the site being built."""

    folder: Path
    site_dir: Path
    printer: str

    @classmethod
    def for_project(cls, project_dir: Path, site_dir: Path) -> PdfCache:
        return cls(project_dir / CACHE_FOLDER, site_dir, printer_fingerprint())

    def _file_digest(self, path: str) -> str | None:
        """The fingerprint of what the site serves at `path`, None when it serves nothing."""
        file = self.site_dir / path
        if file.is_dir():
            file = file / "index.html"
        try:
            return entry_name(file.read_bytes())
        except OSError:
            return None

    def _entry(self, target: Path) -> tuple[Path, Path]:
        kept = self.folder / target.relative_to(self.site_dir)
        return kept, kept.with_name(kept.name + ".json")

    def reuse(self, target: Path, values: str) -> bool:
        """Copy the cached PDF of `target` into the site if nothing it is made of changed."""
        kept, manifest = self._entry(target)
        try:
            entry = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if entry.get("printer") != self.printer or entry.get("values") != entry_name(values):
            return False
        if any(self._file_digest(path) != digest for path, digest in entry["files"].items()):
            return False
        try:
            shutil.copyfile(kept, target)
        except OSError:
            return False
        return True

    def kept(self, target: Path) -> dict:
        """What the last printing of `target` left for the next one (`keep`'s `kept`),
        whether or not the PDF itself is still good."""
        _, manifest = self._entry(target)
        try:
            entry = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        found = entry.get("kept") if entry.get("printer") == self.printer else None
        return found if isinstance(found, dict) else {}

    def keep(self, target: Path, values: str, requested: set[str], kept: dict) -> None:
        """Keep a PDF just printed, with the fingerprints of the files its page requested,
        and `kept`, plain values for its next printing (a book's contents' page numbers)."""
        kept_pdf, manifest = self._entry(target)
        kept_pdf.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            "printer": self.printer,
            "values": entry_name(values),
            "files": {path: self._file_digest(path) for path in sorted(requested)},
            "kept": kept,
        }
        manifest.unlink(missing_ok=True)  # no entry points at a half-written PDF
        shutil.copyfile(target, kept_pdf)
        temporary = manifest.with_name(manifest.name + f".{os.getpid()}")
        temporary.write_text(json.dumps(entry, indent=1), encoding="utf-8")
        temporary.replace(manifest)
