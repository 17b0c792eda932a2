"""Fixtures for the widget tests: a built site, a local server, one Chromium.

The browser tests drive the distribution's Chromium (``/usr/bin/chromium``, from
``apt-get install chromium``) through Playwright; Playwright's own browser
download is never used. Without that binary the browser tests skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from browsing import CHROMIUM, watched_context, require_browser as _require_browser  # noqa: F401
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "widgets"


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    """The HTML root of the course site (``la4ml build``), whose ``playground.html`` shows all 25 widgets.

    It is the real course build (the ``real_build`` fixture of tests/conftest.py: every lesson,
    execution cached). Setting ``LA4ML_WIDGET_SITE`` to an already built site folder tests that
    one instead, without building.
    """
    prebuilt = os.environ.get("LA4ML_WIDGET_SITE")
    if prebuilt:  # test an already built site instead
        root = Path(prebuilt)
        if not (root / "playground.html").is_file():
            pytest.fail(f"LA4ML_WIDGET_SITE={prebuilt} has no playground.html")
        return root
    root = request.getfixturevalue("real_build") / "site"
    if not (root / "playground.html").is_file():
        pytest.fail(f"the course build at {root} has no playground.html")
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Serve ``built_site`` on 127.0.0.1 (a free port) for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser, request):
    """A fresh page (own context) that records errors and blocks non-local requests.

    The test fails at teardown if the page logged a console error, threw, or
    tried to reach anything but 127.0.0.1.
    """
    width = getattr(request, "param", None) or 1000
    context, watch = watched_context(browser, viewport={"width": width, "height": 900}, device_scale_factor=1)
    pg = context.new_page()
    watch.attach(pg)
    pg.watch = watch
    yield pg
    context.close()
    problems = watch.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/widgets/``: screenshots kept for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

