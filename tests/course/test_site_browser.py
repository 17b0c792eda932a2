"""The built site in a real browser, at a desktop (1280 px) and a phone (390 px) width: math
typesets, pages load without console errors or requests off 127.0.0.1, every page has its icon,
no code block is cut off, one search field, search snippets are article text, and the home page
is the course's front door.

The site is the real course build (the ``real_build`` fixture: every lesson, execution cached).
Setting ``LA4ML_TEST_SITE`` to an already built site folder (``la4ml build --formats site --lessons
1,12 --out X`` gives ``X/site``) tests that one instead, without building.
"""

from __future__ import annotations

import os
import re
import threading
import urllib.request
from pathlib import Path

import pytest

from browsing import PageWatch, watched_context
from la4ml.course import catalog
from la4ml.course.build.site import curriculum
from la4ml.course.serve import make_server

pytestmark = [pytest.mark.browser]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def site_dir(request) -> Path:
    prebuilt = os.environ.get("LA4ML_TEST_SITE")
    root = Path(prebuilt) if prebuilt else request.getfixturevalue("real_build") / "site"
    if not (root / "index.html").is_file():
        pytest.fail(f"no built site at {root}")
    return root


@pytest.fixture(scope="module")
def site_url(site_dir):
    server = make_server(site_dir, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _built_lessons(site_dir: Path) -> list[catalog.Lesson]:
    """The manifest's lessons that this site holds (all of them for the real build)."""
    return [les for les in catalog.lessons() if (site_dir / "lessons" / f"{les.name}.html").is_file()]


def _pages(site_dir: Path) -> list[str]:
    lessons = _built_lessons(site_dir)
    pages = ["index.html", "search.html"] + [f"lessons/{les.name}.html" for les in lessons]
    pages += [f"exercises/{les.name}.html" for les in lessons if les.exercises]
    if (site_dir / "playground.html").is_file():
        pages.append("playground.html")
    return pages


def _visit(browser, url: str, viewport=None):
    context, watch = watched_context(browser, viewport=viewport or DESKTOP)
    page = context.new_page()
    watch.attach(page)
    page.goto(url, wait_until="networkidle")
    return context, page, watch


def _fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - 127.0.0.1 only
        return resp.status, resp.headers.get("Content-Type", ""), resp.read()


# What a page shows once it has settled: no request in flight (networkidle), MathJax done, fonts
# loaded, one frame drawn. Waiting for these instead of a fixed pause is both faster and sturdier.
SETTLED = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await document.fonts.ready;
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return true;
}"""

PREREQUISITES = """() => {
  const p = [...document.querySelectorAll('.bd-article p')].find((e) => e.textContent.includes('Prerequisites:'));
  return p ? {hrefs: [...p.querySelectorAll('a')].map((a) => a.getAttribute('href')), text: p.innerText} : null;
}"""


def _crawl(browser, site_url: str, site_dir: Path, name: str) -> dict[str, dict]:
    """Every page of the site visited once at one width, and what the page-by-page checks look at on it.

    One visit per page and width serves all of them (requests and console, cut-off code, the
    prerequisites): each page is loaded twice in all, once per width, and the two widths can run on
    two workers. Pages share one browser context per width, so the theme and MathJax come from its
    cache after the first page, as they do for a reader.
    """
    context, ctx_watch = watched_context(browser, viewport=VIEWPORTS[name])
    out: dict[str, dict] = {}
    try:
        for rel in _pages(site_dir):
            page = context.new_page()
            watch = PageWatch()
            watch.attach(page)
            before = len(ctx_watch.external)
            page.goto(site_url + rel, wait_until="networkidle")
            page.evaluate(SETTLED)
            out[rel] = {
                "icons": page.eval_on_selector_all('link[rel~="icon"]', "els => els.map(e => new URL(e.href).pathname)"),
                "pre_blocks": page.evaluate("document.querySelectorAll('.bd-article pre').length"),
                "clipped": page.evaluate(CLIPPED_BLOCKS),
                "page_width": page.evaluate("document.documentElement.scrollWidth"),
                "prerequisites": page.evaluate(PREREQUISITES) if rel.startswith("lessons/") else None,
            }
            page.close()
            watch.external = ctx_watch.external[before:]  # after close: late requests and console errors count too
            out[rel]["problems"] = watch.problems()
    finally:
        context.close()
    return out


def test_real_build_has_every_lesson(site_dir):
    """the site holds every lesson of the manifest (a prebuilt partial site must at least hold one)"""
    lessons = _built_lessons(site_dir)
    if os.environ.get("LA4ML_TEST_SITE"):
        assert lessons
    else:
        assert [les.name for les in lessons] == [les.name for les in catalog.lessons()]


@pytest.mark.parametrize("name", list(VIEWPORTS))
def test_every_page_at_each_width(browser, site_url, site_dir, name):
    """index, search, every lesson, exercises and playground page, visited once at this width: no
    request leaves 127.0.0.1, no console error, the page's icon (and /favicon.ico) are served, no code
    block is cut off and no page is wider than the screen, and (at the desktop width) each lesson's
    prerequisites link the lessons that exist"""
    assert _fetch(site_url + "favicon.ico")[:2] == (200, "image/vnd.microsoft.icon")
    pages = _crawl(browser, site_url, site_dir, name)
    problems = _localhost_problems(pages, site_url) + _cut_off_problems(pages, VIEWPORTS[name]["width"])
    if name == "desktop":
        problems += _prerequisite_problems(pages, site_dir)
    assert not problems, f"{len(problems)} problem(s) at the {name} width:\n" + "\n".join(problems[:40])


def _localhost_problems(pages: dict[str, dict], site_url: str) -> list[str]:
    """No request off 127.0.0.1, no console or page error, an icon on every page that is served."""
    problems, icons = [], set()
    for rel, seen in pages.items():
        if not seen["icons"]:
            problems.append(f"{rel}: no <link rel=icon>")
        icons.update(seen["icons"])
        problems += [f"{rel}: {p}" for p in seen["problems"]]
    for path in sorted(icons):
        status, ctype, body = _fetch(site_url.rstrip("/") + path)
        if not (status == 200 and ctype.startswith("image/") and body):
            problems.append(f"icon {path}: {status} {ctype}")
    return problems


def test_math_is_typeset_by_the_local_mathjax(browser, site_url, site_dir):
    """MathJax (served from the site) turns the lesson's TeX into SVG"""
    les = _built_lessons(site_dir)[-1]
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


# A block is clipped when its content is wider than its box and nothing shows the rest: it must
# either wrap or scroll with a scrollbar that takes room on screen (overlay scrollbars, and
# headless Chromium's, take none and are invisible).
CLIPPED_BLOCKS = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const out = [];
  for (const el of document.querySelectorAll('.bd-article pre, .bd-article div.highlight')) {
    if (!el.getClientRects().length) continue;
    const cs = getComputedStyle(el);
    const overflowing = el.scrollWidth > el.clientWidth + 1;
    if (!overflowing) continue;
    const scrolls = ['auto', 'scroll'].includes(cs.overflowX);
    const borders = parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
    const scrollbar = el.offsetHeight - el.clientHeight - borders > 0;
    if (!(scrolls && scrollbar)) {
      out.push({text: el.textContent.slice(0, 60), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
                overflowX: cs.overflowX, whiteSpace: cs.whiteSpace});
    }
  }
  return out;
}"""


def _cut_off_problems(pages: dict[str, dict], width: int) -> list[str]:
    """Every code cell, output and exercise starter/solution shows all of its text, and no page is
    wider than the screen."""
    problems, checked = [], 0
    for rel, seen in pages.items():
        if not rel.startswith(("lessons/", "exercises/", "index.html")):
            continue
        checked += seen["pre_blocks"]
        if seen["clipped"]:
            problems.append(f"{rel}: {len(seen['clipped'])} code block(s) cut off at {width} px: {seen['clipped'][:3]}")
        if seen["page_width"] > width:
            problems.append(f"{rel}: the page is {seen['page_width']} px wide on a {width} px screen")
    if checked <= 10:  # the check saw the code it is about
        problems.append(f"only {checked} code blocks seen on the lesson and exercise pages")
    return problems


VISIBLE_SEARCH_FIELDS = """() => [...document.querySelectorAll(
    '.search-button-field, .search-button, form.bd-search, input[type=search]')]
  .filter((e) => !e.closest('dialog') && e.getClientRects().length
                  && getComputedStyle(e).visibility !== 'hidden')
  .map((e) => e.className)"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_one_search_field_per_page(browser, site_url, site_dir, viewport):
    """one search field (or, on a phone, one search button), not two"""
    les = _built_lessons(site_dir)[0]
    for rel in ("index.html", f"lessons/{les.name}.html"):
        context, page, _ = _visit(browser, site_url + rel, viewport)
        fields = page.evaluate(VISIBLE_SEARCH_FIELDS)
        assert len(fields) == 1, (rel, viewport["width"], fields)
        context.close()


def test_search_snippets_are_article_text(browser, site_url, site_dir):
    """a search finds the lessons, and each snippet is text of the article around the word, not the
    theme switcher's 'System Settings Light Dark' or other page furniture"""
    context, page, watch = _visit(browser, site_url + "search.html?q=vectors")
    page.wait_for_selector("#search-results p.context", timeout=30000)
    page.wait_for_timeout(1500)  # the snippets of every hit arrive one by one
    snippets = page.eval_on_selector_all("#search-results p.context", "els => els.map(e => e.textContent)")
    assert snippets
    for text in snippets:
        assert "System Settings" not in text and "Light" not in text.split()[:4], text
        assert "vector" in text.lower(), text
        assert "  " not in text, text  # white space collapsed
    # The text snippets are cut from, for a lesson page: its article, from the title on.
    les = _built_lessons(site_dir)[0]
    text = page.evaluate("""async (url) => Search.htmlToText(await (await fetch(url)).text())""",
                         site_url + f"lessons/{les.name}.html")
    assert text.startswith(les.full_title()), text[:200]
    assert "System Settings" not in text and "Contents" not in text.split()[:20]
    assert not watch.problems(), watch.problems()
    context.close()


def test_home_page_is_the_front_door(browser, site_url, site_dir):
    """the four parts, every lesson of the curriculum (links for the built ones, with summary,
    objectives and exercises; the others plainly 'coming'), the exercise commands, the playground"""
    lessons = {les.part: les for les in _built_lessons(site_dir)}
    parts = curriculum()
    context, page, watch = _visit(browser, site_url + "index.html")
    headings = page.eval_on_selector_all(".bd-article h3", "els => els.map(e => e.textContent.replace('#', '').trim())")
    assert headings[: len(parts)] == [p.caption for p in parts]
    assert [p.title for p in parts][:4] == ["Foundations", "Core Theorems and Algorithms",
                                            "Applications in ML & Advanced Topics", "Numerical Linear Algebra at Work"]
    cards = page.eval_on_selector_all(".la4ml-card", """els => els.map(e => ({
        kicker: e.querySelector('.la4ml-kicker').textContent,
        href: e.querySelector('.la4ml-card-title a')?.getAttribute('href'),
        text: e.textContent}))""")
    assert [c["href"] for c in cards] == [f"lessons/{les.name}.html" for les in lessons.values()]
    for card, les in zip(cards, lessons.values()):
        meta = _front_matter(les)
        assert card["kicker"].startswith(f"Part {les.part}")
        assert _squash(meta["summary"]) in _squash(card["text"])
        assert all(_squash(o) in _squash(card["text"]) for o in meta["objectives"])
        assert f"{len(les.exercises)} graded exercise" in card["text"] and f"la4ml start {les.part}" in card["text"]
    coming = page.eval_on_selector_all(".la4ml-coming", "els => els.map(e => [e.textContent, e.querySelectorAll('a').length])")
    expected = [n for p in parts for n in p.lessons if n not in lessons]
    assert len(coming) == len(expected)
    for (text, links), n in zip(coming, expected):
        assert text.strip().startswith(f"Part {n} ·") and links == 0, text
    assert len(cards) + len(coming) == sum(len(p.lessons) for p in parts) >= 26
    body = page.inner_text(".bd-article")
    for cmd in ("la4ml start", "la4ml check", "la4ml hint", "la4ml solution"):
        assert cmd in body, cmd
    if (site_dir / "playground.html").is_file():
        assert page.locator('.bd-article a[href="playground.html"]').count() >= 1
    for href in {c["href"] for c in cards}:
        assert _fetch(site_url + href)[0] == 200
    assert not watch.problems(), watch.problems()
    shots = Path(os.environ.get("LA4ML_ARTIFACTS", "test-artifacts")) / "site"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "index.png"), full_page=True)
    context.close()


def _prerequisite_problems(pages: dict[str, dict], site_dir: Path) -> list[str]:
    """A lesson's prerequisites link the built lessons' pages and name the others as plain text."""
    built = {les.part: les for les in _built_lessons(site_dir)}
    problems, seen_any = [], False
    for les in built.values():
        prereq = _front_matter(les).get("prerequisites") or []
        if not prereq:
            continue
        found = pages[f"lessons/{les.name}.html"]["prerequisites"]
        if found is None:
            problems.append(f"{les.name}: no paragraph 'Prerequisites:'")
            continue
        hrefs, text = found["hrefs"], found["text"]
        expected = [f"{built[p].name}.html" for p in prereq if p in built]
        if hrefs != expected:
            problems.append(f"{les.name}: prerequisites link {hrefs}, expected {expected}")
        for p in prereq:
            if f"Part {p}:" not in text:
                problems.append(f"{les.name}: prerequisites do not name Part {p}: {text!r}")
            elif p not in built and not re.search(rf"Part {p}: [^;]+ \((coming|not in this build)\)", text):
                problems.append(f"{les.name}: Part {p} is not built but not marked (coming): {text!r}")
        seen_any = True
    if not seen_any:
        problems.append("no lesson with prerequisites was seen")
    return problems


def _front_matter(les: catalog.Lesson) -> dict:
    import yaml

    head = les.source.read_text(encoding="utf-8").split("\n---", 1)[0][4:]
    return yaml.safe_load(head)["la4ml"]


def _squash(text: str) -> str:
    """Whitespace collapsed, Markdown marks dropped, and Sphinx's smart quotes made straight again."""
    text = str(text).translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                                              "\u2013": "--", "\u2014": "---"}))
    return re.sub(r"[`*]", "", " ".join(text.split()))
