"""Fixtures for the course machinery: a one-lesson fixture course, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_COURSE = Path(__file__).parent / "fixture_course"
EX_DIR = FIXTURE_COURSE / "lessons" / "01-tiny-vectors" / "exercises" / "1-add-vectors"


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A private copy of the fixture course, selected with LA4ML_COURSE_DIR, and a private LA4ML_HOME."""
    dest = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, dest)
    monkeypatch.setenv("LA4ML_COURSE_DIR", str(dest))
    monkeypatch.setenv("LA4ML_HOME", str(tmp_path / "home"))
    return dest


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The fixture course built once into every format: returns the output folder."""
    from la4ml.course.build import build

    out = tmp_path_factory.mktemp("built")
    mp = pytest.MonkeyPatch()
    mp.setenv("LA4ML_COURSE_DIR", str(FIXTURE_COURSE))
    try:
        log: list[str] = []
        build(out=out, formats=["site", "blog", "notebooks", "scripts"], jobs=1, log=log.append)
    finally:
        mp.undo()
    (out / "build.log").write_text("\n".join(log))
    return out
