"""Run an exercise's hidden tests in this (trusted) process against a worker holding the learner's file."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from la4ml.course.grader.results import GradeResult

PREFIX = "la4ml-check-"


def wall_limit(timeout: float) -> float:
    """The wall-clock backstop: generous, so a busy machine never fails a correct solution."""
    return 3 * timeout + 5


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(tmp_root: str | None = None) -> None:
    """Remove the folders of earlier checks whose process is gone (a ``kill -9`` leaves them)."""
    root = Path(tmp_root or tempfile.gettempdir())
    try:
        entries = list(root.glob(PREFIX + "*"))
    except OSError:
        return
    for d in entries:
        try:
            pid = int(d.name[len(PREFIX):].split("-", 1)[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _pid_alive(pid):
            _rmtree(d)


def _rmtree(path: Path) -> None:
    def onerror(func, p, exc_info):  # the learner's code may have left read-only folders behind
        try:
            os.chmod(os.path.dirname(p), 0o700)
            os.chmod(p, 0o700)
            func(p)
        except OSError:
            pass

    shutil.rmtree(path, onerror=onerror)


def run(tests: Path, submission: Path, *, exercise_id: str, timeout: float, memory_mb: int,
        max_output_kb: int, hide: list[Path]) -> GradeResult:
    """Grade ``submission`` with the hidden tests in ``tests`` (a ``test_exercise.py``)."""
    import pytest

    from la4ml.course.grader import sandbox
    from la4ml.course.grader.plugin import GraderPlugin
    from la4ml.course.grader.remote import Client

    sweep_stale()
    start = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
    client = None
    try:
        (tmp / "submission").mkdir()
        copy = tmp / "submission" / (submission.name if submission.suffix == ".py" else "submission.py")
        copy.write_bytes(submission.read_bytes())
        (tmp / "tests").mkdir()
        shutil.copyfile(tests, tmp / "tests" / "test_exercise.py")
        (tmp / "pytest.ini").write_text("[pytest]\naddopts =\n", encoding="utf-8")
        scratch = tmp / "scratch"
        scratch.mkdir()
        spec = sandbox.Spec(copy, scratch, cpu_s=max(1, int(round(timeout))), memory_mb=memory_mb,
                            max_output_kb=max_output_kb, hide=hide)
        client = Client(spec, wall_s=wall_limit(timeout))
        client.start()  # the worker imports NumPy while pytest starts here
        plugin = GraderPlugin(client, str(submission))
        args = [str(tmp / "tests" / "test_exercise.py"), "-p", "no:cacheprovider", "-p", "no:terminal",
                "-p", "no:stepwise", "-p", "no:junitxml", "-p", "no:unittest", "-p", "no:doctest", "-p", "no:pastebin",
                "-p", "no:debugging", "-p", "no:unraisableexception", "-p", "no:threadexception", "-p", "no:setuponly", "-p", "no:setupplan", "-p", "no:legacypath", "--capture=no", "--import-mode=importlib",
                "--rootdir", str(tmp), "-c", str(tmp / "pytest.ini"), "--basetemp", str(scratch / "t"),
                "-W", "ignore::pytest.PytestAssertRewriteWarning"]
        old_env = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        try:
            code = pytest.main(args, plugins=[plugin])
        finally:
            if old_env is None:
                os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
            else:
                os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = old_env
        duration = time.perf_counter() - start
        return _assemble(exercise_id, plugin, int(code), duration, client.sandbox_note)
    finally:
        gc.unfreeze()  # frozen at collection (plugin.py); a long-lived caller (watch) collects them again
        if client is not None:
            client.close()
        _forget_modules(tmp)
        _rmtree(tmp)


def _forget_modules(tmp: Path) -> None:
    """Drop the hidden tests' modules from ``sys.modules``: pytest's importlib mode reuses a module
    of the same name (``tests.test_exercise``) if one is there, so the next exercise graded in this
    process (watch mode, the Jupyter magic, dev mutate) would otherwise run the previous one's tests."""
    root = str(tmp)
    for name, module in list(sys.modules.items()):
        try:  # some modules answer oddly (torch.classes' __path__ is not iterable)
            where = str(getattr(module, "__file__", None) or "")
            paths = [str(p) for p in getattr(module, "__path__", None) or []]
        except Exception:
            continue
        if where.startswith(root) or any(p.startswith(root) for p in paths):
            sys.modules.pop(name, None)


def _assemble(exercise_id: str, plugin, code: int, duration: float, sandbox_note: str) -> GradeResult:
    checks = plugin.checks()
    result = GradeResult(exercise_id, "failed", checks, round(duration, 3), sandbox=sandbox_note)
    if plugin.interrupted:
        result.status = "interrupted"
        return result
    if plugin.import_error is not None:
        result.status = "import error"
        result.message = plugin.import_error
        for c in checks:
            c.outcome = "not run"
        return result
    if not checks:
        result.status = "error"
        result.message = ("no checks ran (the hidden tests could not be collected: pytest exit status "
                          f"{code}); this is a course bug, please report it.")
        return result
    if plugin.stopped and plugin.stopped[0] == "error":
        result.status = "error"
        result.message = plugin.stopped[1]
        return result
    if plugin.stopped and plugin.stopped[0] == "timeout":
        result.status = "timeout"
        running = next((c for c in checks if c.outcome == "timeout"), None)
        passed = sum(c.outcome == "passed" for c in checks)
        not_run = sum(c.outcome == "not run" for c in checks)
        what = plugin.stopped[1]
        result.message = (f"{what} while running the check “{running.check}”" if running else what)
        result.message += (f"; {passed} check{'s' if passed != 1 else ''} passed before it"
                           + (f" and the other {not_run} did not run" if not_run else "") + ". ")
        result.message += ("Look for a loop whose condition never becomes false, or work that grows much faster "
                           "than the input (the reference solution takes well under a second)."
                           if "computing" in what else "")
        result.message = result.message.strip()
        return result
    if all(c.outcome == "passed" for c in checks):
        result.status = "passed"
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m la4ml.course.grader.runner TESTS SUBMISSION ID TIMEOUT MEMORY_MB MAX_OUTPUT_KB [HIDE...]``:
    grade in a fresh process and print the result as JSON (how ``grade(in_process=False)`` runs)."""
    import json

    argv = sys.argv[1:] if argv is None else argv
    tests, submission, ex_id, timeout, memory_mb, max_output_kb, *hide = argv
    out_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # nothing but the JSON goes to the caller
    result = run(Path(tests), Path(submission), exercise_id=ex_id, timeout=float(timeout), memory_mb=int(memory_mb),
                 max_output_kb=int(max_output_kb), hide=[Path(h) for h in hide])
    with os.fdopen(out_fd, "w", encoding="utf-8") as fh:
        json.dump(result.to_dict(), fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
