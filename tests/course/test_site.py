"""The site's pages as HTML (no browser): the home page as the course's front door, prerequisites,
the icon, one search field. On the one-lesson fixture course (``built``) and on generated Markdown.
The same things are checked in Chromium on the real course in test_site_browser.py."""

from __future__ import annotations

import html
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from la4ml.course import catalog
from la4ml.course.build import site

CAPTIONS = ["Part I — Foundations", "Part II — Core Theorems and Algorithms",
            "Part III — Applications in ML & Advanced Topics", "Part IV — Numerical Linear Algebra at Work"]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_curriculum_has_the_four_parts_and_26_lessons():
    """course.toml's curriculum: four parts, lessons numbered 1–26 in order, titles as in CURRICULUM.md"""
    parts = site.curriculum()
    assert [p.caption for p in parts] == CAPTIONS
    assert [list(p.lessons) for p in parts] == [list(range(1, 7)), list(range(7, 13)), list(range(13, 21)),
                                                list(range(21, 27))]
    assert parts[1].lessons[12] == "Positive Definite Matrices"
    assert parts[3].lessons[26] == "Capstone: a Matrix-Factorization Recommender"
    assert [p.span for p in parts] == ["lessons 1–6", "lessons 7–12", "lessons 13–20", "lessons 21–26"]


def test_home_page_lists_the_built_lesson_and_every_other_as_coming(built):
    """the fixture's one lesson is a card (link, summary, objectives, exercises); parts 2–26 are 'coming', unlinked"""
    page = html.unescape((built / "site" / "index.html").read_text())
    text = _text(page)
    for caption in CAPTIONS:
        assert f">{caption}<" in page
    cards = re.findall(r'<div class="la4ml-card docutils container">(.*?)</div>', page, re.S)
    assert len(cards) == 1
    card = _text(cards[0])
    assert 'href="lessons/01-tiny-vectors.html"' in cards[0]
    assert card.startswith("Part 1 · 2 min read Tiny Vectors A tiny lesson for the pipeline’s tests.") or \
        card.startswith("Part 1 · 2 min read Tiny Vectors A tiny lesson for the pipeline's tests.")
    assert "By the end you can: add two vectors read a norm plot a vector" in card
    assert "1 graded exercise ·" in card and "la4ml start 1" in card  # one exercise: singular
    assert 'href="exercises/01-tiny-vectors.html"' in cards[0]
    coming = re.findall(r'<div class="la4ml-coming docutils container">(.*?)</div>', page, re.S)
    assert len(coming) == 25
    assert all("<a " not in c for c in coming)
    assert [re.match(r"Part (\d+) · coming", _text(c)).group(1) for c in coming] == [str(n) for n in range(2, 27)]
    assert "Part 8 · coming Matrix Inverses and Systems of Equations" in text
    assert "1 of 26 lessons ready to read, in 4 parts; the rest are on their way." in text
    assert "1 graded exercise in Python" in text
    flat = re.sub(r"<[^>]+>", "", page)  # the highlighted code block, without its markup
    for cmd in ("la4ml start 1", "la4ml check 1.1", "la4ml hint 1.1", "la4ml solution 1.1"):
        assert re.search(rf"^{re.escape(cmd)} +#", flat, re.M), cmd
    assert 'href="playground.html"' in page


def _lesson(part: int, title: str = "") -> catalog.Lesson:
    return catalog.Lesson(part=part, slug=f"l{part}", title=title or f"Lesson {part}")


def test_new_manifest_lessons_appear_without_any_other_change(course):
    """a lesson added to the manifest (7: being written) becomes a card; one the curriculum lacks joins 'More'"""
    manifest = course / "manifest.toml"
    manifest.write_text(manifest.read_text() + '\n[[lesson]]\npart = 7\nslug = "orthogonality"\n'
                        'title = "Orthogonality and Projections"\n\n[[lesson]]\npart = 27\nslug = "extra"\n'
                        'title = "An Extra Lesson"\n')
    lessons = list(catalog.lessons())
    assert [les.part for les in lessons] == [1, 7, 27]
    meta = {7: {"summary": "Right angles.", "objectives": ["project a vector"], "reading_time": "30 min"}}
    md = site.index_md(lessons, with_playground=False, meta=meta)
    assert "{doc}`Orthogonality and Projections <lessons/07-orthogonality>`" in md
    assert "Right angles." in md and "- project a vector" in md and "Part 7 · 30 min read" in md
    assert "Part 7 · coming" not in md and "Part 8 · coming" in md
    assert "### Part V — More" in md and "{doc}`An Extra Lesson <lessons/27-extra>`" in md
    assert "3 of 27 lessons" in md
    md = site.index_md([lessons[0]], with_playground=False, meta={})  # 7 is in the manifest, not built
    assert "Part 7 · not in this build" in md and "Part 8 · coming" in md


def test_home_page_counts_only_what_is_true():
    """no number in the prose that the lessons do not bear out: 'six exercises' only when each has six"""
    six = catalog.Lesson(part=1, slug="a", title="A", exercises=tuple(range(6)))  # type: ignore[arg-type]
    two = catalog.Lesson(part=2, slug="b", title="B", exercises=tuple(range(2)))  # type: ignore[arg-type]
    assert site._exercises_per_lesson([six]) == "six exercises"
    assert site._exercises_per_lesson([six, six]) == "six exercises"
    assert site._exercises_per_lesson([six, two]) == "its exercises"
    one = catalog.Lesson(part=3, slug="c", title="C", exercises=(0,))  # type: ignore[arg-type]
    assert site._exercises_per_lesson([one]) == "one exercise"


def test_prerequisites_link_built_lessons_and_name_the_rest(course):
    """a built prerequisite is a link to its page; a missing one is its number, title and 'coming'"""
    les = catalog.lesson(1)
    assert site.prerequisite_text(1, {1: les}) == "{doc}`Part 1: Tiny Vectors <01-tiny-vectors>`"
    assert site.prerequisite_text(8, {1: les}) == "Part 8: Matrix Inverses and Systems of Equations (coming)"
    assert site.prerequisite_text(1, {}) == "Part 1: Tiny Vectors (not in this build)"
    assert site.prerequisite_text(99, {}) == "Part 99 (coming)"


def test_every_page_has_the_icon_and_the_site_script(built):
    """each page links the SVG icon and loads la4ml.js; /favicon.ico is a real icon file"""
    root = built / "site"
    pages = sorted(p for p in root.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) >= 5
    for page in pages:
        text = page.read_text()
        assert re.search(r'<link rel="icon" href="(\.\./)*_static/favicon\.svg"', text), page
        assert re.search(r'<script src="(\.\./)*_static/la4ml\.js', text), page
    assert (root / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # the ICO header
    svg = ElementTree.parse(root / "_static" / "favicon.svg").getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 64 64"


@pytest.mark.parametrize("name", ["index.html", "lessons/01-tiny-vectors.html", "exercises/01-tiny-vectors.html"])
def test_one_search_field_per_page(built, name):
    """the sidebar's search field only: the header bar's second one is gone"""
    text = (built / "site" / name).read_text()
    assert text.count("search-button-field") == 1
    assert 'class="navbar-item navbar-persistent--container"' not in text


def test_code_blocks_wrap_in_the_stylesheet():
    """the stylesheet makes the article's code blocks wrap (the browser test checks the result)"""
    css = (Path(site.STATIC_DIR) / "la4ml.css").read_text()
    rule = re.search(r"\.bd-article pre,[^{]*\{([^}]*)\}", css)
    assert rule and "white-space: pre-wrap" in rule.group(1) and "overflow-wrap: anywhere" in rule.group(1)
