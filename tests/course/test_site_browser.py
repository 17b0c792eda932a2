"""The built site in a real browser: math typesets, pages load, nothing leaves 127.0.0.1."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from la4ml.course import catalog
from browsing import watched_context
from la4ml.course.serve import make_server

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def site_url(real_build):
    server = make_server(real_build / "site", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _visit(browser, url: str):
    context, watch = watched_context(browser)
    page = context.new_page()
    watch.attach(page)
    page.goto(url, wait_until="networkidle")
    return context, page, watch


def test_every_page_stays_on_localhost_without_errors(browser, site_url):
    """index, every lesson and exercises page: no request leaves 127.0.0.1, no console error"""
    pages = ["index.html"] + [f"lessons/{les.name}.html" for les in catalog.lessons()]
    pages += [f"exercises/{les.name}.html" for les in catalog.lessons() if les.exercises]
    for rel in pages:
        context, page, watch = _visit(browser, site_url + rel)
        assert not watch.problems(), (rel, watch.problems())
        context.close()


def test_math_is_typeset_by_the_local_mathjax(browser, site_url):
    """MathJax (served from the site) turns the lesson's TeX into SVG"""
    les = catalog.lessons()[-1]
    context, page, watch = _visit(browser, site_url + f"lessons/{les.name}.html")
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20000)
    page.evaluate("MathJax.startup.promise")
    n = page.evaluate("document.querySelectorAll('mjx-container svg').length")
    assert n > 5
    assert any("/_static/mathjax/tex-svg-full.js" in u for u in watch.requests)
    assert not watch.problems(), watch.problems()
    shots = Path(os.environ.get("LA4ML_ARTIFACTS", "test-artifacts")) / "site"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{les.name}.png"), full_page=False)
    context.close()
