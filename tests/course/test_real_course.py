"""The real course, built into every format: what each lesson's outputs must satisfy."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import nbformat
import pytest

from la4ml.course import catalog
from la4ml.course.build.prepare import read_lesson
from test_blog_hugo import (build_hugo_site, check_page, check_post_format, check_site, math_tokens, page_of,
                            run_solutions, solution_sections)

LESSONS = catalog.lessons()
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(?=\S)(.+?)(?<=\S)(?<!\\)\$(?!\$)", re.S)


ADMONITION = re.compile(r"\{(?:admonition|note|tip|warning|important|caution|danger|seealso|hint|attention|error)\}")


def _prose(text: str) -> str:
    """Markdown without code: code fences and other directives' bodies dropped, admonitions' bodies kept."""
    out, stack = [], []  # open fences: (fence, body dropped?)
    for ln in text.split("\n"):
        m = re.match(r"^\s*(`{3,}|~{3,})\s*(\S*)", ln)
        if m and stack and m.group(1)[0] == stack[-1][0][0] and len(m.group(1)) >= len(stack[-1][0]) and not m.group(2):
            stack.pop()
            out.append("")
        elif m and not (stack and stack[-1][1]):
            stack.append((m.group(1), not ADMONITION.match(m.group(2))))
            out.append("")
        else:
            out.append("" if stack and stack[-1][1] else ln)
    return CODE.sub(" ", "\n".join(out))


def _formulas(lesson) -> list[str]:
    text = "\n\n".join(c.source for c in read_lesson(lesson).cells if c.cell_type == "markdown")
    text = re.sub(r"^>\s?", "", text, flags=re.M)
    text = _prose(text)
    out = [" ".join(m.group(1).split()) for m in DISPLAY.finditer(text)]
    out += [" ".join(m.group(1).split()) for m in INLINE.finditer(DISPLAY.sub(" ", text))]
    return out


def _expected_formulas(lesson) -> list[str]:
    """The lesson's formulas and those of its exercises' tasks (the post's exercises section)."""
    tasks = "\n\n".join(CODE.sub(" ", ex.task) for ex in lesson.exercises)
    return _formulas(lesson) + [" ".join(m.group(1).split()) for m in INLINE.finditer(DISPLAY.sub(" ", tasks))] + [
        " ".join(m.group(1).split()) for m in DISPLAY.finditer(tasks)]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda les: les.name)
def test_blog_post_keeps_every_formula(real_build, lesson):
    """every formula of the lesson reaches a CommonMark renderer's math extension (\\( \\), \\[ \\]) exactly as written"""
    body = (real_build / "blog" / f"{lesson.name}.md").read_text().split("\n+++\n", 1)[1]
    got, want = Counter(math_tokens(body)), Counter(_expected_formulas(lesson))
    assert got == want, (list((want - got).elements())[:5], list((got - want).elements())[:5])


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda les: les.name)
def test_blog_post_is_in_the_authors_format(real_build, lesson):
    """front matter title, author, date (quoted) in that order; '# title'; math delimiters as the author writes them"""
    date = read_lesson(lesson).metadata["la4ml"]["date"]
    post = (real_build / "blog" / f"{lesson.name}.md").read_text()
    assert check_post_format(post, lesson.full_title(), date) == []
    page = (real_build / "blog" / f"{lesson.name}-solutions.md").read_text()
    assert check_post_format(page, f"{lesson.full_title()} — Solutions", date) == []
    assert f"]({lesson.name}-solutions.md)" in post
    assert [f"Exercise {ex.id} — {ex.title}" for ex in lesson.exercises] == re.findall(r"^## (Exercise .*)$", page, re.M)
    sections = solution_sections(page)
    assert len(sections) == len(lesson.exercises)
    assert all(code and (printed or figures) for code, printed, figures in sections), "a solution without code or output"


@pytest.mark.slow
def test_blog_renders_in_hugo(real_build, tmp_path):
    """a Hugo site of every post and solutions page: every formula typeset by KaTeX, figures and links found, all local"""
    public, log = build_hugo_site(real_build / "blog", tmp_path)
    problems = check_site(public, log)
    for les in LESSONS:
        problems += check_page(public, page_of(public, f"{les.name}.md"), _expected_formulas(les))
        explained = "\n\n".join(CODE.sub(" ", ex.explanation) for ex in les.exercises)
        page_formulas = [" ".join(m.group(1).split()) for m in INLINE.finditer(DISPLAY.sub(" ", explained))]
        page_formulas += [" ".join(m.group(1).split()) for m in DISPLAY.finditer(explained)]
        tasks = _expected_formulas(les)[len(_formulas(les)):]
        problems += check_page(public, page_of(public, f"{les.name}-solutions.md"), tasks + page_formulas)
    assert not problems, "\n".join(problems[:30])


#: lessons whose solutions are run again by the suite: the model lesson and the capstone
RERUN_SOLUTIONS = {12, 26}


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda les: les.name)
def test_blog_solutions_show_each_file_and_its_run(real_build, lesson, tmp_path):
    """the solutions page shows every reference solution verbatim with its output or figures; the build got
    that output by running the file as `python solution.py` (tests/course/test_blog_hugo.py proves the
    runner), and for Parts 12 and 26 a new run here prints exactly what the page shows"""
    page = (real_build / "blog" / f"{lesson.name}-solutions.md").read_text()
    sections = solution_sections(page)
    assert [code.rstrip("\n") for code, _, _ in sections] == [ex.solution.read_text(encoding="utf-8").rstrip("\n")
                                                             for ex in lesson.exercises]
    shows_nothing = [ex.id for ex, (_, printed, figures) in zip(lesson.exercises, sections) if not (printed or figures)]
    assert not shows_nothing, f"no output and no figure on the page for {shows_nothing}"
    if lesson.part in RERUN_SOLUTIONS:
        assert run_solutions(page, tmp_path) == []


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
