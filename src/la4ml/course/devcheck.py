"""``la4ml dev check``: prove the course is sound (rustlings' ``dev check``).

It checks that

* the manifest and the files agree: every listed lesson and exercise folder exists with all its
  files, nothing stray sits beside them, ids are unique and of the form ``part.k``, and every
  lesson has exactly six exercises, each with hints;
* every lesson's front matter is complete (title and part match the manifest, the date is the
  series' weekly date, summary, reading time, prerequisites are earlier parts, 3–5 objectives);
* every displayed formula is followed by an "In words:" paragraph;
* every starter has ``# TODO`` and ``raise NotImplementedError``, and **fails** its hidden tests;
* every reference solution **passes** its hidden tests;
* every lesson executes (through the build's cache, so an unchanged lesson is not re-run).
"""

from __future__ import annotations

import ast
import os
import queue
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from la4ml.course import catalog
from la4ml.course.catalog import EXERCISE_FILES, Exercise, Lesson

EXERCISES_PER_LESSON = 6


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str, problem: str) -> bool:
        (self.passed if ok else self.problems).append(what if ok else problem)
        return ok


def _defines(path, name: str) -> bool:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return False
    return any(isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body)


def check_structure(lessons: list[Lesson], r: Report) -> None:
    ids = [ex.id for les in catalog.lessons() for ex in les.exercises]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    r.check(not dup, "exercise ids are unique", f"duplicate exercise ids in manifest.toml: {', '.join(dup)}")
    parts = [les.part for les in catalog.lessons()]
    r.check(parts == sorted(parts) and len(set(parts)) == len(parts), "lessons are in curriculum order",
            f"manifest.toml lists parts {parts}: they must be unique and in increasing order")
    listed = {les.name for les in catalog.lessons()}
    lessons_dir = catalog.course_dir() / "lessons"
    stray = sorted(p.name for p in lessons_dir.iterdir() if p.is_dir() and p.name not in listed and not p.name.startswith(("_", ".")))
    r.check(not stray, "no lesson folder outside the manifest", f"lesson folders not in manifest.toml: {', '.join(stray)}")
    for les in lessons:
        r.check(les.source.is_file(), f"{les.name}: lesson.md exists", f"{les.name}: missing {les.source}")
        n = len(les.exercises)
        r.check(n == EXERCISES_PER_LESSON, f"{les.name}: six exercises",
                f"{les.name}: the manifest lists {n} exercises; every lesson has exactly {EXERCISES_PER_LESSON}")
        ex_dir = les.dir / "exercises"
        known = {ex.dir.name for ex in les.exercises}
        if ex_dir.is_dir():
            extra = sorted(p.name for p in ex_dir.iterdir() if p.name not in known and not p.name.startswith(("_", ".")))
            r.check(not extra, f"{les.name}: no stray exercise folders",
                    f"{les.name}: exercise folders not in manifest.toml: {', '.join(extra)}")
        for ex in les.exercises:
            r.check(ex.id == f"{les.part}.{ex.number}", f"{ex.id}: id matches position",
                    f"{ex.id}: exercise {ex.number} of part {les.part} must have id {les.part}.{ex.number}")
            missing = [f for f in EXERCISE_FILES if not (ex.dir / f).is_file()]
            if not r.check(not missing, f"{ex.id}: all files present",
                           f"{ex.id}: missing {', '.join(missing)} in {ex.dir}"):
                continue
            extra = sorted(p.name for p in ex.dir.iterdir()
                           if p.name not in EXERCISE_FILES and p.name not in ("__pycache__", "equivalent_mutants.toml")
                           and not p.name.startswith("."))
            r.check(not extra, f"{ex.id}: no stray files", f"{ex.id}: stray files {', '.join(extra)} in {ex.dir}")
            r.check(len(ex.hints) >= 2, f"{ex.id}: staged hints", f"{ex.id}: give at least two staged hints in manifest.toml")
            bad = _test_problems(ex.tests)
            r.check(not bad, f"{ex.id}: hidden tests use the grading API",
                    f"{ex.id}: test_exercise.py " + "; ".join(bad) + " (see docs/authoring.md)")
            starter = ex.starter.read_text(encoding="utf-8")
            r.check("# TODO" in starter and "raise NotImplementedError" in starter, f"{ex.id}: starter has TODO",
                    f"{ex.id}: the starter needs a '# TODO:' line and 'raise NotImplementedError'")
            solution = ex.solution.read_text(encoding="utf-8")
            r.check(re.search(r"^if __name__ == [\"']__main__[\"']:", solution, re.M) is not None,
                    f"{ex.id}: solution has a demo",
                    f"{ex.id}: solution.py needs an `if __name__ == \"__main__\":` demo (the blog's solutions page "
                    "runs it and shows its output)")
            if ex.function:
                r.check(_defines(ex.starter, ex.function) and _defines(ex.solution, ex.function),
                        f"{ex.id}: {ex.function}() in starter and solution",
                        f"{ex.id}: starter.py and solution.py must both define {ex.function}()")


_FORBIDDEN_IN_TESTS = {
    "monkeypatch": "monkeypatch acts on the trusted process, not on the learner's code: use grading.blocked/counting",
    "sys.modules": "sys.modules is the trusted process's: use grading.blocked/counting",
    "vars(submission)": "the learner's module is a proxy: use function(submission, name)",
    "inspect.getsource": "the learner's module is a proxy: use grading.learner_source()",
    "plt.close": "figures live in the worker: use grading.close_figures()",
}


def _test_problems(path) -> list[str]:
    """What a hidden test file does that only worked when the learner's code ran in its process."""
    try:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
    except (OSError, SyntaxError) as exc:
        return [f"does not parse ({exc})"]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.arg == "monkeypatch":
            found.append(_FORBIDDEN_IN_TESTS["monkeypatch"])
        elif isinstance(node, ast.Attribute):
            dotted = ast.unparse(node)
            if dotted in ("sys.modules", "inspect.getsource", "plt.close"):
                found.append(_FORBIDDEN_IN_TESTS[dotted])
        elif isinstance(node, ast.Call) and ast.unparse(node) == "vars(submission)":
            found.append(_FORBIDDEN_IN_TESTS["vars(submission)"])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance"
              and len(node.args) == 2 and ast.unparse(node.args[1]) in ("Figure", "plt.Figure", "Axes")):
            found.append("isinstance on a figure: figures come back as handles, use grading.expect_figure/is_instance")
    return sorted(set(found))


def check_front_matter(lessons: list[Lesson], r: Report) -> None:
    from la4ml.course.build.prepare import LessonFormatError, read_lesson

    for les in lessons:
        if not les.source.is_file():
            continue
        try:
            nb = read_lesson(les)
        except LessonFormatError as exc:
            r.check(False, "", str(exc))
            continue
        meta = nb.metadata.get("la4ml")
        if not r.check(isinstance(meta, dict), f"{les.name}: la4ml front matter", f"{les.name}: no `la4ml:` front matter"):
            continue
        want = {
            "part": les.part, "title": les.title, "date": les.expected_date(),
        }
        for key, value in want.items():
            r.check(meta.get(key) == value, f"{les.name}: {key}",
                    f"{les.name}: front matter {key} is {meta.get(key)!r}, expected {value!r}"
                    + (" (quote it, and count one week per part from the anchor in course.toml)" if key == "date" else ""))
        for key in ("summary", "reading_time"):
            r.check(bool(meta.get(key)), f"{les.name}: {key}", f"{les.name}: front matter lacks {key}")
        pre = meta.get("prerequisites")
        r.check(isinstance(pre, list) and all(isinstance(p, int) and 0 < p < les.part for p in pre),
                f"{les.name}: prerequisites", f"{les.name}: prerequisites must be a list of earlier part numbers, got {pre!r}")
        obj = meta.get("objectives")
        r.check(isinstance(obj, list) and 3 <= len(obj) <= 5, f"{les.name}: objectives",
                f"{les.name}: give 3 to 5 learning objectives, got {len(obj) if isinstance(obj, list) else obj!r}")
        text = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        missing = _formulas_without_words(text)
        r.check(not missing, f"{les.name}: every displayed formula has 'In words:'",
                f"{les.name}: displayed formula(s) not followed by an 'In words:' paragraph: " + "; ".join(missing[:5]))
        r.check("{exercises}" in text, f"{les.name}: exercises block",
                f"{les.name}: add the generated exercises block (```{{exercises}}```) under '## Exercises'")


DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)


def _formulas_without_words(text: str) -> list[str]:
    bad = []
    for m in DISPLAY.finditer(text):
        after = text[m.end():].lstrip()
        # allow an "Also written:" paragraph or another formula in between
        while after.startswith("$$"):
            nxt = after.find("$$", 2)
            after = after[nxt + 2:].lstrip() if nxt > 0 else ""
        if not after.startswith(("In words:", "*In words:*", "**In words:**", "*In words*:", "**In words**:")):
            bad.append(" ".join(m.group(1).split())[:60])
    return bad


def _verdict_key(ex: Exercise) -> str:
    """What a starter's and a reference's verdicts depend on: the exercise's files, the la4ml code they
    import (followed through the imports, as the build does for lessons), the grader itself, the
    installed packages and the kind of sandbox. Same key, same verdicts: they are reused."""
    import hashlib

    from la4ml.course.build.prepare import PACKAGE_ROOT, fingerprint
    from la4ml.course.grader.sandbox import bwrap_status

    sources = [ex.starter.read_text(encoding="utf-8"), ex.solution.read_text(encoding="utf-8"),
               ex.tests.read_text(encoding="utf-8")]
    h = hashlib.sha256(fingerprint(sources)[0].encode())
    for f in sorted((PACKAGE_ROOT / "course" / "grader").glob("*.py")) + [PACKAGE_ROOT / "course" / "grading.py"]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    for text in sources:
        h.update(text.encode())
    h.update(repr(catalog.config().get("grader", {})).encode())
    h.update(("bwrap" if bwrap_status()[0] else "reduced").encode())
    return h.hexdigest()[:24]


def _cache_dir():
    from la4ml.course.workspace import home

    return home() / "cache" / "devcheck"


def _grade_pair(ex: Exercise, graders: queue.Queue) -> tuple[Exercise, object, object, bool]:
    """Grade the starter and the reference of ``ex`` on a grading process taken from ``graders`` (or reuse
    the verdicts of an unchanged exercise)."""
    import json

    from la4ml.course.grader import GradeResult

    key = _verdict_key(ex)
    cached = _cache_dir() / f"{ex.id}-{key}.json"
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        return ex, GradeResult.from_dict(data["starter"]), GradeResult.from_dict(data["solution"]), True
    except (OSError, ValueError, KeyError, TypeError):
        pass
    # The course check proves correctness, not speed on a loaded machine: a generous limit here
    # (3x the learner's) keeps it from flaking while lessons build beside it.
    limit = 3 * float(catalog.config().get("grader", {}).get("timeout_s", 10))
    batch = graders.get()
    try:
        starter, solution = batch.grade(ex, ex.starter, timeout=limit), batch.grade(ex, ex.solution, timeout=limit)
    finally:
        graders.put(batch)
    if starter.status in ("failed", "import error") and solution.status == "passed":  # only a sound pair is kept
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            for old in cached.parent.glob(f"{ex.id}-*.json"):
                old.unlink(missing_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_text(json.dumps({"starter": starter.to_dict(), "solution": solution.to_dict()}), encoding="utf-8")
            os.replace(tmp, cached)
        except OSError:
            pass
    return ex, starter, solution, False


def check_exercises(lessons: list[Lesson], r: Report, jobs: int) -> None:
    exercises = [ex for les in lessons for ex in les.exercises if ex.starter.is_file() and ex.tests.is_file()]
    reused = 0
    from la4ml.course.grader import Batch

    graders: queue.Queue = queue.Queue()  # one long-lived grading process per thread: imports paid once each
    for _ in range(jobs):
        graders.put(Batch())
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for ex, starter, solution, from_cache in pool.map(lambda e: _grade_pair(e, graders), exercises):
            reused += from_cache
            r.check(starter.status in ("failed", "timeout", "import error") and starter.n_passed < len(starter.checks),
                    f"{ex.id}: starter fails its tests",
                    f"{ex.id}: the starter should fail its tests, got {starter.status} ({starter.n_passed}/{len(starter.checks)}) {starter.message}")
            failed = [c for c in solution.checks if c.outcome != "passed"]
            detail = "; ".join(f"{c.check}: {c.message}" for c in failed[:3]) or solution.message
            r.check(solution.status == "passed" and len(solution.checks) > 0,
                    f"{ex.id}: reference solution passes ({len(solution.checks)} checks, {solution.duration_s:.1f} s)",
                    f"{ex.id}: the reference solution should pass, got {solution.status}: {detail}")
    while not graders.empty():
        graders.get().close()
    if exercises:
        print(f"  {len(exercises) - reused} exercise(s) graded, {reused} verdict(s) reused (unchanged since they "
              "were last graded)", flush=True)


def check_execution(lessons: list[Lesson], r: Report, jobs: int) -> None:
    from la4ml.course.build import BuildError, _exclusive, default_out, execute_lessons

    out = default_out()
    out.mkdir(parents=True, exist_ok=True)
    log = lambda s: print("  " + s, flush=True)  # noqa: E731
    with _exclusive(out / ".build.lock", log):
        try:  # all at once, in parallel; on a failure, one by one to name every broken lesson
            executed = execute_lessons(lessons, out, jobs=jobs, log=log)
            for e in executed:
                r.check(True, f"{e.lesson.name}: executes", "")
                check_outputs(e, r)
            return
        except BuildError:
            pass
        for les in lessons:
            try:
                (e,) = execute_lessons([les], out, jobs=jobs, log=log)
                r.check(True, f"{les.name}: executes", "")
                check_outputs(e, r)
            except BuildError as exc:
                r.check(False, "", f"{les.name}: does not execute:\n{exc}")


ADDRESS = re.compile(r"<[\w.]+ (?:object )?at 0x[0-9a-fA-F]+>")


def check_outputs(executed, r: Report) -> None:
    """Outputs must be reproducible: no object repr with a memory address (``<… at 0x7f…>``)."""
    bad = []
    for i, cell in enumerate(c for c in executed.nb.cells if c.cell_type == "code"):
        for out in cell.get("outputs", []):
            text = out.get("text", "") + (out.get("data", {}) or {}).get("text/plain", "")
            m = ADDRESS.search(text)
            if m:
                bad.append(f"code cell {i} shows {m.group(0)}")
    r.check(not bad, f"{executed.lesson.name}: outputs are reproducible",
            f"{executed.lesson.name}: output(s) show a memory address ({'; '.join(bad[:3])}); "
            "end the cell with `_ = ...` or `;` to hide a value that is not the point")


def run(parts=None, execute: bool = True, jobs: int | None = None) -> int:
    from la4ml.course.build import select_lessons

    jobs = jobs or os.cpu_count() or 1
    lessons = select_lessons(parts)
    r = Report()
    print(f"Checking {len(lessons)} lesson(s) in {catalog.course_dir()}", flush=True)
    check_structure(lessons, r)
    check_front_matter(lessons, r)
    print("Grading every starter (must fail) and reference solution (must pass)…", flush=True)
    check_exercises(lessons, r, jobs)
    if execute:
        print("Executing lessons (cached)…", flush=True)
        check_execution(lessons, r, jobs)
    for p in r.problems:
        print(f"  ✗ {p}")
    print(f"\n{len(r.passed)} checks passed, {len(r.problems)} failed.")
    return 0 if not r.problems else 1
