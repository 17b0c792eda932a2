"""The real course, built into every format: what each lesson's outputs must satisfy."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import nbformat
import pytest
from markdown_it import MarkdownIt

from la4ml.course import catalog
from la4ml.course.build.prepare import read_lesson

LESSONS = catalog.lessons()
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(?=\S)(.+?)(?<=\S)(?<!\\)\$(?!\$)", re.S)


def _formulas(lesson) -> list[str]:
    text = "\n\n".join(c.source for c in read_lesson(lesson).cells if c.cell_type == "markdown")
    text = re.sub(r"^>\s?", "", text, flags=re.M)
    text = CODE.sub(" ", text)
    out = [" ".join(m.group(1).split()) for m in DISPLAY.finditer(text)]
    out += [" ".join(m.group(1).split()) for m in INLINE.finditer(DISPLAY.sub(" ", text))]
    return out


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda les: les.name)
def test_blog_post_keeps_every_formula(real_build, lesson):
    """every formula of the lesson reaches a CommonMark renderer's HTML exactly as written"""
    body = (real_build / "blog" / f"{lesson.name}.md").read_text().split("\n+++\n", 1)[1]
    rendered = MarkdownIt("commonmark").enable("table").render(body)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())
    missing = [f for f in _formulas(lesson) if f not in text]
    assert not missing, missing[:5]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda les: les.name)
def test_every_format_exists(real_build, lesson):
    """site page, exercises page, blog post, executed notebook and at least one script per lesson"""
    assert (real_build / "site" / "lessons" / f"{lesson.name}.html").is_file()
    assert (real_build / "site" / "exercises" / f"{lesson.name}.html").is_file()
    assert (real_build / "blog" / f"{lesson.name}.md").is_file()
    nb = nbformat.read(real_build / "notebooks" / f"{lesson.name}.ipynb", as_version=4)
    assert sum(bool(c.get("outputs")) for c in nb.cells if c.cell_type == "code") >= 3
    assert list((real_build / "scripts" / lesson.name).glob("demo_*.py"))


def test_playground_links_existing_lessons(real_build):
    """the Playground shows the 25 widgets and links the lessons that exist"""
    page = (real_build / "site" / "playground.html").read_text()
    assert page.count('class="la4ml-widget"') == 25
    for les in LESSONS:
        assert f'href="lessons/{les.name}.html' in page, les.name


@pytest.mark.slow
def test_scripts_of_part_12_run(real_build, tmp_path):
    """Part 12's demo scripts run on their own with plain python"""
    demos = sorted((real_build / "scripts" / "12-positive-definite-matrices").glob("demo_*.py"))
    failures = []
    for d in demos:
        proc = subprocess.run([sys.executable, str(d)], capture_output=True, text=True, cwd=tmp_path,
                              env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, timeout=300)
        if proc.returncode != 0:
            failures.append((d.name, proc.stderr[-500:]))
    assert not failures, failures
