"""Fixtures for the widget tests: a built site, a local server, one Chromium.

The browser tests drive the distribution's Chromium (``/usr/bin/chromium``, from
``apt-get install chromium``) through Playwright; Playwright's own browser
download is never used. Without that binary the browser tests skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("LA4ML_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "widgets"


def _require_browser() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` "
            "(or set LA4ML_CHROMIUM to its path)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright is not installed: pip install -e '.[test]'")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The HTML root of a built site whose ``playground.html`` shows all 25 widgets.

    For now a minimal Sphinx project (myst-nb + the widget extension) built here;
    the course build (``la4ml build --formats site``) can replace this body as long
    as it returns the HTML folder holding ``playground.html``. Setting
    ``LA4ML_WIDGET_SITE`` to such a folder tests it without building.
    """
    prebuilt = os.environ.get("LA4ML_WIDGET_SITE")
    if prebuilt:  # test an already built site (e.g. the course's) instead
        root = Path(prebuilt)
        if not (root / "playground.html").is_file():
            pytest.fail(f"LA4ML_WIDGET_SITE={prebuilt} has no playground.html")
        return root

    from la4ml.widgets import playground_markdown

    src = tmp_path_factory.mktemp("widget-site-src")
    out = src / "_build" / "html"
    (src / "conf.py").write_text(
        textwrap.dedent(
            """
            project = "la4ml widgets"
            extensions = ["myst_nb", "la4ml.widgets.sphinx"]
            nb_execution_mode = "off"
            html_theme = "sphinx_book_theme"
            # without it pydata-sphinx-theme logs "Got invalid theme mode" (a console error)
            html_context = {"default_mode": "auto"}
            exclude_patterns = ["_build"]
            """
        )
    )
    (src / "index.md").write_text("# la4ml\n\n```{toctree}\nplayground\nlesson-demo\n```\n")
    (src / "playground.md").write_text(playground_markdown())
    # a lesson-like page: widgets with their own starting values and a caption
    (src / "lesson-demo.md").write_text(
        textwrap.dedent(
            """
            # A lesson

            Some prose, then a figure.

            ```{widget} positive-definite
            :caption: A saddle: drag x across the dashed lines.
            {"matrix": [[1, 2], [2, 1]]}
            ```

            ```{widget} linear-independence
            {"vectors": [[2, 1], [1, 2], [3, 3]]}
            ```
            """
        )
    )
    env = {**os.environ, "HOME": str(src / "_home"), "MPLCONFIGDIR": str(src / "_mpl")}
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(f"the widget site did not build:\n{proc.stdout}\n{proc.stderr}")
    return out


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


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium for the session (the distribution's binary)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("browser-home")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            env={**os.environ, "HOME": str(home)},
        )
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """What a page did that a test must fail on: console errors, page errors, and
    requests that tried to leave 127.0.0.1 (those are aborted)."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.external: list[str] = []

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request left 127.0.0.1: {u}" for u in self.external]
        )


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1"


@pytest.fixture
def page(browser, request):
    """A fresh page (own context) that records errors and blocks non-local requests.

    The test fails at teardown if the page logged a console error, threw, or
    tried to reach anything but 127.0.0.1.
    """
    watch = PageWatch()
    width = getattr(request, "param", None) or 1000
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)

    def route(r):
        url = r.request.url
        if _is_local(url):
            r.continue_()
        else:
            watch.external.append(url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.page_errors.append(str(e)))
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

