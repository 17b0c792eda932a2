"""The learner's progress, in an embedded SQLite database with a versioned schema.

Every write is one transaction in WAL mode with ``synchronous=FULL``: a process killed in the
middle of a write loses at most that write, never what was already recorded. The schema version
lives in ``PRAGMA user_version``; :data:`MIGRATIONS` upgrades an older database in place, in order.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

#: MIGRATIONS[i] upgrades a database from schema version i to i + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE attempts (
        id          INTEGER PRIMARY KEY,
        exercise_id TEXT    NOT NULL,
        at          TEXT    NOT NULL,
        status      TEXT    NOT NULL CHECK (status IN ('passed', 'failed', 'timeout', 'error')),
        duration_s  REAL    NOT NULL,
        n_checks    INTEGER NOT NULL,
        n_passed    INTEGER NOT NULL,
        file_sha256 TEXT
    );
    CREATE INDEX attempts_by_exercise ON attempts (exercise_id, at);
    CREATE TABLE hints (
        exercise_id TEXT PRIMARY KEY,
        shown       INTEGER NOT NULL CHECK (shown >= 0)
    );
    CREATE TABLE solutions_viewed (
        exercise_id TEXT PRIMARY KEY,
        at          TEXT NOT NULL
    );
    CREATE TABLE started (
        exercise_id TEXT PRIMARY KEY,
        at          TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer la4ml."""


@dataclass
class ExerciseProgress:
    exercise_id: str
    attempts: int
    passed: bool
    best: str  # "passed", "failed", "timeout", "error" or "not started"/"started"
    hints_used: int
    solution_viewed: bool
    first_attempt: str | None
    first_pass: str | None
    time_checking_s: float


class ProgressStore:
    """Read and write a learner's progress database (one file)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _migrate(self) -> None:
        with closing(self._connect()) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise SchemaTooNewError(
                    f"{self.path} has progress schema version {version}, newer than this la4ml understands "
                    f"({SCHEMA_VERSION}); upgrade la4ml (pip install -U la4ml) to read it"
                )
            for v in range(version, SCHEMA_VERSION):
                conn.execute("BEGIN IMMEDIATE")
                try:
                    for stmt in [s for s in MIGRATIONS[v].split(";") if s.strip()]:
                        conn.execute(stmt)
                    conn.execute(f"PRAGMA user_version = {v + 1}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise

    def _write(self, sql: str, params: tuple) -> int:
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                cur = conn.execute(sql, params)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return cur.lastrowid

    # ---- writes -------------------------------------------------------------------------
    def record_attempt(self, exercise_id: str, status: str, duration_s: float, n_checks: int, n_passed: int,
                       file_sha256: str | None = None) -> int:
        return self._write(
            "INSERT INTO attempts (exercise_id, at, status, duration_s, n_checks, n_passed, file_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (exercise_id, _now(), status, float(duration_s), int(n_checks), int(n_passed), file_sha256),
        )

    def record_started(self, exercise_id: str) -> None:
        self._write("INSERT OR IGNORE INTO started (exercise_id, at) VALUES (?, ?)", (exercise_id, _now()))

    def next_hint(self, exercise_id: str, n_hints: int) -> int:
        """Advance and return the number of hints shown for this exercise (capped at ``n_hints``)."""
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute("SELECT shown FROM hints WHERE exercise_id = ?", (exercise_id,)).fetchone()
                shown = min((row[0] if row else 0) + 1, n_hints)
                conn.execute(
                    "INSERT INTO hints (exercise_id, shown) VALUES (?, ?) "
                    "ON CONFLICT(exercise_id) DO UPDATE SET shown = excluded.shown",
                    (exercise_id, shown),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return shown

    def record_solution_viewed(self, exercise_id: str) -> None:
        self._write("INSERT OR IGNORE INTO solutions_viewed (exercise_id, at) VALUES (?, ?)", (exercise_id, _now()))

    def reset_hints(self, exercise_id: str) -> None:
        self._write("DELETE FROM hints WHERE exercise_id = ?", (exercise_id,))

    # ---- reads --------------------------------------------------------------------------
    def attempts(self, exercise_id: str | None = None) -> list[dict]:
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            if exercise_id is None:
                rows = conn.execute("SELECT * FROM attempts ORDER BY id").fetchall()
            else:
                rows = conn.execute("SELECT * FROM attempts WHERE exercise_id = ? ORDER BY id", (exercise_id,)).fetchall()
            return [dict(r) for r in rows]

    def hints_shown(self, exercise_id: str) -> int:
        with closing(self._connect()) as conn:
            row = conn.execute("SELECT shown FROM hints WHERE exercise_id = ?", (exercise_id,)).fetchone()
            return row[0] if row else 0

    def exercise(self, exercise_id: str) -> ExerciseProgress:
        with closing(self._connect()) as conn:
            a = conn.execute(
                "SELECT COUNT(*), MAX(status = 'passed'), MIN(at), MIN(CASE WHEN status = 'passed' THEN at END), "
                "COALESCE(SUM(duration_s), 0) FROM attempts WHERE exercise_id = ?",
                (exercise_id,),
            ).fetchone()
            last = conn.execute(
                "SELECT status FROM attempts WHERE exercise_id = ? ORDER BY id DESC LIMIT 1", (exercise_id,)
            ).fetchone()
            started = conn.execute("SELECT 1 FROM started WHERE exercise_id = ?", (exercise_id,)).fetchone()
            hints = conn.execute("SELECT shown FROM hints WHERE exercise_id = ?", (exercise_id,)).fetchone()
            sol = conn.execute("SELECT 1 FROM solutions_viewed WHERE exercise_id = ?", (exercise_id,)).fetchone()
        n, passed, first, first_pass, total = a
        best = "passed" if passed else (last[0] if last else ("started" if started else "not started"))
        return ExerciseProgress(
            exercise_id=exercise_id, attempts=n, passed=bool(passed), best=best,
            hints_used=hints[0] if hints else 0, solution_viewed=bool(sol),
            first_attempt=first, first_pass=first_pass, time_checking_s=round(float(total), 3),
        )

    def integrity_ok(self) -> bool:
        with closing(self._connect()) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
