"""The pytest plugin of the trusted side: the ``submission`` fixture and the per-check records.

The hidden tests run under pytest in the trusted process (never in the worker). Their
``submission`` fixture is a :class:`~la4ml.course.grader.remote.RemoteModule`; this plugin turns
each test's outcome into a :class:`~la4ml.course.grader.results.Check`, stops the run after a
time-out (the remaining checks are reported as not run), and reports an import error of the
learner's file once instead of once per check. It never shows a test's source: only its docstring
and the feedback message.
"""

from __future__ import annotations

import gc
import sys

import pytest

from la4ml.course import grading
from la4ml.course.grader.remote import (Client, GraderAbort, OutputLimit, RemoteBackend, RemoteError, SandboxError,
                                        StaleHandle, WorkerDied, WorkerTimeout)
from la4ml.course.grader.results import Check


def _exception_only(excinfo, style=None) -> str:
    return excinfo.exconly()


def _doc(item) -> str:
    doc = getattr(getattr(item, "function", None), "__doc__", None) or item.name
    return " ".join(doc.strip().split())


def describe_import_error(exc: RemoteError) -> str:
    """One message for a file that does not import: the line, and what to do."""
    kind = type(exc).__name__
    if exc.remote_type == "builtins.SystemExit":
        return (f"Your file called sys.exit({exc.exit_code}) while being imported; keep top-level code inside "
                "`if __name__ == \"__main__\":` so the checks can import your functions.")
    if isinstance(exc, SyntaxError) or exc.remote_type in ("builtins.SyntaxError", "builtins.IndentationError",
                                                           "builtins.TabError"):
        where = f" on line {exc.syntax_line}" if exc.syntax_line else ""
        text = f"\n    {exc.syntax_text.rstrip()}" if exc.syntax_text.strip() else ""
        message = str(exc).split(" (", 1)[0]
        return f"Your file has a syntax error{where}: {message}{text}"
    where = "".join(f"\n  line {lineno}: {line}" for _, lineno, _, line in exc.frames)
    return (f"Your file raised {kind}: {exc} while being imported{where}\n"
            "Top-level code runs when the checks import your file: put experiments under "
            "`if __name__ == \"__main__\":`.")


class GraderPlugin:
    def __init__(self, client: Client, submission_path: str, *, hypothesis: bool = True):
        self.client = client
        self.hypothesis = hypothesis  # whether the hidden tests use Hypothesis (its import costs 0.1 s)
        self.submission_path = submission_path
        self.items: list[tuple[str, str]] = []
        self.records: dict[str, Check] = {}
        self.running: str | None = None
        self.stopped: tuple[str, str] | None = None  # (kind, message)
        self.import_error: str | None = None
        self.interrupted = False
        self.backend = RemoteBackend(client, submission_path)
        self.backend.memory_mb = client.spec.memory_mb

    # --- setup ----------------------------------------------------------------------------------

    def pytest_configure(self, config):
        # The profile must be loaded before the tests' module is imported (an explicit @settings takes its
        # other values from the profile current at decoration time), and only if they use Hypothesis.
        if self.hypothesis or "hypothesis" in sys.modules:
            self._hypothesis_profile()
        grading._set_backend(self.backend)

    @staticmethod
    def _hypothesis_profile() -> None:
        try:
            from hypothesis import HealthCheck, Phase, settings

            settings.register_profile(
                "la4ml-grader",
                derandomize=True,
                database=None,
                deadline=None,
                print_blob=False,
                report_multiple_bugs=False,  # one failing example, one Feedback
                # No explain phase: it re-ran a failing check hundreds of times (511 calls into the
                # sandbox, 2.9 s, for 11.5's starter) to annotate an example the learner never sees.
                phases=[p for p in Phase if p.name != "explain"],
                suppress_health_check=list(HealthCheck),
            )
            settings.load_profile("la4ml-grader")
        except ImportError:  # pragma: no cover - hypothesis is a dependency
            pass

    def pytest_unconfigure(self, config):
        grading._set_backend(grading._LocalBackend())

    def pytest_collection_modifyitems(self, session, config, items):
        # Everything imported so far (pytest, NumPy, the tests' own imports) lives as long as the check:
        # move it out of the collector's sight, so each gc.collect() Hypothesis makes is cheap.
        gc.freeze()
        for item in items:  # each failure's message is the plugin's own: pytest need not format a traceback
            item.repr_failure = item._repr_failure_py = _exception_only  # with its source (0.8 s of 11.5's starter)
        self.items = [(item.nodeid, _doc(item)) for item in items]
        self.client.test_modules.update({item.module.__name__ for item in items if getattr(item, "module", None)})

    @pytest.fixture
    def submission(self):
        """The learner's module, living in the sandboxed worker (imported once, at the first check)."""
        if self.import_error is not None:
            grading.fail(self.import_error)
        if self.client.module is not None:
            return self.client.module
        try:
            module = self.client.load()
        except (WorkerDied, OutputLimit) as exc:  # the file's top-level code ended the process
            self.import_error = (f"Importing your file stopped the check — {str(exc).rstrip('?.')}. Top-level code runs when the "
                                 "checks import your file: put experiments under `if __name__ == \"__main__\":`.")
            grading.fail(self.import_error)
        if module is None:
            self.import_error = describe_import_error(self.client.load_error)
            grading.fail(self.import_error)
        return module

    # --- each check -------------------------------------------------------------------------------

    def pytest_runtest_setup(self, item):
        grading._reset()
        self.running = item.nodeid
        self.client.check_output = []
        if self.client.proc is not None and self.client.dead is None and self.client.module is not None:
            try:
                self.client.request("reset")
            except GraderAbort:
                pass

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if not (report.when == "call" or (report.when == "setup" and report.outcome != "passed")):
            return
        self.running = None
        check = Check(_doc(item), report.outcome)
        exc = call.excinfo.value if call.excinfo else None
        if report.outcome == "failed":
            check.message = self._message(exc)
            if isinstance(exc, SandboxError):
                self.stopped = ("error", str(exc))
                item.session.shouldstop = "the sandbox did not start"
            elif isinstance(exc, WorkerTimeout):
                check.outcome = "timeout"
                self.stopped = ("timeout", str(exc))
                item.session.shouldstop = "timed out"
            elif isinstance(exc, GraderAbort) and "cannot read" in str(exc):
                self.stopped = ("protocol", str(exc))
            if self.import_error is not None and report.when == "setup":
                check.outcome = "not run"
                item.session.shouldstop = "the file does not import"
            out = "".join(self.client.check_output).strip()
            if out:
                check.stdout = out[-4000:]
        elif report.outcome == "skipped":
            check.message = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
        self.records[item.nodeid] = check

    def _message(self, exc) -> str:
        if isinstance(exc, grading.Feedback):
            return str(exc)
        where = f" {grading._prefix()}".rstrip("; ") if grading.last_call() else ""
        if isinstance(exc, WorkerTimeout):
            return f"{exc}{' (' + where.strip() + ')' if where else ''}"
        if isinstance(exc, OutputLimit):
            return str(exc)
        if isinstance(exc, GraderAbort):
            return f"{grading._prefix()}{exc}" if grading.last_call() else str(exc)
        if isinstance(exc, StaleHandle):
            return f"{exc}; run the check again."
        if isinstance(exc, RemoteError):
            tb = grading._learner_traceback(exc)
            return (f"{grading._prefix()}your code raised {type(exc).__name__}: {exc}" + (f"\n{tb}" if tb else ""))
        if isinstance(exc, AssertionError):
            return f"{grading._prefix()}the result was not what this check expects." if grading.last_call() else "This check failed."
        return f"The check could not run ({type(exc).__name__}: {exc})." if exc else "The check failed."

    def pytest_keyboard_interrupt(self, excinfo):
        if excinfo.typename != "Interrupted":  # pytest's own stop (after a time-out) is not the learner's Ctrl+C
            self.interrupted = True

    # --- the result ------------------------------------------------------------------------------------

    def checks(self) -> list[Check]:
        out = []
        for nodeid, doc in self.items:
            rec = self.records.get(nodeid)
            out.append(rec if rec is not None else Check(doc, "not run"))
        return out
