"""Grade a learner's file against an exercise's hidden tests, in a sandboxed subprocess.

The hidden tests run under pytest in a separate process, in a fresh temporary folder, with

* a time limit (default 10 s) on the CPU time the checks use (``RLIMIT_CPU``): an infinite loop
  is stopped after 10 s of computing, while time spent waiting for a busy machine's CPU does not
  count, so a correct solution never times out because other programs are running; a wall-clock
  backstop (3 × the limit + 5 s) stops code that sleeps or blocks;
* a memory limit (``RLIMIT_AS``; default 3 GiB — enough for NumPy + PyTorch, not for a runaway
  allocation),
* an output limit (``RLIMIT_FSIZE``: a learner's endless ``print`` cannot fill the disk),

so nothing the learner's code does — an infinite loop, ``sys.exit``, ``os._exit``, a crash, huge
output, exceptions at import — can hang or kill the grader. The parent reads the per-check JSON
lines the plugin (:mod:`la4ml.course._pytest_plugin`) writes as each check ends.

This sandbox protects against mistakes, not malice: the learner's code runs with the learner's
own permissions, as it would if they ran it themselves.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from la4ml.course.catalog import Exercise, config

def wall_limit(timeout: float) -> float:
    """The wall-clock backstop: generous, so a busy machine never fails a correct solution."""
    return 3 * timeout + 5


#: exit statuses of ``la4ml check``
EXIT_PASSED, EXIT_FAILED, EXIT_COULD_NOT_RUN = 0, 1, 2


@dataclass
class Check:
    """One hidden test: its one-line description, outcome and (if failed) the feedback."""

    check: str
    outcome: str  # passed | failed | skipped | not run
    message: str = ""
    stdout: str = ""


@dataclass
class GradeResult:
    exercise_id: str
    status: str  # passed | failed | timeout | error
    checks: list[Check] = field(default_factory=list)
    duration_s: float = 0.0
    message: str = ""

    @property
    def n_passed(self) -> int:
        return sum(c.outcome == "passed" for c in self.checks)

    @property
    def exit_code(self) -> int:
        return {"passed": EXIT_PASSED, "failed": EXIT_FAILED, "timeout": EXIT_FAILED}.get(self.status, EXIT_COULD_NOT_RUN)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["n_passed"] = self.n_passed
        d["n_checks"] = len(self.checks)
        return d


def _limits(memory_mb: int, max_output_kb: int, cpu_s: int):
    def apply() -> None:  # runs in the child between fork and exec
        import resource

        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
        if memory_mb:
            lim = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (lim, lim))
        out = max(max_output_kb, 1024) * 1024 * 64  # captured output goes through files too
        resource.setrlimit(resource.RLIMIT_FSIZE, (out, out))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _read_records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:  # a line cut by a kill: everything before it is intact
            break
    return records


def grade(
    exercise: Exercise,
    submission: str | os.PathLike,
    *,
    timeout: float | None = None,
    memory_mb: int | None = None,
) -> GradeResult:
    """Run ``exercise``'s hidden tests against the file ``submission`` and collect feedback."""
    gcfg = config().get("grader", {})
    timeout = float(timeout if timeout is not None else gcfg.get("timeout_s", 10))
    memory_mb = int(memory_mb if memory_mb is not None else gcfg.get("memory_mb", 3072))
    max_output_kb = int(gcfg.get("max_output_kb", 64))
    submission = Path(submission).resolve()
    if not submission.is_file():
        return GradeResult(exercise.id, "error", message=f"there is no file at {submission}")
    if not exercise.tests.is_file():
        return GradeResult(exercise.id, "error", message=f"exercise {exercise.id} has no tests at {exercise.tests}")

    with tempfile.TemporaryDirectory(prefix="la4ml-check-") as tmp:
        tmpdir = Path(tmp)
        shutil.copy2(exercise.tests, tmpdir / "test_exercise.py")
        (tmpdir / "pytest.ini").write_text("[pytest]\naddopts =\n", encoding="utf-8")
        results = tmpdir / "results.jsonl"
        log = tmpdir / "pytest.log"
        env = dict(os.environ)
        env.update(
            LA4ML_SUBMISSION=str(submission),
            LA4ML_RESULTS=str(results),
            PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
            MPLBACKEND="Agg",
            MPLCONFIGDIR=str(tmpdir / "mpl"),
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONHASHSEED="0",
            OMP_NUM_THREADS=env.get("OMP_NUM_THREADS", "1"),
        )
        cmd = [
            sys.executable, "-m", "pytest", "test_exercise.py",
            "-p", "la4ml.course._pytest_plugin", "-p", "no:cacheprovider",
            "-q", "--no-header", "--tb=no", "-rN",
            "--rootdir", str(tmpdir), "-c", str(tmpdir / "pytest.ini"),
        ]
        start = time.perf_counter()
        timed_out: str | None = None
        with open(log, "wb") as logfh:
            proc = subprocess.Popen(
                cmd, cwd=tmpdir, env=env, stdin=subprocess.DEVNULL, stdout=logfh, stderr=subprocess.STDOUT,
                preexec_fn=_limits(memory_mb, max_output_kb, math.ceil(timeout)),
            )
            try:
                rc = proc.wait(timeout=wall_limit(timeout))
            except subprocess.TimeoutExpired:
                timed_out = "wall"
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                rc = proc.wait()
        duration = time.perf_counter() - start
        if rc == -signal.SIGXCPU:
            timed_out = "cpu"
        records = _read_records(results)
        log_tail = log.read_bytes()[-4000:].decode("utf-8", errors="replace")

    return _assemble(exercise, records, rc, timed_out, timeout, duration, memory_mb, log_tail)


def _assemble(exercise, records, rc, timed_out, timeout, duration, memory_mb, log_tail) -> GradeResult:
    checks: list[Check] = []
    running = None
    for rec in records:
        if rec["event"] == "start":
            running = rec["check"]
        elif rec["event"] == "end":
            running = None
            checks.append(Check(rec["check"], rec["outcome"], rec.get("message", ""), rec.get("stdout", "")))
    result = GradeResult(exercise.id, "failed", checks, round(duration, 3))
    if timed_out:
        result.status = "timeout"
        where = f" while running the check “{running}”" if running else " while importing your file"
        if timed_out == "cpu":
            said = f"timed out after {timeout:g} s"
            result.message = (
                f"{said}{where}. Look for a loop whose condition never becomes false, or work that grows "
                "much faster than the input (the reference solution takes well under a second)."
            )
        else:
            said = f"timed out after {wall_limit(timeout):g} s of waiting"
            result.message = (
                f"{said}{where}, without computing: is your code sleeping, or waiting for input or a lock?"
            )
        if running:
            checks.append(Check(running, "failed", said))
        return result
    if rc in (0, 1) and checks:
        result.status = "passed" if rc == 0 and all(c.outcome == "passed" for c in checks) else "failed"
        return result
    if rc == -signal.SIGXFSZ or "File size limit exceeded" in log_tail:
        result.message = "your code printed or wrote too much output and was stopped; remove the print in a loop."
    elif "MemoryError" in log_tail or rc == -signal.SIGKILL:
        result.message = (
            f"your code ran out of memory (limit {memory_mb} MiB) and was stopped; "
            "look for an array that grows in a loop or an n × n matrix built where a vector would do."
        )
    elif rc == 5 or (rc in (0, 1) and not checks and not running):
        result.status = "error"
        result.message = "no checks ran (the hidden tests could not be collected); this is a course bug, please report it."
    else:
        where = f" during the check “{running}”" if running else ""
        result.message = (
            f"the checking process ended unexpectedly (exit status {rc}){where}. Did your code call os._exit() "
            "or crash the interpreter?"
        )
    if running:
        checks.append(Check(running, "failed", result.message))
    return result


def format_result(result: GradeResult, exercise: Exercise, *, verbose: bool = False) -> str:
    """The feedback ``la4ml check`` prints: each check, what failed and why, and what was not checked."""
    lines = [f"Checking {exercise.id} — {exercise.title}"]
    if result.status == "error":
        lines.append(f"  could not run: {result.message}")
        return "\n".join(lines)
    for c in result.checks:
        mark = {"passed": "✓", "failed": "✗", "skipped": "–"}.get(c.outcome, "?")
        lines.append(f"  {mark} {c.check}")
        if c.outcome == "failed" and c.message:
            for ln in c.message.splitlines():
                lines.append(f"      {ln}")
            if c.stdout:
                shown = c.stdout.splitlines()[-10:]
                lines.append("      your code printed (last lines):")
                lines += [f"        {ln}" for ln in shown]
    n, k = len(result.checks), result.n_passed
    if result.status == "passed":
        lines.append(f"Passed: {k} of {n} checks in {result.duration_s:.1f} s. Well done!")
        lines.append(f"Compare with the reference: la4ml solution {exercise.id}")
    else:
        if result.message:
            lines.append(f"Stopped: {result.message}")
        lines.append(f"Failed: {k} of {n} checks passed.")
        if result.status != "timeout":
            lines.append("Only the checks listed above ran; fix the first ✗ and run the check again.")
        lines.append(f"Stuck? la4ml hint {exercise.id}")
    return "\n".join(lines)
