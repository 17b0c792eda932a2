"""Execute prepared lessons, cached per lesson in a jupyter-cache store.

A cache hit merges the stored outputs into the prepared notebook (jupyter-cache's
``merge_match_into_notebook``), so every export reads outputs from the cache, never from stale
files in a build folder. Misses run in parallel (one Jupyter kernel per lesson, in a scratch
folder so files the lesson writes never land beside its source). A cell that raises stops the
build with the lesson, the cell number, its line in ``lesson.md`` and the traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from la4ml.course.build.prepare import FINGERPRINT_TAG
from la4ml.course.catalog import Lesson

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_TIMEOUT_S = 300


class BuildError(RuntimeError):
    """A lesson failed to execute or a format failed to build; the message says where and why."""


@dataclass
class Executed:
    lesson: Lesson
    nb: nbformat.NotebookNode
    cached: bool
    seconds: float


def _cell_line(lesson: Lesson, source: str) -> int | None:
    """Line number in lesson.md where a code cell's source starts."""
    text = lesson.source.read_text(encoding="utf-8")
    first = source.strip().splitlines()[0] if source.strip() else ""
    pos = text.find(source.strip()) if source.strip() else -1
    if pos < 0 and first:
        pos = text.find(first)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


def _failed_cell(nb: nbformat.NotebookNode) -> tuple[int, nbformat.NotebookNode] | None:
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or FINGERPRINT_TAG in cell.metadata.get("tags", []):
            continue
        number += 1
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return number, cell
    return None


def _run(lesson: Lesson, nb: nbformat.NotebookNode, workdir: Path) -> nbformat.NotebookNode:
    if workdir.exists():
        shutil.rmtree(workdir)
    shutil.copytree(lesson.dir, workdir, ignore=shutil.ignore_patterns("exercises", "__pycache__", "*.ipynb"))
    env_backup = {k: os.environ.get(k) for k in ("MPLBACKEND", "PYDEVD_DISABLE_FILE_VALIDATION")}
    # The kernel is always this very interpreter (ipykernel's native spec), whatever kernelspecs
    # the user has installed elsewhere (a user-level "python3" spec could point at another Python).
    km = KernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[]))
    client = NotebookClient(
        nb,
        km=km,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        allow_errors=False,
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no transport warnings in the build log
        resources={"metadata": {"path": str(workdir)}},
    )
    try:
        os.environ.pop("MPLBACKEND", None)  # let the kernel use its inline backend
        os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        client.execute()
    except CellTimeoutError as exc:
        raise BuildError(f"lesson {lesson.name}: a cell ran longer than {CELL_TIMEOUT_S} s\n{exc}") from None
    except CellExecutionError as exc:
        failed = _failed_cell(nb)
        if failed:
            number, cell = failed
            line = _cell_line(lesson, cell.source)
            where = f"code cell {number}" + (f" (lesson.md line {line})" if line else "")
            err = next(o for o in cell.outputs if o.get("output_type") == "error")
            tb = ANSI.sub("", "\n".join(err.get("traceback", [])))
            raise BuildError(
                f"lesson {lesson.name} failed in {where}: {err.get('ename')}: {err.get('evalue')}\n"
                f"--- cell source ---\n{cell.source}\n--- traceback ---\n{tb}"
            ) from None
        raise BuildError(f"lesson {lesson.name} failed to execute:\n{ANSI.sub('', str(exc))}") from None
    finally:
        for k, v in env_backup.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def execute_all(
    prepared: list[tuple[Lesson, nbformat.NotebookNode]],
    cache_dir: Path,
    work_dir: Path,
    *,
    jobs: int | None = None,
    log: Callable[[str], None] = print,
) -> list[Executed]:
    """Execute (or fetch from the cache) every prepared lesson; results in the input order."""
    cache = get_cache(str(cache_dir))
    n = len(prepared)
    results: dict[str, Executed] = {}
    misses = []
    for i, (lesson, nb) in enumerate(prepared, start=1):
        try:
            _, merged = cache.merge_match_into_notebook(nb)
        except KeyError:
            misses.append((i, lesson, nb))
            continue
        results[lesson.name] = Executed(lesson, merged, True, 0.0)
        log(f"[{i}/{n}] Part {lesson.part}: {lesson.title} — cached")
    if misses:
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(misses)))
        for i, lesson, _ in misses:
            log(f"[{i}/{n}] Part {lesson.part}: {lesson.title} — executing…")

        def work(item):
            i, lesson, nb = item
            t0 = time.perf_counter()
            out = _run(lesson, nb, work_dir / lesson.name)
            return i, lesson, out, time.perf_counter() - t0

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(work, m) for m in misses]
            try:
                for fut in as_completed(futures):
                    i, lesson, out, secs = fut.result()
                    cache.cache_notebook_bundle(
                        CacheBundleIn(out, uri=str(lesson.source)), check_validity=False, overwrite=True
                    )
                    results[lesson.name] = Executed(lesson, out, False, secs)
                    log(f"[{i}/{n}] Part {lesson.part}: {lesson.title} — executed in {secs:.1f} s")
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
    return [results[lesson.name] for lesson, _ in prepared]
