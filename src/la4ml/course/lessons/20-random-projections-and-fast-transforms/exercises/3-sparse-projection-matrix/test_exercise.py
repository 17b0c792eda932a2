"""Hidden tests of exercise 20.3 — sparse_projection_matrix(n_components, n_features, rng, density="auto")."""

import numpy as np
import pytest

from la4ml.course.grading import call, expect_close, fail, function, last_call, show


def _reference(k, d, seed, density="auto"):
    if isinstance(density, str):
        density = 1 / np.sqrt(d)
    u = np.random.default_rng(seed).random((k, d))
    signs = (u < density / 2).astype(float) - ((u >= density / 2) & (u < density))
    return np.sqrt(1 / density / k) * signs, density


def _run(submission, k, d, seed, **kwargs):
    f = function(submission, "sparse_projection_matrix")
    got = call(f, k, d, np.random.default_rng(seed), **kwargs)
    try:
        R = np.asarray(got.toarray() if hasattr(got, "toarray") else got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape ({k}, {d}).")
    if R.shape != (k, d):
        t = " (the transpose)" if R.shape == (d, k) else ""
        fail(f"Called {last_call()}; the result has shape {R.shape}{t}; expected ({k}, {d}): one row per component.")
    return R


def _check_values(R, k, density_name, density):
    """Name the scale or density mistake from the values present."""
    want = np.sqrt(1 / density / k)
    nz = np.abs(R[R != 0])
    if nz.size == 0:
        fail(f"Called {last_call()}; every entry is 0; expected a fraction {density:.4g} of entries ±{want:.6g}.")
    mags = np.unique(np.round(nz / want, 9))
    if mags.size > 1:
        fail(f"Called {last_call()}; the nonzero entries have several magnitudes ({show(np.unique(nz)[:6])}); expected "
             f"only ±√(s/k) = ±{want:.6g}.")
    m = nz[0]
    if not np.isclose(m, want, rtol=1e-9):
        if np.isclose(m, 1 / np.sqrt(k), rtol=1e-9):
            why = ("±1/√k: the √s factor is missing, so the variance is density/k instead of 1/k and every squared "
                   f"distance shrinks by the factor density = {density:.4g}. Scale by np.sqrt(s / n_components).")
        elif np.isclose(m, 1.0):
            why = "±1: the scale √(s/k) is missing altogether."
        elif np.isclose(m, np.sqrt(1 / density), rtol=1e-9):
            why = "±√s: divide by √n_components as well (√(s/k))."
        elif np.isclose(m, 1 / density / k, rtol=1e-9):
            why = "±s/k: take the square root, √(s/k); the variance must be 1/k."
        else:
            why = "not √(s/k)."
        fail(f"Called {last_call()}; the nonzero entries are ±{m:.6g}; expected ±√(s/k) = ±{want:.6g} with s = 1/density "
             f"= {1 / density:.4g} ({density_name}). Yours are {why}")


def test_auto_density(submission):
    """density='auto' is 1/√n_features: a 40 × 400 matrix has about 5 % nonzeros, entries ±√(20/40)"""
    k, d = 40, 400
    R = _run(submission, k, d, 1)
    frac = np.count_nonzero(R) / R.size
    want_frac = 1 / np.sqrt(d)
    if abs(frac - want_frac) > 0.01:
        guesses = {1 / d: "1/n_features (too sparse: use 1/√n_features)", 1 / 3: "1/3 (Achlioptas's density, "
                   "not 'auto')", 1 / np.sqrt(k): "1/√n_components (the density depends on n_features)", 1.0: "1 (dense)",
                   want_frac / 2: "1/(2√n_features): each sign has probability density/2, the two together density"}
        near = [why for g, why in guesses.items() if abs(frac - g) < max(0.01, 0.25 * g)]
        fail(f"Called {last_call()}; {frac:.4f} of the entries are nonzero; expected about 1/√{d} = {want_frac:.4f}. "
             + (f"That looks like a density of {near[0]}." if near else "density='auto' means 1 / np.sqrt(n_features)."))
    _check_values(R, k, "auto = 1/√400 = 0.05", want_frac)


def test_exact_draws_auto(submission):
    """equals the pattern from u = rng.random((k, d)): + where u < density/2, − where density/2 <= u < density"""
    R = _run(submission, 30, 100, 2)
    want, density = _reference(30, 100, 2)
    _check_values(R, 30, "auto = 0.1", density)
    if np.array_equal(R, -want):
        fail(f"Called {last_call()}; every sign is flipped: + goes where u < density/2, − where density/2 <= u < density.")
    expect_close(R, want, rtol=1e-12, atol=0, what="the matrix",
                 because="each entry follows from u = rng.random((n_components, n_features)) drawn once: +√(s/k) where "
                         "u < density/2, −√(s/k) where density/2 <= u < density, 0 elsewhere")


@pytest.mark.parametrize("density", [1 / 3, 0.05, 1.0])
def test_given_density(submission, density):
    """a given density (1/3, 0.05, 1) is used as given, with entries ±√(s/k)"""
    R = _run(submission, 20, 60, 3, density=density)
    want, _ = _reference(20, 60, 3, density)
    _check_values(R, 20, f"density = {density:.4g}", density)
    expect_close(R, want, rtol=1e-12, atol=0, what="the matrix", because=f"density={density:.4g} was passed")


def test_variance_is_one_over_k(submission):
    """entries have mean 0 and variance 1/k (k = 50, d = 4,000): squared distances are preserved on average"""
    R = _run(submission, 50, 4000, 4)
    v = R.var() * 50
    if abs(v - 1) > 0.05 or abs(R.mean()) > 0.01 / np.sqrt(50):
        fail(f"Called {last_call()}; the entries have mean {R.mean():.3g} and variance × k = {v:.4g}; expected mean 0 and "
             "variance × k = 1, the variance of a Gaussian projection's entries.")


@pytest.mark.parametrize("density", [0, -0.5, 1.5, "dense"])
def test_bad_density(submission, density):
    """raises ValueError naming density for density 0, negative, above 1, or a string other than 'auto'"""
    f = function(submission, "sparse_projection_matrix")
    try:
        got = f(3, 10, np.random.default_rng(0), density=density)
    except ValueError as exc:
        if "density" not in str(exc):
            fail(f"Called sparse_projection_matrix(3, 10, rng, density={density}); it raised ValueError({str(exc)!r}); "
                 "name the parameter density in the message.")
        return
    except Exception as exc:
        fail(f"Called sparse_projection_matrix(3, 10, rng, density={density}); it raised {type(exc).__name__}: {exc}; "
             "expected a ValueError naming density.")
    fail(f"Called sparse_projection_matrix(3, 10, rng, density={density!r}); returned {show(got)}; expected a ValueError: "
         "a density is a probability in (0, 1], and the only string allowed is 'auto'.")
