"""Hidden tests of exercise 26.6 — plot_spectrum, the singular values of a rating matrix on a log scale."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, show


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _matrix(m=30, n=20, rank=3, noise=0.05, seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    M = rng.standard_normal((m, rank)) @ rng.standard_normal((rank, n)) + noise * rng.standard_normal((m, n))
    return M * scale


def _lines(ax):
    return [ax.lines[i] for i in range(len(ax.lines))]


def _split_lines(ax):
    data, vertical = [], []
    for line in _lines(ax):
        xy = np.asarray(line.get_xydata(), dtype=float)
        if len(xy) == 2 and xy[0, 0] == xy[1, 0]:
            vertical.append(xy)
        else:
            data.append((line, xy))
    return data, vertical


def _check(submission, M, k, check_title=True):
    f = function(submission, "plot_spectrum")
    M0 = M.copy()
    fig = expect_figure(call(f, M, k))
    if not np.array_equal(M, M0):
        fail(f"Called {last_call()}; it modified M.")
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected one.")
    ax = fig.axes[0]
    s = np.linalg.svd(M, compute_uv=False)
    data, vertical = _split_lines(ax)
    if len(data) != 1:
        fail(f"Called {last_call()}; the axes have {len(data)} data lines (besides vertical lines); expected exactly one, "
             "the singular values against their index.")
    line, xy = data[0]
    if len(xy) != len(s):
        fail(f"Called {last_call()}; the line has {len(xy)} points; expected {len(s)}: all min(m, n) = "
             f"min{M.shape} singular values.")
    if not np.array_equal(xy[:, 0], np.arange(1, len(s) + 1)):
        fail(f"Called {last_call()}; the x values are {show(xy[:, 0])}; expected the indices 1, 2, ..., {len(s)} "
             "(start counting at 1, so that index k is the k-th singular value).")
    y = xy[:, 1]
    atol = 1e-10 * s[0]
    if np.allclose(y, s[::-1], rtol=1e-8, atol=atol) and not np.allclose(s, s[::-1], rtol=1e-8, atol=atol):
        fail(f"Called {last_call()}; the singular values are plotted smallest first; plot them largest first "
             "(np.linalg.svd already returns them in that order; np.linalg.eigvalsh returns ascending values).")
    if np.allclose(y, s ** 2, rtol=1e-8, atol=atol * s[0]) and not np.allclose(s, s ** 2, rtol=1e-8):
        fail(f"Called {last_call()}; the plotted values are the SQUARED singular values (eigenvalues of MᵀM); "
             "plot the singular values themselves.")
    if not np.allclose(y, s, rtol=1e-8, atol=atol):
        fail(f"Called {last_call()}; the plotted values {show(y)} are not the singular values of M {show(s)}.")
    if line.get_marker() in (None, "None", "", " "):
        fail(f"Called {last_call()}; the line has no markers; add them (for instance 'o-') so each singular value shows.")
    if ax.get_yscale() != "log":
        fail(f"Called {last_call()}; the y-axis scale is {ax.get_yscale()!r}; expected 'log' (ax.semilogy or "
             "ax.set_yscale('log')): the small singular values are invisible on a linear scale.")
    at = [v[0, 0] for v in vertical]
    if len(vertical) != 1 or not np.isclose(at[0], k + 0.5):
        where = ("none" if not vertical else f"at x = {show(np.array(at))}")
        fail(f"Called {last_call()}; vertical lines: {where}; expected one vertical line at x = k + 0.5 = {k + 0.5}, "
             "between the kept and the dropped singular values.")
    if "index" not in ax.get_xlabel().lower():
        fail(f"Called {last_call()}; the x-label is {ax.get_xlabel()!r}; it should mention the index.")
    if "singular" not in ax.get_ylabel().lower():
        fail(f"Called {last_call()}; the y-label is {ax.get_ylabel()!r}; it should mention the singular value.")
    if check_title:
        frac = np.sum(s[:k] ** 2) / np.sum(s ** 2)
        want = f"top {k}: {frac:.1%} of the energy"
        title = fig.axes[0].get_title()
        if title != want:
            wrong = {
                f"top {k}: {np.sum(s[:k]) / np.sum(s):.1%} of the energy":
                    "the fraction uses the singular values, not their SQUARES; the energy is Σ s_j² (the squared Frobenius norm)",
                f"top {k}: {np.sum(s[:k + 1] ** 2) / np.sum(s ** 2):.1%} of the energy":
                    "the fraction sums k + 1 values: s[:k] holds the first k",
                f"top {k}: {frac:.1f} of the energy": "the fraction is not formatted as a percentage: use {frac:.1%}",
            }
            fail(f"Called {last_call()}; the title is {title!r}; expected {want!r}"
                 + (f": {wrong[title]}." if title in wrong and title != want else "."))


def test_example(submission):
    """diag(3, 2, 1) with k = 1: values [3, 2, 1] at j = 1, 2, 3; title 'top 1: 64.3% of the energy'"""
    _check(submission, np.diag([3.0, 2.0, 1.0]), 1)


def test_rank3_tall(submission):
    """a 30 × 20 rank-3 matrix plus noise, k = 3: 20 singular values, the line at 3.5"""
    _check(submission, _matrix(), 3)


def test_wide(submission):
    """a wide 8 × 25 matrix, k = 2: 8 singular values (min(m, n), not n)"""
    _check(submission, _matrix(8, 25, rank=2, seed=1), 2)


def test_rank_deficient(submission):
    """an exactly rank-2 matrix (10 × 6), k = 4: values down to rounding level, all plotted"""
    _check(submission, _matrix(10, 6, rank=2, noise=0.0, seed=2), 4)


def test_scale_invariant(submission):
    """scaling M by 1e6 or 1e-6 changes the values but not the fraction in the title"""
    for scale in (1e6, 1e-6):
        _check(submission, _matrix(12, 9, seed=3, scale=scale), 2)


def test_energy_titles(submission):
    """the title's percentage for k = 1, 2 and 5 on a 15 × 10 matrix"""
    M = _matrix(15, 10, rank=4, noise=0.3, seed=4)
    for k in (1, 2, 5):
        _check(submission, M, k)
        close_figures()
