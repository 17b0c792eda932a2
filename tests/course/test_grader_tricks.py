"""A determined learner's tricks against the grader: none may pass a wrong answer, touch the store,
change a file outside the check, print a traceback of ours, hang, or leave a process behind.

Every learner file here returns a WRONG sum (x - y) and tries to get it graded as passed anyway —
or tries to break the grader. Each family of tricks once worked against the in-process grader.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from la4ml.course import catalog
from la4ml.course.grader import format_result, grade
from la4ml.course.grader.sandbox import bwrap_status

pytestmark = pytest.mark.slow

WRONG = "import numpy as np\n\ndef add(x, y):\n    return np.asarray(x, float) - np.asarray(y, float)\n"
SANDBOXED = bwrap_status()[0] is not None
needs_bwrap = pytest.mark.skipif(not SANDBOXED, reason="bubblewrap is not usable here")


def _grade(tmp_path, source, **kw):
    path = tmp_path / "attempt.py"
    path.write_text(textwrap.dedent(source))
    r = grade(catalog.exercise("1.1"), path, **kw)
    text = format_result(r, catalog.exercise("1.1"))
    assert "Traceback" not in text
    return r, text


def _cli(args, home, course, **kw):
    env = dict(os.environ, LA4ML_HOME=str(home), LA4ML_COURSE_DIR=str(course))
    return subprocess.run([sys.executable, "-m", "la4ml", *args], env=env, capture_output=True, text=True, **kw)


def _processes_with(marker: str) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                cmd = Path(f"/proc/{name}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmd:
                found.append(int(name))
    return found


FORGERIES = {
    "results file, then exit early": """
        import json, os
        for name in ("results.jsonl", os.environ.get("LA4ML_RESULTS", "results.jsonl")):
            with open(name, "a") as fh:
                for check in ("adds [1, 2] and [3, 4] to get [4, 6]", "x + y equals y + x for random vectors"):
                    fh.write(json.dumps({"event": "end", "check": check, "outcome": "passed"}) + "\\n")
        os._exit(0)
    """,
    "helpers replaced through sys.modules": """
        import sys, importlib
        g = importlib.import_module("la4ml.course.grading")
        g.fail = lambda *a, **k: None
        g.expect_close = lambda *a, **k: None
        g.expect = lambda *a, **k: None
        sys.modules["la4ml.course.grading"] = g
    """,
    "code of grading.fail swapped": """
        from la4ml.course import grading
        grading.fail.__code__ = (lambda message: None).__code__
        grading.expect_close.__code__ = (lambda got, expected, **kw: None).__code__
    """,
    "pytest reports forced to passed": """
        try:
            from _pytest import reports
            reports.BaseReport.passed = property(lambda self: True)
            reports.BaseReport.failed = property(lambda self: False)
            reports.TestReport.outcome = "passed"
        except ImportError:
            pass
    """,
    "the plugin's recorder wrapped": """
        try:
            from la4ml.course.grader import plugin
            original = plugin.GraderPlugin.pytest_runtest_makereport
            plugin.GraderPlugin.pytest_runtest_makereport = lambda self, item, call: (yield)
        except Exception:
            pass
    """,
    "np.allclose replaced": """
        import numpy
        numpy.allclose = lambda *a, **k: True
        numpy.isclose = lambda a, b, **k: numpy.ones(numpy.shape(a), bool)
        numpy.testing.assert_allclose = lambda *a, **k: None
    """,
}


@pytest.mark.parametrize("trick", list(FORGERIES), ids=list(FORGERIES))
def test_forged_verdicts_fail(course, tmp_path, trick):
    """a wrong answer stays failed whatever the file does to the grader's code"""
    r, text = _grade(tmp_path, WRONG + textwrap.dedent(FORGERIES[trick]))
    assert r.status != "passed" and r.n_passed < len(r.checks), text


def test_array_reading_expected_from_stack_frames(course, tmp_path):
    """an object whose __array__ reads the expected value out of the test's frames gets nothing"""
    r, text = _grade(tmp_path, """
        import sys
        import numpy as np

        class Sneaky:
            def __array__(self, dtype=None, copy=None):
                f = sys._getframe(1)
                while f is not None:
                    for name in ("expected", "exp", "want"):
                        if name in f.f_locals:
                            return np.asarray(f.f_locals[name], dtype=float)
                    f = f.f_back
                return np.zeros(2)
            def __eq__(self, other):
                return True

        def add(x, y):
            return Sneaky()
    """)
    assert r.status == "failed" and r.n_passed == 0, text


def test_store_and_files_are_out_of_reach(course, tmp_path):
    """the learner's code can neither write the progress store, delete workspace files, nor edit hidden tests"""
    home = tmp_path / "home"
    assert _cli(["start", "1"], home, course).returncode == 0
    other = next((home / "workspace").rglob("*.py"))
    other_text = other.read_text()
    db = home / "progress.sqlite3"
    tests_file = course / "lessons" / "01-tiny-vectors" / "exercises" / "1-add-vectors" / "test_exercise.py"
    tests_text = tests_file.read_text()
    attempt = tmp_path / "attempt.py"
    attempt.write_text(WRONG + textwrap.dedent(f"""
        import os, shutil, sqlite3
        for target in ({str(db)!r}, os.path.expanduser("~/.local/share/la4ml/progress.sqlite3")):
            try:
                con = sqlite3.connect(target)
                con.execute("INSERT INTO attempts (exercise_id, status) VALUES ('1.1', 'passed')")
                con.commit()
            except Exception:
                pass
        for victim in ({str(other)!r}, {str(db)!r}):
            try:
                os.remove(victim)
            except OSError:
                pass
        try:
            open({str(tests_file)!r}, "w").write("def test_nothing():\\n    pass\\n")
        except OSError:
            pass
        shutil.rmtree({str(home)!r}, ignore_errors=True)
    """))
    before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM attempts").fetchone()[0] if db.exists() else 0
    out = _cli(["check", "1.1", "--file", str(attempt)], home, course)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    if SANDBOXED:  # without bubblewrap the learner's code runs with the learner's own permissions
        assert other.read_text() == other_text
        assert tests_file.read_text() == tests_text
        rows = sqlite3.connect(db).execute("SELECT status FROM attempts WHERE exercise_id = '1.1'").fetchall()
        assert len(rows) == before + 1 and rows[-1][0] == "failed"
    if SANDBOXED:
        passed = sqlite3.connect(db).execute(
            "SELECT COUNT(*) FROM attempts WHERE exercise_id = '1.1' AND status = 'passed'").fetchone()[0]
        assert passed == 0


@needs_bwrap
def test_hidden_tests_and_network_are_invisible(course, tmp_path):
    """inside the sandbox the hidden tests cannot be read and the network cannot be reached"""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    tests_file = course / "lessons" / "01-tiny-vectors" / "exercises" / "1-add-vectors" / "test_exercise.py"
    try:
        r, text = _grade(tmp_path, f"""
            import socket
            import numpy as np

            def add(x, y):
                seen = []
                try:
                    open({str(tests_file)!r}).read()
                    seen.append("tests")
                except OSError:
                    pass
                try:
                    socket.create_connection(("127.0.0.1", {port}), timeout=2)
                    seen.append("network")
                except OSError:
                    pass
                if seen:
                    raise RuntimeError("reached " + " and ".join(seen))
                return np.asarray(x, float) + np.asarray(y, float)
        """)
    finally:
        server.close()
    assert r.status == "passed", text


def test_fifos_and_links_in_the_check_folder(course, tmp_path):
    """FIFOs and links the learner's code leaves in its folder neither hang nor crash the grader"""
    t0 = time.perf_counter()
    r, text = _grade(tmp_path, WRONG + """
import os
for name in ("results.jsonl", "pytest.log", "../results.jsonl", "../pytest.log"):
    try:
        os.mkfifo(name)
    except OSError:
        pass
try:
    os.symlink("/", "root-link")
    os.symlink("loop", "loop")
    os.makedirs("locked/inner")
    os.chmod("locked", 0)
except OSError:
    pass
""")
    assert r.status == "failed" and time.perf_counter() - t0 < 60, text


def test_children_in_a_new_session_die_with_the_check(course, tmp_path):
    """processes the learner's code starts (in a new session, double-forked) end with the check"""
    marker = f"98{os.getpid() % 1000}.{int(time.time()) % 1000}"
    r, text = _grade(tmp_path, WRONG + f"""
import os, subprocess
subprocess.Popen(["sleep", "{marker}"], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "{marker}"])
    os._exit(0)
""")
    assert r.status == "failed", text
    deadline = time.time() + 10
    while _processes_with(marker) and time.time() < deadline:
        time.sleep(0.2)
    assert not _processes_with(marker)


def _spinning_check(home, course, tmp_path):
    attempt = tmp_path / "spin.py"
    attempt.write_text("import time\n\ndef add(x, y):\n    while True:\n        time.sleep(0.01)\n")
    env = dict(os.environ, LA4ML_HOME=str(home), LA4ML_COURSE_DIR=str(course), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "la4ml", "check", "1.1", "--file", str(attempt)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.time() + 60  # wait until the worker is running the learner's code
    while time.time() < deadline and not _processes_with(str(attempt.name)) and not _check_dirs(tmp_path):
        time.sleep(0.1)
    time.sleep(1.5)
    return proc


def _check_dirs(tmp_path):
    return list((tmp_path / "tmp").glob("la4ml-check-*"))


def test_ctrl_c_stops_everything(course, tmp_path):
    """Ctrl+C of `la4ml check` ends the worker too, removes the check's folder, and prints no traceback"""
    proc = _spinning_check(tmp_path / "home", course, tmp_path)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, out + err
    assert "Traceback" not in out + err
    assert not _check_dirs(tmp_path)
    # the CLI has waited for the worker itself; allow a loaded machine time to tear the namespace down
    deadline = time.time() + 10
    while time.time() < deadline and any(_mine(p, tmp_path) for p in _processes_with("_worker.py")):
        time.sleep(0.2)
    assert not any(_mine(p, tmp_path) for p in _processes_with("_worker.py"))


def _mine(pid, tmp_path):
    try:
        return str(tmp_path).encode() in Path(f"/proc/{pid}/environ").read_bytes() or b"spin.py" in Path(
            f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_kill_9_of_the_cli_leaves_nothing_running(course, tmp_path):
    """kill -9 of `la4ml check` takes the sandboxed worker with it; the next check sweeps the folder"""
    proc = _spinning_check(tmp_path / "home", course, tmp_path)
    os.killpg(proc.pid, signal.SIGKILL) if not SANDBOXED else os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    deadline = time.time() + 10
    while time.time() < deadline and any(_mine(p, tmp_path) for p in _processes_with("spin.py")):
        time.sleep(0.2)
    assert not any(_mine(p, tmp_path) for p in _processes_with("spin.py"))
    env = dict(os.environ, LA4ML_HOME=str(tmp_path / "home"), LA4ML_COURSE_DIR=str(course), TMPDIR=str(tmp_path / "tmp"))
    subprocess.run([sys.executable, "-m", "la4ml", "check", "1.1", "--file", str(catalog.exercise("1.1").solution)],
                   env=env, capture_output=True, timeout=120)
    assert not _check_dirs(tmp_path)


def test_limits_name_their_cause(course, tmp_path):
    """a 20 GB allocation, endless printing and a huge exception message are stopped with a message naming the cause"""
    r, text = _grade(tmp_path, "import numpy as np\ndef add(x, y):\n    return np.ones(20 * 2**30 // 8)\n")
    assert r.status == "failed" and "memory" in text.lower(), text
    r, text = _grade(tmp_path, "def add(x, y):\n    while True:\n        print('spam ' * 1000)\n")
    assert r.status in ("failed", "timeout") and "printed more than" in text, text
    r, text = _grade(tmp_path, "import os\ndef add(x, y):\n    while True:\n        os.write(1, b'x' * 65536)\n")
    assert r.status in ("failed", "timeout") and "printed more than" in text, text
    r, text = _grade(tmp_path, "def add(x, y):\n    raise ValueError('line\\n' * 10**6)\n")
    assert r.status == "failed" and len(text) < 20_000, len(text)


def test_fork_of_busy_children_is_stopped(course, tmp_path):
    """50 busy children are stopped by the limits and do not outlive the check"""
    t0 = time.perf_counter()
    r, text = _grade(tmp_path, """
        import os
        def add(x, y):
            for _ in range(50):
                if os.fork() == 0:
                    while True:
                        pass
            while True:
                pass
    """, timeout=2)
    assert r.status == "timeout", text
    assert time.perf_counter() - t0 < 3 * 2 + 5 + 30


def test_garbage_on_the_channel(course, tmp_path):
    """bytes written straight into the grader's channel end the check as failed, without a traceback"""
    r, text = _grade(tmp_path, """
        import os
        def add(x, y):
            for fd in range(3, 12):
                try:
                    os.write(fd, b"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x10" + b"\\x80\\x05garbage!" * 2)
                except OSError:
                    pass
            return x - y
    """)
    assert r.status == "failed", text


def test_deeply_nested_and_odd_return_values(course, tmp_path):
    """a value nested 100,000 deep or with a broken repr is reported, not crashed on"""
    r, text = _grade(tmp_path, """
        def add(x, y):
            v = []
            for _ in range(100_000):
                v = [v]
            return v
    """)
    assert r.status == "failed", text

    r, text = _grade(tmp_path, """
        class Odd:
            def __repr__(self):
                raise RuntimeError("no repr")
            def __len__(self):
                return -1
        def add(x, y):
            return Odd()
    """)
    assert r.status == "failed", text


def test_reference_solution_passes_under_the_sandbox(course):
    """the fixture's reference solution still passes (with its values checked through the channel)"""
    r = grade(catalog.exercise("1.1"), catalog.exercise("1.1").solution)
    assert r.status == "passed" and r.n_passed == len(r.checks) == 2


@pytest.mark.parametrize("trick", ["helpers replaced through sys.modules", "np.allclose replaced",
                                   "results file, then exit early"])
def test_reduced_sandbox_still_owns_the_verdict(course, tmp_path, monkeypatch, trick):
    """without bubblewrap the verdict is still the trusted side's, and the output says the sandbox is reduced"""
    monkeypatch.setenv("LA4ML_SANDBOX", "none")
    r, text = _grade(tmp_path, WRONG + textwrap.dedent(FORGERIES[trick]))
    assert r.status != "passed", text
    assert "reduced sandbox" in text and "LA4ML_SANDBOX=none" in text


def test_reduced_sandbox_kills_escaped_children(course, tmp_path, monkeypatch):
    """without bubblewrap, children in a new session are still killed when the check ends"""
    monkeypatch.setenv("LA4ML_SANDBOX", "none")
    marker = f"97{os.getpid() % 1000}.{int(time.time()) % 1000}"
    r, text = _grade(tmp_path, WRONG + f"""
import subprocess
subprocess.Popen(["sleep", "{marker}"], start_new_session=True)
""")
    assert r.status == "failed", text
    deadline = time.time() + 10
    while _processes_with(marker) and time.time() < deadline:
        time.sleep(0.2)
    assert not _processes_with(marker)
