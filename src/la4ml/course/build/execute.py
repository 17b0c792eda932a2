"""Execute prepared lessons, cached per lesson in a jupyter-cache store.

A cache hit merges the stored outputs into the prepared notebook (jupyter-cache's
``merge_match_into_notebook``), so every export reads outputs from the cache, never from stale
files in a build folder. Misses run in parallel (one Jupyter kernel per lesson, in a scratch
folder so files the lesson writes never land beside its source). A cell that raises stops the
build with the lesson, the cell number, its line in ``lesson.md`` and the traceback.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from la4ml.course.build import BuildError
from la4ml.course.build.prepare import FINGERPRINT_TAG
from la4ml.course.catalog import Lesson

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_TIMEOUT_S = 300


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


#: thread-pool sizes of the numerical libraries (OpenBLAS, MKL, OpenMP), set to 1 when not set
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
_ACTIVE: set[AsyncKernelManager] = set()  # kernels running a lesson right now (killed on Ctrl+C)
_ACTIVE_PIDS: set[int] = set()  # processes of run_process, each leading its own session
_ACTIVE_LOCK = threading.Lock()


def _killpg(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass  # already gone


def _kill_active() -> None:
    """Kill every lesson kernel still running (the build was interrupted or a lesson failed).

    The kernels run in sessions of their own (Ctrl+C in the terminal does not reach them), so they
    are killed here, with their process groups; their workers notice within a second (nbclient
    polls the kernel's liveness) and end.
    """
    with _ACTIVE_LOCK:
        kms = list(_ACTIVE)
        pids = list(_ACTIVE_PIDS)
    for km in kms:
        pid = getattr(getattr(km, "provisioner", None), "pid", None)
        if pid:
            _killpg(pid)
    for pid in pids:
        _killpg(pid)


def _shutdown(client: NotebookClient, km: AsyncKernelManager) -> None:
    """End the kernel of a finished (or failed) lesson at once, with its process group (a Spark JVM
    it started, say). Its outputs are already in the notebook; a polite shutdown request waited for
    the kernel's own exit (0.3-2.6 s measured per reference solution, 156 of them in a build)."""
    # nbclient registers an exit hook per kernel and removes it only when the kernel got as far as
    # running cells; one killed while starting (Ctrl+C) would print a traceback at exit.
    atexit.unregister(client._cleanup_kernel)
    try:
        if client.kc is not None:
            client.kc.stop_channels()
            client.kc = None
    finally:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)


def _run(lesson: Lesson, nb: nbformat.NotebookNode, workdir: Path) -> nbformat.NotebookNode:
    if workdir.exists():
        shutil.rmtree(workdir)
    shutil.copytree(lesson.dir, workdir, ignore=shutil.ignore_patterns("exercises", "__pycache__", "*.ipynb"))
    env_backup = {k: os.environ.get(k) for k in ("MPLBACKEND", "PYDEVD_DISABLE_FILE_VALIDATION", *THREAD_VARS)}
    # The kernel is always this very interpreter (ipykernel's native spec), whatever kernelspecs
    # the user has installed elsewhere (a user-level "python3" spec could point at another Python).
    # An async manager: nbclient then awaits the kernel's messages, and its once-a-second liveness
    # check can notice a kernel that died (or was killed on Ctrl+C) instead of waiting forever.
    km = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[]))
    with _ACTIVE_LOCK:
        _ACTIVE.add(km)
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
        for key in THREAD_VARS:  # lessons run side by side: one BLAS thread each, not a thread per core each
            os.environ.setdefault(key, "1")
        try:
            client.execute()
        finally:
            # nbclient shuts a kernel down only when it created the manager itself; ours is passed
            # in (to pin the interpreter), so end the kernel here or it outlives the build.
            with _ACTIVE_LOCK:
                _ACTIVE.discard(km)
            _shutdown(client, km)
    except CellTimeoutError as exc:
        raise BuildError(f"lesson {lesson.name}: a cell ran longer than {CELL_TIMEOUT_S} s\n{exc}") from None
    except CellExecutionError as exc:
        failed = _failed_cell(nb)
        if failed:
            number, cell = failed
            line = _cell_line(lesson, cell.source)
            where = f"code cell {number}" + (f" ({lesson.source.name} line {line})" if line else "")
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


def _load_durations(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))} if isinstance(data, dict) else {}


def _save_durations(path: Path, durations: dict[str, float]) -> None:
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(durations, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # only the next build's time estimates suffer


def format_duration(seconds: float) -> str:
    """``"40 s"``, ``"3 min"``: the rounded form the progress lines use."""
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    return f"{round(seconds / 60)} min"


def estimate_left(remaining: list[str], durations: dict[str, float], done_secs: list[float],
                  started: dict[str, float], now: float, jobs: int) -> float | None:
    """Seconds until the ``remaining`` lessons are executed, or None with nothing to go on.

    Each lesson is expected to take as long as its last execution (``durations``), else the mean of
    the lessons done so far in this build; a running lesson has already spent ``now - started``.
    The work is shared by ``jobs`` kernels (never more than there are lessons left).
    """
    if not remaining:
        return 0.0
    fallback = sum(done_secs) / len(done_secs) if done_secs else None
    total = 0.0
    for name in remaining:
        est = durations.get(name, fallback)
        if est is None:
            return None
        if name in started:
            est = max(est - (now - started[name]), 0.0)
        total += est
    return total / max(1, min(jobs, len(remaining)))


def run_process(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Run ``cmd`` in a session of its own (killed with its group on Ctrl+C, a failed lesson or a
    time-out, like the kernels); its exit status and its output (stdout and stderr in the order
    written, as a terminal shows them)."""
    import subprocess

    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    with _ACTIVE_LOCK:
        _ACTIVE_PIDS.add(proc.pid)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _killpg(proc.pid)
        proc.communicate()
        raise
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE_PIDS.discard(proc.pid)
        if proc.poll() is None:
            _killpg(proc.pid)
            proc.wait()
    return proc.returncode, out.decode("utf-8", errors="replace")


def execute_all(
    prepared: list[tuple[Lesson, nbformat.NotebookNode]],
    cache_dir: Path,
    work_dir: Path,
    *,
    jobs: int | None = None,
    log: Callable[[str], None] = print,
    runner: Callable[[Lesson, nbformat.NotebookNode, Path], nbformat.NotebookNode] | None = None,
) -> list[Executed]:
    """Execute (or fetch from the cache) every prepared lesson; results in the input order.

    ``runner(lesson, nb, workdir)`` returns the executed notebook (default: a Jupyter kernel runs it).
    Progress goes to ``log``: a line per cached lesson, a line when a lesson starts executing, and
    one when it is done with an estimate of the time left (from the lessons' last execution times,
    kept in ``cache_dir/durations.json``, else from this build's lessons so far).
    """
    cache = get_cache(str(cache_dir))
    durations_path = Path(cache_dir) / "durations.json"
    durations = _load_durations(durations_path)
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
        first = estimate_left([les.name for _, les, _ in misses], durations, [], {}, 0.0, jobs)
        about = f" (about {format_duration(first)})" if first else ""
        log(f"Executing {len(misses)} lesson(s), {jobs} at a time{about}; "
            "later builds reuse the results until a lesson or what it imports changes.")
        started: dict[str, float] = {}
        lock = threading.Lock()

        cancelled = threading.Event()

        def work(item):
            i, lesson, nb = item
            if cancelled.is_set():
                raise BuildError("cancelled")
            t0 = time.perf_counter()
            with lock:
                started[lesson.name] = t0
            log(f"[{i}/{n}] Part {lesson.part}: {lesson.title} — executing…")
            out = (runner or _run)(lesson, nb, work_dir / lesson.name)
            return i, lesson, out, time.perf_counter() - t0

        remaining = [les.name for _, les, _ in misses]
        done_secs: list[float] = []
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(work, m) for m in misses]
            try:
                for fut in as_completed(futures):
                    i, lesson, out, secs = fut.result()
                    cache.cache_notebook_bundle(
                        CacheBundleIn(out, uri=str(lesson.source)), check_validity=False, overwrite=True
                    )
                    results[lesson.name] = Executed(lesson, out, False, secs)
                    remaining.remove(lesson.name)
                    done_secs.append(secs)
                    durations[lesson.name] = round(secs, 2)
                    _save_durations(durations_path, durations)
                    with lock:
                        left = estimate_left(remaining, durations, done_secs, started, time.perf_counter(), jobs)
                    tail = f" — about {format_duration(left)} left" if remaining and left is not None else ""
                    log(f"[{i}/{n}] Part {lesson.part}: {lesson.title} — executed in {secs:.1f} s{tail}")
            except BaseException:
                # Ctrl+C, or a lesson failed: start nothing new, and kill the running kernels until
                # every worker has ended (a kernel still starting is killed once it exists).
                cancelled.set()
                for f in futures:
                    f.cancel()
                while not all(f.done() for f in futures):
                    _kill_active()
                    wait(futures, timeout=0.25)
                raise
    return [results[lesson.name] for lesson, _ in prepared]
