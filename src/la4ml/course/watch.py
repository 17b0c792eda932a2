"""``la4ml watch [PART]``: grade the current exercise every time its file is saved (rustlings' watch).

The screen shows one exercise at a time: its task, then the result of the last check, replaced by
the next one after every save. When the exercise passes, the watch moves on to the next one. Keys:
``h`` next hint, ``s`` the solution (after a first attempt), ``n``/``p`` next/previous exercise,
``r`` check again now, ``q`` quit. File changes come from the operating system's events through
`watchfiles` (no polling loop of ours); a file that is briefly empty or broken mid-edit is simply
graded again at the next save.

The hidden tests run in this process (its imports stay warm between checks), the learner's code in
a fresh sandboxed worker per check, exactly as ``la4ml check`` does — except that the worker for the
next check is started while the learner edits (:class:`la4ml.course.grader.runner.Warm`): its
interpreter, NumPy and the libraries the file imported are loaded before the save.
"""

from __future__ import annotations

import os
import queue
import select
import sys
import threading
import time
from pathlib import Path

from la4ml.course import catalog
from la4ml.course.catalog import Exercise

CLEAR = "\x1b[2J\x1b[H"
KEYS = "[h] hint  [s] solution  [n] next  [p] previous  [r] check now  [q] quit"


class _Terminal:
    """cbreak mode on a TTY (single keys, no echo), restored on exit; nothing on a pipe."""

    def __init__(self, stream):
        self.stream = stream
        self.fd = stream.fileno() if hasattr(stream, "fileno") else None
        self.saved = None

    def __enter__(self):
        if self.fd is not None and os.isatty(self.fd):
            import termios
            import tty

            self.saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc):
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        return False


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _watch_files(paths: list[Path], events: queue.Queue, stop: threading.Event) -> None:
    import watchfiles

    folders = sorted({str(p.parent) for p in paths})
    wanted = {str(p.resolve()) for p in paths}
    try:
        for changes in watchfiles.watch(*folders, stop_event=stop, debounce=150, step=30, yield_on_timeout=False,
                                        rust_timeout=500, raise_interrupt=False):
            for _, changed in changes:
                if str(Path(changed).resolve()) in wanted:
                    events.put(("saved", Path(changed).resolve()))
    except Exception as exc:  # the watcher failed (folder removed, too many watches): say so
        events.put(("watcher-error", str(exc)))


def _keys(stream, events: queue.Queue, stop: threading.Event) -> None:
    fd = stream.fileno()
    while not stop.is_set():
        try:
            ready, _, _ = select.select([fd], [], [], 0.2)
        except (OSError, ValueError):
            return
        if ready:
            try:
                ch = os.read(fd, 1).decode("utf-8", "replace")
            except OSError:
                return
            if not ch:
                return
            events.put(("key", ch.lower()))


class Watch:
    def __init__(self, exercises: list[Exercise], start_index: int = 0, *, out=None, inp=None):
        from la4ml.course import workspace

        self.ws = workspace
        self.exercises = exercises
        self.i = start_index
        self.out = out or sys.stdout
        self.inp = inp or sys.stdin
        self.events: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        self.last_text = ""
        self.note = ""
        self.seen: dict[Path, tuple[int, int] | None] = {}  # each file's (mtime_ns, size) when last checked or shown
        from la4ml.course.grader.runner import Warm

        self.warm = Warm()  # the next check's worker, started ahead while the learner edits

    def prepare(self) -> None:
        from la4ml.course.grader import prepare_warm

        prepare_warm(self.warm, self.path())

    @property
    def ex(self) -> Exercise:
        return self.exercises[self.i]

    def path(self, ex: Exercise | None = None) -> Path:
        return self.ws.exercise_path(ex or self.ex).resolve()

    def write(self, text: str) -> None:
        try:
            self.out.write(text)
            self.out.flush()
        except BrokenPipeError:
            self.stop.set()

    def screen(self) -> None:
        ex = self.ex
        head = (f"la4ml watch — Part {ex.part}, exercise {ex.id} ({self.i + 1} of {len(self.exercises)}): {ex.title}\n"
                f"Editing {self.path()}\n")
        body = self.last_text or "Save the file to check it.\n" + "\n".join("  " + ln for ln in ex.task.splitlines())
        note = f"\n{self.note}\n" if self.note else ""
        self.write(f"{CLEAR}{head}\n{body.rstrip()}\n{note}\n{KEYS}\n")

    def check(self) -> bool:
        from la4ml.course.grader import format_result, grade

        ex, path = self.ex, self.path()
        self.seen[path] = _stamp(path)
        self.note = ""
        self.last_text = f"Checking {ex.id}…\n"
        self.screen()
        if not path.exists():
            self.last_text = f"There is no file at {path} (deleted?): `la4ml reset {ex.id}` restores the starter.\n"
            self.screen()
            return False
        result = grade(ex, path, in_process=True, warm=self.warm)
        if result.status not in ("error", "interrupted"):
            status = "failed" if result.status == "import error" else result.status
            self.ws.store().record_attempt(ex.id, status, result.duration_s, len(result.checks), result.n_passed,
                                           self.ws.sha256(path))
        self.last_text = format_result(result, ex) + "\n"
        self.screen()
        return result.status == "passed"

    def move(self, step: int) -> None:
        j = self.i + step
        if 0 <= j < len(self.exercises):
            self.i = j
            self.last_text = ""
            self.note = ""
            self.seen[self.path()] = _stamp(self.path())
            self.screen()
            self.prepare()
        else:
            self.note = "That was the last exercise of this watch." if step > 0 else "This is the first exercise."
            self.screen()

    def key(self, ch: str) -> bool:
        """Handle one key; False to quit."""
        ex = self.ex
        if ch == "q":
            return False
        if ch == "n":
            self.move(1)
        elif ch == "p":
            self.move(-1)
        elif ch == "r":
            self.after_check(self.check())
        elif ch == "h":
            shown = self.ws.store().next_hint(ex.id, len(ex.hints)) if ex.hints else 0
            self.note = "\n".join(f"Hint {k + 1} of {len(ex.hints)}: {ex.hints[k]}" for k in range(shown)) or "No hints."
            self.screen()
        elif ch == "s":
            st = self.ws.store()
            if not st.attempts(ex.id) and not self.note.startswith("Try it once"):
                self.note = "Try it once first (save your file) — or press s again to see the solution anyway."
            else:
                st.record_solution_viewed(ex.id)
                self.note = ("Reference solution:\n\n" + ex.solution.read_text(encoding="utf-8").rstrip()
                             + "\n\nWhy it works\n\n" + ex.explanation)
            self.screen()
        return True

    def after_check(self, passed: bool) -> None:
        if passed:
            if self.i + 1 < len(self.exercises):
                self.write(f"\nOn to {self.exercises[self.i + 1].id} in 2 s…\n")
                time.sleep(2)
                self.move(1)
            else:
                self.note = "Every exercise of this watch passed. Well done! (q to quit)"
                self.screen()

    def run(self) -> int:
        paths = [self.path(ex) for ex in self.exercises]
        watcher = threading.Thread(target=_watch_files, args=(paths, self.events, self.stop), daemon=True)
        watcher.start()
        interactive = hasattr(self.inp, "fileno") and os.isatty(self.inp.fileno())
        if interactive:
            threading.Thread(target=_keys, args=(self.inp, self.events, self.stop), daemon=True).start()
        self.seen[self.path()] = _stamp(self.path())
        self.screen()
        self.prepare()
        try:
            with _Terminal(self.inp):
                while not self.stop.is_set():
                    try:
                        kind, value = self.events.get(timeout=0.5)
                    except queue.Empty:
                        # a safety net under the file-system events: a save made before the watcher was
                        # ready (or lost by the system) is still seen, within half a second
                        if _stamp(self.path()) != self.seen.get(self.path()):
                            self.after_check(self.check())
                            self._drain_saves()
                        continue
                    if kind == "key":
                        if not self.key(value):
                            break
                    elif kind == "saved" and value == self.path():
                        if _stamp(value) == self.seen.get(value):
                            continue  # already checked in this state
                        self.after_check(self.check())
                        self._drain_saves()
                    elif kind == "watcher-error":
                        self.note = f"Watching the files stopped ({value}); press r to check by hand."
                        self.screen()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop.set()
            self.warm.close()
        self.write("\n")
        return 0

    def _drain_saves(self) -> None:
        """Saves that arrived while checking belong to the file just checked: keep only keys."""
        kept = []
        while True:
            try:
                item = self.events.get_nowait()
            except queue.Empty:
                break
            if item[0] != "saved" or item[1] != self.path():
                kept.append(item)
        for item in kept:
            self.events.put(item)


def exercises_for(part: str | None) -> tuple[list[Exercise], int]:
    """The exercises to watch and where to begin: the lesson's, from its first one not yet passed."""
    from la4ml.course import workspace

    st = workspace.store()
    if part:
        lesson = catalog.lesson(part)
    else:  # the first lesson with an exercise not yet passed
        lesson = next((les for les in catalog.lessons() if not all(st.exercise(ex.id).passed for ex in les.exercises)),
                      catalog.lessons()[0])
    exercises = list(lesson.exercises)
    start = next((k for k, ex in enumerate(exercises) if not st.exercise(ex.id).passed), 0)
    return exercises, start


def run(part: str | None) -> int:
    from la4ml.course import workspace

    exercises, start = exercises_for(part)
    workspace.start(catalog.lesson(exercises[0].part))  # never overwrites: copies the starters not there yet
    return Watch(exercises, start).run()
