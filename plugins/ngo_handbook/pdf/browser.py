"""Headless Chromium, driven through Playwright, with no network beyond this machine.

One browser prints every PDF of a build, in a few pages (tabs) reused one PDF after
another, several at once. The pages run none of the site's scripts: a form prints blank
without them (nothing typed earlier is restored), search and its index are never loaded,
and the whole handbook is put together by our own script (`book.js`), which Playwright
runs all the same. The tabs share one browser profile, so the stylesheets, scripts'
absence aside, fonts and images are fetched and parsed once for the whole build.

The requests made while a PDF was printed are recorded, for the cache to know what the
PDF was made of. A file the profile already holds is not requested again, so every PDF
counts as made of every stylesheet, font and image any tab has requested so far, besides
the pages (and, for the whole handbook, the chapters) it loaded itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
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
PAGE_OWN_REQUESTS = {"document", "fetch", "xhr"}
"""Requests that belong to the PDF printed (its page, the book's chapters), not to the
files every tab shares."""


def _problem(message: str) -> HandbookError:
    return HandbookError([Problem(Location(CHROMIUM), message)])


class Printer:
    """One headless Chromium for a build's PDFs, started when the first page must be printed
    (a build whose PDFs all come from the cache starts none), with at most `tabs` pages
    printing at once."""

    def __init__(self, base_url: str, tabs: int) -> None:
        self.base_url = base_url
        self.slots = asyncio.Semaphore(tabs)
        self.idle: list = []
        self.starting = asyncio.Lock()
        self.stack = contextlib.AsyncExitStack()
        self.profile = None
        self.shared: set[str] = set()
        """Site paths of the stylesheets, fonts and images any tab requested."""

    def _site_path(self, url: str) -> str | None:
        url = url.split("#", 1)[0].split("?", 1)[0]
        return url[len(self.base_url) :] if url.startswith(self.base_url) else None

    def _record(self, request) -> None:
        """Note a request of a tab: in the set of the PDF it is printing, and, for a file
        any tab may use (not a page or a chapter), among the shared files."""
        path = self._site_path(request.url)
        if path is None:
            return
        page = request.frame.page
        if hasattr(page, "requested"):
            page.requested.add(path)
        if request.resource_type not in PAGE_OWN_REQUESTS:
            self.shared.add(path)

    async def _profile(self):
        async with self.starting:
            if self.profile is None:
                browser = await self._launch()
                self.profile = await browser.new_context(
                    locale="en-US", java_script_enabled=False, service_workers="block"
                )
                self.profile.on("request", self._record)
        return self.profile

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

    async def _open_tab(self):
        """A new page, in print media."""
        page = await (await self._profile()).new_page()
        await page.emulate_media(media="print")
        return page

    @contextlib.asynccontextmanager
    async def tab(self, held=None) -> AsyncIterator[tuple[object, set[str]]]:
        """A page to print in, free for the block, and the set of site paths the PDF
        printed in it is made of (complete when the block ends). With `held`, a tab that
        an enclosing block holds, that tab again, with a set of its own for the next PDF
        (forms printed one after the other in one tab)."""
        if held is not None:
            requested: set[str] = set()
            held.requested = requested
            yield held, requested
            requested |= self.shared
            return
        async with self.slots:
            page = self.idle.pop() if self.idle else await self._open_tab()
            requested: set[str] = set()
            page.requested = requested
            try:
                yield page, requested
                requested |= self.shared
            finally:
                self.idle.append(page)

    async def close(self) -> None:
        await self.stack.aclose()
