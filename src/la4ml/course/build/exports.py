r"""The blog, notebook and script exports of executed lessons.

* **blog** — ``blog/NN-slug.md``, a post in the series author's own format: TOML ``+++`` front
  matter with ``title``, ``author`` and ``date`` (a quoted string), the title again as the ``# ``
  heading, math between ``\( … \)`` inline and ``\[ … \]`` on lines of their own for display with
  the TeX untouched, callouts as block quotes, code fences followed by their real outputs, and
  figures in ``blog/NN-slug/`` beside the post. Every exercise's reference solution, with its
  task, its explanation and the real output of running it (executed at build time, cached like
  the lessons), goes to ``blog/NN-slug-solutions.md``, linked from the post. The ``[blog]`` table
  of course.toml switches to extended front matter, dollar delimiters, or solutions at the end of
  the post; docs/blog.md has the settings and the few lines of Hugo configuration a blog needs.
* **notebooks** — ``notebooks/NN-slug.ipynb``, executed, MyST directives turned into Markdown.
* **scripts** — ``scripts/NN-slug/demo_K.py``, one runnable file per code example: each holds the
  example's cell and the earlier cells it depends on (found from the names it uses).
"""

from __future__ import annotations

import ast
import base64
import copy
import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable

import nbformat

from la4ml.course import catalog
from la4ml.course.build import BuildError
from la4ml.course.build.execute import Executed
from la4ml.course.build.markdown import MATH_STYLES, blog_markdown, convert_directives
from la4ml.course.build.prepare import (EXERCISES_BLOCK, exercises_markdown, expand_exercises, fingerprint_cell,
                                        strip_fingerprint)
from la4ml.course.build.site import write_if_changed

ANSI = re.compile(r"\x1b\[[0-9;]*m")


# ----------------------------------------------------------------------------- blog settings
@dataclass(frozen=True)
class BlogSettings:
    """The ``[blog]`` table of course.toml (see docs/blog.md); the defaults are the series' own format."""

    front_matter: str = "author"  # "author": title, author, date; "extended": and the lesson's metadata
    math: str = "brackets"  # "brackets": \( … \) and \[ … \]; "dollars": $…$ and $$…$$
    solutions: str = "companion"  # "companion": NN-slug-solutions.md; "inline": at the end of the post
    tags: tuple[str, ...] = ()  # the extended front matter's tags
    solutions_title: str = "{title} — Solutions"  # the companion's title; {title} is the post's


CHOICES = {"front_matter": ("author", "extended"), "math": MATH_STYLES, "solutions": ("companion", "inline")}


def _config_path() -> Path:
    path = catalog.course_dir() / "course.toml"
    return path if path.is_file() else catalog.PACKAGED_COURSE / "course.toml"


def blog_settings(table: dict | None = None) -> BlogSettings:
    """The blog settings from ``table`` (default: course.toml's ``[blog]``), each value checked."""
    if table is None:
        table = catalog.config().get("blog", {})
    where = f"{_config_path()}, table [blog]"
    known = [f.name for f in fields(BlogSettings)]
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise BuildError(f"{where}: unknown setting(s) {', '.join(unknown)}; the settings are {', '.join(known)} "
                         "(see docs/blog.md)")
    for key, choices in CHOICES.items():
        if key in table and table[key] not in choices:
            raise BuildError(f"{where}: {key} = {table[key]!r} is not a choice; write one of "
                             + ", ".join(f'{key} = "{c}"' for c in choices))
    tags = table.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BuildError(f"{where}: tags must be a list of strings, like tags = [\"linear algebra\"]; got {tags!r}")
    title = table.get("solutions_title", BlogSettings.solutions_title)
    try:
        str(title).format(title="T", part=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise BuildError(f"{where}: solutions_title = {title!r} may use only {{title}} and {{part}} ({exc})") from None
    return BlogSettings(**{**table, "tags": tuple(tags)})


# ----------------------------------------------------------------------------- front matter
def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _front_matter(title: str, date: str, extra: list[tuple[str, object]]) -> str:
    """``+++`` TOML: title, author and date (a quoted string) in that order, then ``extra``."""
    pairs = [("title", title), ("author", catalog.config()["course"]["author"]), ("date", str(date)), *extra]
    return "\n".join(["+++", *(f"{k} = {_toml_value(v)}" for k, v in pairs), "+++", ""])


def front_matter(executed: Executed, settings: BlogSettings | None = None) -> str:
    """The post's front matter: the series' three keys, and with ``front_matter = "extended"`` the lesson's metadata."""
    settings = settings or blog_settings()
    les = executed.lesson
    meta = executed.nb.metadata.get("la4ml", {})
    extra: list[tuple[str, object]] = []
    if settings.front_matter == "extended":
        extra = [
            ("summary", meta.get("summary", "")),
            ("tags", list(settings.tags)),
            ("series", catalog.config()["course"]["title"]),
            ("part", les.part),
            ("reading_time", meta.get("reading_time", "")),
            ("prerequisites", list(meta.get("prerequisites", []))),
            ("objectives", list(meta.get("objectives", []))),
            ("math", True),
        ]
    return _front_matter(les.full_title(), _date(executed), extra)


def _date(executed: Executed) -> str:
    return str(executed.nb.metadata.get("la4ml", {}).get("date", executed.lesson.expected_date()))


# ----------------------------------------------------------------------------- outputs
def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _alt(cell) -> str:
    md = cell.get("metadata", {}).get("mystnb", {}) or {}
    return ((md.get("image") or {}).get("alt") or md.get("figure", {}).get("caption") or "Figure").replace("\n", " ")


def _fence(body: str, lang: str) -> str:
    """A fenced block of ``body``, its fence longer than any run of backticks inside."""
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{body}\n{ticks}"


@dataclass
class _Figures:
    """Figures written beside a post (``folder``, linked as ``rel/NAME``), numbered per stem."""

    folder: Path
    rel: str
    written: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, png_base64: str, alt: str, stem: str) -> str:
        self.counts[stem] = self.counts.get(stem, 0) + 1
        name = f"{stem}-{self.counts[stem]}.png"
        data = base64.b64decode(png_base64)
        path = self.folder / name
        self.folder.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        self.written.add(name)
        # square brackets inside alt text (a printed array in a figure's title) would end the image's
        # text early in Markdown readers that do not balance them: show them as parentheses
        alt = " ".join(alt.split()).replace("[", "(").replace("]", ")")
        return f"![{alt}]({self.rel}/{name})"

    def remove_stale(self) -> None:
        """Delete figures an earlier build wrote that this one did not (a cell lost its plot)."""
        if not self.folder.is_dir():
            return
        for old in self.folder.glob("*.png"):
            if re.fullmatch(r"(?:figure|exercise-\d+-figure)-\d+\.png", old.name) and old.name not in self.written:
                old.unlink()
        if not any(self.folder.iterdir()):
            self.folder.rmdir()


def _outputs_markdown(cell, figures: _Figures, stem: str = "figure", alt: str | None = None) -> list[str]:
    parts: list[str] = []
    text_buf: list[str] = []

    def flush():
        if text_buf:
            body = "".join(text_buf).rstrip("\n")
            if body:
                parts.append(_fence(body, "text"))
            text_buf.clear()

    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            text_buf.append(ANSI.sub("", out.get("text", "")))
            continue
        if kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            if "image/png" in data:
                flush()
                own = (out.get("metadata", {}) or {}).get("la4ml", {}).get("alt")
                parts.append(figures.add(data["image/png"], own or alt or _alt(cell), stem))
            elif "text/markdown" in data:
                flush()
                parts.append(data["text/markdown"].rstrip())
            elif "text/html" in data and "text/plain" not in data:
                flush()
                parts.append(data["text/html"].rstrip())
            elif "text/plain" in data:
                text_buf.append(ANSI.sub("", data["text/plain"]) + "\n")
        elif kind == "error":
            text_buf.append(ANSI.sub("", "\n".join(out.get("traceback", []))) + "\n")
    flush()
    return parts


# ----------------------------------------------------------------------------- solutions
SOLUTION_TAG = "la4ml-solution"
SOLUTION_FIGURES_TAG = "la4ml-solution-figures"
# A solution is run by `python -c SOLUTION_RUNNER OUT` in a copy of its exercise's folder: the file
# runs exactly as `python solution.py` runs it (``__name__ == "__main__"``, ``__file__`` and
# ``sys.argv`` set, matplotlib's Agg backend, output in the order a terminal shows it), and then the
# figures it produced are written to OUT: the PNG files it saved in its folder if it saved any, else
# the figures it left open (what plt.show() would have shown).
SOLUTION_RUNNER = """\
import base64, io, json, os, runpy, sys
_out = sys.argv[1]
sys.argv = [os.path.abspath("solution.py")]
_before = set(os.listdir("."))
runpy.run_path("solution.py", run_name="__main__")
sys.stdout.flush()
sys.stderr.flush()
_shown = []
_saved = [f for f in set(os.listdir(".")) - _before if f.lower().endswith(".png")]
_saved.sort(key=lambda f: (os.stat(f).st_mtime_ns, f))  # in the order they were saved
_figs = []
if "matplotlib.pyplot" in sys.modules:
    import matplotlib.pyplot as plt
    _figs = [plt.figure(num) for num in plt.get_fignums()]

def _titles(fig):
    return [t for t in [fig.get_suptitle()] + [ax.get_title() for ax in fig.axes] if t]

for _name in _saved:  # one file from one open figure: its titles describe the file too
    _named = _titles(_figs[0]) if len(_figs) == len(_saved) == 1 else []
    with open(_name, "rb") as _fh:
        _shown.append({"png": base64.b64encode(_fh.read()).decode(), "la4ml": {"saved": _name, "titles": _named}})
if not _saved:
    for _fig in _figs:
        _buf = io.BytesIO()
        _fig.savefig(_buf, format="png")
        _shown.append({"png": base64.b64encode(_buf.getvalue()).decode(), "la4ml": {"titles": _titles(_fig)}})
with open(_out, "w", encoding="utf-8") as _fh:
    json.dump(_shown, _fh)
"""
# What the notebook of a solution holds around it (its cells are what the cache keys on, so the
# runner's own digest is one of them: a changed runner runs every solution again).
SOLUTION_SETUP = ("# run by la4ml's solution runner as `python solution.py` (build/exports.py: SOLUTION_RUNNER, "
                  f"sha256 {hashlib.sha256(SOLUTION_RUNNER.encode()).hexdigest()[:16]})")
SOLUTION_FIGURES = "# the figures the solution produced, collected by SOLUTION_RUNNER"
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@dataclass(frozen=True)
class _SolutionRun:
    """One reference solution as ``execute_all`` sees it (it reads name, part, title, dir and source)."""

    lesson: catalog.Lesson
    exercise: catalog.Exercise

    @property
    def name(self) -> str:
        return f"{self.lesson.name}-exercise-{self.exercise.number}"

    @property
    def part(self) -> int:
        return self.lesson.part

    @property
    def title(self) -> str:
        return f"solution {self.exercise.id}"

    @property
    def dir(self) -> Path:  # the kernel runs in a copy of the exercise's folder
        return self.exercise.dir

    @property
    def source(self) -> Path:
        return self.exercise.solution


@dataclass
class Solution:
    """An exercise's reference solution, executed: the notebook holds its outputs."""

    exercise: catalog.Exercise
    code: str
    nb: nbformat.NotebookNode
    cached: bool


def _is_main_guard(node: ast.stmt) -> bool:
    if not (isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1
            and isinstance(node.test.ops[0], ast.Eq)):
        return False
    sides = [node.test.left, *node.test.comparators]
    return (any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
            and any(isinstance(s, ast.Constant) and s.value == "__main__" for s in sides))


def _check_exercise_files(ex: catalog.Exercise) -> str:
    """The solution's code, after checking that the files the blog shows exist and that it has a demo."""
    for path in (ex.dir / "task.md", ex.solution, ex.dir / "explanation.md"):
        if not path.is_file():
            raise BuildError(f"exercise {ex.id}: {path} is missing; the blog shows every exercise's task, "
                             "reference solution and explanation (see docs/authoring.md)")
    code = ex.solution.read_text(encoding="utf-8")
    try:
        tree = ast.parse(code, filename=str(ex.solution))
    except SyntaxError as exc:
        raise BuildError(f"exercise {ex.id}: {ex.solution} line {exc.lineno}: {exc.msg}") from None
    if not any(_is_main_guard(node) for node in tree.body):
        raise BuildError(
            f"exercise {ex.id}: {ex.solution} has no `if __name__ == \"__main__\":` block. The blog shows "
            "the output of running each solution: add a short demo that calls the function on the "
            "task's example input and prints the result (as the other exercises' solutions do)."
        )
    return code


def solution_notebook(ex: catalog.Exercise, code: str) -> nbformat.NotebookNode:
    """The notebook that runs one reference solution: hidden set-up, the solution verbatim, its figures."""
    setup = fingerprint_cell([code])
    setup.source += "\n" + SOLUTION_SETUP
    cells = [
        setup,
        nbformat.v4.new_code_cell(code, metadata={"tags": [SOLUTION_TAG]}),
        nbformat.v4.new_code_cell(SOLUTION_FIGURES, metadata={"tags": ["remove-cell", SOLUTION_FIGURES_TAG]}),
    ]
    kernelspec = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernelspec, "la4ml": {"exercise": ex.id}})


def _run_solution(run: _SolutionRun, nb: nbformat.NotebookNode, workdir: Path) -> nbformat.NotebookNode:
    """Run one solution as ``python solution.py`` (see SOLUTION_RUNNER) and put its output and figures
    into ``nb``'s solution and figures cells."""
    import os
    import subprocess
    import sys

    from la4ml.course.build.execute import CELL_TIMEOUT_S, THREAD_VARS, run_process

    if workdir.exists():
        shutil.rmtree(workdir)
    shutil.copytree(run.dir, workdir, ignore=shutil.ignore_patterns("__pycache__", "*.ipynb", "test_*.py"))
    shown = workdir.parent / f"{workdir.name}.figures.json"
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONUNBUFFERED": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    for key in THREAD_VARS:  # solutions run side by side: one BLAS thread each
        env.setdefault(key, "1")
    try:
        code, output = run_process([sys.executable, "-c", SOLUTION_RUNNER, str(shown)], cwd=workdir, env=env,
                                   timeout=CELL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise BuildError(f"lesson {run.name} : the solution ran longer than {CELL_TIMEOUT_S} s") from None
    if code != 0:
        raise BuildError(f"lesson {run.name} failed (exit status {code}):\n{ANSI.sub('', output)[-3000:]}")
    figures = json.loads(shown.read_text(encoding="utf-8"))
    shown.unlink()
    for cell in nb.cells:
        tags = _tags(cell)
        if SOLUTION_TAG in tags:
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=output)] if output else []
        elif SOLUTION_FIGURES_TAG in tags:
            cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": f["png"]},
                                                   metadata={"la4ml": f["la4ml"]}) for f in figures]
        if cell.cell_type == "code":
            cell.execution_count = None
    return nb


def execute_solutions(lessons: list[catalog.Lesson], out: Path, *, jobs: int | None = None,
                      log: Callable[[str], None] = print) -> dict[str, list[Solution]]:
    """Run every exercise's reference solution of ``lessons`` (cached like the lessons); by lesson name.

    Each solution runs as ``python solution.py`` in a copy of its exercise folder, exactly as the file
    is; a solution that raises fails the build with the exercise, the file and the traceback.
    """
    from la4ml.course.build.execute import execute_all

    runs, prepared = [], []
    for les in lessons:
        for ex in les.exercises:
            code = _check_exercise_files(ex)
            runs.append((les, ex, code))
            prepared.append((_SolutionRun(les, ex), solution_notebook(ex, code)))
    if not prepared:
        return {}
    def quiet(line: str) -> None:  # execute_all speaks of lessons; one line per cached solution is noise
        if not line.endswith("— cached"):
            log("solutions: " + line.replace("lesson(s)", "solution(s)"))

    try:
        executed = execute_all(prepared, out / ".cache", out / ".work", jobs=jobs, log=quiet, runner=_run_solution)
    except BuildError as exc:
        failed = next((run for run, _ in prepared if f"lesson {run.name} " in str(exc)), None)
        where = (f"the reference solution of exercise {failed.exercise.id} ({failed.source})" if failed
                 else "a reference solution")
        raise BuildError(f"{where} failed when the blog ran it (python solution.py); the blog shows "
                         f"the real output of every solution, so it must run:\n{exc}") from None
    result: dict[str, list[Solution]] = {les.name: [] for les in lessons}
    for (les, ex, code), done in zip(runs, executed):
        result[les.name].append(Solution(ex, code, done.nb, done.cached))
    n_cached = sum(d.cached for d in executed)
    log(f"solutions: {len(executed)} reference solution(s) run ({n_cached} from the cache)")
    return result


def _solution_markdown(sol: Solution, level: int, figures: _Figures, settings: BlogSettings) -> str:
    """One exercise: its task, the solution file, the real output of running it, the explanation."""
    ex = sol.exercise
    code_cell = next(c for c in sol.nb.cells if SOLUTION_TAG in _tags(c))
    fig_cell = next(c for c in sol.nb.cells if SOLUTION_FIGURES_TAG in _tags(c))
    outputs = _outputs_markdown(code_cell, figures, stem=f"exercise-{ex.number}-figure")
    for out in fig_cell.get("outputs", []):  # name each figure in its alt text
        meta = (out.get("metadata", {}) or {}).get("la4ml", {})
        what = (f"{meta['saved']}, the figure saved by" if meta.get("saved")
                else "The figure drawn by") + f" the reference solution of exercise {ex.id}"
        titles = "; ".join(meta.get("titles", []))
        out.setdefault("metadata", {}).setdefault("la4ml", {})["alt"] = what + (f": {titles}" if titles else "")
    outputs += _outputs_markdown(fig_cell, figures, stem=f"exercise-{ex.number}-figure")
    parts = [
        f"{'#' * level} Exercise {ex.id} — {ex.title}",
        "**Task.**",
        _markdown(ex.task, settings, f"{ex.dir / 'task.md'}"),
        "**Solution** (`solution.py`):",
        _fence(sol.code.rstrip("\n"), "python"),
        "**Output** of `python solution.py`, from the run made when this post was built:"
        if outputs else "Running `python solution.py` prints nothing.",
        *outputs,
        "**Why it works.**",
        _markdown(ex.explanation, settings, f"{ex.dir / 'explanation.md'}"),
    ]
    return "\n\n".join(p.strip("\n") for p in parts if p.strip())


def _solutions_intro(les: catalog.Lesson, post_link: str | None) -> str:
    k = len(les.exercises)
    count = NUMBER_WORDS[k] if k < len(NUMBER_WORDS) else str(k)
    which = f"[Part {les.part}: {les.title}]({post_link})" if post_link else "this post"
    solutions = "The reference solution to the exercise" if k == 1 else f"The reference solutions to the {count} exercises"
    return (f"{solutions} of {which}, one by one. Each is a complete file: save it as `solution.py` "
            "and run `python solution.py`; the output shown below it is the real output of that run, "
            "made when this post was built. To solve the exercises yourself first, with hints and "
            f"automatic checks: `la4ml start {les.part}`.")


# ----------------------------------------------------------------------------- posts
def _markdown(text: str, settings: BlogSettings, where: str) -> str:
    try:
        return blog_markdown(text, math=settings.math).strip()
    except ValueError as exc:
        raise BuildError(f"{where}: {exc}") from None


def companion_name(lesson: catalog.Lesson) -> str:
    """File name of a lesson's solutions page, beside its post."""
    return f"{lesson.name}-solutions.md"


def _solutions_pointer(lesson: catalog.Lesson, settings: BlogSettings) -> str:
    if settings.solutions == "inline":
        return ("The reference solutions, each with the real output of running it: "
                "[Solutions](#solutions), at the end of this post.")
    return ("The reference solutions, each with the real output of running it: "
            f"[Solutions to Part {lesson.part}]({companion_name(lesson)}).")


def blog_post(executed: Executed, out_dir: Path, solutions: list[Solution] | None = None,
              settings: BlogSettings | None = None) -> Path:
    """Write ``out_dir/NN-slug.md``, its figures and (by default) ``NN-slug-solutions.md``; return the post's path.

    ``solutions`` are the lesson's executed reference solutions (:func:`execute_solutions`); without
    them the post has no solutions (and no link to them).
    """
    settings = settings or blog_settings()
    les = executed.lesson
    nb = strip_fingerprint(executed.nb)
    pointer = _solutions_pointer(les, settings) if solutions else ""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "{exercises}" in cell.source:
            cell.source = EXERCISES_BLOCK.sub(
                lambda m: exercises_markdown(les, "blog") + (f"\n\n{pointer}" if pointer else ""), cell.source)
    figures = _Figures(out_dir / les.name, les.name)
    chunks: list[str] = [f"# {les.full_title()}"]
    title_dropped = False
    for cell in nb.cells:
        tags = _tags(cell)
        if "remove-cell" in tags:
            continue
        if cell.cell_type == "markdown":
            text = cell.source
            if not title_dropped and text.lstrip().startswith("# "):
                text = text.lstrip().partition("\n")[2]  # the lesson's own title: the post's heading replaces it
                title_dropped = True
            chunks.append(_markdown(text, settings, f"{les.source}"))
        elif cell.cell_type == "code":
            if "remove-input" not in tags and "hide-input" not in tags and cell.source.strip():
                chunks.append(_fence(cell.source.rstrip(), "python"))
            if "remove-output" not in tags:
                chunks += _outputs_markdown(cell, figures)
    companion = out_dir / companion_name(les)
    if solutions and settings.solutions == "inline":
        chunks += ["## Solutions", _solutions_intro(les, None)]
        chunks += [_solution_markdown(s, 3, figures, settings) for s in solutions]
    body = "\n\n".join(c for c in chunks if c) + "\n"
    post = out_dir / f"{les.name}.md"
    write_if_changed(post, front_matter(executed, settings) + "\n" + body)
    if solutions and settings.solutions == "companion":
        title = settings.solutions_title.format(title=les.full_title(), part=les.part)
        extra: list[tuple[str, object]] = []
        if settings.front_matter == "extended":
            extra = [("summary", f"Reference solutions to the exercises of Part {les.part}, "
                                 "each with the real output of running it."),
                     ("tags", list(settings.tags)), ("series", catalog.config()["course"]["title"]),
                     ("part", les.part), ("math", True)]
        parts = [f"# {title}", _solutions_intro(les, post.name)]
        parts += [_solution_markdown(s, 2, figures, settings) for s in solutions]
        write_if_changed(companion, _front_matter(title, _date(executed), extra) + "\n" + "\n\n".join(parts) + "\n")
    elif companion.exists():
        companion.unlink()  # solutions moved inline (or the lesson lost its exercises)
    figures.remove_stale()
    return post


def blog(executed: list[Executed], out: Path, *, jobs: int | None = None,
         log: Callable[[str], None] = print) -> list[Path]:
    """The blog format: run the reference solutions, then write every post (``out/blog``); return the posts."""
    settings = blog_settings()
    solutions = execute_solutions([e.lesson for e in executed], out, jobs=jobs, log=log)
    return [blog_post(e, out / "blog", solutions.get(e.lesson.name), settings) for e in executed]


# ----------------------------------------------------------------------------- notebooks
def notebook(executed: Executed, out_dir: Path) -> Path:
    """An executed ``.ipynb`` for Jupyter: outputs kept, MyST turned into Markdown Jupyter renders."""
    les = executed.lesson
    nb = expand_exercises(strip_fingerprint(executed.nb), les, "notebook")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = convert_directives(cell.source, target="notebook")
            if cell.source.lstrip().startswith("# "):
                rest = cell.source.lstrip().partition("\n")[2]
                cell.source = f"# {les.full_title()}\n{rest}"
    nb.metadata.pop("jupytext", None)
    nb.cells.extend(exercise_cells(les))
    path = out_dir / f"{les.name}.ipynb"
    nbformat.validate(nb)
    write_if_changed(path, nbformat.writes(nb))
    return path


def exercise_cells(les: catalog.Lesson) -> list:
    """The notebook's last cells: the six exercises, each a starter cell graded in place by the
    ``%%la4ml check ID`` magic (:mod:`la4ml.course.jupyter`)."""
    cells = [
        nbformat.v4.new_markdown_cell(
            "## Your turn: the exercises, graded here\n\n"
            "Each code cell below is an exercise's starter. Replace the `raise NotImplementedError` line with "
            "your code and run the cell: its first line, `%%la4ml check ID`, runs your code and then grades it "
            "against the hidden tests (in a sandbox, exactly as `la4ml check` does), with a hint button when "
            "a check fails. Your attempts count in `la4ml progress`."),
        nbformat.v4.new_code_cell("%load_ext la4ml"),
    ]
    for ex in les.exercises:
        cells.append(nbformat.v4.new_markdown_cell(f"### Exercise {ex.id} — {ex.title}\n\n{ex.task}"))
        starter = ex.starter.read_text(encoding="utf-8").rstrip()
        cells.append(nbformat.v4.new_code_cell(f"%%la4ml check {ex.id}\n{starter}\n"))
    return cells


# ----------------------------------------------------------------------------- scripts
PLOT_ROOTS = {"plt", "ax", "axes", "fig", "print", "display", "sns"}


def _names(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(names the code defines, names it reads) — a conservative approximation."""
    defined, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, (ast.Store, ast.Del)) else used).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                defined.add((a.asname or a.name).split(".")[0])
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:  # A[0] = 1 and obj.x = 1 modify A and obj: they define and read them
                while isinstance(t, (ast.Subscript, ast.Attribute)):
                    t = t.value
                if isinstance(t, ast.Name):
                    defined.add(t.id)
                    used.add(t.id)
    return defined, used


def _printable_last_expr(src: str) -> str:
    """Make a cell's last bare expression print, as the notebook displayed it."""
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return src
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return src
    expr = tree.body[-1]
    node = expr.value
    if isinstance(node, ast.Call):
        root = node.func
        while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
            root = root.value if not isinstance(root, ast.Call) else root.func
        if isinstance(root, ast.Name) and root.id in PLOT_ROOTS:
            return src
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return src
    lines = src.splitlines()
    if lines[expr.end_lineno - 1].rstrip().endswith(";"):
        return src
    start, end = expr.lineno - 1, expr.end_lineno
    seg = "\n".join(lines[start:end])
    return "\n".join(lines[:start] + [f"print({seg})"] + lines[end:])


def _is_setup_call(node: ast.stmt) -> bool:
    """A call kept for its effect: ``f(...)`` or ``_ = f(...)`` (np.set_printoptions, torch.manual_seed)."""
    if isinstance(node, ast.Expr):
        return isinstance(node.value, ast.Call)
    return (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and all(isinstance(t, ast.Name) and t.id == "_" for t in node.targets))


def _format_import(node: ast.stmt, width: int = 100) -> str:
    text = ast.unparse(node)
    if len(text) <= width or not isinstance(node, ast.ImportFrom):
        return text
    head = f"from {'.' * node.level}{node.module or ''} import ("
    lines, line = [], head
    for k, alias in enumerate(node.names):
        item = ast.unparse(alias) + (", " if k < len(node.names) - 1 else ")")
        if len(line) + len(item.rstrip()) > width and line.strip() != head.strip():
            lines.append(line.rstrip())
            line = " " * len(head)
        line += item
    return "\n".join(lines + [line])


def _is_setup_cell(tree: ast.Module, cell) -> bool:
    """Only imports, or imports then quiet setup (seeds, print options) with nothing shown."""
    if not tree.body or not isinstance(tree.body[0], (ast.Import, ast.ImportFrom)):
        return False
    if all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body):
        return True
    return not cell.get("outputs") and not any(
        isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in tree.body)


def _prune_setup(cells: list[tuple[str, ast.Module]], demo: ast.Module) -> list[str]:
    """The cells a demo needs, without the imports it never uses.

    A lesson's setup cell imports everything the lesson needs (PyTorch too). A demo keeps an import
    only when its code reads the name, and a setup call on a module it never touches
    (``_ = torch.manual_seed(0)`` in a NumPy-only demo) goes with that module's import; other setup
    calls (print options, ``threadpool_limits``) stay. Cells come back as source, comments kept.
    """
    modules = {(a.asname or a.name).split(".")[0]
               for _, tree in cells for node in tree.body if isinstance(node, ast.Import) for a in node.names}
    kept_uses = set(_names(demo)[1])
    setup_calls = {}  # id -> the names the call reads
    for _, tree in cells:
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            if _is_setup_call(node):
                setup_calls[id(node)] = _names(node)[1]
            else:
                kept_uses |= _names(node)[1]
    while True:  # a kept setup call may read a module that another one configures
        kept = [uses for uses in setup_calls.values() if not (uses & modules) - kept_uses]
        grown = kept_uses.union(*kept)
        if grown == kept_uses:
            break
        kept_uses = grown
    dropped = {key for key, uses in setup_calls.items() if (uses & modules) - kept_uses}
    out = []
    for src, tree in cells:
        lines = src.splitlines()
        shared = {}  # a line holding two statements (a; b) is never cut
        for node in tree.body:
            for ln in range(node.lineno, node.end_lineno + 1):
                shared[ln] = shared.get(ln, 0) + 1
        edits = []  # (first line, last line, replacement lines)
        for node in tree.body:
            if any(shared[ln] > 1 for ln in range(node.lineno, node.end_lineno + 1)):
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a for a in node.names if (a.asname or a.name).split(".")[0] in kept_uses]
                if len(names) == len(node.names):
                    continue
                repl = []
                if names:
                    node = copy.copy(node)
                    node.names = names
                    repl = _format_import(node).splitlines()
                edits.append((node.lineno, node.end_lineno, repl))
            elif id(node) in dropped:
                edits.append((node.lineno, node.end_lineno, []))
        for first, last, repl in reversed(edits):
            lines[first - 1:last] = repl
        text = "\n".join(lines).strip("\n")
        if text.strip():
            out.append(text.rstrip())
    return out


def scripts(executed: Executed, out_dir: Path) -> list[Path]:
    """One runnable ``demo_K.py`` per code example of the lesson (setup cells are not examples: they
    are copied into the demos that need them, less the imports a demo does not use)."""
    les = executed.lesson
    nb = strip_fingerprint(executed.nb)
    cells, headings, setup, heading = [], [], [], les.title
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for ln in cell.source.splitlines():
                if ln.startswith("#"):
                    heading = ln.lstrip("#").strip()
        elif cell.cell_type == "code" and "remove-cell" not in _tags(cell):
            src = "\n".join(ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!")))
            try:
                tree = ast.parse(src)
            except SyntaxError:
                continue
            cells.append((src, tree, _names(tree)))
            headings.append(heading)
            setup.append(_is_setup_cell(tree, cell))
    folder = out_dir / les.name
    written: list[Path] = []
    k = 0
    for i, (src, tree, (defs, uses)) in enumerate(cells):
        if setup[i]:
            continue
        k += 1
        needed = set(uses) - (defs - uses)
        include = []
        for j in range(i - 1, -1, -1):
            jdefs, juses = cells[j][2]
            if jdefs & needed:
                include.append(j)
                needed -= jdefs - juses
                needed |= juses
        include.reverse()
        body = _prune_setup([cells[j][:2] for j in include], tree)
        header = (f'"""{les.full_title()}\n\nExample {k}: {headings[i]}\n\n'
                  f"Generated from the lesson by `la4ml build --formats scripts`; run it with `python demo_{k}.py`.\n" + '"""')
        text = header + "\n\n" + "\n\n".join(body + [_printable_last_expr(src).rstrip()]) + "\n"
        if "plt." in text and "plt.show()" not in text:
            text += "\nimport matplotlib.pyplot as plt\nplt.show()\n"
        path = folder / f"demo_{k}.py"
        write_if_changed(path, text)
        written.append(path)
    keep = {p.name for p in written}
    if folder.exists():
        for old in folder.glob("demo_*.py"):
            if old.name not in keep:
                old.unlink()
    return written
