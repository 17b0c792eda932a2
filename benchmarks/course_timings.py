"""Time the course machinery: a cold build of a lesson, a warm rebuild, and `la4ml check` latency.

Run:  .venv/bin/python benchmarks/course_timings.py [--part 12] [--repeats 7]

Cold = empty output folder (every format built, lesson executed); warm = the same command again
(execution cached, Sphinx incremental). Check latency is the wall time of the `la4ml check`
command (a new Python process, as a learner runs it), median of --repeats runs, on the reference
solution and on the starter of the lesson's exercises.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from la4ml.course import catalog


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", type=int, default=12)
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    la4ml = [sys.executable, "-m", "la4ml"]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LA4ML_HOME=tmp)
        out = str(Path(tmp) / "out")
        build = la4ml + ["build", "--lessons", str(args.part), "--out", out]
        cold = timed(build, env)
        warm = timed(build, env)
        print(f"build of Part {args.part}, all four formats: cold {cold:.1f} s, warm rebuild {warm:.1f} s")
        les = catalog.lesson(args.part)
        print(f"la4ml check latency, median of {args.repeats} runs (wall time of the command):")
        print(f"{'exercise':<10}{'reference (passes)':>20}{'starter (fails)':>18}")
        for ex in les.exercises:
            ref = [timed(la4ml + ["check", ex.id, "--file", str(ex.solution)], env) for _ in range(args.repeats)]
            st = [timed(la4ml + ["check", ex.id, "--file", str(ex.starter)], env) for _ in range(args.repeats)]
            print(f"{ex.id:<10}{statistics.median(ref):>18.2f} s{statistics.median(st):>16.2f} s")


if __name__ == "__main__":
    main()
