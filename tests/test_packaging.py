"""The installed wheel carries the whole course, so a learner who installed it can work offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from la4ml.course import catalog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    # build from a fresh copy (caches included, to prove they are excluded; no stale build/ folder)
    src = tmp_path_factory.mktemp("src")
    shutil.copytree(ROOT / "src", src / "src")
    for f in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / f, src / f)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
                   check=True, capture_output=True)
    (whl,) = out.glob("la4ml-*.whl")
    return set(zipfile.ZipFile(whl).namelist())


def test_wheel_carries_every_lesson_and_exercise(wheel_names):
    """every lesson.md and every exercise's five files (hidden tests and solutions included) are in the wheel"""
    base = "la4ml/course/lessons"
    for les in catalog.lessons():
        assert f"{base}/{les.name}/lesson.md" in wheel_names, les.name
        for ex in les.exercises:
            for f in catalog.EXERCISE_FILES:
                assert f"{base}/{les.name}/exercises/{ex.dir.name}/{f}" in wheel_names, (ex.id, f)
    assert {"la4ml/course/manifest.toml", "la4ml/course/course.toml"} <= wheel_names


def test_wheel_carries_static_assets_and_widgets(wheel_names):
    """the local MathJax, the site CSS and every widget module travel with the package"""
    assert "la4ml/course/static/mathjax/tex-svg-full.js" in wheel_names
    assert "la4ml/course/static/la4ml.css" in wheel_names
    widgets = sorted(p.name for p in (ROOT / "src" / "la4ml" / "widgets").glob("*.js"))
    assert widgets and all(f"la4ml/widgets/{w}" in wheel_names for w in widgets)


def test_wheel_has_no_caches(wheel_names):
    """no __pycache__ or JIT cache files leak into the wheel"""
    assert not [n for n in wheel_names if "__pycache__" in n or n.endswith((".pyc", ".nbi", ".nbc"))]
