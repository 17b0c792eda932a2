"""How long the whole course takes to build cold, in all four formats, and how long a rebuild takes.

Run (on an idle machine; the load average is printed before and after):

    .venv/bin/python benchmarks/course_build.py [--jobs N] [--out benchmarks/results/course_build.txt]

A fresh ``LA4ML_HOME`` (so no cached execution), then ``la4ml build`` of every lesson in the formats
site, blog, notebooks and scripts — what ``make serve`` does on a fresh clone — timed end to end;
then the same command again with nothing changed (the cache answers). The per-lesson execution
times come from the build's own log.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory(prefix="la4ml-course-build-") as tmp:
        env = dict(os.environ, LA4ML_HOME=str(Path(tmp, "home")), MPLCONFIGDIR=str(Path(tmp, "mpl")),
                   JUPYTER_RUNTIME_DIR=str(Path(tmp, "jupyter")), IPYTHONDIR=str(Path(tmp, "ipython")),
                   LA4ML_KERNEL_CACHE=str(Path(tmp, "kernels")), PYDEVD_DISABLE_FILE_VALIDATION="1")
        env.pop("LA4ML_COURSE_DIR", None)
        out = Path(tmp, "out")
        cmd = [sys.executable, "-m", "la4ml", "build", "--out", str(out), "-j", str(args.jobs)]
        say(f"la4ml build, every lesson, all four formats — {time.strftime('%Y-%m-%d %H:%M')}, "
            f"{os.cpu_count()} CPUs, -j {args.jobs}, load average {load()}")
        t0 = time.perf_counter()
        cold = subprocess.run(cmd, env=env, capture_output=True, text=True)
        t_cold = time.perf_counter() - t0
        if cold.returncode != 0:
            say(f"the cold build FAILED (exit status {cold.returncode}) after {t_cold:.0f} s:")
            say("\n".join((cold.stdout + cold.stderr).strip().splitlines()[-20:]))
        else:
            executed = re.findall(r"\] Part (\d+): (.*?) — executed in ([\d.]+) s", cold.stdout)
            say(f"cold build (no cache): {t_cold:.0f} s = {t_cold / 60:.1f} min; {len(executed)} notebooks executed "
                "(each lesson, and each exercise's solution page):")
            for part, title, seconds in executed:
                say(f"  Part {part:>2}  {float(seconds):5.1f} s  {title[:70]}")
            say(f"  total execution time {sum(float(x) for *_, x in executed):.0f} s over the notebooks "
                f"(run {args.jobs} at a time)")
            t0 = time.perf_counter()
            warm = subprocess.run(cmd, env=env, capture_output=True, text=True)
            say(f"rebuild with nothing changed: {time.perf_counter() - t0:.1f} s (exit status {warm.returncode})")
        say(f"load average at the end: {load()}")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
