"""Grade a learner's file against an exercise's hidden tests, with a verdict their code cannot forge.

Two processes, one trusted:

* the **worker** (:mod:`._worker`) imports the learner's file and runs their code, in a sandbox
  (:mod:`.sandbox`: bubblewrap where it works — read-only system, private ``/tmp``, no network, its
  own PID namespace, no view of the progress store, the hidden tests or the learner's other files —
  and resource limits everywhere);
* the **trusted side** — this process, or a fresh one — runs the hidden tests under pytest
  (:mod:`.runner`, :mod:`.plugin`). The tests see the learner's module through a proxy
  (:mod:`.remote`): every call is a message to the worker, every value that comes back is plain
  data decoded without running code (:mod:`._wire`). The verdict, the feedback and the progress
  record are made here.

Nothing the learner's code does — patching modules, reading stack frames, writing files, exiting,
crashing, hanging, printing without end — changes a check's outcome except through the values it
returns. Where bubblewrap is missing, the result says that the sandbox was reduced.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from la4ml.course.grader.results import (EXIT_COULD_NOT_RUN, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_PASSED, Check,
                                         GradeResult, format_result)

__all__ = ["grade", "format_result", "GradeResult", "Check", "EXIT_PASSED", "EXIT_FAILED",
           "EXIT_COULD_NOT_RUN", "EXIT_INTERRUPTED", "hidden_paths", "Batch"]


def hidden_paths() -> list[Path]:
    """What the worker must not see: the course's hidden tests and solutions, and LA4ML_HOME."""
    from la4ml.course import catalog

    paths = [catalog.course_dir() / "lessons"]
    try:
        from la4ml.course.workspace import home

        paths.append(Path(home()))
    except Exception:  # pragma: no cover - no workspace module or no home configured
        pass
    return [p for p in paths if p.exists()]


def _limits(timeout: float | None, memory_mb: int | None) -> tuple[float, int, int]:
    from la4ml.course.catalog import config

    gcfg = config().get("grader", {})
    return (float(timeout if timeout is not None else gcfg.get("timeout_s", 10)),
            int(memory_mb if memory_mb is not None else gcfg.get("memory_mb", 3072)),
            int(gcfg.get("max_output_kb", 64)))


def prepare_warm(warm, submission: str | os.PathLike) -> None:
    """Start ``warm``'s worker for the next check of the file ``submission`` (watch mode, on moving to an exercise)."""
    from la4ml.course.grader.runner import imported_libraries

    path = Path(submission)
    try:
        source = path.read_bytes()
    except OSError:
        source = b""
    timeout, memory_mb, max_output_kb = _limits(None, None)
    warm.prepare(path.name, imported_libraries(source), timeout=timeout, memory_mb=memory_mb,
                 max_output_kb=max_output_kb, hide=hidden_paths())


def _job(exercise, submission: str | os.PathLike, timeout: float | None, memory_mb: int | None) -> dict | GradeResult:
    """What one grading needs (the runner's job, as plain data), or the error result if it cannot run."""
    timeout, memory_mb, max_output_kb = _limits(timeout, memory_mb)
    submission = Path(submission).resolve()
    if not submission.is_file():
        return GradeResult(exercise.id, "error", message=f"there is no file at {submission}")
    if not exercise.tests.is_file():
        return GradeResult(exercise.id, "error", message=f"exercise {exercise.id} has no tests at {exercise.tests}")
    return {"tests": str(exercise.tests), "submission": str(submission), "id": exercise.id, "timeout": timeout,
            "memory_mb": memory_mb, "max_output_kb": max_output_kb, "hide": [str(h) for h in hidden_paths()]}


def grade(exercise, submission: str | os.PathLike, *, timeout: float | None = None, memory_mb: int | None = None,
          in_process: bool = False, warm=None) -> GradeResult:
    """Run ``exercise``'s hidden tests against the file ``submission`` and collect feedback.

    ``in_process=True`` runs the hidden tests in this process (what ``la4ml check`` does: one
    interpreter less to start); otherwise a fresh trusted process runs them (safe to call from
    threads, as ``la4ml dev check`` does). The learner's code runs in a sandboxed worker either way.
    ``warm`` (a :class:`runner.Warm`, in-process only) keeps a worker started ahead of the next check.
    """
    job = _job(exercise, submission, timeout, memory_mb)
    if isinstance(job, GradeResult):
        return job
    if in_process:
        from la4ml.course.grader.runner import run_job

        return run_job(job, warm=warm)
    cmd = [sys.executable, "-m", "la4ml.course.grader.runner", job["tests"], job["submission"], exercise.id,
           str(job["timeout"]), str(job["memory_mb"]), str(job["max_output_kb"]), *job["hide"]]
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    try:
        return GradeResult.from_dict(json.loads(proc.stdout))
    except (json.JSONDecodeError, KeyError, TypeError):
        tail = (proc.stderr or "").strip().splitlines()[-5:]
        return GradeResult(exercise.id, "error", message="the grader itself failed (exit status "
                           f"{proc.returncode}); please report it:\n" + "\n".join(tail))


class Batch:
    """A trusted grading process kept for many files (``runner --serve``): what ``la4ml dev check`` grades
    with, so that pytest, Hypothesis and the hidden tests' libraries are imported once per process.
    Each file is still graded by its exercise's own hidden tests against a fresh sandboxed worker. Not
    thread-safe: one per thread. If the process dies, the job gets an error result and the next job
    starts a new process."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "la4ml.course.grader.runner", "--serve"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def grade(self, exercise, submission: str | os.PathLike, *, timeout: float | None = None,
              memory_mb: int | None = None) -> GradeResult:
        job = _job(exercise, submission, timeout, memory_mb)
        if isinstance(job, GradeResult):
            return job
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
            return GradeResult.from_dict(json.loads(line))
        except (OSError, ValueError, KeyError, TypeError):
            self.close()
            return GradeResult(exercise.id, "error", message="the grading process ended unexpectedly; please report it")

    def close(self) -> None:
        if self.proc is not None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
