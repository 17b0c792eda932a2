"""Hidden tests of exercise 1.3 — mean_abs_cosine(dims, n_vectors=100, random_state=0)."""

import numpy as np
from scipy.special import gammaln

from la4ml.course.grading import call, expect, fail, function, last_call, show

DIMS = [2, 3, 10, 100, 1000]


def _theory(d):
    """E|cos| for two independent uniform directions in R^d: Γ(d/2) / (√π Γ((d+1)/2))."""
    return float(np.exp(gammaln(d / 2) - gammaln((d + 1) / 2)) / np.sqrt(np.pi))


def _run(submission, dims, **kw):
    f = function(submission, "mean_abs_cosine")
    got = call(f, list(dims), **kw)
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of {len(dims)} numbers.")
    if arr.shape != (len(dims),):
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected ({len(dims)},), one mean per dimension.")
    return arr


def _diagnose(submission, arr, dims, n):
    theory = np.array([_theory(d) for d in dims])
    if np.any(arr > 1.0 + 1e-9):
        fail(f"Called {last_call()}; returned {show(arr)}; a cosine can never exceed 1 in absolute value, so their "
             "mean cannot either. Divide each dot product by both lengths (or scale every vector to length 1 first).")
    if np.all(np.abs(arr) < 0.3 * theory):
        fail(f"Called {last_call()}; returned {show(arr)}, all near 0; expected about {show(np.round(theory, 4))}. "
             "Take the ABSOLUTE value of each cosine before averaging: positive and negative cosines cancel out.")
    if arr[-1] > 0.5:
        fail(f"Called {last_call()}; returned {show(arr)}: the mean |cos| does not shrink with d. Draw vectors with "
             "standard normal entries (rng.standard_normal), centered at 0; uniform [0, 1) entries all point into "
             "the same corner of space, where cosines tend to 0.75.")
    with_diag = (n * 1.0 + n * (n - 1) * theory) / n**2
    if np.allclose(arr, with_diag, rtol=0.08) and not np.allclose(arr, theory, rtol=0.08):
        fail(f"Called {last_call()}; returned {show(arr)}; expected about {show(np.round(theory, 4))}. Your values "
             "are what you get when the diagonal of the cosine matrix (each vector with itself, cosine exactly 1) is "
             "included: average over pairs of DIFFERENT vectors only (np.triu_indices(n, k=1)).")


def test_shape_and_range(submission):
    """returns one number per dimension, each between 0 and 1"""
    arr = _run(submission, [2, 50])
    _diagnose(submission, arr, [2, 50], 100)
    expect(np.all((arr >= 0) & (arr <= 1)), got=arr, expected="values in [0, 1]",
           because="the mean of |cos| lies between 0 and 1")


def test_matches_theory(submission):
    """for d = 2, 3, 10, 100, 1000 matches the exact mean |cos| of random directions within 8 %"""
    arr = _run(submission, DIMS, n_vectors=100, random_state=0)
    _diagnose(submission, arr, DIMS, 100)
    theory = np.array([_theory(d) for d in DIMS])
    bad = ~np.isclose(arr, theory, rtol=0.08)
    if bad.any():
        i = int(np.argmax(bad))
        fail(f"Called {last_call()}; for d = {DIMS[i]} returned {arr[i]:.4f}; expected about {theory[i]:.4f} "
             f"(2/π = 0.6366 for d = 2, about √(2/(πd)) for large d). Check that you average |cos| over pairs of "
             "different standard normal vectors.")


def test_diagonal_excluded_small_sample(submission):
    """leaves out each vector's cosine with itself (checked with only 10 vectors in d = 1000)"""
    arr = _run(submission, [1000], n_vectors=10, random_state=3)
    _diagnose(submission, arr, [1000], 10)
    expect(arr[0] < 0.06, got=arr, expected="about 0.025",
           because="45 pairs of different random vectors in R¹⁰⁰⁰ have |cos| of about 0.025; including the 10 "
           "self-pairs (cosine 1) would push the mean to about 0.12")


def test_shrinks_like_one_over_sqrt_d(submission):
    """mean |cos| × √d settles near √(2/π) ≈ 0.80 as d grows (so it shrinks like 1/√d)"""
    dims = [400, 1600, 6400]
    arr = _run(submission, dims, n_vectors=60, random_state=1)
    _diagnose(submission, arr, dims, 60)
    scaled = arr * np.sqrt(dims)
    expect(np.all(np.abs(scaled - np.sqrt(2 / np.pi)) < 0.1), got=np.round(scaled, 3), expected="about 0.80 each",
           because="for large d the cosine of two random directions is about Normal(0, 1/d), whose mean absolute "
           "value is √(2/(πd))")


def test_reproducible(submission):
    """the same random_state gives the same numbers; a different one gives different numbers"""
    a = _run(submission, [5, 20], random_state=7)
    b = _run(submission, [5, 20], random_state=7)
    c = _run(submission, [5, 20], random_state=8)
    if not np.array_equal(a, b):
        fail(f"Called mean_abs_cosine twice with random_state=7; got {show(a)} then {show(b)}. Create the generator "
             "from the argument: rng = np.random.default_rng(random_state).")
    if np.array_equal(a, c):
        fail("Called mean_abs_cosine with random_state=7 and 8 and got the same numbers: use the random_state "
             "argument to seed the generator instead of a fixed seed.")


def test_default_arguments(submission):
    """the defaults are n_vectors=100 and random_state=0: leaving them out gives the same numbers as passing them"""
    f = function(submission, "mean_abs_cosine")
    explicit = _run(submission, [3, 40], n_vectors=100, random_state=0)
    got = call(f, [3, 40])
    try:
        default = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of 2 numbers.")
    if default.shape != explicit.shape or not np.array_equal(default, explicit):
        fail(f"Called {last_call()} (the defaults) and got {show(default)}, but mean_abs_cosine([3, 40], n_vectors=100, "
             f"random_state=0) gives {show(explicit)}; keep the defaults of the starter, n_vectors=100 and "
             "random_state=0, and use both arguments.")


def test_two_vectors(submission):
    """with n_vectors=2 there is exactly one pair: the result is |cos| of the two vectors, a number in [0, 1]"""
    arr = _run(submission, [5, 50], n_vectors=2, random_state=4)
    if not np.all(np.isfinite(arr)):
        fail(f"Called {last_call()}; returned {show(arr)}; with 2 vectors there is exactly one pair of different "
             "vectors, so each mean is that pair's |cos|, a finite number. The pairs above the diagonal are "
             "np.triu_indices(n_vectors, k=1); k=2 (or more) skips the pairs next to the diagonal.")
    expect(np.all((arr >= 0) & (arr <= 1)), got=arr, expected="values in [0, 1]",
           because="|cos| of one pair lies between 0 and 1")


def test_one_generator_for_the_experiment(submission):
    """draws all dimensions from ONE generator: asking for d = 20 twice gives two different means"""
    arr = _run(submission, [20, 20], n_vectors=30, random_state=5)
    if arr[0] == arr[1]:
        fail(f"Called {last_call()}; both entries are {arr[0]:.6g}: the second d = 20 redrew exactly the same vectors, so "
             "the generator was re-created for each dimension. Create rng = np.random.default_rng(random_state) ONCE, "
             "before the loop, and draw every dimension from it.")
