"""Start the worker that runs the learner's code: in bubblewrap where it works, else reduced.

**With bubblewrap** (Debian's ``bubblewrap``, the sandbox Flatpak uses) the worker sees a read-only
system, a private ``/tmp``, no network, its own PID namespace (every process it starts dies with the
check), no capabilities, a scrubbed environment, and none of: the progress store and workspace
(``LA4ML_HOME``), the course's hidden tests and reference solutions, or the learner's home folder.
It can write only to the check's scratch folder (the hidden tests' ``tmp_path``).

**Without it** (bubblewrap missing, or unable to create namespaces on this system) the worker still
runs under resource limits, in a new session, in the scratch folder, with a scrubbed environment,
and the grader kills its whole process tree afterwards — but it runs with the learner's own
permissions, and ``la4ml check`` says so in one line.

Limits, in both cases: CPU seconds (``RLIMIT_CPU``: an infinite loop is stopped, while waiting for a
busy machine does not count), memory (``RLIMIT_DATA``, which — unlike ``RLIMIT_AS`` — does not count
the large address ranges a CUDA build of PyTorch reserves without using them), the size of any file
written (``RLIMIT_FSIZE``), no core dumps; a wall-clock backstop is kept by the caller.
"""

from __future__ import annotations

import atexit
import ctypes
import functools
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

WORKER = Path(__file__).with_name("_worker.py")
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


@dataclass
class Spec:
    """What the worker needs: the learner's file, a scratch folder, limits, and what to hide."""

    submission: Path
    scratch: Path
    cpu_s: int = 10
    memory_mb: int = 3072
    max_file_mb: int = 64
    max_output_kb: int = 64
    hide: list[Path] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def bwrap_status() -> tuple[str | None, str]:
    """``(path to bwrap or None, reason)``: whether bubblewrap can sandbox here (tried once)."""
    if os.environ.get("LA4ML_SANDBOX") == "none":
        return None, "LA4ML_SANDBOX=none is set"
    exe = shutil.which("bwrap")
    if exe is None:
        return None, "bubblewrap is not installed (Debian/Ubuntu: sudo apt install bubblewrap)"
    try:
        probe = subprocess.run(
            [exe, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all",
             "--die-with-parent", "--cap-drop", "ALL", "true"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"bubblewrap could not start ({exc})"
    if probe.returncode != 0:
        why = probe.stderr.decode(errors="replace").strip().splitlines()
        return None, f"bubblewrap cannot create a sandbox on this system ({why[-1] if why else probe.returncode})"
    return exe, "bubblewrap"


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - not Linux
        return None


def _limits(spec: Spec, *, die_with_parent: bool):
    cpu, mem, fsize = spec.cpu_s, spec.memory_mb * 1024 * 1024, spec.max_file_mb * 1024 * 1024

    def apply() -> None:  # in the child, between fork and exec: no allocation-heavy work here
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        if mem:
            resource.setrlimit(resource.RLIMIT_DATA, (mem, mem))
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if die_with_parent:
            libc = _libc()
            if libc is not None and hasattr(libc, "prctl"):
                libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    return apply


def _environment(spec: Spec, tmp: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": f"{tmp}/home",
        "TMPDIR": tmp,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{tmp}/mpl",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),
        "MKL_NUM_THREADS": os.environ.get("MKL_NUM_THREADS", "1"),
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1"),
        "NUMBA_CACHE_DIR": f"{tmp}/numba",
        "LA4ML_MAX_OUTPUT": str(spec.max_output_kb * 1024),
        "CUDA_VISIBLE_DEVICES": "",
        "TORCH_DEVICE_BACKEND_AUTOLOAD": "0",  # no out-of-tree device plugins either: CPU only, and a faster import
    }
    # The numerical libraries' own settings pass through, so the learner's code computes with the same
    # BLAS kernels as the hidden tests (OPENBLAS_CORETYPE picks a kernel; results differ in the last bits).
    for key, value in os.environ.items():
        if key.startswith(("OPENBLAS_", "MKL_", "OMP_", "NPY_", "BLIS_", "GOTO", "KMP_", "VECLIB_")) and key not in env:
            env[key] = value
    return env


def _under(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def _python_paths() -> list[Path]:
    """Folders the interpreter and its packages live in (re-exposed if the home folder is hidden)."""
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
             Path(os.path.realpath(sys.executable)).parent.parent}
    # installed packages only: never the script's folder or the current one (a test's /tmp, say)
    paths |= {Path(p) for p in sys.path if p and os.path.isdir(p) and ("-packages" in p or p.startswith(sys.base_prefix))}
    import la4ml

    paths.add(Path(la4ml.__file__).resolve().parent.parent)
    return sorted(p.resolve() for p in paths if p.exists())


def _mpl_font_cache() -> Path | None:
    """matplotlib's font list of the trusted side, lent read-only so the worker need not rebuild it."""
    root = os.environ.get("MPLCONFIGDIR") or os.path.join(os.path.expanduser("~"), ".cache", "matplotlib")
    try:
        found = sorted(Path(root).glob("fontlist-v*.json"))
    except OSError:
        return None
    return found[-1] if found else None


def bwrap_command(exe: str, spec: Spec, fds: tuple[int, int]) -> list[str]:
    tmp = "/tmp"
    sub_dir = "/tmp/la4ml-submission"
    inner = f"{sub_dir}/{spec.submission.name}"
    cmd = [exe, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", tmp]
    masked = [Path("/tmp")]
    home = Path(os.path.expanduser("~"))
    if home.is_dir() and str(home) not in ("/", ""):
        cmd += ["--tmpfs", str(home)]
        masked.append(home)
    for hidden in spec.hide:
        if hidden.is_dir():
            cmd += ["--tmpfs", str(hidden.resolve())]
            masked.append(hidden)
        elif hidden.exists():
            cmd += ["--ro-bind", "/dev/null", str(hidden.resolve())]
    # the interpreter and its packages stay visible, even where they live under a masked folder
    # (a virtualenv in the home folder or in /tmp) — but never the hidden course files themselves
    for p in _python_paths():
        if (any(_under(p, m) for m in masked) and not any(_under(p, h) for h in spec.hide)
                and not any(p.resolve() == m.resolve() for m in masked)):
            cmd += ["--ro-bind", str(p), str(p)]
    for hidden in spec.hide:  # hide again anything a re-exposed folder holds
        if hidden.is_dir() and any(_under(hidden, p) for p in _python_paths()):
            cmd += ["--tmpfs", str(hidden.resolve())]
    cmd += ["--ro-bind", str(spec.submission), inner, "--bind", str(spec.scratch), str(spec.scratch)]
    fonts = _mpl_font_cache()
    if fonts is not None:
        cmd += ["--ro-bind", str(fonts), f"{tmp}/mpl/{fonts.name}"]
    cmd += ["--dir", f"{tmp}/home", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--chdir", str(spec.scratch), "--clearenv"]
    for k, v in _environment(spec, tmp).items():
        cmd += ["--setenv", k, v]
    cmd += ["--", sys.executable, "-I", str(WORKER), str(fds[0]), str(fds[1]), inner]
    return cmd


@dataclass(eq=False)
class Process:
    """A started worker: its process, the two channel ends and its output pipe."""

    popen: subprocess.Popen
    to_worker: int
    from_worker: int
    output: int
    sandboxed: bool

    def kill(self) -> None:
        """End the worker and everything it started, sandboxed or not, before returning."""
        _live.discard(self)
        pid = self.popen.pid
        # freeze the worker's descendants first (children in a new session included: they are still
        # its children, or bubblewrap's), so that nothing forks while they are collected, then kill
        tree: list[int] = []
        for _ in range(5):
            tree = _descendants(pid)
            for child in tree:
                _signal(child, signal.SIGSTOP)
            if _descendants(pid) == tree:
                break
        for child in [pid, *tree]:
            _signal(child, signal.SIGKILL)
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.popen.kill()
        except ProcessLookupError:
            pass
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a process in uninterruptible sleep
            pass
        if not self.sandboxed:  # orphans that left the tree before it was frozen came to us (subreaper)
            kill_orphans(exclude={pid})
        for fd in (self.to_worker, self.from_worker, self.output):
            try:
                os.close(fd)
            except OSError:
                pass


#: workers started by this process and not yet killed; killed at exit too, so that a Ctrl+C landing
#: between the start of a worker and its hand-over to a client leaves nothing running
_live: set[Process] = set()


@atexit.register
def _kill_live() -> None:
    for proc in list(_live):
        proc.kill()


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _descendants(root: int) -> list[int]:
    """Every live process below ``root`` (from /proc), in the order found."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        for child in sorted(children.get(todo.pop(), [])):
            if child not in found:
                found.append(child)
                todo.append(child)
    return found


def become_subreaper() -> None:
    """Orphans of the worker's children (a double fork, a new session) become ours to kill."""
    libc = _libc()
    if libc is not None and hasattr(libc, "prctl"):
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def kill_orphans(exclude: set[int] = frozenset()) -> None:
    """Kill every child of this process that is not ``exclude`` (reduced sandbox only)."""
    me = os.getpid()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return
    for name in entries:
        if not name.isdigit() or int(name) in exclude:
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == me and int(name) not in _own_children:
            try:
                os.kill(int(name), signal.SIGKILL)
                os.waitpid(int(name), os.WNOHANG)
            except (ProcessLookupError, ChildProcessError, PermissionError):
                pass


#: children this process started for other reasons (never killed by kill_orphans)
_own_children: set[int] = set()


def start(spec: Spec) -> tuple[Process, str]:
    """Start a worker for ``spec``; return it and a one-line description of the sandbox."""
    to_r, to_w = os.pipe()
    from_r, from_w = os.pipe()
    out_r, out_w = os.pipe()
    for fd in (to_w, from_r, out_r):
        os.set_inheritable(fd, False)
    exe, why = bwrap_status()
    tmp = spec.scratch.parent / "worker-tmp"
    tmp.mkdir(exist_ok=True)
    try:
        if exe is not None:
            cmd = bwrap_command(exe, spec, (to_r, from_w))
            popen = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=out_w, stderr=out_w, pass_fds=(to_r, from_w),
                start_new_session=True, preexec_fn=_limits(spec, die_with_parent=True), close_fds=True,
            )
            how = "sandboxed with bubblewrap"
        else:
            become_subreaper()
            env = _environment(spec, str(tmp))
            (tmp / "home").mkdir(exist_ok=True)
            cmd = [sys.executable, "-I", str(WORKER), str(to_r), str(from_w), str(spec.submission)]
            popen = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=out_w, stderr=out_w, pass_fds=(to_r, from_w),
                start_new_session=True, preexec_fn=_limits(spec, die_with_parent=True), close_fds=True,
                cwd=spec.scratch, env=env,
            )
            how = f"reduced sandbox: {why}; your code ran with your own permissions, under time and memory limits"
    finally:
        for fd in (to_r, from_w, out_w):
            os.close(fd)
    proc = Process(popen, to_w, from_r, out_r, exe is not None)
    _live.add(proc)
    return proc, how
