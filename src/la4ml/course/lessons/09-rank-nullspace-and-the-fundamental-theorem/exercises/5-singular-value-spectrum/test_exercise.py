"""Hidden tests of exercise 9.5 — plot_spectrum(A, rtol=None); graded on the figure's content."""

import re

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, show

EPS = np.finfo(float).eps


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _noisy_rank3(seed=0, noise=1e-3):
    rng = np.random.default_rng(seed)
    signal = rng.standard_normal((40, 3)) @ rng.standard_normal((3, 12))
    return signal + noise * rng.standard_normal((40, 12))


def _draw(submission, A, rtol="default"):
    f = function(submission, "plot_spectrum")
    A = np.array(A, dtype=float)
    got = call(f, A) if rtol == "default" else call(f, A, rtol=rtol)
    fig = expect_figure(got, hint="return fig, the Figure from plt.subplots(), not the axes")
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected exactly one.")
    return A, fig.axes[0]


def _expected(A, rtol):
    m, n = A.shape
    s = np.linalg.svd(A, compute_uv=False)
    cut = (max(m, n) * EPS if rtol is None else rtol) * s.max()
    return s, cut, int(np.count_nonzero(s > cut))


def _lines(ax):
    lines = list(ax.lines)
    if len(lines) != 2:
        kinds = [f"{len(ax.collections)} collection(s)"] if len(ax.collections) else []
        fail(f"Called {last_call()}; the axes holds {len(lines)} line(s){' and ' + kinds[0] if kinds else ''}; expected "
             "exactly two: the singular values (ax.semilogy or ax.plot with markers) and then the cut-off "
             "(ax.axhline). A scatter plot is a collection, not a line.")
    return lines


def _check_values(ax, A, rtol):
    s, cut, r = _expected(A, rtol)
    values, cutline = _lines(ax)
    xy = np.asarray(values.get_xydata(), dtype=float)
    k = len(s)
    if xy.shape != (k, 2):
        fail(f"Called {last_call()}; the first line has {xy.shape[0]} points; expected all min(m, n) = {k} singular "
             "values (an exact 0 is simply not drawn on a log axis, do not remove values).")
    x, y = xy[:, 0], xy[:, 1]
    if not np.array_equal(x, np.arange(1, k + 1)):
        hint = " Start the index at 1: np.arange(1, len(s) + 1)." if np.array_equal(x, np.arange(k)) else ""
        fail(f"Called {last_call()}; the singular values are plotted at x = {show(x)}; expected x = 1, 2, ..., {k}.{hint}")
    if not np.allclose(y, s, rtol=1e-9, atol=1e-12 * s[0]):
        hint = ""
        if np.allclose(y, s**2, rtol=1e-9, atol=1e-12 * s[0] ** 2):
            hint = " You plotted σ², the eigenvalues of AᵀA; plot the singular values themselves."
        elif np.allclose(y, s[::-1], rtol=1e-9, atol=1e-12 * s[0]):
            hint = " They are in increasing order; np.linalg.svd returns them largest first, plot them as they come."
        fail(f"Called {last_call()}; the first line's y values {show(y)} are not the singular values {show(s)}.{hint}")
    ycut = np.asarray(cutline.get_ydata(), dtype=float)
    if ycut.size < 2 or not np.allclose(ycut, ycut[0]):
        fail(f"Called {last_call()}; the second line has y values {show(ycut)}; expected a horizontal line at the cut-off "
             f"(ax.axhline({cut:.3g})).")
    if not np.isclose(ycut[0], cut, rtol=1e-9, atol=0):
        hint = ""
        if rtol is not None and np.isclose(ycut[0], rtol, rtol=1e-9, atol=0):
            hint = f" You drew it at rtol itself; the cut-off is relative: rtol · σ_max = {rtol:g} · {s[0]:.4g}."
        elif rtol is None and np.isclose(ycut[0], min(A.shape) * EPS * s[0], rtol=1e-9, atol=0):
            hint = " The default rtol is max(m, n) · eps, not min(m, n) · eps."
        elif rtol is None and np.isclose(ycut[0], max(A.shape) * EPS, rtol=1e-9, atol=0):
            hint = " Multiply by σ_max: the cut-off is rtol · σ_max."
        fail(f"Called {last_call()}; the cut-off line is at y = {ycut[0]:.6g}; expected rtol · σ_max = {cut:.6g}.{hint}")
    if ax.get_yscale() != "log":
        fail(f"Called {last_call()}; the y-axis scale is {ax.get_yscale()!r}; expected 'log' (ax.semilogy or "
             "ax.set_yscale('log')): the singular values span many decades.")
    title = ax.get_title()
    match = re.search(r"rank\D*?(\d+)", title, flags=re.IGNORECASE)
    if not match:
        fail(f"Called {last_call()}; the title {title!r} does not state the rank as 'rank {r}'.")
    if int(match.group(1)) != r:
        fail(f"Called {last_call()}; the title says rank {match.group(1)}; expected rank {r}: the number of singular values "
             f"strictly greater than the cut-off {cut:.3g}.")
    return s, cut, r


def test_noisy_rank3_default(submission):
    """a noisy 40 × 12 matrix of rank 3, default rtol: 12 singular values at x = 1..12, the cut-off line, title 'rank 12'"""
    A, ax = _draw(submission, _noisy_rank3())
    _check_values(ax, A, None)


def test_noisy_rank3_rtol(submission):
    """the same matrix with rtol=1e-2: the cut-off at 1e-2·σ_max lies in the gap, title 'rank 3'"""
    A, ax = _draw(submission, _noisy_rank3(), rtol=1e-2)
    _check_values(ax, A, 1e-2)


def test_labels(submission):
    """labels the x-axis and the y-axis"""
    A, ax = _draw(submission, _noisy_rank3())
    missing = [k for k, v in {"x": ax.get_xlabel(), "y": ax.get_ylabel()}.items() if not v.strip()]
    if missing:
        fail(f"Called {last_call()}; the {' and '.join(missing)} axis label(s) are empty; set them with ax.set_xlabel and "
             "ax.set_ylabel (the index i, the singular value σᵢ).")


def test_wide_matrix_default_cutoff(submission):
    """a wide 3 × 60 matrix of rank 2: the default cut-off is max(3, 60)·eps·σ_max and the title says 'rank 2'"""
    rng = np.random.default_rng(4)
    A = rng.standard_normal((3, 2)) @ rng.standard_normal((2, 60))
    _check_values(_draw(submission, A)[1], A, None)


def test_exact_rank_deficient(submission):
    """[[1, 2, 3], [4, 5, 6], [7, 8, 9]]: three points, the third (≈1e-16) below the cut-off, title 'rank 2'"""
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    _check_values(_draw(submission, A)[1], A, None)


def test_value_at_the_cutoff(submission):
    """[[1, 0], [0, 0.5]] with rtol=0.5: σ_2 = 0.5 lies ON the cut-off and does not count, title 'rank 1'"""
    A = np.array([[1.0, 0.0], [0.0, 0.5]])
    assert np.array_equal(np.linalg.svd(A, compute_uv=False), [1.0, 0.5])
    _check_values(_draw(submission, A, rtol=0.5)[1], A, 0.5)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale(submission, scale):
    """the noisy rank-3 matrix times 1e-6 or 1e6 with rtol=1e-2 still says 'rank 3' (the line moves with σ_max)"""
    A = scale * _noisy_rank3(seed=1)
    _check_values(_draw(submission, A, rtol=1e-2)[1], A, 1e-2)
