"""The learner's home: ``$LA4ML_HOME`` (default: the platform's user data folder).

It holds ``workspace/partNN/exK_slug.py`` (the learner's copies of the starters), the progress
database ``progress.sqlite3`` and the built course (``build/``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

from la4ml.course.catalog import Exercise, Lesson, lesson
from la4ml.course.progress import ProgressStore


def home() -> Path:
    env = os.environ.get("LA4ML_HOME")
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("la4ml", appauthor=False))


def workspace_dir() -> Path:
    return home() / "workspace"


def exercise_path(ex: Exercise) -> Path:
    return workspace_dir() / lesson(ex.part).workspace_dir_name / ex.workspace_name


def store() -> ProgressStore:
    return ProgressStore(home() / "progress.sqlite3")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def start(les: Lesson) -> list[tuple[Exercise, Path, bool]]:
    """Copy the lesson's starters into the workspace; never overwrite. Returns (exercise, path, created)."""
    out = []
    st = store()
    for ex in les.exercises:
        dest = exercise_path(ex)
        dest.parent.mkdir(parents=True, exist_ok=True)
        created = False
        if not dest.exists():
            tmp = dest.with_suffix(".py.tmp")
            shutil.copyfile(ex.starter, tmp)
            os.replace(tmp, dest)  # atomic: a killed copy never leaves half a starter
            created = True
        st.record_started(ex.id)
        out.append((ex, dest, created))
    return out


def reset(ex: Exercise) -> tuple[Path, Path | None]:
    """Put the starter back; the learner's current file is kept as a timestamped backup."""
    dest = exercise_path(ex)
    backup = None
    if dest.exists():
        backup = dest.with_name(f"{dest.stem}.{time.strftime('%Y%m%d-%H%M%S')}.bak.py")
        shutil.copy2(dest, backup)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".py.tmp")
    shutil.copyfile(ex.starter, tmp)
    os.replace(tmp, dest)
    return dest, backup
