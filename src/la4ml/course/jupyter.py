"""Grading from Jupyter: ``%load_ext la4ml``, then ``%%la4ml check 12.1`` on a cell of code.

The cell runs in the notebook as usual (so its functions stay usable there), then its source is
graded exactly as ``la4ml check`` grades a file: hidden tests in a trusted process, the cell's code
in the sandboxed worker. The result is shown as a compact list (✓/✗ and the feedback), with a
button that reveals the next hint; the attempt is recorded in the learner's progress.

Also: ``%la4ml hint 12.1`` (the next hint) and ``%la4ml progress [PART]``.
"""

from __future__ import annotations

import html
import shlex
import tempfile
from pathlib import Path

from la4ml.course.grader.results import clean


def _result_html(result, ex) -> str:
    marks = {"passed": ("✓", "#1a7f37"), "failed": ("✗", "#cf222e"), "timeout": ("✗", "#cf222e"),
             "not run": ("·", "#6e7781"), "skipped": ("–", "#6e7781")}
    rows = []
    if result.status in ("error", "import error"):
        rows.append(f'<li style="color:#cf222e">✗ {html.escape(clean(result.message))}</li>')
    else:
        for c in result.checks:
            mark, color = marks.get(c.outcome, ("?", "#6e7781"))
            detail = ""
            if c.outcome in ("failed", "timeout") and c.message:
                detail = (f'<pre style="white-space:pre-wrap;margin:2px 0 6px 1.4em;font-size:90%">'
                          f"{html.escape(clean(c.message))}</pre>")
            rows.append(f'<li style="list-style:none"><span style="color:{color}">{mark}</span> '
                        f"{html.escape(clean(c.check, 300))}{detail}</li>")
    n, k = len(result.checks), result.n_passed
    if result.status == "passed":
        summary = f'<b style="color:#1a7f37">Passed: {k} of {n} checks in {result.duration_s:.1f} s. Well done!</b>'
    elif result.status == "error":
        summary = "<b>Could not run.</b>"
    else:
        extra = f" {html.escape(clean(result.message))}" if result.message and result.status == "timeout" else ""
        summary = f'<b style="color:#cf222e">Failed: {k} of {n} checks passed.</b>{extra}'
    return (f'<div class="la4ml-check"><div><b>Checking {html.escape(ex.id)} — {html.escape(ex.title)}</b></div>'
            f'<ul style="padding-left:0.5em;margin:4px 0">{"".join(rows)}</ul><div>{summary}</div></div>')


class _Rich:
    """An object Jupyter shows as HTML, and a plain-text frontend as the terminal's text."""

    def __init__(self, html_text: str, plain: str):
        self._html, self._plain = html_text, plain

    def _repr_html_(self):
        return self._html

    def __repr__(self):
        return self._plain


def _hint_button(ex):
    """A button revealing the next staged hint (recorded like `la4ml hint`); None without ipywidgets."""
    try:
        import ipywidgets as widgets
    except ImportError:  # pragma: no cover - ipywidgets comes with anywidget
        return None
    from la4ml.course import workspace

    out = widgets.Output()
    button = widgets.Button(description="Show a hint", tooltip=f"la4ml hint {ex.id}")

    def show(_):
        shown = workspace.store().next_hint(ex.id, len(ex.hints)) if ex.hints else 0
        out.clear_output()
        with out:
            from IPython.display import HTML, display

            items = "".join(f"<li>{html.escape(ex.hints[i])}</li>" for i in range(shown)) or "<li>No hints.</li>"
            display(HTML(f"<ol>{items}</ol>"))
        if shown >= len(ex.hints):
            button.disabled = True
            button.description = "No more hints"

    button.on_click(show)
    return widgets.VBox([button, out])


def check_source(exercise_id: str, source: str):
    """Grade ``source`` (a cell's code) as the learner's file for ``exercise_id``; record and return the result."""
    from la4ml.course import catalog, workspace
    from la4ml.course.grader import format_result, grade

    ex = catalog.exercise(exercise_id)
    with tempfile.TemporaryDirectory(prefix="la4ml-cell-") as tmp:
        path = Path(tmp) / f"cell_{ex.id.replace('.', '_')}.py"
        path.write_text(source, encoding="utf-8")
        result = grade(ex, path)
        if result.status not in ("error", "interrupted"):
            status = "failed" if result.status == "import error" else result.status
            workspace.store().record_attempt(ex.id, status, result.duration_s, len(result.checks), result.n_passed,
                                             workspace.sha256(path))
    return ex, result, format_result(result, ex)


def load_ipython_extension(ipython) -> None:
    from IPython.core.magic import Magics, line_cell_magic, magics_class
    from IPython.display import display

    @magics_class
    class La4mlMagics(Magics):
        @line_cell_magic
        def la4ml(self, line, cell=None):
            """%%la4ml check ID (grade this cell) · %la4ml hint ID · %la4ml progress [PART]"""
            words = shlex.split(line)
            if not words:
                print("usage: %%la4ml check ID   |   %la4ml hint ID   |   %la4ml progress [PART]")
                return None
            command, rest = words[0], words[1:]
            if command == "check":
                if cell is None or len(rest) != 1:
                    print("usage: put %%la4ml check ID (e.g. 12.1) on the first line of the cell with your code")
                    return None
                self.shell.run_cell(cell)  # the cell's functions stay usable in the notebook
                try:
                    ex, result, text = check_source(rest[0], cell)
                except Exception as exc:  # an unknown id, a broken course: one line, no traceback
                    print(f"la4ml: {exc}")
                    return None
                display(_Rich(_result_html(result, ex), text))
                if result.status != "passed" and ex.hints:
                    button = _hint_button(ex)
                    if button is not None:
                        display(button)
                return None
            from la4ml.course import cli

            try:
                cli.main([command, *rest])
            except SystemExit:
                pass
            return None

    ipython.register_magics(La4mlMagics)
