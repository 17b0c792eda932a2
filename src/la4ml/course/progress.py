"""The learner's progress, in an embedded SQLite database with a versioned schema.

Every write is one transaction in WAL mode with ``synchronous=FULL``: a process killed in the
middle of a write loses at most that write, never what was already recorded. The schema version
lives in ``PRAGMA user_version``; :data:`MIGRATIONS` upgrades an older database in place, in order,
inside one ``BEGIN IMMEDIATE`` transaction that re-reads the version (so many first uses at once
create the schema exactly once).

Only the trusted ``la4ml`` process opens this file (the grader's sandbox hides it from the
learner's code). Whatever state the file is in — truncated, garbage, a folder in its place, written
by a newer la4ml, locked — using it raises :class:`ProgressStoreError` with one line saying what is
wrong and the way out; :func:`repair` keeps the damaged file as a backup and salvages every row it
can read into a new database (``la4ml progress --repair``).
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


class ProgressStoreError(RuntimeError):
    """The progress database cannot be used; the message says why and what to do."""


class SchemaTooNewError(ProgressStoreError):
    """The database was written by a newer la4ml."""


def _damaged(path: Path, exc: BaseException) -> ProgressStoreError:
    return ProgressStoreError(
        f"the progress database {path} cannot be used ({exc}); run `la4ml progress --repair`: it keeps the "
        "damaged file as a backup and salvages every record it can read into a new one"
    )


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
    time_spent_s: float | None = None  # from `la4ml start` (or the first attempt) to the first pass (or last attempt)


class ProgressStore:
    """Read and write a learner's progress database (one file)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    def _connect(self) -> sqlite3.Connection:
        if self.path.exists() and not self.path.is_file():
            kind = "folder" if self.path.is_dir() else "special file"
            raise ProgressStoreError(
                f"{self.path} is a {kind}, not a progress database; run `la4ml progress --repair` to move it "
                "aside and start a new database"
            )
        import time

        deadline = time.monotonic() + 30
        while True:
            try:
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")  # needs a moment alone with a new file
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
                break
            except sqlite3.OperationalError as exc:
                if ("locked" in str(exc) or "busy" in str(exc)) and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise _damaged(self.path, exc) from None
            except sqlite3.DatabaseError as exc:
                raise _damaged(self.path, exc) from None
        return _Guarded(conn, self.path)

    def _migrate(self) -> None:
        with closing(self._connect()) as conn:
            if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return
            conn.execute("BEGIN IMMEDIATE")  # one writer at a time; re-read the version under the lock
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise SchemaTooNewError(
                        f"{self.path} has progress schema version {version}, newer than this la4ml understands "
                        f"({SCHEMA_VERSION}); upgrade la4ml (pip install -U la4ml) to read it, or run "
                        "`la4ml progress --repair` to move it aside and start a new database"
                    )
                for v in range(version, SCHEMA_VERSION):
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
            started = conn.execute("SELECT at FROM started WHERE exercise_id = ?", (exercise_id,)).fetchone()
            last_at = conn.execute("SELECT MAX(at) FROM attempts WHERE exercise_id = ?", (exercise_id,)).fetchone()
            hints = conn.execute("SELECT shown FROM hints WHERE exercise_id = ?", (exercise_id,)).fetchone()
            sol = conn.execute("SELECT 1 FROM solutions_viewed WHERE exercise_id = ?", (exercise_id,)).fetchone()
        n, passed, first, first_pass, total = a
        best = "passed" if passed else (last[0] if last else ("started" if started else "not started"))
        begin = started[0] if started else first
        end = first_pass or (last_at[0] if last_at else None)
        spent = None
        if begin and end:
            try:
                spent = max(0.0, (_dt.datetime.fromisoformat(end) - _dt.datetime.fromisoformat(begin)).total_seconds())
            except ValueError:
                spent = None
        return ExerciseProgress(
            exercise_id=exercise_id, attempts=n, passed=bool(passed), best=best,
            hints_used=hints[0] if hints else 0, solution_viewed=bool(sol),
            first_attempt=first, first_pass=first_pass, time_checking_s=round(float(total), 3), time_spent_s=spent,
        )

    def integrity_ok(self) -> bool:
        with closing(self._connect()) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


class _Guarded:
    """A connection whose database errors become one clear :class:`ProgressStoreError`."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn, self._path = conn, path

    def execute(self, *args):
        try:
            return self._conn.execute(*args)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:
            if "ROLLBACK" in str(args[0]).upper():
                return None
            raise _damaged(self._path, exc) from None

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def __setattr__(self, name, value):
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._conn, name, value)

    def close(self):
        self._conn.close()


#: every table and its columns, in the order the newest schema defines them (for the salvage)
TABLES = {
    "attempts": ("id", "exercise_id", "at", "status", "duration_s", "n_checks", "n_passed", "file_sha256"),
    "hints": ("exercise_id", "shown"),
    "solutions_viewed": ("exercise_id", "at"),
    "started": ("exercise_id", "at"),
}


def repair(path: str | os.PathLike) -> tuple[Path | None, dict[str, int], str]:
    """Move a damaged (or foreign) progress database aside and salvage what it can into a new one.

    Returns ``(backup, salvaged, verdict)``: the backup's path (None if nothing was moved), the
    number of rows recovered per table, and one sentence for the learner. A healthy database is left
    as it is.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        ProgressStore(path)
        return None, {}, f"there was no progress database at {path}; a new one was created"
    if path.is_file():
        try:
            st = ProgressStore(path)
            if st.integrity_ok():
                return None, {}, f"the progress database {path} is healthy; nothing to repair"
        except ProgressStoreError:
            pass
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, backup)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, backup.with_name(backup.name + suffix))
    fresh = ProgressStore(path)
    salvaged = _salvage(backup, fresh) if backup.is_file() else {}
    total = sum(salvaged.values())
    verdict = (f"moved the damaged database to {backup} and started a new one at {path}; "
               f"salvaged {total} record{'s' if total != 1 else ''}"
               + (" (" + ", ".join(f"{v} {k}" for k, v in salvaged.items() if v) + ")" if total else ""))
    return backup, salvaged, verdict


def _padded_copy(source: Path) -> Path:
    """A copy of ``source`` extended with zero pages to the size its header claims: SQLite refuses a
    truncated file outright, but reads the pages that survive once the file has its full length."""
    import shutil
    import struct
    import tempfile

    fd, name = tempfile.mkstemp(prefix="la4ml-salvage-", suffix=".sqlite3")
    os.close(fd)
    shutil.copyfile(source, name)
    size = os.path.getsize(name)
    with open(name, "rb+") as fh:
        header = fh.read(100)
        if len(header) == 100 and header.startswith(b"SQLite format 3\0"):
            page = struct.unpack(">H", header[16:18])[0]
            page = 65536 if page == 1 else page
            pages = struct.unpack(">I", header[28:32])[0]
            if 0 < pages < 1 << 24 and page * pages > size:
                fh.truncate(page * pages)
    return Path(name)


def _salvage(source: Path, dest: ProgressStore) -> dict[str, int]:
    """Copy every row of ``source`` that can still be read into ``dest``, one row at a time."""
    counts = {t: 0 for t in TABLES}
    copy = _padded_copy(source)
    try:
        src = sqlite3.connect(f"file:{copy}?mode=ro", uri=True, timeout=5)
    except sqlite3.DatabaseError:
        copy.unlink(missing_ok=True)
        return counts
    with closing(src), closing(sqlite3.connect(dest.path, timeout=30, isolation_level=None)) as out:
        for table, columns in TABLES.items():
            try:
                have = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            except sqlite3.DatabaseError:
                continue
            cols = [c for c in columns if c in have]
            if not cols:
                continue
            try:
                last = src.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0
            except sqlite3.DatabaseError:
                last = None  # unknown: read until a long run of missing rows
            select = f"SELECT {', '.join(cols)} FROM {table} WHERE rowid = ?"
            insert = f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            rowid, misses = 0, 0
            out.execute("BEGIN")
            while (rowid < last) if last is not None else (misses < 5000 and rowid < 10_000_000):
                rowid += 1
                try:  # a point lookup touches one path of the tree: a lost page costs only its rows
                    row = src.execute(select, (rowid,)).fetchone()
                except sqlite3.DatabaseError:
                    row = None
                if row is None:
                    misses += 1
                    continue
                misses = 0
                try:
                    out.execute(insert, row)
                    counts[table] += 1
                except sqlite3.DatabaseError:
                    pass
            out.execute("COMMIT")
    copy.unlink(missing_ok=True)
    return counts
