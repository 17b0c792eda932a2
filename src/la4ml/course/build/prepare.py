"""Read a lesson's text notebook and prepare it for execution.

Preparation does two things, all deterministic:

1. reads ``lesson.md`` (MyST text notebook) with jupytext;
2. prepends a hidden code cell holding the lesson's *fingerprint*: a hash of the la4ml toolkit
   source files the lesson's code imports (followed transitively) and of every installed
   distribution's name and version. jupyter-cache keys executed notebooks on their code cells, so
   the cache is invalidated when the lesson's code, the toolkit code it runs, or any installed
   dependency changes — and only then.
"""

from __future__ import annotations

import ast
import hashlib
import re
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import jupytext
import nbformat

import la4ml
from la4ml.course.catalog import Lesson

FINGERPRINT_TAG = "la4ml-fingerprint"
EXERCISES_BLOCK = re.compile(r"^(`{3,})\{exercises\}[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
PACKAGE_ROOT = Path(la4ml.__file__).resolve().parent


class LessonFormatError(ValueError):
    """The lesson file is not a valid la4ml text notebook."""


def read_lesson(lesson: Lesson) -> nbformat.NotebookNode:
    if not lesson.source.is_file():
        raise LessonFormatError(f"{lesson.name}: no lesson file at {lesson.source}")
    text = lesson.source.read_text(encoding="utf-8")
    header = text.split("\n---", 1)[0] if text.startswith("---") else ""
    if not re.search(r"^\s*format_name:\s*myst\s*$", header, re.M):
        raise LessonFormatError(
            f"{lesson.source}: the front matter lacks the jupytext header with format_name: myst; "
            "without it the code would not be executed (see docs/authoring.md)"
        )
    return jupytext.reads(text, fmt="myst")


def exercises_markdown(lesson: Lesson, target: str) -> str:
    """The generated Exercises section: each task, and how to start and check it.

    ``target`` is ``"site"`` (links to the exercises page), ``"blog"`` or ``"notebook"``.
    """
    parts = [
        f"Six exercises, each graded by `la4ml check`. Start them with `la4ml start {lesson.part}`: "
        f"the starters are copied into your workspace; edit one, then run `la4ml check {lesson.part}.1` "
        "(and so on). Hints: `la4ml hint ID`; the reference solution: `la4ml solution ID`."
    ]
    for ex in lesson.exercises:
        task = ex.task if (ex.dir / "task.md").exists() else "(task missing)"
        parts.append(f"**Exercise {ex.id} — {ex.title}.** {task}")
    if target == "site":
        parts.append(f"Starters, hints and solutions: {{doc}}`the exercises page <../exercises/{lesson.name}>`.")
    return "\n\n".join(parts)


def expand_exercises(nb: nbformat.NotebookNode, lesson: Lesson, target: str) -> nbformat.NotebookNode:
    """Replace the ```{exercises}``` block of the lesson's Markdown with the generated section (in place)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "{exercises}" in cell.source:
            cell.source = EXERCISES_BLOCK.sub(lambda m: exercises_markdown(lesson, target), cell.source)
    return nb


def lesson_code(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != "la4ml":
        return None
    base = PACKAGE_ROOT.joinpath(*parts[1:])
    for cand in (base.with_suffix(".py"), base / "__init__.py"):
        if cand.is_file():
            return cand
    return None


def _imports_of(source: str, current: str | None = None, is_package: bool = False) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level and current:
                pkg = current.split(".") if is_package else current.split(".")[:-1]
                pkg = pkg[: len(pkg) - (node.level - 1)]
                mod = ".".join(pkg + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            names.add(mod)
            names.update(f"{mod}.{a.name}" for a in node.names)  # `from pkg import submodule`
    return {n for n in names if n == "la4ml" or n.startswith("la4ml.")}


def toolkit_files(code_cells: list[str]) -> list[Path]:
    """la4ml source files the code imports, followed transitively (package __init__ files included)."""
    todo = set().union(*(_imports_of(src) for src in code_cells)) if code_cells else set()
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        parts = name.split(".")
        for i in range(1, len(parts)):  # importing a.b.c runs a/__init__ and a/b/__init__
            parent = ".".join(parts[:i])
            if parent not in seen:
                todo.add(parent)
        path = _module_file(name)
        if path is None:
            seen[name] = None  # an attribute imported from a module, not a module
            continue
        seen[name] = path
        todo |= _imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py") - set(seen)
    return sorted({p for p in seen.values() if p is not None})


@lru_cache(maxsize=1)
def environment_fingerprint() -> str:
    """Hash of the Python version and every installed distribution's name and version."""
    dists = sorted(
        f"{(d.metadata['Name'] or '').lower()}=={d.version}"
        for d in metadata.distributions()
        if (d.metadata["Name"] or "").lower() != "la4ml"
    )
    h = hashlib.sha256(sys.version.encode())
    for d in dists:
        h.update(d.encode())
    return h.hexdigest()[:16]


def fingerprint(code_cells: list[str]) -> tuple[str, list[Path]]:
    files = toolkit_files(code_cells)
    h = hashlib.sha256(environment_fingerprint().encode())
    for f in files:
        h.update(str(f.relative_to(PACKAGE_ROOT)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16], files


def fingerprint_cell(code_cells: list[str]) -> nbformat.NotebookNode:
    """The hidden first cell of a notebook to execute: the fingerprint of ``code_cells``, and the figure set-up."""
    fp, files = fingerprint(code_cells)
    listing = "\n".join(f"#   {f.relative_to(PACKAGE_ROOT)}" for f in files) or "#   (none)"
    return nbformat.v4.new_code_cell(
        f"# la4ml build fingerprint {fp} (toolkit sources + installed packages):\n{listing}\n"
        "%config InlineBackend.figure_formats = ['png']\n"
        "import matplotlib.pyplot as _plt\n_plt.rcParams.update({'figure.dpi': 110, 'savefig.dpi': 110})",
        metadata={"tags": ["remove-cell", FINGERPRINT_TAG]},
    )


def prepare(lesson: Lesson) -> nbformat.NotebookNode:
    """The lesson as a notebook ready to execute, with the fingerprint cell first."""
    nb = read_lesson(lesson)
    nb.cells.insert(0, fingerprint_cell(lesson_code(nb)))
    return nb


def strip_fingerprint(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` without the build's hidden fingerprint cell."""
    out = nbformat.from_dict(nb)
    out.cells = [c for c in out.cells if FINGERPRINT_TAG not in c.get("metadata", {}).get("tags", [])]
    return out
