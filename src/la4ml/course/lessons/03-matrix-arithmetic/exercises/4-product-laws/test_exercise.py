"""Hidden tests of exercise 3.4 — product_laws(A, B, C)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect, fail, function, last_call, show

KEYS = ("associativity", "distributivity", "transpose", "identity", "commutator")
S = np.array([[1.0, 1.0], [0.0, 1.0]])
T = np.array([[1.0, 0.0], [1.0, 1.0]])


def _run(submission, A, B, C):
    got = call(function(submission, "product_laws"), A, B, C)
    if not isinstance(got, dict):
        fail(f"Called {last_call()}; returned {show(got)}, a {type(got).__name__}; expected a dict with the keys {list(KEYS)}.")
    missing = [k for k in KEYS if k not in got]
    if missing:
        fail(f"Called {last_call()}; the dict lacks the key(s) {missing}; expected exactly {list(KEYS)}.")
    out = {}
    for k in KEYS:
        if isinstance(got[k], (bool, np.bool_)):
            fail(f"Called {last_call()}; got[{k!r}] is {got[k]}, a yes/no answer; expected the size of the gap as a "
                 "float, float(np.abs(left - right).max()), not np.allclose(left, right).")
        try:
            value = float(got[k])
        except (TypeError, ValueError):
            fail(f"Called {last_call()}; got[{k!r}] is {show(got[k])}; expected one float (the largest absolute entry "
                 "of the difference: np.abs(left - right).max()).")
        if not np.isfinite(value) or value < 0:
            fail(f"Called {last_call()}; got[{k!r}] is {value}; expected a gap >= 0 (an absolute value).")
        out[k] = value
    return out


def _scale(A, B, C):
    return max(1.0, np.abs(A).max() * np.abs(B).max() * np.abs(C).max() * A.shape[0] ** 2)


def _check_laws(submission, A, B, C):
    got = _run(submission, A, B, C)
    tol = 1e-12 * _scale(A, B, C)
    true_comm = float(np.abs(A @ B - B @ A).max())
    wrong_transpose = float(np.abs((A @ B).T - A.T @ B.T).max())
    if got["transpose"] > tol and np.isclose(got["transpose"], wrong_transpose):
        fail(f"Called {last_call()}; 'transpose' is {got['transpose']:.6g}; expected about 0, because (AB)ᵀ = BᵀAᵀ: "
             "you compared with AᵀBᵀ, but transposing a product reverses the order of the factors.")
    if true_comm > 1e-6 and got["commutator"] < 1e-12 and np.allclose(A * B, B * A):
        fail(f"Called {last_call()}; 'commutator' is {got['commutator']:.3g}; expected {true_comm:.6g}, because AB ≠ BA "
             "for these matrices. A zero gap means you used the entrywise product * (which commutes); use @.")
    for k in ("associativity", "distributivity", "transpose", "identity"):
        if not got[k] <= tol:
            fail(f"Called {last_call()}; {k!r} is {got[k]:.6g}; expected a rounding-sized gap (<= {tol:.1e}), because "
                 f"the {k} law holds exactly in real arithmetic; check that both sides use @ and the right order.")
    if not np.isclose(got["commutator"], true_comm, rtol=1e-9, atol=1e-12):
        fail(f"Called {last_call()}; 'commutator' is {got['commutator']:.6g}; expected {true_comm:.6g}, the largest "
             "absolute entry of AB - BA (np.abs(A @ B - B @ A).max(), not a norm of the difference).")
    return got


def test_shears(submission):
    """for the shears S = [[1, 1], [0, 1]] and T = [[1, 0], [1, 1]], every law holds and the commutator is 1"""
    got = _check_laws(submission, S, T, np.eye(2))
    expect(got["commutator"] == 1.0, got=got["commutator"], expected=1.0,
           because="ST = [[2, 1], [1, 1]] and TS = [[1, 1], [1, 2]] differ by 1 in three entries")


def test_transpose_order(submission):
    """'transpose' compares (AB)ᵀ with BᵀAᵀ, in that reversed order"""
    A = np.array([[1.0, 2.0], [0.0, 3.0]])
    B = np.array([[0.0, 1.0], [4.0, 1.0]])
    got = _check_laws(submission, A, B, B)
    expect(got["transpose"] == 0.0, got=got["transpose"], expected=0.0,
           because="(AB)ᵀ and BᵀAᵀ are the same small integer matrix")


def test_commuting_pair(submission):
    """a matrix commutes with its own square: the commutator of A and A @ A is about 0"""
    A = np.array([[2.0, 1.0, 0.0], [0.0, 1.0, 3.0], [1.0, 0.0, 1.0]])
    got = _check_laws(submission, A, A @ A, np.eye(3))
    expect(got["commutator"] < 1e-12, got=got["commutator"], expected=0.0, because="A (A A) = (A A) A")


def test_identity_both_sides(submission):
    """'identity' checks both AI = A and IA = A (0 for any A)"""
    got = _check_laws(submission, np.array([[1.5, -2.0], [3.0, 0.25]]), T, S)
    expect(got["identity"] == 0.0, got=got["identity"], expected=0.0,
           because="multiplying by the identity changes nothing, on either side")


def test_returns_floats(submission):
    """returns plain numbers (floats), not arrays or booleans"""
    got = call(function(submission, "product_laws"), S, T, S)
    bad = {k: type(v).__name__ for k, v in got.items() if isinstance(v, (bool, np.bool_, np.ndarray, list))}
    if bad:
        fail(f"Called {last_call()}; these entries are not single numbers: {bad}; expected floats such as "
             "float(np.abs(left - right).max()): the size of the gap, not whether it is small.")


def test_gaps_are_measured(submission):
    """on three random 50 × 50 matrices, associativity and distributivity report the real rounding gaps (not 0)"""
    rng = np.random.default_rng(2)
    A, B, C = rng.standard_normal((3, 50, 50))
    got = _check_laws(submission, A, B, C)
    real = {"associativity": float(np.abs((A @ B) @ C - A @ (B @ C)).max()),
            "distributivity": float(np.abs(A @ (B + C) - (A @ B + A @ C)).max())}
    for k, value in real.items():
        if value > 0 and got[k] == 0:
            fail(f"Called {last_call()}; {k!r} is exactly 0, but the two sides differ by {value:.3g} in floating point "
                 "(each side rounds its sums in a different order). A gap of exactly 0 means both sides were computed "
                 "the same way: compute each side as the law writes it, e.g. (A @ B) @ C against A @ (B @ C).")


@st.composite
def triples(draw):
    n = draw(st.integers(1, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return tuple(rng.standard_normal((n, n)) for _ in range(3))


@settings(max_examples=25, deadline=None)
@given(ABC=triples())
def test_property_random(submission, ABC):
    """on random n × n matrices (n = 1..6) the four laws give rounding-sized gaps and the commutator is max |AB - BA|"""
    _check_laws(submission, *ABC)
