"""How long the learner waits: `la4ml check` for every exercise, beside the interpreter's own floor.

Run (on an idle machine; the load average is printed before and after):

    .venv/bin/python benchmarks/course_timings.py [--parts 1,2,12] [--repeats 5]
        [--compare-with REV] [--build] [--out benchmarks/results/course_timings.txt]

* **floor**: wall time of ``python -c pass``, ``python -c "import numpy"`` and ``"import torch"`` —
  what any Python program pays before doing anything;
* **check**: wall time of the whole ``la4ml check ID --file solution.py`` command (a new process, as a
  learner runs it: CLI, hidden tests, sandboxed worker), median of ``--repeats`` runs, for every
  exercise's reference solution; an exercise is "PyTorch" when its solution imports torch;
* with ``--compare-with REV``, the same for the grader at git revision REV (checked out into a
  temporary worktree, its bytecode compiled as ``make`` compiles this checkout's), so a change reports
  before and after in one run, on one machine, the two versions' runs interleaved;
* **its imports**: wall time of ``python -c "import numpy, <what the solution imports at its top>"`` —
  the part of a check the learner's own file costs in any fresh process (the grader's floor for it);
* **warm** (with ``--warm``): the same check as ``la4ml watch`` makes it after a save — in a process that
  has graded the exercise once, on a worker started ahead (``Warm``), median of ``--repeats``;
* **watch**: how long ``la4ml watch`` takes from a save to "Checking …" on its screen;
* with ``--build``: a cold build of one lesson in all four formats, then a warm rebuild.

Targets (issue #16): median ≤ 1.0 s for a NumPy exercise, ≤ 2.0 s for a PyTorch one; watch ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class CheckFailed(Exception):
    """A timed command did not succeed: its time would measure a failure, not a check."""


def wall(cmd: list[str], env: dict, cwd: str | None = None) -> float:
    """Wall time of ``cmd``; CheckFailed unless it exits 0 (``la4ml check`` of a reference solution passes)."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = proc.stdout.decode(errors="replace").strip().splitlines()[-2:]
        raise CheckFailed(f"exit {proc.returncode}: " + " / ".join(tail))
    return elapsed


def median_of(n: int, cmd: list[str], env: dict, cwd: str | None = None) -> float:
    wall(cmd, env, cwd)  # one warm-up run: the file cache, not our code, is what a cold first run measures
    return statistics.median(wall(cmd, env, cwd) for _ in range(n))


def exercises(parts: list[int] | None, src: Path):
    """(id, solution path, uses torch) of every exercise of the course at ``src``."""
    import tomllib

    manifest = tomllib.loads((src / "la4ml" / "course" / "manifest.toml").read_text())
    lessons = src / "la4ml" / "course" / "lessons"
    for les in manifest["lesson"]:
        if parts and les["part"] not in parts:
            continue
        folder = lessons / f"{les['part']:02d}-{les['slug']}"
        for k, ex in enumerate(les.get("exercise", []), start=1):
            sol = folder / "exercises" / f"{k}-{ex['slug']}" / "solution.py"
            if sol.is_file():
                uses_torch = bool(re.search(r"^\s*(import torch|from torch)", sol.read_text(), re.M))
                yield ex["id"], sol, uses_torch


WARM_SCRIPT = """
import statistics, sys, time
from la4ml.course import catalog
from la4ml.course.grader import grade
from la4ml.course.grader.runner import Warm
ex, n, warm = catalog.exercise(sys.argv[1]), int(sys.argv[2]), Warm()
grade(ex, ex.solution, in_process=True, warm=warm)  # the first check of a watch session
times = []
for _ in range(n):
    time.sleep(2.0)  # the learner edits; the next worker starts meanwhile
    t0 = time.perf_counter()
    r = grade(ex, ex.solution, in_process=True, warm=warm)
    times.append(time.perf_counter() - t0)
    assert r.status == "passed", r.status
warm.close()
print(statistics.median(times))
"""


def warm_check(ex_id: str, repeats: int, env: dict) -> float | None:
    out = subprocess.run([sys.executable, "-c", WARM_SCRIPT, ex_id, str(repeats)], env=env, capture_output=True, text=True)
    try:
        return float(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def own_imports(sol: Path) -> str:
    if str(REPO / "src") not in sys.path:  # this checkout's la4ml, whatever is installed
        sys.path.insert(0, str(REPO / "src"))
    from la4ml.course.grader.runner import imported_libraries

    return ", ".join(dict.fromkeys(["numpy", *imported_libraries(sol.read_bytes())]))


def watch_latency(env: dict, repeats: int) -> float | None:
    """Median seconds from writing the watched file to "Checking" appearing on the watch screen."""
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "la4ml", "watch", "12"], stdin=slave, stdout=slave, stderr=slave,
                            env=env)
    os.close(slave)

    def read_until(pattern: str, timeout: float) -> float | None:
        buf, end = "", time.time() + timeout
        while time.time() < end:
            r, _, _ = select.select([master], [], [], 0.01)
            if r:
                buf += os.read(master, 65536).decode("utf-8", "replace")
                if re.search(pattern, buf):
                    return time.perf_counter()
        return None

    try:
        if read_until(r"exercise 12\.1", 120) is None:
            return None
        path = next(Path(env["LA4ML_HOME"], "workspace").rglob("ex1_*.py"))
        times = []
        for i in range(repeats):
            time.sleep(1.0)
            t0 = time.perf_counter()
            path.write_text(f"def is_positive_definite(A, tol=1e-10):\n    return {i % 2 == 0}\n")
            seen = read_until(r"Checking 12\.1", 30)
            if seen is not None:
                times.append(seen - t0)
            read_until(r"(Failed|Passed):", 120)
        return statistics.median(times) if times else None
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--parts", default=None, help="comma-separated parts (default: every lesson)")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--compare-with", default=None, help="a git revision whose grader to time too")
    ap.add_argument("--build", action="store_true", help="also time a cold and a warm build of Part 12")
    ap.add_argument("--out", default=None, help="also write the report to this file")
    ap.add_argument("--warm", action="store_true", help="also time each check as watch mode makes it (warm worker)")
    args = ap.parse_args()
    parts = [int(p) for p in args.parts.split(",")] if args.parts else None
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    tmp = tempfile.TemporaryDirectory()
    env = dict(os.environ, LA4ML_HOME=tmp.name)
    # the before-revision lives OUTSIDE LA4ML_HOME: the sandbox hides LA4ML_HOME from the learner's worker,
    # and a grader hidden from its own worker fails at once (which once made "before" look fast)
    tmp_before = tempfile.TemporaryDirectory()
    env.pop("LA4ML_COURSE_DIR", None)
    say(f"la4ml check latency — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, load average {load()}")
    py = sys.executable
    floor = {what: median_of(args.repeats, [py, "-c", code], env)
             for what, code in (("python -c pass", "pass"), ("import numpy", "import numpy"),
                                ("import torch", "import torch"))}
    say("floor: " + ", ".join(f"{k} {v:.2f} s" for k, v in floor.items()))
    before_src = None
    if args.compare_with:
        worktree = Path(tmp_before.name) / "before"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(worktree), args.compare_with],
                       check=True, capture_output=True)
        before_src = worktree / "src"
        subprocess.run([py, "-m", "compileall", "-q", str(before_src / "la4ml")], capture_output=True)
    rows = []
    old = {i: s for i, s, _ in exercises(None, before_src)} if before_src is not None else {}
    def _time_exercise(ex_id, sol, uses_torch):
        now_cmd = [py, "-m", "la4ml", "check", ex_id, "--file", str(sol)]
        before = None
        if before_src is not None and ex_id in old:
            # interleaved, now and before in turn (after one warm-up each), so that a drift of the machine
            # (load, clock, caches) hits both alike; both run from the same folder
            benv = dict(env, PYTHONPATH=str(before_src))
            before_cmd = [py, "-m", "la4ml", "check", ex_id, "--file", str(old[ex_id])]
            wall(now_cmd, env, cwd=tmp.name)
            wall(before_cmd, benv, cwd=tmp.name)
            t_now, t_before = [], []
            for _ in range(args.repeats):
                t_now.append(wall(now_cmd, env, cwd=tmp.name))
                t_before.append(wall(before_cmd, benv, cwd=tmp.name))
            after, before = statistics.median(t_now), statistics.median(t_before)
        else:
            after = median_of(args.repeats, now_cmd, env, cwd=tmp.name)
        imports = median_of(args.repeats, [py, "-c", f"import {own_imports(sol)}"], env)
        warm = warm_check(ex_id, args.repeats, env) if args.warm else None
        return ex_id, "PyTorch" if uses_torch else "NumPy", before, after, imports, warm

    failed = []
    for ex_id, sol, uses_torch in exercises(parts, REPO / "src"):
        try:
            row = _time_exercise(ex_id, sol, uses_torch)
        except CheckFailed as exc:
            failed.append(ex_id)
            say(f"  {ex_id:<6} FAILED, not timed ({exc})")
            continue
        rows.append(row)
        ex_id, kind, before, after, imports, warm = row
        b = f"{before:7.2f} s" if before is not None else "      — "
        w = f"   warm {warm:5.2f} s" if warm is not None else ""
        say(f"  {ex_id:<6} {kind:<8} before {b}   now {after:6.2f} s   its imports {imports:5.2f} s{w}")
    if failed:
        say(f"{len(failed)} exercise(s) could not be timed because a check failed: {', '.join(failed)}")

    for kind, target in (("NumPy", 1.0), ("PyTorch", 2.0)):
        now = [r[3] for r in rows if r[1] == kind]
        if not now:
            continue
        med, worst = statistics.median(now), max(now)
        old = [r[2] for r in rows if r[1] == kind and r[2] is not None]
        was = f"; before: median {statistics.median(old):.2f} s" if old else ""
        say(f"{kind} exercises ({len(now)}): median {med:.2f} s, slowest {worst:.2f} s (target ≤ {target:.1f} s: "
            f"{'MET' if med <= target else 'NOT MET'}){was}; "
            f"{med / floor['import torch' if kind == 'PyTorch' else 'import numpy']:.1f}× the bare import")
        over = [r[3] - r[4] for r in rows if r[1] == kind]
        say(f"  above the solution's own imports: median {statistics.median(over):.2f} s; "
            f"median of its imports alone {statistics.median(r[4] for r in rows if r[1] == kind):.2f} s")
        warm = [r[5] for r in rows if r[1] == kind and r[5] is not None]
        if warm:
            say(f"  as watch mode checks after a save (warm worker): median {statistics.median(warm):.2f} s, "
                f"slowest {max(warm):.2f} s (target ≤ {target:.1f} s: {'MET' if statistics.median(warm) <= target else 'NOT MET'})")
    latency = watch_latency(env, max(3, args.repeats))
    if latency is not None:
        say(f"la4ml watch: save → 'Checking' on screen, median {latency:.2f} s "
            f"(target ≤ 0.5 s: {'MET' if latency <= 0.5 else 'NOT MET'})")
    if args.build:
        out = str(Path(tmp.name) / "out")
        build = [py, "-m", "la4ml", "build", "--lessons", "12", "--out", out]
        cold, warm = wall(build, env), wall(build, env)
        say(f"build of Part 12, all four formats: cold {cold:.1f} s, warm rebuild {warm:.1f} s")
    say(f"load average at the end: {load()}")
    if before_src is not None:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(before_src.parent)],
                       capture_output=True)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
