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
