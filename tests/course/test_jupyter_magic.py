"""Grading from Jupyter: `%%la4ml check` on a correct and on a wrong cell, in a notebook run by nbclient."""

from __future__ import annotations

import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

from la4ml.course import catalog

pytestmark = pytest.mark.slow


def _html(cell) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs if o.output_type == "display_data")


def test_magic_grades_correct_and_wrong_cells(tmp_path, monkeypatch):
    """a correct cell shows 'Passed' with every check ✓; a wrong one shows ✗, the feedback and a hint button"""
    monkeypatch.setenv("LA4ML_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LA4ML_COURSE_DIR", raising=False)
    solution = catalog.exercise("12.1").solution.read_text()
    wrong = "import numpy as np\n\ndef is_positive_definite(A, tol=1e-10):\n    return bool(np.all(np.linalg.eigvals(A) > tol))\n"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("%load_ext la4ml"),
        nbformat.v4.new_code_cell("%%la4ml check 12.1\n" + solution),
        nbformat.v4.new_code_cell("%%la4ml check 12.1\n" + wrong),
        nbformat.v4.new_code_cell("is_positive_definite(np.eye(2))"),
        nbformat.v4.new_code_cell("%%la4ml check 99.9\nx = 1"),
    ]
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    ok, bad = _html(nb.cells[1]), _html(nb.cells[2])
    assert re.search(r"Passed: (\d+) of \1 checks", ok) and "✗" not in ok
    assert "Failed:" in bad and "✗" in bad and "not symmetric" in bad
    widgets = [o for o in nb.cells[2].outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert widgets, "a hint button follows a failed check"
    assert "True" in str(nb.cells[3].outputs)  # the cell's function is usable in the notebook
    assert "la4ml:" in str(nb.cells[4].outputs) and "Traceback" not in str(nb.cells[4].outputs)
    from la4ml.course.progress import ProgressStore

    statuses = [a["status"] for a in ProgressStore(tmp_path / "home" / "progress.sqlite3").attempts("12.1")]
    assert statuses == ["passed", "failed"]
