"""Hidden tests of exercise 21.6 — plot_residuals(A, b, rtol=1e-8), graded on the figure's content."""

import numpy as np

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, last_call, placeholder_savefig
from la4ml.krylov import cg, jacobi, poisson2d


def _system(m=8, spread=2.0):
    A = poisson2d(m).toarray()
    s = np.logspace(-spread / 2, spread / 2, m * m)
    return s[:, None] * A * s[None, :], np.cos(np.arange(m * m))


def _histories(A, b, rtol):
    out = []
    for M in (None, jacobi(A)):
        h = [1.0]
        cg(A, b, rtol=rtol, M=M, callback=lambda xk: h.append(np.linalg.norm(b - A @ xk) / np.linalg.norm(b)))
        out.append(np.array(h))
    return out


def _figure(submission, A, b, **kw):
    with placeholder_savefig():
        fig = expect_figure(call(function(submission, "plot_residuals"), A, b, **kw))
    return fig


def _data_lines(ax, n_points):
    """Lines that are not the horizontal rtol line (more than 2 points or not constant)."""
    lines = []
    for line in ax.lines:
        xy = np.asarray(line.get_xydata(), dtype=float)
        if len(xy) and not np.allclose(xy[:, 1], xy[0, 1]):
            lines.append(line)
    return lines


def test_two_histories_match_cg(submission):
    """one axes with two lines, 'CG' then 'Jacobi-CG', whose data are the true relative residuals from 1.0"""
    A, b = _system()
    fig = _figure(submission, A, b)
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected one, with both histories on it.")
    ax = fig.axes[0]
    lines = _data_lines(ax, None)
    if len(lines) != 2:
        fail(f"Called {last_call()}; the axes has {len(lines)} non-constant lines; expected 2 (CG and Jacobi-CG), "
             "plus the horizontal rtol line.")
    expected = _histories(A, b, 1e-8)
    for line, h, name in zip(lines, expected, ("CG", "Jacobi-CG")):
        if line.get_label() != name:
            fail(f"Called {last_call()}; a line is labelled {line.get_label()!r}; expected {name!r} (CG first, then Jacobi-CG).")
        xy = np.asarray(line.get_xydata(), dtype=float)
        if len(xy) != len(h):
            fail(f"Called {last_call()}; the {name} line has {len(xy)} points; expected {len(h)}: 1.0 for x₀ = 0 and one "
                 f"point per CG iteration ({len(h) - 1} iterations at rtol = 1e-8).")
        if not np.array_equal(xy[:, 0], np.arange(len(h))):
            fail(f"Called {last_call()}; the {name} line's x-data are {xy[:4, 0]}...; expected the iteration numbers 0, 1, 2, ...")
        if not np.allclose(xy[:, 1], h, rtol=1e-6, atol=0):
            k = int(np.argmax(~np.isclose(xy[:, 1], h, rtol=1e-6, atol=0)))
            fail(f"Called {last_call()}; the {name} line's y-value at iteration {k} is {xy[k, 1]:.4g}; expected "
                 f"‖b − A x_{k}‖/‖b‖ = {h[k]:.4g} (the TRUE relative residual, divided by ‖b‖, starting from 1.0).")
    close_figures()


def test_log_scale_labels_legend(submission):
    """log-scale y-axis, x label 'iteration', y label 'relative residual', a legend"""
    A, b = _system()
    ax = _figure(submission, A, b).axes[0]
    if ax.get_yscale() != "log":
        fail(f"Called {last_call()}; the y-axis scale is {ax.get_yscale()!r}; expected 'log' (ax.semilogy or "
             "ax.set_yscale('log')): residuals span many orders of magnitude.")
    if ax.get_xlabel().strip().lower() != "iteration":
        fail(f"Called {last_call()}; the x label is {ax.get_xlabel()!r}; expected 'iteration'.")
    if ax.get_ylabel().strip().lower() != "relative residual":
        fail(f"Called {last_call()}; the y label is {ax.get_ylabel()!r}; expected 'relative residual'.")
    if ax.get_legend() is None:
        fail(f"Called {last_call()}; the axes has no legend; call ax.legend().")
    close_figures()


def test_rtol_line(submission):
    """a dashed horizontal line at rtol (checked with rtol = 1e-5)"""
    A, b = _system()
    ax = _figure(submission, A, b, rtol=1e-5).axes[0]
    for line in ax.lines:
        xy = np.asarray(line.get_xydata(), dtype=float)
        if len(xy) and np.allclose(xy[:, 1], 1e-5, rtol=1e-12) and line.get_linestyle() in ("--", "dashed"):
            break
    else:
        fail(f"Called {last_call()}; no dashed horizontal line at y = rtol = 1e-5; use ax.axhline(rtol, linestyle='--').")
    h = _histories(A, b, 1e-5)
    lines = _data_lines(ax, None)
    if len(lines) >= 1 and len(lines[0].get_xydata()) != len(h[0]):
        fail(f"Called {last_call()}; the CG line has {len(lines[0].get_xydata())} points at rtol = 1e-5; expected "
             f"{len(h[0])}: pass rtol to cg.")
    close_figures()


def test_jacobi_is_shorter_on_scaled_system(submission):
    """on S A S with scales spanning 1e-2..1e2, the Jacobi-CG history is much shorter than plain CG's"""
    A, b = _system(m=10, spread=4.0)
    lines = _data_lines(_figure(submission, A, b).axes[0], None)
    h = _histories(A, b, 1e-8)
    got = [len(line.get_xydata()) for line in lines[:2]]
    if got != [len(h[0]), len(h[1])]:
        fail(f"Called {last_call()}; the two lines have {got} points; expected {[len(h[0]), len(h[1])]} (plain CG, then "
             "Jacobi-CG: M=jacobi(A) divides by the diagonal and undoes the scaling).")
    close_figures()
