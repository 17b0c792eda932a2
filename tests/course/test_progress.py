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


def test_many_first_uses_at_once(tmp_path):
    """80 processes opening a new database at once create the schema once and lose no attempt"""
    path = tmp_path / "p.sqlite3"
    code = textwrap.dedent(f"""
        from la4ml.course.progress import ProgressStore
        ProgressStore({str(path)!r}).record_attempt("12.1", "failed", 0.1, 3, 1)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(80)]
    errors = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for e in errors if e][:3]
    assert len(ProgressStore(path).attempts("12.1")) == 80


@pytest.mark.parametrize("damage", ["truncated", "garbage", "folder", "newer schema"])
def test_damaged_store_gives_one_line_and_repair_salvages(tmp_path, damage):
    """a truncated, garbage, folder or newer-schema store is one clear error; --repair keeps a backup and salvages"""
    from la4ml.course.progress import ProgressStoreError, repair

    path = tmp_path / "p.sqlite3"
    st = ProgressStore(path)
    for i in range(300):
        st.record_attempt(f"12.{i % 6 + 1}", "failed", 0.1, 3, 1)
    st.next_hint("12.1", 3)
    with sqlite3.connect(path) as conn:  # fold the WAL into the main file, as a closed session leaves it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) * 2 // 3])
    elif damage == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "folder":
        path.unlink()
        path.mkdir()
    else:
        with sqlite3.connect(path) as conn:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    for side in ("-wal", "-shm"):
        (tmp_path / f"p.sqlite3{side}").unlink(missing_ok=True)
    with pytest.raises(ProgressStoreError) as info:
        ProgressStore(path).attempts()
    message = str(info.value)
    assert "\n" not in message and "--repair" in message
    backup, salvaged, verdict = repair(path)
    assert backup is not None and backup.exists() and "salvaged" in verdict
    fresh = ProgressStore(path)
    assert fresh.integrity_ok()
    if damage == "newer schema":
        assert salvaged["attempts"] == 300 and len(fresh.attempts()) == 300
    if damage == "truncated":
        assert 0 < len(fresh.attempts()) < 300
    assert repair(path)[2].endswith("nothing to repair")


def test_cli_reports_damage_without_traceback(tmp_path):
    """`la4ml progress` on a garbage database prints one line and exits 2; --repair fixes it"""
    home = tmp_path / "home"
    home.mkdir()
    (home / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    env = dict(os.environ, LA4ML_HOME=str(home))
    out = subprocess.run([sys.executable, "-m", "la4ml", "progress"], env=env, capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "--repair" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    out = subprocess.run([sys.executable, "-m", "la4ml", "progress", "--repair"], env=env, capture_output=True, text=True)
    assert out.returncode == 0 and "moved the damaged database" in out.stdout.lower()
    out = subprocess.run([sys.executable, "-m", "la4ml", "progress"], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_progress_piped_into_head_ends_quietly(tmp_path):
    """`la4ml progress | head -1` ends without a BrokenPipeError traceback"""
    env = dict(os.environ, LA4ML_HOME=str(tmp_path / "home"))
    out = subprocess.run(f"{sys.executable} -m la4ml progress | head -1", shell=True, env=env, capture_output=True,
                         text=True)
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr
