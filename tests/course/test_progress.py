"""The SQLite progress store: versioned schema, transactional writes, survives a kill mid-write."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from la4ml.course.progress import SCHEMA_VERSION, ProgressStore, SchemaTooNewError


def test_schema_version_recorded(tmp_path):
    """a new database carries the current schema version in PRAGMA user_version"""
    st = ProgressStore(tmp_path / "p.sqlite3")
    with sqlite3.connect(st.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    """a database written by a newer la4ml is refused with an upgrade hint, not silently altered"""
    path = tmp_path / "p.sqlite3"
    ProgressStore(path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNewError, match="upgrade la4ml"):
        ProgressStore(path)


def test_attempts_hints_solutions_roundtrip(tmp_path):
    """attempts, staged hints and solution views are stored and summarized per exercise"""
    st = ProgressStore(tmp_path / "p.sqlite3")
    st.record_attempt("12.1", "failed", 0.5, 3, 1)
    st.record_attempt("12.1", "passed", 0.7, 3, 3)
    assert st.next_hint("12.1", 3) == 1 and st.next_hint("12.1", 3) == 2
    assert st.next_hint("12.1", 3) == 3 and st.next_hint("12.1", 3) == 3  # capped at the number of hints
    st.record_solution_viewed("12.1")
    p = st.exercise("12.1")
    assert (p.attempts, p.passed, p.hints_used, p.solution_viewed) == (2, True, 3, True)
    assert p.time_checking_s == pytest.approx(1.2)
    assert st.exercise("12.2").best == "not started"


def test_invalid_status_rejected(tmp_path):
    """the schema rejects a status outside passed/failed/timeout/error"""
    st = ProgressStore(tmp_path / "p.sqlite3")
    with pytest.raises(sqlite3.IntegrityError):
        st.record_attempt("12.1", "maybe", 0.1, 1, 0)


def test_kill_mid_write_loses_nothing_recorded(tmp_path):
    """a writer killed with SIGKILL mid-stream leaves an intact database with every acknowledged row"""
    path = tmp_path / "p.sqlite3"
    code = textwrap.dedent(f"""
        import sys
        from la4ml.course.progress import ProgressStore
        st = ProgressStore({str(path)!r})
        i = 0
        while True:
            rid = st.record_attempt("12.%d" % (i % 6 + 1), "failed", 0.1, 3, 1)
            print(rid, flush=True)
            i += 1
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    acknowledged = []
    for line in proc.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= 60:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    st = ProgressStore(path)
    assert st.integrity_ok()
    ids = {a["id"] for a in st.attempts()}
    assert set(acknowledged) <= ids
