"""``la4ml dev test``: the repository's test suite, not run again when nothing it depends on has changed.

The suite (pytest, several thousand tests, most of ``make test``'s time) gives the same verdict for the same
inputs: its Hypothesis profile is derandomized and nothing in it reads the clock or the network. So a
green run is recorded under a key, a SHA-256 over everything the outcome can depend on:

* every file of the checkout that git tracks or would track (``git ls-files -co --exclude-standard``):
  path and content — sources, tests, lessons, configuration;
* the installed distributions (name and version), the Python version and the platform;
* which of the system tools the suite looks for are present (bubblewrap, Chromium, Java), since tests
  skip without them;
* the environment variables that steer la4ml, Hypothesis and pytest, and the pytest arguments.

A run whose key has a green record says so and exits 0 at once; any change runs the whole suite (there
is no partial reuse: which test depends on which file is not tracked). ``--force`` runs it regardless.
A clean clone has no record, so CI always runs everything.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: what ``make test`` passes to pytest (with the 30 slowest tests listed at the end)
# --dist load: xdist 3.8 cannot group tests under pytest 9.2 (it renames item._nodeid, which pytest no
# longer reads), so loadgroup was load already; no test relies on a group.
DEFAULT_ARGS = ["-n", "2", "--dist", "load", "-q", "--durations=30"]
#: the system tools whose presence decides which tests run
TOOLS = ("bwrap", "chromium", "chromium-browser", "java")
#: files and folders never part of the key when git is missing (build output, caches, the venv)
_SKIP = {".git", ".venv", ".la4ml-home", "__pycache__", ".pytest_cache", ".hypothesis", "build", "_build", "dist",
         "test-artifacts", ".whl", ".gl"}


def repo_root() -> Path | None:
    """The checkout la4ml runs from (an editable install), or None for an installed package."""
    root = Path(__file__).resolve().parents[3]
    return root if (root / "pyproject.toml").is_file() and (root / "tests").is_dir() else None


def _files(root: Path) -> list[Path]:
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-co", "--exclude-standard", "-z"],
                             capture_output=True, check=True, timeout=60).stdout
        names = sorted({n for n in out.decode("utf-8", "surrogateescape").split("\0") if n})
        return [root / n for n in names]
    except (OSError, subprocess.SubprocessError):
        found = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in _SKIP and not d.endswith(".egg-info"))
            found += [Path(dirpath) / f for f in sorted(filenames) if not f.endswith((".pyc", ".pyo"))]
        return found


def suite_key(root: Path, pytest_args: list[str]) -> str:
    """The SHA-256 (hex) of everything the suite's outcome depends on (see the module docstring)."""
    import importlib.metadata as md
    import platform

    h = hashlib.sha256()
    for path in _files(root):
        h.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:  # listed but gone (deleted, not yet staged): its absence is the content
            h.update(b"<missing>")
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in md.distributions() if d.metadata["Name"])
    h.update("\n".join(dists).encode())
    h.update(f"{sys.version}|{platform.platform()}|{sys.executable}".encode())
    h.update(repr([(t, shutil.which(t) is not None) for t in TOOLS]).encode())
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith(("LA4ML_", "HYPOTHESIS", "PYTEST_", "CI")))
    h.update(repr(env).encode())
    h.update(repr(pytest_args).encode())
    return h.hexdigest()


def _record_dir() -> Path:
    from la4ml.course.workspace import home

    return home() / "cache" / "suite"


def _prebuild(out) -> bool:
    """Build the real course once, with every core, where the suite's ``real_build`` fixture will look
    ($LA4ML_HOME/build, all four formats): otherwise each pytest-xdist worker builds it itself, at the same
    time, into the same folder. The workers' own builds then find it up to date (a fraction of a second).
    Skipped when LA4ML_HOME is not set (the suite then uses a temporary one of its own). False if it fails."""
    if not os.environ.get("LA4ML_HOME"):
        return True
    from la4ml.course.build import FORMATS, BuildError, build, default_out

    out("Building the course for the suite's real-course tests (once, on every core)…")
    try:
        build(out=default_out(), formats=list(FORMATS), log=out)
    except BuildError as exc:
        out(f"BUILD FAILED (the suite's real-course tests would fail the same way)\n{exc}")
        return False
    return True


def run(*, jobs: int | None = None, force: bool = False, out=print) -> int:
    """Run the suite (or report the green run with the same key); the exit status of pytest, or 0."""
    root = repo_root()
    if root is None:
        out("la4ml dev test runs the test suite of a la4ml checkout (git clone …; make test); this la4ml is an "
            "installed package without its tests.")
        return 2
    args = list(DEFAULT_ARGS)
    if jobs is not None:
        args[1] = str(max(1, jobs))
    key = suite_key(root, args)
    record = _record_dir() / key[:32]
    if record.is_file() and not force:
        when = record.read_text(encoding="utf-8").strip()
        out(f"The test suite passed on {when} with exactly these sources, tests, installed packages and tools "
            f"(content hash {key[:12]}); nothing it depends on has changed, so it is not run again. "
            "`la4ml dev test --force` (or `make test FORCE=1`) runs it anyway.")
        return 0
    if not _prebuild(out):
        return 1
    code = subprocess.call([sys.executable, "-m", "pytest", *args], cwd=root)
    if code == 0:
        try:
            record.parent.mkdir(parents=True, exist_ok=True)
            tmp = record.with_suffix(".tmp")
            tmp.write_text(_dt.datetime.now().strftime("%Y-%m-%d %H:%M") + "\n", encoding="utf-8")
            os.replace(tmp, record)
        except OSError as exc:  # the suite passed; only the shortcut for next time is lost
            out(f"(could not record the green run in {record.parent}: {exc})")
    return code
