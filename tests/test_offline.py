"""Offline reading: the handbook in one language saved on the device opens without a network."""

from __future__ import annotations

import json
import re

import pytest


def test_each_language_lists_its_own_files(built_site):
    english = json.loads((built_site / "offline.json").read_text(encoding="utf-8"))
    kazakh = json.loads((built_site / "kk" / "offline.json").read_text(encoding="utf-8"))
    assert english["version"] == kazakh["version"]
    assert "strategy/recruitment/" in english["files"]
    assert "kk/strategy/recruitment/" in kazakh["files"]
    assert not any(f.startswith(("kk/", "tr/", "ar/")) for f in english["files"])
    assert not any(
        f.startswith(("tr/", "ar/")) or (f.endswith("/") and not f.startswith("kk/"))
        for f in kazakh["files"]
    )
    assert english["version"] in (built_site / "sw.js").read_text(encoding="utf-8")


@pytest.mark.browser
def test_saved_language_opens_offline(page, site_url, artifacts):
    tab = page
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(f"{site_url}kk/")
    tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
    box = tab.locator("[data-hb-offline]")
    button = box.locator("button")
    assert button.inner_text() == "Нұсқаулықты желісіз оқу үшін сақтау"
    button.click()
    tab.wait_for_selector("[data-hb-offline-state=saved]", timeout=60000)
    assert "сақталды" in box.locator(".hb-offline__status").inner_text()
    # The worker must control the page before the network goes away.
    tab.reload()
    tab.wait_for_function("navigator.serviceWorker.controller !== null")
    tab.context.set_offline(True)
    try:
        # A page never opened before comes from the saved copy.
        tab.goto(f"{site_url}kk/strategy/completion/")
        assert tab.locator("article h1").inner_text().rstrip("¶").strip() == "Аяқтау"
        assert tab.evaluate("document.documentElement.lang") == "kk"
        stylesheet_applied = tab.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).position"
        )
        assert stylesheet_applied in ("sticky", "fixed")
        tab.screenshot(path=str(artifacts / "kk-offline.png"))
    finally:
        tab.context.set_offline(False)
    assert tab.outside_requests == []


@pytest.mark.browser
def test_files_named_by_their_content_are_fetched_once(page, site_url):
    """The service worker answers a stylesheet or script whose name holds its content's hash
    from the device once it has kept it; a page is still asked of the network each time."""
    fetched_by_worker: list[str] = []

    def note(request) -> None:
        if request.service_worker is not None:
            fetched_by_worker.append(request.url)

    page.context.on("request", note)  # the worker's own requests are the context's
    try:
        page.goto(f"{site_url}safety/")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        for _ in range(3):
            page.goto(f"{site_url}orientation/")
    finally:
        page.context.remove_listener("request", note)
    stylesheets = [
        url for url in fetched_by_worker if re.search(r"/main\.[0-9a-f]{8}\.min\.css$", url)
    ]
    pages = [url for url in fetched_by_worker if url == f"{site_url}orientation/"]
    assert len(stylesheets) == 1, fetched_by_worker
    assert len(pages) == 3, fetched_by_worker
    assert page.outside_requests == []
