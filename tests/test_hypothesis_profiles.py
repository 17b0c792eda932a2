"""The suite's Hypothesis profiles (tests/conftest.py): a red CI run replays exactly."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import settings

PROBE = textwrap.dedent(
    """
    import os
    from hypothesis import given, strategies as st

    @given(st.integers(0, 10**9))
    def test_draws(n):
        with open(os.environ["PROBE_OUT"], "a") as f:
            f.write(f"{n}\\n")
    """
)


def test_profiles_are_registered():
    """'ci' is derandomized, keeps no database, prints the blob and has no deadline; 'dev' prints the blob."""
    ci, dev = settings.get_profile("ci"), settings.get_profile("dev")
    assert ci.derandomize is True and ci.database is None and ci.print_blob is True and ci.deadline is None
    assert dev.derandomize is False and dev.print_blob is True


def _draws(tmp_path: Path, run: int, env: dict) -> list[str]:
    out = tmp_path / f"draws-{run}.txt"
    conftest = Path(__file__).with_name("conftest.py")
    work = tmp_path / f"run-{run}"
    work.mkdir()
    (work / "conftest.py").write_text(conftest.read_text())  # the real profiles, nothing else
    (work / "browsing.py").write_text("CHROMIUM = CHROMIUM_ARGS = None\ndef require_browser(): pass\n")
    (work / "test_probe.py").write_text(PROBE)
    # only Hypothesis's own plugin: the other installed plugins cost seconds of start-up and play no part
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "_hypothesis_pytestplugin",
                    str(work)], cwd=work, env={**env, "PROBE_OUT": str(out), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
                   check=True, capture_output=True, timeout=120)
    return out.read_text().split()


def test_ci_profile_replays_the_same_examples(tmp_path):
    """Two runs with CI set draw exactly the same 100 examples; without it (dev), fresh ones."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    first, second = (_draws(tmp_path, i, {**env, "CI": "true"}) for i in (1, 2))
    assert len(first) >= 50 and first == second
    dev_a, dev_b = (_draws(tmp_path, i, env) for i in (3, 4))
    assert dev_a != dev_b
