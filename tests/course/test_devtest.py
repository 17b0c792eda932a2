"""``la4ml dev test``: the suite is skipped only when nothing it depends on changed since a green run."""

from __future__ import annotations

import subprocess

import pytest

from la4ml.course import devtest


def _checkout(tmp_path):
    root = tmp_path / "repo"
    (root / "tests").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (root / "tests" / "test_ok.py").write_text("def test_ok():\n    assert 1 + 1 == 2\n")
    return root


def test_key_follows_every_input(tmp_path, monkeypatch):
    """the key is stable, and changes with a file's content, a new file, the pytest arguments, a tool's presence"""
    root = _checkout(tmp_path)
    k = devtest.suite_key(root, ["-q"])
    assert devtest.suite_key(root, ["-q"]) == k
    (root / "tests" / "test_ok.py").write_text("def test_ok():\n    assert 1 + 1 == 3\n")
    k2 = devtest.suite_key(root, ["-q"])
    assert k2 != k
    (root / "tests" / "data.csv").write_text("1,2\n")
    k3 = devtest.suite_key(root, ["-q"])
    assert k3 != k2
    assert devtest.suite_key(root, ["-x"]) != k3
    monkeypatch.setattr(devtest.shutil, "which", lambda name: None)
    assert devtest.suite_key(root, ["-q"]) != k3
    monkeypatch.undo()
    monkeypatch.setenv("LA4ML_SANDBOX", "none")
    assert devtest.suite_key(root, ["-q"]) != k3


def test_green_run_recorded_then_reused(tmp_path, monkeypatch):
    """a green run is recorded; the next run with the same key is not run (and says why); --force runs it;
    a red run is never recorded"""
    root = _checkout(tmp_path)
    monkeypatch.setattr(devtest, "repo_root", lambda: root)
    monkeypatch.setattr(devtest, "_record_dir", lambda: tmp_path / "records")
    monkeypatch.setattr(devtest, "DEFAULT_ARGS", ["-p", "no:cacheprovider", "-p", "no:xdist", "-q"])
    built = []
    monkeypatch.setattr(devtest, "_prebuild", lambda out: built.append(1) or True)
    said = []
    assert devtest.run(out=said.append) == 0
    assert len(list((tmp_path / "records").iterdir())) == 1
    calls = []
    real_call = subprocess.call
    monkeypatch.setattr(devtest.subprocess, "call", lambda *a, **k: calls.append(a) or real_call(*a, **k))
    assert devtest.run(out=said.append) == 0
    assert calls == [] and "not run again" in said[-1] and "--force" in said[-1]
    assert devtest.run(force=True, out=said.append) == 0 and len(calls) == 1
    (root / "tests" / "test_ok.py").write_text("def test_ok():\n    assert 1 + 1 == 3\n")
    assert devtest.run(out=said.append) == 1
    assert devtest.run(out=said.append) == 1 and len(calls) == 3  # a red run is not recorded: it runs again
    assert len(built) == 4  # the course is built before each run of the suite, never for a skipped one


def test_failed_prebuild_stops_before_pytest(tmp_path, monkeypatch):
    """if the course does not build, the suite is not started (exit 1) and nothing is recorded"""
    root = _checkout(tmp_path)
    monkeypatch.setattr(devtest, "repo_root", lambda: root)
    monkeypatch.setattr(devtest, "_record_dir", lambda: tmp_path / "records")
    monkeypatch.setattr(devtest, "_prebuild", lambda out: False)
    monkeypatch.setattr(devtest.subprocess, "call", lambda *a, **k: pytest.fail("pytest started"))
    assert devtest.run(out=lambda s: None) == 1
    assert not (tmp_path / "records").exists()


def test_prebuild_only_with_la4ml_home(monkeypatch):
    """without LA4ML_HOME the suite uses a temporary home of its own: nothing to build ahead"""
    monkeypatch.delenv("LA4ML_HOME", raising=False)
    assert devtest._prebuild(lambda s: pytest.fail("built")) is True


def test_outside_a_checkout(monkeypatch):
    """an installed la4ml (no tests folder) says what dev test is for, exit 2, no traceback"""
    monkeypatch.setattr(devtest, "repo_root", lambda: None)
    said = []
    assert devtest.run(out=said.append) == 2 and "checkout" in said[0]


@pytest.mark.parametrize("jobs, expected", [(None, "2"), (1, "1"), (0, "1")])
def test_jobs_argument(tmp_path, monkeypatch, jobs, expected):
    """-j sets pytest-xdist's -n (at least 1)"""
    root = _checkout(tmp_path)
    seen = []
    monkeypatch.setattr(devtest, "repo_root", lambda: root)
    monkeypatch.setattr(devtest, "_record_dir", lambda: tmp_path / "records")
    monkeypatch.setattr(devtest.subprocess, "call", lambda cmd, **k: seen.append(cmd) or 1)
    monkeypatch.setattr(devtest, "_prebuild", lambda out: True)
    devtest.run(jobs=jobs, out=lambda s: None)
    assert seen[0][seen[0].index("-n") + 1] == expected
