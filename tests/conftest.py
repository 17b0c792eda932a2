"""Test-suite set-up: every tool that writes into $HOME writes into a temporary folder instead."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="la4ml-tests-home-"))
for var, sub in (("MPLCONFIGDIR", "mpl"), ("JUPYTER_RUNTIME_DIR", "jupyter-runtime"), ("IPYTHONDIR", "ipython"),
                 ("LA4ML_HOME", "la4ml-home"), ("LA4ML_KERNEL_CACHE", "kernel-cache")):
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


# ---------------------------------------------------------------------------- one browser for every suite
from browsing import CHROMIUM, CHROMIUM_ARGS, require_browser  # noqa: E402


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium (the distribution's binary, never a downloaded one) for the session."""
    require_browser()
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("browser-home")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, "HOME": str(home)})
        try:
            yield b
        finally:
            b.close()
