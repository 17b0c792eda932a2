"""Hidden tests of exercise 23.2 — cross_entropy(logits, y) (mean, stable) and loss_vs_temperature(logits, y, temperatures)."""

import functools

import numpy as np
import scipy.special
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect, fail, function, last_call, show

EPS = np.finfo(float).eps
LIBRARY = ("scipy.special.logsumexp", "scipy.special.log_softmax", "scipy.special.softmax",
           "torch.nn.functional.cross_entropy", "torch.logsumexp", "torch.log_softmax", "sklearn.metrics.log_loss")


@functools.lru_cache(maxsize=None)
def _digits_logits():
    """Logits of a least-squares one-vs-rest classifier of the digits (scaled by 10), on 400 held-out images.

    The digits are read from the CSV bundled with scikit-learn (same numbers as load_digits), without importing
    scikit-learn, which would cost a second of the time limit.
    """
    import importlib.util
    import os

    folder = importlib.util.find_spec("sklearn").submodule_search_locations[0]
    data = np.loadtxt(os.path.join(folder, "datasets", "data", "digits.csv.gz"), delimiter=",")
    X, y = np.column_stack([data[:, :-1] / 16, np.ones(len(data))]), data[:, -1].astype(int)
    W = np.linalg.lstsq(X[:1000], np.eye(10)[y[:1000]], rcond=None)[0]
    return 10 * X[1000:1400] @ W, y[1000:1400]


def _reference(Z, y):
    return float(-np.mean(scipy.special.log_softmax(Z, axis=1)[np.arange(len(y)), y]))


def _call_ce(submission, Z, y):
    Z, y = np.array(Z, dtype=float), np.array(y)
    with blocked(*LIBRARY, reason="compute the log-sum-exp yourself"):
        try:
            got = call(function(submission, "cross_entropy"), Z, y)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the cross-entropy from scratch with NumPy (np.max, np.exp, np.log).")
            raise
    try:
        return float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, the mean loss over the samples.")


def _diagnose(Z, y, got, ref):
    n, k = Z.shape
    if np.isnan(got) or np.isinf(got):
        return ("a nan or inf loss comes from forming the probabilities: exp overflows above 709.78 (inf/inf = nan), "
                "or a true class's probability underflows to 0 and log(0) = -inf. Compute "
                "logsumexp(logits[i]) - logits[i, y[i]] with the row maximum subtracted inside the exp.")
    if np.isclose(got, n * ref, rtol=1e-9) and n > 1:
        return f"yours is {n} times too large: that is the SUM over the {n} samples; return the MEAN."
    if np.isclose(got, ref / np.log(2), rtol=1e-9) and ref != 0:
        return "yours is the loss in bits (log base 2); use the natural log, np.log, as PyTorch does."
    pred = Z.argmax(axis=1)
    if np.isclose(got, _reference(Z, pred), rtol=1e-9) and not np.array_equal(pred, y):
        return ("yours equals the loss of the PREDICTED classes (argmax of each row): use the true labels y, "
                "logits[np.arange(n), y].")
    m = Z.max(axis=1)
    forgot = float(np.mean(np.log(np.exp(Z - m[:, None]).sum(axis=1)) - Z[np.arange(n), y]))
    if np.isclose(got, forgot, rtol=1e-9) and not np.isclose(forgot, ref, rtol=1e-9):
        return ("yours is off by the mean row maximum: after log Σ exp(z - m) add m back, logsumexp(z) = "
                "m + log Σ exp(z - m).")
    if np.isclose(got, -ref, rtol=1e-9):
        return "yours has the wrong sign: the loss is MINUS the mean log-probability, which is >= 0."
    return "the loss of sample i is logsumexp(logits[i]) - logits[i, y[i]]; average it over the samples."


def _check_ce(submission, Z, y, because):
    Z, y = np.array(Z, dtype=float), np.array(y)
    got = _call_ce(submission, Z, y)
    ref = _reference(Z, y)
    if not np.isclose(got, ref, rtol=1e-10, atol=32 * EPS * (1 + np.abs(Z).max())):
        fail(f"Called {last_call()}; returned {got!r}; expected {ref!r}, because {because}. {_diagnose(Z, y, got, ref)}")


def test_by_hand_uniform(submission):
    """all-zero logits for 3 samples and 4 classes give log 4 = 1.386 (every class has probability 1/4)"""
    _check_ce(submission, np.zeros((3, 4)), [0, 1, 3], "each sample gives its true class probability 1/4, and "
              "the mean of -log(1/4) is log 4")


def test_by_hand_logits_1000(submission):
    """logits [[1000, 0], [0, 1000]] with labels [0, 0] give (0 + 1000) / 2 = 500, not nan or inf"""
    _check_ce(submission, [[1000.0, 0.0], [0.0, 1000.0]], [0, 0], "the first sample is right with certainty (loss "
              "0) and the second wrong by 1000 (loss 1000 + log(1 + e^-1000) = 1000); the mean is 500")


def test_uses_true_labels(submission):
    """uses the labels y, not the predicted classes: logits [[3, 0, 0], [0, 0, 3]] with y = [1, 2]"""
    _check_ce(submission, [[3.0, 0.0, 0.0], [0.0, 0.0, 3.0]], [1, 2], "sample 0's true class 1 has logit 0, "
              "3 below the winner, so it pays log(e³ + 2) ≈ 3.09; sample 1 is right and pays log(1 + 2e^-3) ≈ 0.095")


def test_negative_logits(submission):
    """logits all near -1000 (a row [-1000, -1003]) give the same loss as [0, -3]"""
    _check_ce(submission, [[-1000.0, -1003.0], [-1000.0, -1003.0]], [0, 1], "only differences of logits matter; "
              "exp(-1000) underflows to 0, so normalize by the row maximum")


def test_digits_classifier(submission):
    """on 400 held-out digits, a least-squares classifier's logits give the same loss as SciPy's log_softmax"""
    Z, y = _digits_logits()
    _check_ce(submission, Z, y, "it is -mean(scipy.special.log_softmax(logits, axis=1)[range(n), y])")


def test_digits_sharpened(submission):
    """the same logits × 1000 (largest above 5000): the stable loss is finite and exact, where softmax-then-log is nan"""
    Z, y = _digits_logits()
    _check_ce(submission, 1000 * Z, y, "the loss must stay finite at any scale: only the misclassified images "
              "pay, about their true class's gap to the winner")


def _losses(submission, Z, y, temperatures):
    with blocked(*LIBRARY, reason="compute the log-sum-exp yourself"):
        got = call(function(submission, "loss_vs_temperature"), Z, y, temperatures)
    arr = np.asarray(got, dtype=float) if got is not None else None
    if arr is None or arr.shape != (len(temperatures),):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of {len(temperatures)} losses, one per "
             "temperature.")
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__}; expected a NumPy array (np.array([...])).")
    return arr


def test_temperature_curve(submission):
    """loss_vs_temperature on the digits at T = 2, 1, 0.1, 0.01, 0.001 divides the logits by T"""
    Z, y = _digits_logits()
    temperatures = [2.0, 1.0, 0.1, 0.01, 0.001]
    got = _losses(submission, Z, y, temperatures)
    expected = np.array([_reference(Z / T, y) for T in temperatures])
    if np.allclose(got, [_reference(Z * T, y) for T in temperatures], rtol=1e-9):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: you MULTIPLIED the logits by T. "
             "A temperature divides them (softmax(z / T)): T < 1 sharpens the probabilities.")
    if not np.allclose(got, expected, rtol=1e-9):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}, the cross-entropy of logits / T "
             "for each T in order." + (" Some losses are nan or inf: use your stable cross_entropy for each T."
                                       if not np.all(np.isfinite(got)) else ""))
    expect(bool(np.all(np.diff(got[1:]) > 0)), got=got, expected="increasing as T falls below 1",
           because="sharpening an imperfect classifier makes its confident mistakes cost more")


def test_temperature_one(submission):
    """loss_vs_temperature with the single temperature 1 is [cross_entropy(logits, y)]"""
    got = _losses(submission, np.array([[1.0, 2.0], [0.5, 0.0]]), np.array([0, 0]), [1.0])
    expected = [_reference(np.array([[1.0, 2.0], [0.5, 0.0]]), np.array([0, 0]))]
    if not np.allclose(got, expected, rtol=1e-12):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}.")


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 6), k=st.integers(2, 5),
       scale=st.sampled_from([1e-6, 1.0, 1e3, 1e6]))
@example(seed=1, n=4, k=3, scale=1e6)
def test_property_matches_scipy(submission, seed, n, k, scale):
    """on random logits at scales 1e-6 to 1e6, the loss equals -mean(scipy log_softmax[i, y_i])"""
    rng = np.random.default_rng(seed)
    Z = scale * rng.standard_normal((n, k))
    y = rng.integers(0, k, n)
    _check_ce(submission, Z, y, "that is the mean cross-entropy")
