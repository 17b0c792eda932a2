"""Test-suite set-up: every tool that writes into $HOME writes into a temporary folder instead."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="la4ml-tests-home-"))
for var, sub in (("MPLCONFIGDIR", "mpl"), ("JUPYTER_RUNTIME_DIR", "jupyter-runtime"), ("IPYTHONDIR", "ipython"),
                 ("LA4ML_HOME", "la4ml-home")):
    os.environ.setdefault(var, str(_TMP / sub))
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

# Hidden exercise tests run only inside the grader's sandbox, never in the project's suite.
collect_ignore_glob = ["course/fixture_course/*"]


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def real_build():
    """The real course built into every format, in $LA4ML_HOME/build (execution cache shared with dev check)."""
    from la4ml.course.build import build, default_out

    out = default_out()
    log: list[str] = []
    build(out=out, formats=["site", "blog", "notebooks", "scripts"], log=log.append)
    (out / "build.log").write_text("\n".join(log))
    return out
