"""The build: cached execution, failing cells named, and the four formats' content."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from la4ml.course import catalog
from la4ml.course.build import BuildError, build, execute_lessons
from la4ml.course.build import prepare as prep
from test_blog_hugo import math_tokens

LESSON = "01-tiny-vectors"
FIXTURE = Path(__file__).parent / "fixture_course"


# --------------------------------------------------------------------------- site
def test_site_page_has_real_outputs_figure_and_local_math(built):
    """the lesson page holds the executed output, the figure with its alt text, and local MathJax"""
    page = (built / "site" / "lessons" / f"{LESSON}.html").read_text()
    assert "Linear Algebra for Machine Learning, Part 1: Tiny Vectors" in page
    assert "array([4., 6.])" in page and "7.2111" in page
    assert 'alt="An arrow from the origin to (4, 6)."' in page
    assert "_static/mathjax/tex-svg-full.js" in page
    assert (built / "site" / "_static" / "mathjax" / "tex-svg-full.js").is_file()


def test_site_references_nothing_external(built):
    """no page loads a script, stylesheet, image or font from another host"""
    pattern = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)=["'](?:https?:)?//""", re.I)
    for page in (built / "site").rglob("*.html"):
        assert not pattern.search(page.read_text()), page
    for css in (built / "site" / "_static").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text()), css


def test_exercises_page_folds_hints_and_solution(built):
    """the exercises page shows the task and starter, with hints and the solution in <details>"""
    page = (built / "site" / "exercises" / f"{LESSON}.html").read_text()
    assert "Write <code class=\"docutils literal notranslate\"><span class=\"pre\">add(x,</span>" in page or "add(x, y)" in page
    assert page.count("<details") == 4  # starter, 2 hints, solution
    assert "Hint 2 of 2" in page and "Reference solution and explanation" in page


def test_build_reports_progress(built):
    """the build log says lesson i of n and whether it was executed or cached"""
    log = (built / "build.log").read_text()
    assert "[1/1] Part 1: Tiny Vectors — executed in" in log


# --------------------------------------------------------------------------- blog
def _post(built) -> tuple[dict, str]:
    text = (built / "blog" / f"{LESSON}.md").read_text()
    assert text.startswith("+++\n")
    fm, body = text[4:].split("\n+++\n", 1)
    return tomllib.loads(fm), body


def test_blog_front_matter_is_the_authors(built):
    """the post starts with TOML +++ front matter: exactly title, author and date (a quoted string)"""
    fm, body = _post(built)
    assert list(fm.items()) == [("title", "Linear Algebra for Machine Learning, Part 1: Tiny Vectors"),
                                ("author", "Artintellica"), ("date", "2025-03-18")]
    assert body.startswith("\n# Linear Algebra for Machine Learning, Part 1: Tiny Vectors\n\n")


def test_blog_math_survives_commonmark(built):
    """every formula of the lesson reaches a CommonMark renderer's math extension exactly as written, and nothing else"""
    _, body = _post(built)
    assert sorted(math_tokens(body)) == sorted([
        r"x_1 = (1, 2)", r"y_{\text{new}} = (3, 4)", r"|x| \le 3", r"\|x\|_2 = \sqrt{x_1^2 + x_2^2}", "x",
        r"|\mathrm{fl}(a + b) - (a + b)| \le \varepsilon\,|a + b|",
        r"\varepsilon = 2^{-53} \approx 1.1 \times 10^{-16} .", r"\varepsilon < 10^{-15}"])
    assert "$" not in body.replace("```", "")  # no dollar delimiters, no escaped TeX
    assert "\\_" not in body and "\\\\" not in body.split("```")[0]


def test_blog_has_outputs_figures_and_callouts(built):
    """code fences, real outputs, a figure file beside the post, and callouts as block quotes"""
    _, body = _post(built)
    assert "```python\nimport numpy as np" in body
    assert "```text\narray([4., 6.])\n```" in body
    assert "![An arrow from the origin to (4, 6).](01-tiny-vectors/figure-1.png)" in body
    assert (built / "blog" / LESSON / "figure-1.png").stat().st_size > 1000
    assert "> **Numerical note**" in body and "{admonition}" not in body


# --------------------------------------------------------------------------- notebooks and scripts
def test_notebook_is_executed_and_plain(built):
    """the exported notebook validates, has outputs, no build fingerprint and no MyST directives"""
    nb = nbformat.read(built / "notebooks" / f"{LESSON}.ipynb", as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code" and not c.source.startswith(("%load_ext", "%%la4ml"))]
    assert all(c.outputs for c in code)
    assert not any("fingerprint" in c.source for c in code)
    assert not any("```{" in c.source for c in nb.cells if c.cell_type == "markdown")


def test_notebook_ends_with_gradable_exercises(built, tmp_path, monkeypatch):
    """the notebook ends with each exercise's starter under %%la4ml check; filled in and run, it is graded"""
    from nbclient import NotebookClient

    nb = nbformat.read(built / "notebooks" / f"{LESSON}.ipynb", as_version=4)
    monkeypatch.setenv("LA4ML_COURSE_DIR", str(FIXTURE))
    ex = catalog.exercise("1.1")
    assert nb.cells[-1].source.startswith("%%la4ml check 1.1\n") and "raise NotImplementedError" in nb.cells[-1].source
    assert any(c.source == "%load_ext la4ml" for c in nb.cells[-4:])
    monkeypatch.setenv("LA4ML_HOME", str(tmp_path / "home"))
    run = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("%load_ext la4ml"),
        nbformat.v4.new_code_cell(nb.cells[-1].source),                       # the starter as exported
        nbformat.v4.new_code_cell("%%la4ml check 1.1\n" + ex.solution.read_text()),  # filled in
    ])
    NotebookClient(run, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    html = ["".join(o.get("data", {}).get("text/html", "") for o in c.outputs) for c in run.cells[1:]]
    assert "Failed:" in html[0] and "NotImplementedError" in html[0]
    assert "Passed:" in html[1]


def test_scripts_run_standalone(built, tmp_path):
    """each demo_K.py runs on its own with python and prints what the lesson printed"""
    demos = sorted((built / "scripts" / LESSON).glob("demo_*.py"))
    assert [d.name for d in demos] == ["demo_1.py", "demo_2.py", "demo_3.py"]
    outs = []
    for d in demos:
        proc = subprocess.run([sys.executable, str(d)], capture_output=True, text=True, cwd=tmp_path,
                              env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert "[4. 6.]" in outs[0] and "sum: [4. 6.]" in outs[1] and "7.2111" in outs[2]


def test_scripts_keep_only_the_imports_a_demo_uses(tmp_path):
    """a demo copies the setup cell without the imports it never reads, and without the setup calls on
    a module it does not use (torch.manual_seed in a NumPy demo); the setup cell is not a demo itself"""
    from la4ml.course.build.execute import Executed
    from la4ml.course.build.exports import scripts

    setup = nbformat.v4.new_code_cell(
        "import numpy as np\nimport torch\nfrom threadpoolctl import threadpool_limits\n"
        "from la4ml.vectors import (angle_between, cosine_similarity, dot, norm, normalize, project_onto,\n"
        "                           distance)\n\n"
        "np.set_printoptions(precision=4)\n_ = torch.manual_seed(0)  # reproducible\n"
        "_ = threadpool_limits(limits=1)\nrng = np.random.default_rng(0)")
    numpy_demo = nbformat.v4.new_code_cell("x = rng.standard_normal(3)\nprint(norm(x), dot(x, x))",
                                           outputs=[nbformat.v4.new_output("stream", text="1.0 1.0\n")])
    torch_demo = nbformat.v4.new_code_cell("t = torch.ones(2)  # uses torch\nprint(t.sum())",
                                           outputs=[nbformat.v4.new_output("stream", text="2\n")])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Setup"), setup,
                                         nbformat.v4.new_markdown_cell("## Norms"), numpy_demo,
                                         nbformat.v4.new_markdown_cell("## Tensors"), torch_demo])
    written = scripts(Executed(catalog.lesson(1), nb, cached=True, seconds=0.0), tmp_path)
    assert [p.name for p in written] == ["demo_1.py", "demo_2.py"]
    first, second = (p.read_text() for p in written)
    assert "Example 1: Norms" in first and "Example 2: Tensors" in second
    assert "torch" not in first
    assert "from la4ml.vectors import dot, norm\n" in first
    assert "np.set_printoptions(precision=4)" in first and "_ = threadpool_limits(limits=1)" in first
    assert "import torch\n" in second and "_ = torch.manual_seed(0)  # reproducible" in second
    assert "la4ml.vectors" not in second and "rng = np.random.default_rng(0)" in second
    for path in written:
        compile(path.read_text(), str(path), "exec")


# --------------------------------------------------------------------------- cache and failures
def test_cache_hit_then_invalidated_by_code_and_environment(course, tmp_path, monkeypatch):
    """a rebuild is cached; editing code or changing installed packages re-executes"""
    out = tmp_path / "out"
    les = [catalog.lesson(1)]
    logs: list[str] = []
    execute_lessons(les, out, log=logs.append)
    assert "executed" in logs[-1]
    execute_lessons(les, out, log=logs.append)
    assert logs[-1].endswith("cached")

    src = course / "lessons" / LESSON / "lesson.md"
    src.write_text(src.read_text().replace("round(norm, 4)", "round(norm, 3)"))
    execute_lessons(les, out, log=logs.append)
    assert "executed" in logs[-1]

    monkeypatch.setattr(prep, "environment_fingerprint", lambda: "numpy==99.0")
    execute_lessons(les, out, log=logs.append)
    assert "executed" in logs[-1]
    execute_lessons(les, out, log=logs.append)
    assert logs[-1].endswith("cached")


def test_fingerprint_follows_toolkit_imports(tmp_path, monkeypatch):
    """the fingerprint changes when a toolkit module the lesson imports (transitively) changes, not otherwise"""
    pkg = tmp_path / "la4ml"
    (pkg / "topic").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "topic" / "__init__.py").write_text("from la4ml.topic._impl import f\n")
    (pkg / "topic" / "_impl.py").write_text("from .._helpers import g\ndef f(): return g()\n")
    (pkg / "_helpers.py").write_text("def g(): return 1\n")
    (pkg / "unrelated.py").write_text("x = 1\n")
    monkeypatch.setattr(prep, "PACKAGE_ROOT", pkg)
    cells = ["from la4ml.topic import f\nf()"]
    fp1, files = prep.fingerprint(cells)
    assert {f.name for f in files} == {"__init__.py", "_impl.py", "_helpers.py"}
    (pkg / "unrelated.py").write_text("x = 2\n")
    assert prep.fingerprint(cells)[0] == fp1
    (pkg / "_helpers.py").write_text("def g(): return 2\n")
    assert prep.fingerprint(cells)[0] != fp1


def test_failing_cell_stops_build_naming_lesson_and_cell(course, tmp_path):
    """a raising cell fails the build with the lesson, the cell number, its line and the traceback"""
    src = course / "lessons" / LESSON / "lesson.md"
    src.write_text(src.read_text().replace("## Exercises", "```{code-cell} python\nz = 1\nz / 0\n```\n\n## Exercises"))
    with pytest.raises(BuildError) as info:
        build(out=tmp_path / "out", formats=["site"], log=lambda s: None)
    msg = str(info.value)
    assert f"lesson {LESSON} failed in code cell 4" in msg
    line = src.read_text().splitlines().index("z = 1") + 1
    assert f"lesson.md line {line}" in msg
    assert "ZeroDivisionError" in msg and "z / 0" in msg


def test_missing_jupytext_header_is_refused(course, tmp_path):
    """a lesson without the jupytext myst header is refused instead of rendered unexecuted"""
    src = course / "lessons" / LESSON / "lesson.md"
    src.write_text(src.read_text().replace("format_name: myst", "format_name: markdown"))
    with pytest.raises(BuildError, match="format_name: myst"):
        build(out=tmp_path / "out", formats=["site"], log=lambda s: None)
