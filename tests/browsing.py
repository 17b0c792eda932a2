"""Shared browser settings for the test suites (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("LA4ML_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def require_browser() -> None:
    """Skip (with the fix) when Debian's Chromium or Playwright is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` "
                    "(or set LA4ML_CHROMIUM to its path)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright is not installed: pip install -e '.[test]'")




class PageWatch:
    """What a page did that a test must fail on: console errors, page errors, and
    requests that tried to leave 127.0.0.1 (those are aborted). ``requests`` lists every URL asked for."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.external: list[str] = []
        self.requests: list[str] = []

    def attach(self, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request left 127.0.0.1: {u}" for u in self.external]
        )


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1"


def watched_context(browser, **context_options):
    """A new browser context whose requests outside 127.0.0.1 are aborted and recorded, and its PageWatch."""
    watch = PageWatch()
    context = browser.new_context(**context_options)

    def route(r):
        url = r.request.url
        if is_local(url):
            r.continue_()
        else:
            watch.external.append(url)
            r.abort()

    context.route("**/*", route)
    return context, watch
