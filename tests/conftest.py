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


# ---------------------------------------------------------------------------- Hypothesis profiles
# Two profiles, so that a red CI run can be replayed exactly:
#   ci   derandomize=True: every property test draws the same examples on every run and machine (the
#        seed comes from the test's own name), database=None: nothing from an earlier run's
#        .hypothesis/ folder changes what runs, print_blob=True: a failure prints the
#        @reproduce_failure(...) line that replays it. Loaded when $CI is set (GitHub Actions and most
#        CI services set it) or with `pytest --hypothesis-profile=ci`. No deadline: a busy CI machine must
#        not fail a test for being slow.
#   dev  the default elsewhere: random examples on each run (more ground covered over time), failures
#        kept in .hypothesis/ and tried first next time, and the blob printed too. A failure shows its
#        seed; rerun it with `pytest --hypothesis-seed=N`.
# Either way, an example that ever failed is pinned in its test with @example(...): it then runs on
# every run, in every profile, in a fresh clone too.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
_hypothesis_settings.register_profile("dev", derandomize=False, print_blob=True)  # explicit: under CI=1 Hypothesis's own default derandomizes
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def real_build():
    """The real course built into every format, in $LA4ML_HOME/build (execution cache shared with dev check)."""
    from la4ml.course.build import FORMATS, build, default_out

    out = default_out()
    log: list[str] = []
    build(out=out, formats=list(FORMATS), log=log.append)  # up to date at once after `la4ml dev test`'s build
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
