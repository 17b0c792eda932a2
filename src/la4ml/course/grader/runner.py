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


def _layout(submission_name: str) -> tuple[Path, Path, Path]:
    """A check's private folder: ``(tmp, where the learner's file goes, scratch)``."""
    tmp = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
    (tmp / "submission").mkdir()
    copy = tmp / "submission" / (submission_name if submission_name.endswith(".py") else "submission.py")
    copy.write_bytes(b"")
    (tmp / "tests").mkdir()
    (tmp / "pytest.ini").write_text("[pytest]\naddopts =\n", encoding="utf-8")
    scratch = tmp / "scratch"
    scratch.mkdir()
    return tmp, copy, scratch


def _spec(copy: Path, scratch: Path, timeout: float, memory_mb: int, max_output_kb: int, hide: list[Path]):
    from la4ml.course.grader import sandbox

    return sandbox.Spec(copy, scratch, cpu_s=max(1, int(round(timeout))), memory_mb=memory_mb,
                        max_output_kb=max_output_kb, hide=hide)


#: the libraries a warm worker may load ahead of the learner's file (the worker checks this list again)
PREIMPORTABLE = ("numpy", "scipy", "sklearn", "matplotlib", "torch", "pandas", "networkx", "la4ml")


def imported_libraries(source: bytes | str) -> list[str]:
    """The installed libraries a learner's file imports at its top level, in order (``[]`` if it does not parse)."""
    import ast

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    names: list[str] = []
    for node in tree.body:
        found = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
        for name in found:
            if name.split(".")[0] in PREIMPORTABLE and not name.startswith("la4ml.course") and name not in names:
                names.append(name)
    return names[:64]


class Warm:
    """One worker started *ahead* of the next check, for a caller that grades again and again in one
    process (``la4ml watch``): while the learner edits, its interpreter has started
    inside the sandbox and imported NumPy and the libraries their file imported last time, so the
    check after a save pays only for their own code. Each worker still grades exactly one version of
    the file and is thrown away afterwards, as in a plain ``la4ml check``."""

    def __init__(self) -> None:
        self._slot: tuple[tuple, Path, object] | None = None

    @staticmethod
    def _key(submission_name, timeout, memory_mb, max_output_kb, hide) -> tuple:
        return (submission_name, float(timeout), int(memory_mb), int(max_output_kb), tuple(str(h) for h in hide))

    def prepare(self, submission_name: str, libraries: list[str], *, timeout: float, memory_mb: int,
                max_output_kb: int, hide: list[Path]) -> None:
        """Start the worker for the next check of a file called ``submission_name``."""
        from la4ml.course.grader.remote import Client

        self.close()
        tmp, copy, scratch = _layout(submission_name)
        client = None
        try:
            client = Client(_spec(copy, scratch, timeout, memory_mb, max_output_kb, hide), wall_s=wall_limit(timeout))
            client.start(preload=False)
            client.preimport(["numpy", *libraries])
        except Exception:  # a warm worker is only an optimisation: the check starts its own
            if client is not None:
                client.close()
            _rmtree(tmp)
            return
        self._slot = (self._key(submission_name, timeout, memory_mb, max_output_kb, hide), tmp, client)

    def take(self, submission_name, timeout, memory_mb, max_output_kb, hide):
        """``(tmp, client)`` of the prepared worker if it fits this check and is still alive, else None."""
        slot, self._slot = self._slot, None
        if slot is None:
            return None
        key, tmp, client = slot
        alive = client.proc is not None and client.proc.popen.poll() is None and client.dead is None
        if key != self._key(submission_name, timeout, memory_mb, max_output_kb, hide) or not alive:
            client.close()
            _rmtree(tmp)
            return None
        return tmp, client

    def close(self) -> None:
        slot, self._slot = self._slot, None
        if slot is not None:
            slot[2].close()
            _rmtree(slot[1])


def run(tests: Path, submission: Path, *, exercise_id: str, timeout: float, memory_mb: int,
        max_output_kb: int, hide: list[Path], warm: Warm | None = None) -> GradeResult:
    """Grade ``submission`` with the hidden tests in ``tests`` (a ``test_exercise.py``); with ``warm``,
    on its prepared worker if it fits (and a new one is prepared for the next check afterwards)."""
    from la4ml.course.grader.remote import Client  # pytest and the plugin are imported once the worker runs

    sweep_stale()
    start = time.perf_counter()
    name = submission.name
    taken = warm.take(name, timeout, memory_mb, max_output_kb, hide) if warm is not None else None
    client = None
    tmp = None
    try:
        source = submission.read_bytes()
        if taken is not None:
            tmp, client = taken
            with open(client.spec.submission, "r+b") as fh:  # in place: the worker sees this file through a bind mount
                fh.truncate(0)
                fh.write(source)
            client.begin_load()
        else:
            tmp, copy, scratch = _layout(name)
            copy.write_bytes(source)
            client = Client(_spec(copy, scratch, timeout, memory_mb, max_output_kb, hide), wall_s=wall_limit(timeout))
            client.start()  # the worker imports NumPy while pytest starts here
        import pytest

        from la4ml.course.grader.plugin import GraderPlugin

        scratch = tmp / "scratch"
        shutil.copyfile(tests, tmp / "tests" / "test_exercise.py")
        plugin = GraderPlugin(client, str(submission), hypothesis=b"hypothesis" in tests.read_bytes())
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
        if tmp is not None:
            _forget_modules(tmp)
            _rmtree(tmp)
        if warm is not None and sys.exc_info()[0] is None:  # not after Ctrl+C or a crash of ours
            warm.prepare(name, imported_libraries(source), timeout=timeout, memory_mb=memory_mb,
                         max_output_kb=max_output_kb, hide=hide)


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


def run_job(job: dict, *, warm: Warm | None = None) -> GradeResult:
    """:func:`run` on a job given as plain data (``tests``, ``submission``, ``id``, ``timeout``, ``memory_mb``,
    ``max_output_kb``, ``hide``): what ``grade()`` builds, and what ``--serve`` and the command line receive."""
    return run(Path(job["tests"]), Path(job["submission"]), exercise_id=str(job["id"]), timeout=float(job["timeout"]),
               memory_mb=int(job["memory_mb"]), max_output_kb=int(job["max_output_kb"]),
               hide=[Path(h) for h in job["hide"]], warm=warm)


def serve(out_fd: int) -> int:
    """Grade jobs one after another in this process (``--serve``): one JSON object per line on stdin
    (``tests``, ``submission``, ``id``, ``timeout``, ``memory_mb``, ``max_output_kb``, ``hide``), one
    result per line on ``out_fd``. The course check keeps a few of these running, so pytest, Hypothesis
    and the libraries the hidden tests import are loaded once per process, not once per file graded;
    each exercise still runs its own hidden tests (:func:`_forget_modules`) against a fresh worker."""
    import json

    with os.fdopen(out_fd, "w", encoding="utf-8") as fh:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                result = run_job(json.loads(line)).to_dict()
            except Exception as exc:  # a bad job, or a grader bug: say so for this job and keep serving
                result = GradeResult("?", "error", message=f"the grader itself failed ({type(exc).__name__}: {exc}); "
                                     "please report it").to_dict()
            fh.write(json.dumps(result) + "\n")
            fh.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m la4ml.course.grader.runner TESTS SUBMISSION ID TIMEOUT MEMORY_MB MAX_OUTPUT_KB [HIDE...]``:
    grade in a fresh process and print the result as JSON (how ``grade(in_process=False)`` runs);
    ``python -m la4ml.course.grader.runner --serve``: grade job after job (see :func:`serve`)."""
    import json

    argv = sys.argv[1:] if argv is None else argv
    out_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # nothing but the JSON goes to the caller
    if argv == ["--serve"]:
        return serve(out_fd)
    tests, submission, ex_id, timeout, memory_mb, max_output_kb, *hide = argv
    result = run_job({"tests": tests, "submission": submission, "id": ex_id, "timeout": timeout,
                       "memory_mb": memory_mb, "max_output_kb": max_output_kb, "hide": hide})
    with os.fdopen(out_fd, "w", encoding="utf-8") as fh:
        json.dump(result.to_dict(), fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
