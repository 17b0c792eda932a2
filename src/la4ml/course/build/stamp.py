"""The build stamp: a content hash of everything a build reads, kept in the output folder.

``la4ml build`` and ``la4ml serve`` compare it with the inputs before doing any work: when the
lessons, exercises, course files, the la4ml package (toolkit, build code, static files, widgets),
its version, the Python version and the installed packages are all unchanged since the last
successful build of the same lessons and formats, the build is skipped (no Sphinx, no notebook
I/O). This module imports nothing heavy, so that check takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import site
import sys
import time
from pathlib import Path
from typing import Iterable

import la4ml
from la4ml.course import catalog

STAMP_NAME = ".la4ml-build-stamp.json"
PACKAGE_ROOT = Path(la4ml.__file__).resolve().parent
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".hypothesis"}
_SKIP_SUFFIXES = (".pyc", ".pyo", ".tmp", ".swp")

# What must exist in the output folder for a format to count as built.
_OUTPUT_MARKERS = {"site": "site/index.html", "blog": "blog", "notebooks": "notebooks", "scripts": "scripts"}


def _files(root: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith(_SKIP_SUFFIXES) and not name.startswith("."):
                found.append(Path(dirpath) / name)
    return found


def packages_fingerprint() -> str:
    """Hash of the installed distributions' names and versions (their ``.dist-info`` folders in the
    site-packages folders).

    Read from folder names only, so it costs milliseconds; a package installed, removed, upgraded
    or downgraded changes it.
    """
    names = set()
    # Only the folders packages are installed into: sys.path also holds the current folder and
    # whatever a tool prepends (pytest's rootdir), which must not change the answer.
    dirs = [e for e in sys.path if os.path.basename(e.rstrip(os.sep)) in ("site-packages", "dist-packages")]
    try:
        dirs += site.getsitepackages() + [site.getusersitepackages()]
    except AttributeError:  # a virtualenv's old site module
        pass
    for entry in sorted(set(dirs)):
        try:
            with os.scandir(entry or ".") as it:
                names.update(e.name for e in it if e.name.endswith((".dist-info", ".egg-info", ".egg-link")))
        except OSError:
            continue
    h = hashlib.sha256()
    for n in sorted(names):
        h.update(n.encode() + b"\n")
    return h.hexdigest()


def inputs_hash(roots: Iterable[Path] | None = None) -> str:
    """Content hash of every input of a build.

    ``roots`` are the folders whose files are hashed (path and bytes); by default the la4ml package
    (toolkit, course machinery, static files, widgets) and the course folder when it lies outside
    it (``LA4ML_COURSE_DIR``).
    """
    if roots is None:
        course = catalog.course_dir()
        roots = [PACKAGE_ROOT] + ([] if course.is_relative_to(PACKAGE_ROOT) else [course])
    h = hashlib.sha256()
    h.update(f"la4ml {la4ml.__version__}\npython {sys.version}\n".encode())
    h.update(f"packages {packages_fingerprint()}\n".encode())
    for root in roots:
        root = Path(root).resolve()
        h.update(f"root {root}\n".encode())
        for path in _files(root):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            h.update(f"{path.relative_to(root).as_posix()} {len(data)}\n".encode())
            h.update(data)
    return h.hexdigest()


def read(out: Path) -> dict | None:
    try:
        data = json.loads((Path(out) / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def remove(out: Path) -> None:
    """Forget the last build (called before a build writes anything, so a failed one is never trusted)."""
    try:
        (Path(out) / STAMP_NAME).unlink()
    except FileNotFoundError:
        pass


def up_to_date(out: Path, inputs: str, lessons: list[str], formats: list[str]) -> dict | None:
    """The stamp when ``out`` holds these lessons in these formats built from these inputs, else None."""
    st = read(out)
    if not st or st.get("inputs") != inputs or st.get("lessons") != lessons:
        return None
    if not set(formats) <= set(st.get("formats", [])):
        return None
    if not all((Path(out) / _OUTPUT_MARKERS[f]).exists() for f in formats):
        return None
    return st


def write(out: Path, inputs: str, lessons: list[str], formats: list[str], previous: dict | None,
          seconds: dict[str, float]) -> None:
    """Record a successful build; formats built earlier from the same inputs stay valid."""
    fmts = list(formats)
    secs = dict(seconds)
    if previous and previous.get("inputs") == inputs and previous.get("lessons") == lessons:
        fmts = sorted(set(fmts) | set(previous.get("formats", [])))
        secs = {**previous.get("seconds", {}), **secs}
    data = {"inputs": inputs, "lessons": lessons, "formats": sorted(fmts), "seconds": secs,
            "built_at": time.strftime("%Y-%m-%d %H:%M:%S")}
    path = Path(out) / STAMP_NAME
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    tmp.replace(path)
