"""Hidden tests of exercise 5.4 — coordinates(B, x, tol=1e-9)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect_close, fail, function, last_call, show


def _run(submission, B, x, **kwargs):
    f = function(submission, "coordinates")
    return call(f, np.array(B, dtype=float), np.array(x, dtype=float), **kwargs)


def _check_coords(submission, B, x, expected, **kwargs):
    B, x, expected = np.array(B, dtype=float), np.array(x, dtype=float), np.array(expected, dtype=float)
    got = _run(submission, B, x, **kwargs)
    if got is None:
        c_ls = np.linalg.lstsq(B, x, rcond=None)[0]
        r = np.linalg.norm(x - B @ c_ls)
        fail(f"Called {last_call()}; returned None; expected the coordinates {show(expected)}, because x = B @ c "
             f"exactly; the computed residual ({r:.2g}) is rounding only, {r / max(np.linalg.norm(x), 1e-300):.1g} of "
             "||x||. Judge the residual relative to x: "
             "||x - B @ c|| <= tol * ||x||, not <= tol.")
    arr = np.asarray(got, dtype=float) if not hasattr(got, "detach") else got.detach().numpy()
    if arr.shape == expected.shape and not np.allclose(arr, expected, rtol=1e-7, atol=1e-9):
        if B.shape[0] == B.shape[1] and np.allclose(arr, B.T @ x):
            fail(f"Called {last_call()}; returned {show(arr)} = B.T @ x, the dot products of x with the basis vectors; "
                 f"expected {show(expected)}. Those are the coordinates only for an orthonormal basis: solve B @ c = x.")
        if B.shape[0] == B.shape[1] and np.allclose(arr, np.linalg.solve(B.T, x)):
            fail(f"Called {last_call()}; returned {show(arr)}, which solves B.T @ c = x (the ROWS of B as the basis); "
                 f"expected {show(expected)}: the basis vectors are the columns, solve B @ c = x.")
    expect_close(got, expected, rtol=1e-7, atol=1e-9, what="c",
                 because="B @ c must rebuild x: c[0] of column 0 plus c[1] of column 1 …")


def _check_none(submission, B, x, because, **kwargs):
    got = _run(submission, B, x, **kwargs)
    if got is not None:
        B, x = np.array(B, dtype=float), np.array(x, dtype=float)
        try:
            r = np.linalg.norm(x - B @ np.asarray(got, dtype=float))
            detail = f" and B @ c misses x by {r:.3g}"
        except Exception:
            detail = ""
        fail(f"Called {last_call()}; returned {show(got)}{detail}; expected None, because {because}. Least squares "
             "always returns the CLOSEST combination; check the residual before returning it.")


def test_widget_example(submission):
    """finds the coordinates (4/3, 5/3) of x = (1, 3) in the basis (2, 1), (−1, 1)"""
    _check_coords(submission, [[2.0, -1.0], [1.0, 1.0]], [1.0, 3.0], [4 / 3, 5 / 3])


def test_plane_in_3d(submission):
    """finds c = (2, 3) for x = (2, 3, 5) in the plane spanned by (1, 0, 1) and (0, 1, 1) (a 3 × 2 basis)"""
    _check_coords(submission, [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [2.0, 3.0, 5.0], [2.0, 3.0])


def test_not_in_plane(submission):
    """returns None for x = (1, 1, 0), which sticks out of the plane spanned by (1, 0, 1) and (0, 1, 1)"""
    _check_none(submission, [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [1.0, 1.0, 0.0],
                "the closest point of the plane is (1/3, 1/3, 2/3), at distance 2/√3 ≈ 1.155 from x")


def test_not_on_line(submission):
    """returns None for x = (0, 1) and the line spanned by (1, 0)"""
    _check_none(submission, [[1.0], [0.0]], [0.0, 1.0], "x is perpendicular to the line")


def test_large_scale_relative_tolerance(submission):
    """finds the coordinates of an x with entries near 1e8 (rounding leaves a residual far above 1e-9)"""
    B = np.array([[1.0, 0.3], [0.2, 1.0], [0.7, -0.4], [0.1, 0.9]])
    c = np.array([np.pi * 1e7, np.e * 1e7])
    _check_coords(submission, B, B @ c, c)


def test_zero_vector(submission):
    """returns the coordinates (0, 0) for the zero vector, which lies in every span"""
    _check_coords(submission, [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [0.0, 0.0, 0.0], [0.0, 0.0])


def test_uses_tol(submission):
    """respects tol: x slightly off the plane (relative residual 1e-6) is in the span only for tol=1e-3"""
    B = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    x = np.array([3.0, 4.0, 5e-6])
    _check_none(submission, B, x, "its residual is 5e-6 = 1e-6·||x||, above tol·||x|| with tol = 1e-9")
    got = _run(submission, B, x, tol=1e-3)
    expect_close(got, [3.0, 4.0], what="c", because="with tol=1e-3 the residual 1e-6·||x|| is small enough")


def test_default_tol(submission):
    """the default tol is 1e-9: x off the plane by 5e-10·||x|| is in the span, by 5e-9·||x|| it is not"""
    B = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    got = _run(submission, B, np.array([3.0, 4.0, 2.5e-9]))
    if got is None:
        fail(f"Called {last_call()}; returned None; expected the coordinates [3, 4]: the residual is 2.5e-9 = "
             "5e-10·||x||, within the default tol = 1e-9 (relative to ||x||). Is your default tol smaller than 1e-9?")
    expect_close(got, [3.0, 4.0], what="c", because="x is (3, 4) in the plane plus a residual within tolerance")
    _check_none(submission, B, np.array([3.0, 4.0, 2.5e-8]),
                "the residual 2.5e-8 = 5e-9·||x|| is above the default tol·||x|| = 1e-9·||x|| (is your default tol "
                "larger than 1e-9?)")


def test_residual_exactly_at_tol(submission):
    """a residual exactly equal to tol·||x|| still counts as in the span: x = (3, 4) on the line of (1, 0), tol=0.8"""
    got = _run(submission, np.array([[1.0], [0.0]]), np.array([3.0, 4.0]), tol=0.8)
    if got is None:
        fail(f"Called {last_call()}; returned None; expected [3.0]: the residual (0, 4) has length 4 = tol·||x|| = "
             "0.8·5 exactly, and x counts as in the span when ||x - B c|| <= tol·||x|| (<=, not <).")
    expect_close(got, [3.0], what="c", because="the closest point of the line is 3·(1, 0)")


@st.composite
def bases(draw):
    n = draw(st.integers(1, 6))
    k = draw(st.integers(1, n))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    U, _ = np.linalg.qr(rng.standard_normal((n, n)))
    Q, _ = np.linalg.qr(rng.standard_normal((k, k)))
    B = U[:, :k] @ np.diag(rng.uniform(0.5, 3.0, k)) @ Q.T  # well-conditioned, independent columns
    c = rng.standard_normal(k) * 10.0 ** rng.integers(-3, 4)
    off = U[:, k] if k < n else None  # a direction orthogonal to the span, if there is one
    return B, c, off


@settings(max_examples=25, deadline=None)
@given(case=bases())
def test_property_roundtrip(submission, case):
    """on random bases: recovers c from x = B @ c, and returns None once x is pushed out of the span"""
    B, c, off = case
    _check_coords(submission, B, B @ c, c)
    if off is not None:
        x = B @ c + 0.5 * np.linalg.norm(B @ c) * off
        _check_none(submission, B, x, "x was moved out of the span along a direction orthogonal to every column of B")
