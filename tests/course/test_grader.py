"""The grader: hidden tests run in a sandboxed subprocess and speak to the learner."""

from __future__ import annotations

import time

import pytest

from la4ml.course import catalog
from la4ml.course.grader import EXIT_COULD_NOT_RUN, EXIT_FAILED, EXIT_PASSED, format_result, grade


def _ex():
    return catalog.exercise("1.1")


def _grade(tmp_path, source: str, **kw):
    path = tmp_path / "attempt.py"
    path.write_text(source)
    return grade(_ex(), path, **kw)


def test_reference_solution_passes(course):
    """the reference solution passes every check and exits 0"""
    r = grade(_ex(), _ex().solution)
    assert r.status == "passed" and r.exit_code == EXIT_PASSED
    assert len(r.checks) == 2 and r.n_passed == 2


def test_starter_fails_with_teaching_message(course):
    """the starter fails, and the feedback tells the learner to replace raise NotImplementedError"""
    r = grade(_ex(), _ex().starter)
    assert r.status == "failed" and r.exit_code == EXIT_FAILED
    assert "replace the `raise NotImplementedError`" in r.checks[0].message


def test_wrong_answer_names_call_result_and_expectation(course, tmp_path):
    """a wrong result is reported with the call, what came back and what was expected"""
    r = _grade(tmp_path, "import numpy as np\ndef add(x, y):\n    return np.asarray(x) - np.asarray(y)\n")
    msg = r.checks[0].message
    assert r.status == "failed"
    assert "Called add(x=[1., 2.], y=[3., 4.])" in msg and "got -2" in msg and "expected 4" in msg


def test_hidden_test_source_is_never_shown(course, tmp_path):
    """the output holds check descriptions and feedback, never the hidden test source"""
    r = _grade(tmp_path, "def add(x, y):\n    return None\n")
    text = format_result(r, _ex())
    assert "def test_" not in text and "expect_close(" not in text and "@given" not in text
    assert "adds [1, 2] and [3, 4] to get [4, 6]" in text


def test_infinite_loop_times_out_within_the_limit(course, tmp_path):
    """an infinite loop is killed at the limit and reported as 'timed out after N s'"""
    t0 = time.perf_counter()
    r = _grade(tmp_path, "def add(x, y):\n    while True:\n        pass\n", timeout=3)
    elapsed = time.perf_counter() - t0
    assert r.status == "timeout" and r.exit_code == EXIT_FAILED
    # the CPU limit; on a machine so loaded that 3 s of CPU take longer than the wall backstop, the backstop
    assert ("timed out after 3 s" in r.message or "s of waiting" in r.message) and "adds [1, 2]" in r.message
    assert elapsed < 3 * 3 + 5 + 60  # the CPU limit, or the wall-clock backstop, plus start-up on a loaded machine: no hang


def test_sleeping_code_is_stopped_by_the_wall_clock_backstop(course, tmp_path):
    """code that waits without computing is stopped by the wall-clock backstop and told so"""
    r = _grade(tmp_path, "import time\ndef add(x, y):\n    time.sleep(600)\n", timeout=1)
    assert r.status == "timeout"
    assert "timed out after 8 s of waiting" in r.message and "sleeping" in r.message


def test_sys_exit_at_import_is_reported(course, tmp_path):
    """a file that calls sys.exit() at import fails with advice, and the grader survives"""
    r = _grade(tmp_path, "import sys\nsys.exit(3)\ndef add(x, y):\n    return x + y\n")
    assert r.status == "import error" and r.exit_code == EXIT_FAILED
    assert "sys.exit(3)" in r.message and "__main__" in r.message
    assert all(c.outcome == "not run" for c in r.checks)


def test_os_exit_inside_function_is_reported(course, tmp_path):
    """os._exit() inside the learner's function ends the process: reported, not crashed on"""
    r = _grade(tmp_path, "import os\ndef add(x, y):\n    os._exit(0)\n")
    assert r.status == "failed"
    assert all("ended the process" in c.message and "Called add(" in c.message for c in r.checks)


def test_exception_at_import_shows_learner_line(course, tmp_path):
    """an exception in top-level code names the learner's line"""
    r = _grade(tmp_path, "x = 1\ny = undefined_name\ndef add(x, y):\n    return x + y\n")
    msg = r.message
    assert "NameError" in msg and "line 2" in msg


def test_syntax_error_reports_line(course, tmp_path):
    """a syntax error is reported with its line number"""
    r = _grade(tmp_path, "def add(x, y)\n    return x + y\n")
    assert r.status == "import error"
    assert "syntax error on line 1" in r.message
    assert format_result(r, _ex()).count("syntax error") == 1


def test_missing_function_is_named(course, tmp_path):
    """a file without the expected function says which name is missing"""
    r = _grade(tmp_path, "def plus(x, y):\n    return x + y\n")
    assert "no function named add()" in r.checks[0].message


def test_huge_output_is_stopped(course, tmp_path):
    """printing without end is stopped by the output limit or the time limit, never fills the disk"""
    r = _grade(tmp_path, "def add(x, y):\n    while True:\n        print('x' * 100000)\n", timeout=8)
    assert r.status in ("failed", "timeout")
    assert r.exit_code == EXIT_FAILED


def test_memory_hog_is_reported(course, tmp_path):
    """allocating far more than the memory limit fails the check with MemoryError, not the grader"""
    r = _grade(tmp_path, "import numpy as np\ndef add(x, y):\n    return np.ones((100000, 100000)) \n", memory_mb=2048)
    assert r.status == "failed"
    assert "MemoryError" in r.checks[0].message or "memory" in r.message


def test_input_mutation_is_reported(course, tmp_path):
    """a function that modifies its input array in place is told so"""
    r = _grade(tmp_path, "def add(x, y):\n    x += y\n    return x\n")
    assert "modified its input array x in place" in r.checks[0].message and "x = x.copy()" in r.checks[0].message


def test_missing_file_could_not_run(course, tmp_path):
    """grading a file that does not exist is 'could not run' (exit 2)"""
    r = grade(_ex(), tmp_path / "nope.py")
    assert r.status == "error" and r.exit_code == EXIT_COULD_NOT_RUN


def test_unknown_exercise_id(course):
    """an unknown exercise id raises an error that lists the valid ids"""
    with pytest.raises(catalog.UnknownExerciseError, match="1.1"):
        catalog.exercise("1.9")



def test_exercises_graded_one_after_another_in_one_process_use_their_own_tests(tmp_path, monkeypatch):
    """watch mode, the Jupyter magic and dev mutate grade several exercises in one process: each must run
    its own hidden tests (pytest's importlib mode would reuse the first `tests.test_exercise` module)"""
    monkeypatch.delenv("LA4ML_COURSE_DIR", raising=False)  # the real course: two different exercises
    monkeypatch.setenv("LA4ML_HOME", str(tmp_path / "home"))
    first, second = catalog.exercise("3.1"), catalog.exercise("1.4")  # 1.4 imports torch, whose modules answer oddly
    names = {}
    for ex in (first, second, first):
        r = grade(ex, ex.solution, in_process=True)
        assert r.status == "passed", format_result(r, ex)
        names.setdefault(ex.id, set()).add(tuple(c.check for c in r.checks))
    assert len(names[first.id]) == 1  # the same checks both times
    assert names[first.id] != names[second.id]


def test_a_warm_worker_grades_the_file_as_saved_now(course, tmp_path):
    """watch mode's worker is started ahead of the next check: it must grade the file's content at the
    check (not at the start), give the same verdicts as a cold check, and leave no process behind"""
    from la4ml.course.grader import prepare_warm, sandbox
    from la4ml.course.grader.runner import Warm, imported_libraries

    assert imported_libraries("import numpy as np\nfrom scipy.linalg import qr\nimport os\nimport helpers\n"
                              "from . import sibling\nfrom la4ml.course import grading\n") == ["numpy", "scipy.linalg"]
    assert imported_libraries("def broken(:\n") == []
    path = tmp_path / "attempt.py"
    path.write_text("import numpy as np\ndef add(x, y):\n    raise NotImplementedError\n")
    warm = Warm()
    try:
        prepare_warm(warm, path)  # started while the file is still the starter
        assert warm._slot is not None
        path.write_text("import numpy as np\ndef add(x, y):\n    return np.asarray(x) + np.asarray(y)\n")
        first = grade(_ex(), path, in_process=True, warm=warm)
        assert first.status == "passed", format_result(first, _ex())
        assert warm._slot is not None  # the next one is ready
        path.write_text("import numpy as np\ndef add(x, y):\n    return np.asarray(x) - np.asarray(y)\n")
        second = grade(_ex(), path, in_process=True, warm=warm)
        assert second.status == "failed" and "got -2" in second.checks[0].message
        other = tmp_path / "other.py"  # another exercise's file: the worker prepared for attempt.py is not used
        other.write_text("def add(x, y):\n    return None\n")
        assert grade(_ex(), other, in_process=True, warm=warm).status == "failed"
    finally:
        warm.close()
    assert warm._slot is None and not sandbox._live


def _run_tests_file(tmp_path, tests_source: str) -> dict:
    """Grade a one-line submission with ``tests_source`` as the hidden tests, in a fresh trusted process."""
    import json
    import subprocess
    import sys

    tests = tmp_path / "test_exercise.py"
    tests.write_text(tests_source)
    sub = tmp_path / "attempt.py"
    sub.write_text("def f():\n    return 1\n")
    out = subprocess.run([sys.executable, "-m", "la4ml.course.grader.runner", str(tests), str(sub), "0.0", "10",
                          "1024", "64"], capture_output=True, text=True)
    return json.loads(out.stdout)


def test_hypothesis_profile_only_for_tests_that_use_it(tmp_path):
    """the grader's Hypothesis profile (derandomized, no database) is in force in hidden tests that use
    Hypothesis, also under an explicit @settings; tests that do not use it never import it (0.1 s saved)"""
    uses = (
        "from hypothesis import given, settings, strategies as st\n"
        "@settings(max_examples=3)\n@given(st.integers())\n"
        "def test_profile(submission, n):\n    '''profile'''\n"
        "    s = settings.default\n"
        "    assert s.derandomize and s.database is None and s.deadline is None\n"
        "    assert test_profile._hypothesis_internal_use_settings.derandomize\n")
    r = _run_tests_file(tmp_path, uses)
    assert r["status"] == "passed", r
    plain = ("import sys\n"
             "def test_plain(submission):\n    '''plain'''\n    assert 'hypo' + 'thesis' not in sys.modules\n")
    r = _run_tests_file(tmp_path, plain)
    assert r["status"] == "passed", r
