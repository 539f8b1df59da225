"""Gates over the built site: its HTML is valid (the Nu HTML Checker, one page of every type
in every language), and no page of any language makes a request off its own origin."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, CHROMIUM_FLAGS, node_tool

LANGUAGES = ("", "tr/", "ar/", "kk/")
PAGE_TYPES = (
    "",  # the home page
    "strategy/activity/",  # a chapter, with an embedded block
    "safety/",
    "orientation/",
    "rights-and-duties/",
    "partners/",
    "self-assessment/",
    "self-assessment/guidance/q7-c3/",
    "forms/",
    "forms/application/",
)

# Errors in Material's own markup, which our templates do not write; each is left to it:
MATERIAL_MARKUP = (
    # <input class="md-toggle" type="checkbox" autocomplete="off">: Material turns off
    # Firefox's restoring of its drawer and search toggles after a reload.
    "Attribute “autocomplete” is only allowed when the input type is",
    # <label class="md-nav__link" tabindex="">: Material's nav sections (partials/nav-item.html)
    # print an empty tabindex when a section has no index page.
    "Bad value “” for attribute “tabindex” on element “label”",
)


def test_every_page_type_is_valid_html(built_site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java runs the Nu HTML Checker: apt-get install default-jre-headless"
    checker = node_tool("vnu-jar/build/dist/vnu.jar")
    pages = [
        built_site / language / kind / "index.html" for language in LANGUAGES for kind in PAGE_TYPES
    ]
    result = subprocess.run(
        [java, "-jar", str(checker), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    assert len({m["url"] for m in messages}) <= len(pages)
    ours = [
        f"{Path(urlsplit(m['url']).path).relative_to(built_site)}:{m.get('lastLine')}: "
        + m["message"]
        for m in messages
        if not any(m["message"].startswith(known) for known in MATERIAL_MARKUP)
    ]
    assert ours == []
    # The filters still match what Material writes (or they are no longer needed).
    assert {known for m in messages for known in MATERIAL_MARKUP if m["message"].startswith(known)}


async def _outside_requests(site_url: str, paths: list[str], tabs: int) -> dict[str, list[str]]:
    from playwright.async_api import async_playwright

    origin = urlsplit(site_url).netloc
    found: dict[str, list[str]] = {}
    queue = list(paths)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        context = await browser.new_context()

        def record(request) -> None:
            url = urlsplit(request.url)
            if url.scheme not in ("data", "blob", "about") and url.netloc != origin:
                page_url = request.frame.page.url if request.frame else "?"
                found.setdefault(page_url, []).append(request.url)

        context.on("request", record)

        # Every request a page makes while it is parsed and its scripts start (images,
        # stylesheets, fonts, Material's start-up fetches) is recorded by then.
        async def visit() -> None:
            tab = await context.new_page()
            while queue:
                await tab.goto(site_url + queue.pop(), wait_until="domcontentloaded")
            await tab.close()

        await asyncio.gather(*(visit() for _ in range(tabs)))
        await browser.close()
    return found


@pytest.mark.browser
def test_no_page_makes_a_request_off_its_origin(built_site: Path, site_url: str) -> None:
    paths = sorted(
        page.relative_to(built_site).as_posix().removesuffix("index.html")
        for page in built_site.rglob("*.html")
    )
    assert len(paths) > 200
    results: dict[str, object] = {}
    # Playwright's async API in a thread of its own: this thread may hold the suite's
    # synchronous one.
    # Two tabs at once keep both cores busy (about 20 s on an idle machine).
    thread = threading.Thread(
        target=lambda: results.update(found=asyncio.run(_outside_requests(site_url, paths, 2)))
    )
    thread.start()
    thread.join(timeout=600)
    assert "found" in results, "the pages did not load in time"
    assert results["found"] == {}
