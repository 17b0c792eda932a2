"""Hidden tests of exercise 20.1 — jl_min_dim(n_samples, eps=0.1), from scratch."""

import math

import numpy as np
import pytest
from sklearn.random_projection import johnson_lindenstrauss_min_dim as sk_min_dim

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

BLOCK = ("sklearn.random_projection.johnson_lindenstrauss_min_dim", "la4ml.sketching.johnson_lindenstrauss_min_dim",
         "la4ml.sketching._jl.johnson_lindenstrauss_min_dim")


def _den(eps):
    return eps**2 / 2 - eps**3 / 3


def _diagnose(n, eps, got):
    """A sentence naming the mistake that produces `got`, or ''."""
    lnn = math.log(n)
    wrong = {
        "you used log base 10 (np.log10); the formula needs the natural logarithm np.log, which is ln 10 ≈ 2.3 times larger":
            4 * math.log10(n) / _den(eps),
        "you used log base 2 (np.log2); the formula needs the natural logarithm np.log": 4 * math.log2(n) / _den(eps),
        "the factor 4 in the numerator is missing": lnn / _den(eps),
        "the denominator must SUBTRACT eps³/3 (eps²/2 − eps³/3), you added it": 4 * lnn / (eps**2 / 2 + eps**3 / 3),
        "the denominator is eps²/2 − eps³/3; you left out the eps³/3 term": 4 * lnn / (eps**2 / 2),
        "the denominator is eps²/2 − eps³/3, not eps² − eps³": 4 * lnn / (eps**2 - eps**3),
    }
    for why, value in wrong.items():
        if got in (math.floor(value), math.ceil(value), round(value)):
            return why
    exact = 4 * lnn / _den(eps)
    up, near = got == math.ceil(exact), got == round(exact)
    if got != math.floor(exact) and (up or near):
        how = ("rounded UP or to the nearest integer" if up and near else "rounded UP" if up
               else "rounded to the nearest integer")
        return f"you {how}; round DOWN (math.floor or int()), as scikit-learn does"
    return ""


def _check(submission, n, eps=None):
    f = function(submission, "jl_min_dim")
    with blocked(*BLOCK, reason="compute the formula yourself"):
        try:
            got = call(f, n) if eps is None else call(f, n, eps=eps)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nWrite the formula 4 ln(n) / (eps²/2 − eps³/3) yourself instead of calling "
                     "johnson_lindenstrauss_min_dim.")
            raise
    e = 0.1 if eps is None else eps
    want = int(sk_min_dim(n, eps=e))
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        if isinstance(got, (float, np.floating)) and float(got) == want:
            fail(f"Called {last_call()}; returned the float {got!r}; expected the int {want}: a dimension is a whole "
                 "number, return int(...) (rounded down).")
        fail(f"Called {last_call()}; returned {show(got)}; expected the int {want}.")
    if int(got) != want:
        why = _diagnose(n, e, int(got))
        if eps is None and not why:
            why = "called without eps, the function must use the default eps = 0.1 (def jl_min_dim(n_samples, eps=0.1))"
        fail(f"Called {last_call()}; returned {int(got)}; expected {want} = floor(4 ln({n}) / ({e}²/2 − {e}³/3)) "
             f"= floor({4 * math.log(n) / _den(e):.4f})" + (f": {why}." if why else "."))


def test_digits_by_hand(submission):
    """returns 359 for the 1797 Digits images at eps = 0.5 (48 ln 1797 = 359.7)"""
    _check(submission, 1797, 0.5)


@pytest.mark.parametrize("n,eps", [(10, 0.1), (300, 0.3), (10**4, 0.05), (10**6, 0.5), (1e6, 0.01), (5000, 0.9),
                                   (2, 0.999), (10**9, 0.001), (50, 0.25)])
def test_equals_sklearn(submission, n, eps):
    """equals scikit-learn's johnson_lindenstrauss_min_dim across n from 2 to 1e9 and eps from 0.001 to 0.999"""
    _check(submission, n, eps)


def test_default_eps(submission):
    """uses eps = 0.1 by default (1000 points → 5920)"""
    _check(submission, 1000)


def test_one_point(submission):
    """returns 0 for a single point (ln 1 = 0: no pair to preserve)"""
    _check(submission, 1, 0.5)


@pytest.mark.parametrize("eps", [0.0, 1.0, -0.2, 1.5])
def test_bad_eps(submission, eps):
    """raises ValueError naming eps when eps is not strictly between 0 and 1"""
    f = function(submission, "jl_min_dim")
    try:
        got = f(100, eps=eps)
    except ValueError as exc:
        if "eps" not in str(exc):
            fail(f"Called jl_min_dim(100, eps={eps}); it raised ValueError({str(exc)!r}); the message should name "
                 "the parameter eps and the allowed range (0, 1).")
        return
    except ZeroDivisionError:
        fail(f"Called jl_min_dim(100, eps={eps}); it divided by zero; check 0 < eps < 1 first and raise ValueError.")
    except Exception as exc:
        fail(f"Called jl_min_dim(100, eps={eps}); it raised {type(exc).__name__}: {exc}; expected a ValueError "
             "naming eps.")
    fail(f"Called jl_min_dim(100, eps={eps}); returned {show(got)}; expected a ValueError: the lemma needs "
         "0 < eps < 1 (eps = 1 would allow distances to collapse to 0), so the formula means nothing there.")


@pytest.mark.parametrize("n", [0, -3, 0.5])
def test_bad_n_samples(submission, n):
    """raises ValueError naming n_samples when n_samples is below 1"""
    f = function(submission, "jl_min_dim")
    try:
        got = f(n, eps=0.1)
    except ValueError as exc:
        if "n_samples" not in str(exc):
            fail(f"Called jl_min_dim({n}, eps=0.1); it raised ValueError({str(exc)!r}); the message should name "
                 "n_samples.")
        return
    except Exception as exc:
        fail(f"Called jl_min_dim({n}, eps=0.1); it raised {type(exc).__name__}: {exc}; expected a ValueError "
             "naming n_samples.")
    fail(f"Called jl_min_dim({n}, eps=0.1); returned {show(got)}; expected a ValueError: n_samples must be at "
         "least 1 (the log of a number below 1 is negative or undefined).")
