"""The pytest plugin the grader loads in its sandboxed subprocess.

It gives hidden tests the learner's module through the ``submission`` fixture, makes Hypothesis
reproducible, and writes one JSON line per check to ``$LA4ML_RESULTS`` as soon as the check ends
(fsynced), so a check that hangs or kills the process still leaves the earlier results behind.
It never writes a test's source: only the test's docstring and the feedback message.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import traceback

import pytest

from la4ml.course import grading

_RESULTS = os.environ.get("LA4ML_RESULTS")
_SUBMISSION = os.environ.get("LA4ML_SUBMISSION")
_MODULE_NAME = "submission"
_loaded: dict = {}


def _emit(record: dict) -> None:
    if not _RESULTS:
        return
    with open(_RESULTS, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def pytest_configure(config):
    try:
        from hypothesis import HealthCheck, settings

        settings.register_profile(
            "la4ml-grader",
            derandomize=True,
            database=None,
            deadline=None,
            print_blob=False,
            report_multiple_bugs=False,  # one failing example, one Feedback (not an ExceptionGroup)
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
        )
        settings.load_profile("la4ml-grader")
    except ImportError:  # pragma: no cover - hypothesis is a dependency
        pass
    import matplotlib

    matplotlib.use("Agg")


def _load_submission():
    if "module" in _loaded or "error" in _loaded:
        return
    if not _SUBMISSION or not os.path.exists(_SUBMISSION):
        _loaded["error"] = f"the file to check was not found: {_SUBMISSION}"
        return
    folder = os.path.dirname(os.path.abspath(_SUBMISSION))
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(_MODULE_NAME, _SUBMISSION)
    module = importlib.util.module_from_spec(spec)
    sys.modules[_MODULE_NAME] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as exc:
        _loaded["error"] = (
            f"Your file has a syntax error on line {exc.lineno}: {exc.msg}\n    {(exc.text or '').rstrip()}"
        )
    except SystemExit as exc:
        _loaded["error"] = (
            f"Your file called sys.exit({exc.code!r}) while being imported; keep top-level code inside "
            "`if __name__ == \"__main__\":` so the checks can import your functions."
        )
    except BaseException as exc:  # the learner's top-level code failed
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if os.path.abspath(f.filename) == os.path.abspath(_SUBMISSION)]
        where = "".join(f"\n  line {f.lineno}: {f.line}" for f in frames)
        _loaded["error"] = (
            f"Your file raised {type(exc).__name__}: {exc} while being imported{where}\n"
            "Top-level code runs when the checks import your file: put experiments under "
            "`if __name__ == \"__main__\":`."
        )
    else:
        _loaded["module"] = module
        grading._backend.module = module
        grading._backend.path = _SUBMISSION


@pytest.fixture(scope="session")
def submission():
    """The learner's module, imported from ``$LA4ML_SUBMISSION``."""
    _load_submission()
    if "error" in _loaded:
        grading.fail(_loaded["error"])
    return _loaded["module"]


def _doc(item) -> str:
    doc = getattr(getattr(item, "function", None), "__doc__", None) or item.name
    return " ".join(doc.strip().split())


def pytest_runtest_setup(item):
    grading._reset()
    _emit({"event": "start", "id": item.nodeid, "check": _doc(item)})


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        record = {"event": "end", "id": item.nodeid, "check": _doc(item), "outcome": report.outcome}
        if report.outcome == "failed":
            exc = call.excinfo.value if call.excinfo else None
            if isinstance(exc, grading.Feedback):
                message = str(exc)
            elif isinstance(exc, AssertionError):
                message = f"{grading._prefix()}the result was not what this check expects." if grading.last_call() else "This check failed."
            else:  # an error in the hidden test itself or its setup: say so, do not show its source
                message = f"The check could not run ({type(exc).__name__}: {exc})." if exc else "The check failed."
            notes = getattr(exc, "__notes__", None) or []
            falsifying = [n for n in notes if n.startswith("Falsifying example")]
            if falsifying:
                record["example"] = "generated input that fails"
            record["message"] = message
            out = (report.capstdout or "").strip()
            if out:
                record["stdout"] = out[-2000:]
        elif report.outcome == "skipped":
            record["message"] = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
        _emit(record)
