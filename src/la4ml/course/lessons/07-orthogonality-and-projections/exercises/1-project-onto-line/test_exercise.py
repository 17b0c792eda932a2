"""Hidden tests of exercise 7.1 — project_onto_line(b, a) -> (p, P), from the formula."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

LIBRARY = ("numpy.linalg.lstsq", "scipy.linalg.lstsq", "numpy.linalg.pinv", "scipy.linalg.pinv",
           "la4ml.vectors.project", "la4ml.spaces.projection_matrix", "la4ml.transforms.projection_onto_line")


def _expected(b, a):
    aa = a @ a
    return (a @ b) / aa * a, np.outer(a, a) / aa


def _call(submission, b, a):
    f = function(submission, "project_onto_line")
    got = call(f, np.array(b, dtype=float), np.array(a, dtype=float))
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (p, P): the projected vector and the "
             "projection matrix.")
    return got


def _as_array(x, shape, what):
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; {what} is {show(x)}, not an array of numbers.")
    if arr.shape != shape:
        hint = ""
        if what == "P" and arr.shape == (shape[0],):
            hint = " P is the n × n matrix a aᵀ / aᵀa (np.outer), not a vector."
        elif what == "p" and arr.shape == (shape[0], shape[0]):
            hint = " Did you return (P, p) in the wrong order? The pair is (p, P)."
        fail(f"Called {last_call()}; {what} has shape {arr.shape}; expected {shape}.{hint}")
    return arr


def _diagnose_p(p, b, a, p_true):
    """The learner's p is wrong: say which known mistake it matches."""
    aa, ab = a @ a, a @ b
    scale = np.abs(p_true).max() + np.abs(b).max() * 1e-12
    same = lambda x, y: np.allclose(x, y, rtol=1e-7, atol=1e-9 * scale)  # noqa: E731
    if same(p, ab * a):
        return ("you returned (aᵀb) a without dividing by aᵀa = ‖a‖²; that is the projection only when a has "
                f"length 1 (here ‖a‖² = {aa:.6g})")
    if same(p, ab / np.sqrt(aa) * a):
        return ("you divided by ‖a‖ instead of ‖a‖² = aᵀa: the coefficient is aᵀb / aᵀa, so that p does not "
                "change when a is rescaled")
    if b @ b > 0 and same(p, (a @ b) / (b @ b) * b):
        return ("you projected a onto the line through b; the task is the other way round: "
                "project_onto_line(b, a) projects b onto the line through a")
    if same(p, b - p_true):
        return "you returned the error b - p instead of the projection p"
    if same(p, -p_true):
        return "your p has the wrong sign"
    return None


def _check(submission, b, a, why=""):
    b, a = np.asarray(b, dtype=float), np.asarray(a, dtype=float)
    p_true, P_true = _expected(b, a)
    n = len(a)
    p_got, P_got = _call(submission, b, a)
    p = _as_array(p_got, (n,), "p")
    P = _as_array(P_got, (n, n), "P")
    tol_p = 1e-9 * max(np.linalg.norm(b), np.finfo(float).tiny)
    if not np.allclose(p, p_true, rtol=1e-9, atol=tol_p):
        mistake = _diagnose_p(p, b, a, p_true)
        fail(f"Called {last_call()}; p = {show(p)}; expected {show(p_true)} = (aᵀb / aᵀa) a"
             + (f" = ({a @ b:.6g} / {a @ a:.6g}) a" if n <= 4 else "")
             + (f", because {mistake}." if mistake else f"{why}."))
    if not np.allclose(P, P_true, rtol=1e-9, atol=1e-12):
        if np.allclose(P, np.outer(a, a), rtol=1e-9):
            because = "P must be divided by aᵀa: a aᵀ alone projects only when ‖a‖ = 1"
        elif np.allclose(P, np.outer(a, b) / (a @ a), rtol=1e-9) or np.allclose(P, np.outer(b, a) / (a @ a), rtol=1e-9):
            because = "P = a aᵀ / aᵀa is built from a alone (np.outer(a, a)); b must not appear in it"
        elif np.allclose(P, np.outer(a, a) / np.sqrt(a @ a), rtol=1e-9):
            because = "divide a aᵀ by aᵀa = ‖a‖², not by ‖a‖"
        elif not np.allclose(P, P.T, rtol=1e-9, atol=1e-12):
            because = "a projection matrix onto a line is symmetric, and yours is not"
        else:
            because = "P = np.outer(a, a) / (a @ a)"
        fail(f"Called {last_call()}; P = {show(P)}; expected {show(P_true)}, because {because}.")
    return p, P


def test_worked_example(submission):
    """a = (3, 1), b = (1, 2): p = (1.5, 0.5) and P = [[0.9, 0.3], [0.3, 0.1]]"""
    p, _ = _check(submission, [1.0, 2.0], [3.0, 1.0])
    e = np.array([1.0, 2.0]) - p
    if abs(e @ np.array([3.0, 1.0])) > 1e-12:
        fail(f"Called {last_call()}; the error b - p = {show(e)} is not perpendicular to a.")


def test_arguments_not_swapped(submission):
    """projects b onto the line through a (not a onto b): b = (2, 0), a = (1, 1) gives p = (1, 1)"""
    _check(submission, [2.0, 0.0], [1.0, 1.0])


def test_a_not_unit_length(submission):
    """divides by aᵀa: a = (0, 2), b = (3, 4) gives p = (0, 4), not (0, 16) or (0, 8)"""
    _check(submission, [3.0, 4.0], [0.0, 2.0])


def test_b_on_the_line_and_perpendicular(submission):
    """b on the line gives p = b; b perpendicular to a gives p = 0 (and the same P both times)"""
    _check(submission, [6.0, 2.0], [3.0, 1.0], why=": b = 2a lies on the line, so p must be b itself")
    _check(submission, [-1.0, 3.0], [3.0, 1.0], why=": b is perpendicular to a (aᵀb = 0), so p must be 0")


def test_higher_dimension(submission):
    """works in R^5 and in R^1: P is n × n, P @ b = p, and P is symmetric and idempotent"""
    rng = np.random.default_rng(7)
    a, b = rng.standard_normal(5), rng.standard_normal(5)
    p, P = _check(submission, b, a)
    if not np.allclose(P @ b, p, rtol=1e-9, atol=1e-12):
        fail(f"Called {last_call()}; P @ b = {show(P @ b)} but p = {show(p)}; they must agree.")
    _check(submission, [5.0], [-2.0], why=": in R^1 every nonzero a spans the whole line, so p = b")


def test_scale_of_a_does_not_matter(submission):
    """the line, not the length of a, decides: a = (3, 1) scaled by 1e-150, 1e-8, 1e6 or 1e150 gives the same p and P"""
    b = np.array([1.0, 2.0])
    for s in (1e-8, 1e6, 1e-150, 1e150):
        try:
            _check(submission, b, s * np.array([3.0, 1.0]),
                   why=f": a = {s:g}·(3, 1) spans the same line as (3, 1), so p must not change")
        except Feedback as fb:
            if "ValueError" in str(fb) and s < 1:
                fail(f"{fb}\nThat a is short, but it is not zero: it still spans the line through (3, 1). "
                     "Raise only when a is exactly the zero vector (aᵀa == 0), not when it is small.")
            raise


def test_scale_of_b(submission):
    """p scales with b (b = 1e6·(1, 2) gives p = 1e6·(1.5, 0.5)) and P does not depend on b"""
    a = np.array([3.0, 1.0])
    for s in (1e-6, 1e6):
        _check(submission, s * np.array([1.0, 2.0]), a)


def test_zero_vector_raises(submission):
    """a = 0 raises ValueError (there is no line), in R^2 and in R^3"""
    f = function(submission, "project_onto_line")
    for n in (2, 3):
        b, a = np.arange(1.0, n + 1), np.zeros(n)
        try:
            with np.errstate(all="ignore"):
                got = f(b, a)
        except ValueError:
            continue
        except NotImplementedError:
            fail("project_onto_line raised NotImplementedError: replace the `raise NotImplementedError` line.")
        except Exception as exc:  # noqa: BLE001 - the learner's error of the wrong kind
            fail(f"Called project_onto_line(b={show(b)}, a={show(a)}) and it raised {type(exc).__name__}: {exc}; "
                 "expected a ValueError that says a is the zero vector (check a @ a == 0 before dividing).")
        fail(f"Called project_onto_line(b={show(b)}, a={show(a)}); returned {show(got)}; expected a ValueError, "
             "because the zero vector spans no line: aᵀa = 0 and aᵀb / aᵀa is 0/0.")


def test_mismatched_lengths_raise(submission):
    """a and b of different lengths raise ValueError"""
    f = function(submission, "project_onto_line")
    b, a = np.array([1.0, 2.0, 3.0]), np.array([3.0, 1.0])
    try:
        got = f(b, a)
    except ValueError:
        return
    except NotImplementedError:
        fail("project_onto_line raised NotImplementedError: replace the `raise NotImplementedError` line.")
    except Exception as exc:  # noqa: BLE001
        fail(f"Called project_onto_line(b={show(b)}, a={show(a)}) and it raised {type(exc).__name__}: {exc}; "
             "expected a ValueError (a and b must have the same length).")
    fail(f"Called project_onto_line(b={show(b)}, a={show(a)}); returned {show(got)}; expected a ValueError, "
         "because a and b have different lengths.")


def test_accepts_lists(submission):
    """accepts plain Python lists: project_onto_line([1, 2], [3, 1])"""
    f = function(submission, "project_onto_line")
    got = call(f, [1, 2], [3, 1])
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (p, P).")
    p = _as_array(got[0], (2,), "p")
    if not np.allclose(p, [1.5, 0.5]):
        fail(f"Called {last_call()}; p = {show(p)}; expected [1.5, 0.5]. Convert the inputs with "
             "np.asarray(..., dtype=float) first (integer lists must not be divided with //).")


def test_from_the_formula(submission):
    """uses the formula: still works when lstsq, pinv and la4ml's projection helpers are unavailable"""
    f = function(submission, "project_onto_line")
    with blocked(*LIBRARY, reason="project with the formula (aᵀb / aᵀa) a"):
        try:
            got = call(f, np.array([1.0, 2.0]), np.array([3.0, 1.0]))
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the formula p = (aᵀb / aᵀa) a and P = a aᵀ / aᵀa, "
                     "with dot products and np.outer, not a least-squares solver.")
            raise
    if not isinstance(got, tuple) or not np.allclose(np.asarray(got[0], dtype=float), [1.5, 0.5]):
        fail(f"Called {last_call()}; returned {show(got)}; expected p = [1.5, 0.5].")


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 6), seed=st.integers(0, 2**32 - 1), scale=st.sampled_from([1e-6, 1.0, 1e6]))
def test_property_random_vectors(submission, n, seed, scale):
    """on random a, b in R^1 … R^6 at scales 1e-6 to 1e6: p and P match the formula"""
    rng = np.random.default_rng(seed)
    a, b = scale * rng.standard_normal(n), rng.standard_normal(n)
    _check(submission, b, a)
