"""Headless Chromium, driven through Playwright, with no network beyond this machine.

One browser prints every PDF of a build, several pages at once: each page gets a browser
context of its own (a fresh profile, so a form prints blank), and the requests it makes
are recorded, for the cache to know what the PDF was made of.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
from collections.abc import AsyncIterator

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
NOT_PRINTED = re.compile(r"/(search|workers|lunr)/")
"""Search is of no use on paper: its index and worker are not loaded on a printed page."""


def _problem(message: str) -> HandbookError:
    return HandbookError([Problem(Location(CHROMIUM), message)])


class Printer:
    """One headless Chromium for a build's PDFs, started when the first page must be printed
    (a build whose PDFs all come from the cache starts none), with at most `tabs` pages
    printing at once."""

    def __init__(self, base_url: str, tabs: int) -> None:
        self.base_url = base_url
        self.slots = asyncio.Semaphore(tabs)
        self.starting = asyncio.Lock()
        self.stack = contextlib.AsyncExitStack()
        self.browser = None

    async def _browser(self):
        async with self.starting:
            if self.browser is None:
                self.browser = await self._launch()
        return self.browser

    async def _launch(self):
        try:
            from playwright.async_api import Error as PlaywrightError
            from playwright.async_api import async_playwright
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
        playwright = await self.stack.enter_async_context(async_playwright())
        try:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
            )
        except PlaywrightError as error:
            raise _problem(
                "Chromium cannot start, so no PDF can be printed "
                f"({str(error).splitlines()[0]}); install it with 'make site' "
                "(Debian package 'chromium'), or set HANDBOOK_PDF=0"
            ) from None
        self.stack.push_async_callback(browser.close)
        return browser

    @contextlib.asynccontextmanager
    async def tab(self) -> AsyncIterator[tuple[object, set[str]]]:
        """A fresh page and the set of site paths it requests (filled as it loads)."""
        async with self.slots:
            browser = await self._browser()
            context = await browser.new_context(locale="en-US", service_workers="block")
            requested: set[str] = set()

            async def refuse(route) -> None:
                await route.abort()

            def record(request) -> None:
                url = request.url.split("#", 1)[0].split("?", 1)[0]
                if url.startswith(self.base_url) and not NOT_PRINTED.search(url):
                    requested.add(url[len(self.base_url) :])

            await context.route(NOT_PRINTED, refuse)
            context.on("request", record)
            try:
                yield await context.new_page(), requested
            finally:
                await context.close()

    async def close(self) -> None:
        await self.stack.aclose()
