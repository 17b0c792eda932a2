"""Hidden tests of exercise 10.1 — eigenvalues_2x2(A) from the characteristic polynomial."""

from decimal import Decimal, getcontext

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

LIBRARY = ("numpy.linalg.eig", "numpy.linalg.eigvals", "numpy.linalg.eigh", "numpy.linalg.eigvalsh", "numpy.roots",
           "numpy.poly", "scipy.linalg.eig", "scipy.linalg.eigvals", "scipy.linalg.eigh", "scipy.linalg.eigvalsh",
           "torch.linalg.eig", "torch.linalg.eigvals", "la4ml.eigen.power_iteration")


def exact_eigenvalues(A):
    """The eigenvalues of the float matrix A to about 40 digits (Decimal arithmetic), in the task's order."""
    getcontext().prec = 60
    (a, b), (c, d) = (tuple(Decimal(float(v)) for v in row) for row in np.asarray(A, dtype=float))
    tr, det = a + d, a * d - b * c
    disc = (a - d) ** 2 + 4 * b * c
    if disc < 0:
        re, im = float(tr / 2), float((-disc).sqrt() / 2)
        return np.array([complex(re, im), complex(re, -im)])
    r = disc.sqrt()
    return np.array(sorted([float((tr + r) / 2), float((tr - r) / 2)], reverse=True))


def _get(submission, A):
    A = np.array(A, dtype=float)
    got = call(function(submission, "eigenvalues_2x2"), A)
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__} ({show(got)}); expected a NumPy array of shape "
             "(2,): wrap the two roots with np.array([...]).")
    if got.shape != (2,):
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected (2,), the two eigenvalues.")
    return got


def _check(submission, A, *, rtol=1e-12, atol=1e-14, because=""):
    """Call eigenvalues_2x2(A) and explain the first thing wrong compared with the exact eigenvalues."""
    A = np.array(A, dtype=float)
    expected = exact_eigenvalues(A)
    got = _get(submission, A)
    (a, b), (c, d) = A
    tr, det = a + d, a * d - b * c
    real = not np.iscomplexobj(expected)
    if real and np.iscomplexobj(got):
        if np.all(np.isfinite(got)) and np.allclose(got.imag, 0) and np.allclose(got.real, expected, rtol=1e-9,
                                                                                   atol=1e-12 * np.abs(expected).max()):
            fail(f"Called {last_call()}; returned the complex array {show(got)} for real eigenvalues "
                 f"{show(expected)}; return a float array when the discriminant is >= 0 (a complex dtype with zero "
                 "imaginary parts breaks comparisons like λ > 0).")
        fail(f"Called {last_call()}; returned the complex pair {show(got)}, but A = {show(A)} has the REAL eigenvalues "
             f"{show(expected)}. The discriminant (a - d)² + 4bc = {(a - d) ** 2 + 4 * b * c:.6g} is >= 0"
             + (". Computed as tr² - 4 det, rounding turned it negative: use (a - d)² + 4bc, a sum of squares when "
                "b = c." if b == c else "."))
    if not real and not np.iscomplexobj(got):
        fail(f"Called {last_call()}; returned {show(got)}, but the discriminant (a - d)² + 4bc = "
             f"{(a - d) ** 2 + 4 * b * c:.6g} is negative: the eigenvalues are the complex pair {show(expected)}. "
             "Return np.array([re + 1j * im, re - 1j * im]) with re = tr/2 and im = sqrt(-disc)/2.")
    if not np.all(np.isfinite(got)):
        fail(f"Called {last_call()}; the result {show(got)} contains NaN or infinity; expected {show(expected)}. "
             + ("np.sqrt of a negative number is NaN: for a negative discriminant take sqrt(-disc) and build the "
                "complex pair." if not real else "Avoid dividing by a root that is 0 (then both roots are 0)."))
    scale = max(np.abs(expected).max(), np.abs(A).max(), 1e-300)
    close = np.allclose(got, expected, rtol=rtol, atol=atol * scale)
    if close:
        return got
    if real and np.allclose(np.sort(got)[::-1], expected, rtol=rtol, atol=atol * scale):
        if np.allclose(got, sorted(expected, key=abs, reverse=True), rtol=rtol, atol=atol * scale):
            fail(f"Called {last_call()}; returned {show(got)}, sorted by magnitude; expected {show(expected)}, sorted by "
                 "VALUE from largest to smallest (a negative eigenvalue comes after a smaller positive one).")
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: the same roots, but the task asks "
             "for the larger first (sorted(..., reverse=True)).")
    if not real and np.allclose(got, expected[::-1], rtol=rtol, atol=atol * scale):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: put re + i·im (positive imaginary "
             "part) first.")
    if np.allclose(np.sort_complex(-got), np.sort_complex(expected), rtol=1e-9, atol=1e-12 * scale):
        fail(f"Called {last_call()}; returned {show(got)}, the NEGATIVES of the eigenvalues {show(expected)}: the "
             "polynomial is λ² - tr(A)·λ + det(A), with a minus sign before the trace term.")
    if np.allclose(np.sort_complex(got), np.sort_complex(2 * expected), rtol=1e-9, atol=1e-12 * scale):
        fail(f"Called {last_call()}; returned {show(got)}, twice the eigenvalues {show(expected)}: the quadratic "
             "formula divides by 2.")
    if not np.isclose(np.sum(got), tr, rtol=1e-9, atol=1e-12 * scale):
        fail(f"Called {last_call()}; returned {show(got)}, whose sum is {np.sum(got):.10g}; the eigenvalues must add up "
             f"to the trace a + d = {tr:.10g} (expected {show(expected)}). {because}".rstrip())
    if not np.isclose(np.prod(got), det, rtol=1e-9, atol=1e-12 * scale**2):
        hint = " — ad + bc instead of ad - bc?" if np.isclose(np.prod(got), a * d + b * c, rtol=1e-9) else ""
        fail(f"Called {last_call()}; returned {show(got)}, whose product is {np.prod(got):.10g}; the eigenvalues must "
             f"multiply to det A = ad - bc = {det:.10g}{hint} (expected {show(expected)}). {because}".rstrip())
    worst = int(np.argmax(np.abs(got - expected) / np.maximum(np.abs(expected), 1e-300)))
    fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)} (entry {worst} has relative error "
         f"{abs(got[worst] - expected[worst]) / max(abs(expected[worst]), 1e-300):.2g}). {because}".rstrip())


def test_worked_example(submission):
    """[[4, 1], [2, 3]] has eigenvalues [5.0, 2.0], returned as a float array"""
    got = _check(submission, [[4.0, 1.0], [2.0, 3.0]])
    if got.dtype != np.float64:
        fail(f"Called {last_call()}; the result has dtype {got.dtype}; expected float64 (real eigenvalues).")


def test_order_is_by_value(submission):
    """sorts by value, largest first: diag(2, 7) gives [7, 2] and diag(-5, 1) gives [1, -5]"""
    _check(submission, [[2.0, 0.0], [0.0, 7.0]])
    _check(submission, [[-5.0, 0.0], [0.0, 1.0]])
    _check(submission, [[-3.0, 1.0], [1.0, -3.0]])


def test_rotation_is_complex(submission):
    """the rotation [[0, -1], [1, 0]] gives the complex pair [1j, -1j]"""
    got = _check(submission, [[0.0, -1.0], [1.0, 0.0]])
    if got.dtype != np.complex128:
        fail(f"Called {last_call()}; the result has dtype {got.dtype}; expected complex128.")


def test_spiral_complex_pair(submission):
    """[[1, -2], [1, 1]] gives 1 ± i√2, positive imaginary part first"""
    _check(submission, [[1.0, -2.0], [1.0, 1.0]])
    _check(submission, [[-2.0, -5.0], [3.0, 1.0]])


def test_repeated_and_zero(submission):
    """a repeated root (2I, the shear [[1, 1], [0, 1]]) and the zero matrix: real, no NaN, no division by 0"""
    for A in ([[2.0, 0.0], [0.0, 2.0]], [[1.0, 1.0], [0.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]], [[0.0, 1.0], [0.0, 0.0]]):
        got = _check(submission, A)
        if got.dtype != np.float64:
            fail(f"Called {last_call()}; the result has dtype {got.dtype}; a zero discriminant gives a real double "
                 "root: expected float64.")


def test_singular(submission):
    """the singular [[1, 2], [2, 4]] has eigenvalues [5, 0] exactly"""
    _check(submission, [[1.0, 2.0], [2.0, 4.0]])
    _check(submission, [[0.0, 3.0], [0.0, 2.0]])


def test_small_root_without_cancellation(submission):
    """[[1e8, 1], [0, 1e-8]] gives [1e8, 1e-8] to 12 digits (the small root from det / big, not from tr - √disc)"""
    because = ("(tr - √disc)/2 subtracts two nearly equal numbers and loses the small root: compute the root of "
               "larger magnitude with the formula and the other as det / that root.")
    # every root to 12 digits RELATIVE to itself (atol=0): the small root is as well determined as the large one
    _check(submission, [[1e8, 1.0], [0.0, 1e-8]], atol=0, because=because)
    _check(submission, [[-1e8, 1.0], [0.0, -1e-8]], atol=0, because=because + " With a negative trace the larger "
           "root is (tr - √disc)/2: use np.copysign(√disc, tr).")
    _check(submission, [[3e7, 2.0], [1.0, 1e-7]], atol=0, because=because)


def test_symmetric_nearly_repeated_stays_real(submission):
    """a symmetric matrix with nearly equal eigenvalues gets REAL eigenvalues (tr² - 4det would round below 0)"""
    _check(submission, [[2.530967445707458, -1.459483680471229e-09], [-1.459483680471229e-09, 2.5309674470666734]])
    _check(submission, [[6.944236649249638, -1.4408435209332243e-09], [-1.4408435209332243e-09, 6.944236644785493]])


def test_scale_1e6_and_1e_minus_6(submission):
    """scaling A by 1e6 or 1e-6 scales the eigenvalues, to 12 digits"""
    for s in (1e6, 1e-6):
        _check(submission, s * np.array([[4.0, 1.0], [2.0, 3.0]]))
        _check(submission, s * np.array([[0.0, -1.0], [1.0, 0.0]]))
        _check(submission, s * np.array([[1e8, 1.0], [0.0, 1e-8]]), atol=0)


def test_from_scratch(submission):
    """works out the roots itself: still works when np.linalg.eig, eigvals, np.roots and their kin are unavailable"""
    f = function(submission, "eigenvalues_2x2")
    with blocked(*LIBRARY, reason="compute the roots of the characteristic polynomial yourself"):
        try:
            got = call(f, np.array([[4.0, 1.0], [2.0, 3.0]]))
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the roots of λ² - tr·λ + det by hand; use np.linalg.eigvals only "
                     "outside eigenvalues_2x2, to compare.")
            raise
    if not (isinstance(got, np.ndarray) and np.allclose(got, [5.0, 2.0], rtol=1e-12)):
        fail(f"Called {last_call()}; returned {show(got)}; expected [5.0, 2.0].")


@st.composite
def matrices(draw):
    """Random 2 × 2 matrices at scales 1e-6…1e6, away from a zero discriminant (where roots are ill-conditioned)."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    A = rng.uniform(-10, 10, (2, 2)) * 10.0 ** draw(st.integers(-6, 6))
    if draw(st.booleans()):
        A = (A + A.T) / 2
    (a, b), (c, d) = A
    disc = (a - d) ** 2 + 4 * b * c
    if abs(disc) < 1e-4 * np.abs(A).max() ** 2:
        A[0, 0] += np.abs(A).max()
    return A


@settings(max_examples=40, deadline=None)
@given(A=matrices())
@example(A=np.array([[1.1486202434025121, -2.7469420845592873e-10], [-2.7469420845592873e-10, 1.1486202437084125]]))
def test_property_random(submission, A):
    """on random real matrices (symmetric or not, complex roots or not, scales 1e-6…1e6): the exact eigenvalues"""
    _check(submission, A, rtol=1e-10, atol=1e-12)
