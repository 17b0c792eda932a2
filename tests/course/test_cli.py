"""The learner's loop through the CLI: start → edit → check → hint → solution → progress → reset."""

from __future__ import annotations

import json
import subprocess
import sys

from la4ml.course.cli import main


def run(*args) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "la4ml", *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout + proc.stderr


def test_learner_loop(course, tmp_path):
    """start copies starters, check fails then passes, hints are staged, progress records it all"""
    code, out = run("start", "1")
    assert code == 0 and "ex1_add_vectors.py" in out and "created: Add two vectors" in out
    work = tmp_path / "home" / "workspace" / "part01" / "ex1_add_vectors.py"
    assert work.read_text().count("raise NotImplementedError") == 1

    code, out = run("check", "1.1")
    assert code == 1 and "✗" in out

    code, out = run("solution", "1.1")
    assert code == 0 and "def add" in out  # allowed after one attempt

    assert "Hint 1 of 2" in run("hint", "1.1")[1]
    out = run("hint", "1.1")[1]
    assert "Hint 2 of 2" in out and "last hint" in out

    work.write_text("import numpy as np\ndef add(x, y):\n    return np.asarray(x, float) + np.asarray(y, float)\n")
    code, out = run("check", "1.1")
    assert code == 0 and "Passed: 2 of 2" in out

    code, out = run("progress", "--json")
    data = json.loads(out)
    row = data["exercises"][0]
    assert (row["id"], row["attempts"], row["passed"], row["hints_used"], row["solution_viewed"]) == ("1.1", 2, True, 2, True)


def test_start_never_overwrites(course, tmp_path):
    """running start twice keeps the learner's edits"""
    assert run("start", "1")[0] == 0
    work = tmp_path / "home" / "workspace" / "part01" / "ex1_add_vectors.py"
    work.write_text("# my work\n")
    code, out = run("start", "1")
    assert code == 0 and "kept your existing file: Add two vectors" in out
    assert work.read_text() == "# my work\n"


def test_solution_needs_an_attempt_or_force(course):
    """the solution is withheld before a first attempt unless --force"""
    code, out = run("solution", "1.1")
    assert code == 1 and "--force" in out and "def add" not in out
    code, out = run("solution", "1.1", "--force")
    assert code == 0 and "def add" in out and "Why it works" in out


def test_reset_asks_and_keeps_a_backup(course, tmp_path):
    """reset refuses without confirmation when not interactive, and keeps a backup when confirmed"""
    run("start", "1")
    work = tmp_path / "home" / "workspace" / "part01" / "ex1_add_vectors.py"
    work.write_text("# precious\n")
    code, out = run("reset", "1.1")
    assert code == 1 and work.read_text() == "# precious\n"
    code, out = run("reset", "1.1", "--yes")
    assert code == 0 and "raise NotImplementedError" in work.read_text()
    backups = list(work.parent.glob("ex1_add_vectors.*.bak.py"))
    assert len(backups) == 1 and backups[0].read_text() == "# precious\n"


def test_exit_codes_for_could_not_run(course):
    """unknown ids and missing files exit 2 with a clear message"""
    code, out = run("check", "9.9")
    assert code == 2 and "no lesson 9" in out
    code, out = run("check", "1.1")  # not started: no workspace file
    assert code == 2 and "la4ml start 1" in out
    code, out = run("check", "1.1", "--file", "/nonexistent/x.py")
    assert code == 2


def test_lessons_lists_progress(course, capsys):
    """`la4ml lessons` lists each lesson with its exercise count"""
    assert main(["lessons"]) == 0
    assert "Tiny Vectors" in capsys.readouterr().out
