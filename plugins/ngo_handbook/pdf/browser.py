"""Headless Chromium, driven through Playwright, with no network beyond this machine."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator

from ..problems import HandbookError, Location, Problem

CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
"""The browser that prints: `HANDBOOK_CHROMIUM`, else Debian's `chromium`."""
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Without this Chromium still reaches for Google's hosts; the site makes no outside request.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
PRINT_OPTIONS = {"format": "A4", "print_background": True, "prefer_css_page_size": True}
"""Playwright's `page.pdf` options for every PDF; a page's CSS `@page` size wins over A4."""


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Headless Chromium with no network beyond this machine."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise HandbookError(
            [
                Problem(
                    Location("pyproject.toml"),
                    "the PDFs need the 'playwright' Python package; "
                    "run 'make site' (or pip install playwright), or set HANDBOOK_PDF=0",
                )
            ]
        ) from None
    profile = tempfile.mkdtemp(prefix="handbook-pdf-")
    try:
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
                )
            except PlaywrightError as error:
                raise HandbookError(
                    [
                        Problem(
                            Location(CHROMIUM),
                            "Chromium cannot start, so no PDF can be printed "
                            f"({str(error).splitlines()[0]}); install it with 'make site' "
                            "(Debian package 'chromium'), or set HANDBOOK_PDF=0",
                        )
                    ]
                ) from None
            try:
                yield browser
            finally:
                browser.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
