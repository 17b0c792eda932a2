"""Hidden tests of exercise 10.4 — transition_matrix(sequence, n_states) and steady_state(P)."""

import importlib.util
import json
import os

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, fail, function, last_call, show


def _corpus_classes():
    """The mini corpus as letter classes (0 vowel, 1 consonant, 2 other), read from the file la4ml ships."""
    folder = importlib.util.find_spec("la4ml").submodule_search_locations[0]
    with open(os.path.join(folder, "datasets", "data", "mini_corpus.json"), encoding="utf-8") as fh:
        raw = json.load(fh)
    text = " ".join(doc["text"] for doc in raw["documents"]).lower()
    return np.array([0 if ch in "aeiou" else 1 if "a" <= ch <= "z" else 2 for ch in text])


def _counts(sequence, n):
    C = np.zeros((n, n))
    for i, j in zip(sequence[:-1], sequence[1:]):
        C[i, j] += 1
    return C


def _expected_P(sequence, n):
    C = _counts(sequence, n)
    out = C.sum(axis=1, keepdims=True)
    return np.where(out > 0, C / np.where(out > 0, out, 1), 1 / n)


def _exact_pi(P):
    """π of an irreducible chain by a linear solve (not eig), for comparison."""
    n = len(P)
    M = np.eye(n) - P.T
    M[-1] = 1.0
    b = np.zeros(n)
    b[-1] = 1.0
    return np.linalg.solve(M, b)


# ------------------------------------------------------------------------------------------- transition_matrix


def _P(submission, sequence, n):
    sequence = np.array(sequence)
    got = call(function(submission, "transition_matrix"), sequence, n)
    try:
        P = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an {n} × {n} array of probabilities.")
    if P.shape != (n, n):
        fail(f"Called {last_call()}; the result has shape {P.shape}; expected ({n}, {n}), one row and one column per "
             "state.")
    expected = _expected_P(sequence, n)
    if np.allclose(P, expected, rtol=1e-12, atol=1e-15):
        return P
    C = _counts(sequence, n)
    seen = C.sum(axis=1) > 0
    if np.any(np.isnan(P)):
        rows = np.flatnonzero(np.isnan(P).any(axis=1)).tolist()
        fail(f"Called {last_call()}; rows {rows} contain NaN: no transition leaves those states, and 0/0 is NaN. Give "
             f"them the uniform row 1/n_states = {1 / n:.4g} instead (expected {show(expected)}).")
    if np.allclose(P, _expected_P(sequence[::-1], n), atol=1e-12) or (
            np.allclose(P[:, seen].T, (C / C.sum(axis=0, keepdims=True).clip(1)).T[seen], atol=1e-12)):
        fail(f"Called {last_call()}; returned {show(P)}; expected {show(expected)}. P[i, j] must be the probability of "
             "going FROM i TO j: count the pair (sequence[t], sequence[t + 1]) in row sequence[t], and divide each "
             "ROW by its sum (your columns sum to 1 instead).")
    wrapped = np.append(sequence, sequence[0]) if len(sequence) else sequence
    if len(sequence) and np.allclose(P, _expected_P(wrapped, n), atol=1e-12):
        fail(f"Called {last_call()}; returned {show(P)}; expected {show(expected)}: you counted a transition from the "
             "last state back to the first; the sequence does not wrap around (pairs t -> t + 1 for t < len - 1).")
    if np.allclose(P[seen], expected[seen], atol=1e-12):
        rows = np.flatnonzero(~seen).tolist()
        fail(f"Called {last_call()}; rows {rows} (states that nothing follows) are {show(P[~seen])}; expected the "
             f"uniform row 1/n_states = {1 / n:.4g}.")
    if np.allclose(P[seen], (C / C.sum())[seen], atol=1e-12):
        fail(f"Called {last_call()}; returned {show(P)}; the rows do not sum to 1: divide each row by ITS OWN total "
             f"(the transitions out of that state), not by the total number of transitions (expected {show(expected)}).")
    diff = np.abs(P - expected)
    i, j = np.unravel_index(int(np.argmax(diff)), diff.shape)
    fail(f"Called {last_call()}; returned {show(P)}; expected {show(expected)}: P[{i}, {j}] is {P[i, j]:.6g} instead of "
         f"{expected[i, j]:.6g} ({int(C[i, j])} of the {int(C[i].sum())} transitions out of {i} go to {j}).")


def test_transition_by_hand(submission):
    """transition_matrix([0, 1, 1, 2, 0, 1], 3) = [[0, 1, 0], [0, 0.5, 0.5], [1, 0, 0]]"""
    _P(submission, [0, 1, 1, 2, 0, 1], 3)


def test_transition_direction(submission):
    """rows are FROM, columns TO: [0, 0, 0, 1] gives P[0] = [2/3, 1/3] and a uniform row for state 1"""
    _P(submission, [0, 0, 0, 1, 1, 0, 1], 2)
    _P(submission, [0, 0, 0, 1], 2)


def test_transition_unseen_states(submission):
    """a state that occurs only last, and one that never occurs, get the uniform row 1/n_states"""
    _P(submission, [0, 1, 0, 1, 2], 4)
    _P(submission, [3], 4)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 6), seq=st.lists(st.integers(0, 5), min_size=1, max_size=60))
@example(n=3, seq=[2, 0, 1, 1, 0])
def test_transition_property(submission, n, seq):
    """random sequences: every count, every row sum 1, uniform rows for states nothing follows"""
    _P(submission, [s % n for s in seq], n)


# ---------------------------------------------------------------------------------------------- steady_state


def _pi(submission, P, expected=None, because="", atol=1e-12):
    P = np.array(P, dtype=float)
    expected = _exact_pi(P) if expected is None else np.asarray(expected, dtype=float)
    got = call(function(submission, "steady_state"), P)
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__} ({show(got)}); expected a NumPy array.")
    if got.shape != (len(P),):
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected ({len(P)},), one probability per state.")
    if np.iscomplexobj(got):
        fail(f"Called {last_call()}; the result has dtype {got.dtype}; np.linalg.eig returns complex arrays when some "
             "eigenvalues are complex, but π is real: return np.real(...) of the scaled eigenvector.")
    if np.allclose(got, expected, rtol=1e-9, atol=atol):
        return got
    n = len(P)
    w, V = np.linalg.eig(P.T)
    if np.allclose(got, 1 / n, atol=1e-9) and not np.allclose(expected, 1 / n, atol=1e-9):
        fail(f"Called {last_call()}; returned the uniform {show(got)}; expected {show(expected)}. That is the RIGHT "
             "eigenvector of P (P·1 = 1 because the rows sum to 1), which says nothing about the chain: π is a LEFT "
             "eigenvector, πᵀP = πᵀ, so take the eigenvectors of P.T.")
    if np.isclose(np.linalg.norm(got), 1) and np.allclose(np.abs(got), expected / np.linalg.norm(expected), atol=1e-9):
        fail(f"Called {last_call()}; returned {show(got)} (sum {got.sum():.6g}, length 1); expected {show(expected)}: "
             "eig scales eigenvectors to unit LENGTH; a distribution must SUM to 1 (divide by v.sum(), which also "
             "fixes a negative sign).")
    if np.any(got < -1e-12) and np.allclose(-got, expected, atol=1e-9):
        fail(f"Called {last_call()}; returned {show(got)}, negative; expected {show(expected)}: eig may return -v; "
             "dividing by v.sum() makes it positive.")
    i_mod = int(np.argmax(np.abs(w)))
    by_modulus = np.real(V[:, i_mod] / V[:, i_mod].sum())
    if abs(w[i_mod] - 1) > 1e-9 and (np.allclose(got, by_modulus, rtol=1e-6) or not np.all(np.isfinite(got))
                                     or np.abs(got).max() > 1e3):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}. It looks like the eigenvector of "
             f"the eigenvalue of largest MODULUS, here {w[i_mod]:.4g}: this chain has several eigenvalues with |λ| = 1, "
             "so pick the one closest to 1, np.argmin(np.abs(w - 1)).")
    rows = np.real(V.T / V.T.sum(axis=1, keepdims=True))
    if any(np.allclose(got, r, atol=1e-9) for r in rows):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: that is a ROW of V; "
             "np.linalg.eig returns the eigenvectors as COLUMNS: V[:, i] goes with w[i].")
    fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)} (check: πᵀP = {show(got @ P)}, which "
         f"must equal π). Take the eigenvector of P.T whose eigenvalue is closest to 1. {because}".rstrip())


def test_weather_by_hand(submission):
    """steady_state([[0.9, 0.1], [0.5, 0.5]]) = [5/6, 1/6] (flow balance 0.1·π₁ = 0.5·π₂)"""
    got = _pi(submission, [[0.9, 0.1], [0.5, 0.5]], [5 / 6, 1 / 6])
    if got.dtype != np.float64:
        fail(f"Called {last_call()}; the result has dtype {got.dtype}; expected float64.")


def test_three_states(submission):
    """a 3-state chain: π with πᵀP = πᵀ, summing to 1, real and nonnegative"""
    _pi(submission, [[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.2, 0.3, 0.5]])
    _pi(submission, [[0.0, 0.5, 0.5], [0.9, 0.0, 0.1], [0.2, 0.8, 0.0]])


def test_periodic_chains(submission):
    """periodic chains (other eigenvalues of modulus 1): the eigenvalue CLOSEST to 1, not the largest |λ|"""
    because = ("This chain is periodic: its eigenvalues include -1 or complex roots of unity, all of modulus 1, so "
               "'largest |λ|' is a tie; pick the eigenvalue nearest 1 (np.argmin(np.abs(w - 1))).")
    _pi(submission, [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], [1 / 3, 1 / 3, 1 / 3], because)
    _pi(submission, [[0, 1, 0, 0], [0.5, 0, 0.5, 0], [0, 0.5, 0, 0.5], [0, 0, 1, 0]], [1 / 6, 1 / 3, 1 / 3, 1 / 6],
        because)
    _pi(submission, [[0.0, 1.0], [1.0, 0.0]], [0.5, 0.5], because)


def test_one_state_and_absorbing(submission):
    """[[1]] gives [1.0]; an absorbing state gets all the probability"""
    _pi(submission, [[1.0]], [1.0])
    _pi(submission, [[1.0, 0.0], [0.5, 0.5]], [1.0, 0.0])


def _expect_value_error(submission, P, why):
    P = np.array(P, dtype=float)
    f = function(submission, "steady_state")
    try:
        got = f(P)
    except ValueError:
        return
    except Exception as exc:  # noqa: BLE001 - the learner's exception, reported
        fail(f"Called steady_state({show(P)}); it raised {type(exc).__name__}: {exc}; expected ValueError: {why}.")
    fail(f"Called steady_state({show(P)}); returned {show(got)}; expected ValueError: {why}. Count the eigenvalues "
         "within 1e-9 of 1.")


def test_not_unique_raises(submission):
    """two closed classes (eigenvalue 1 twice) raise ValueError; so does the identity (every π is stationary)"""
    _expect_value_error(submission, [[1.0, 0.0, 0.0], [0.0, 0.5, 0.5], [0.0, 0.5, 0.5]],
                        "state 0 and the pair {1, 2} never exchange probability, so the eigenvalue 1 appears twice "
                        "and every mixture of their two distributions is stationary")
    _expect_value_error(submission, np.eye(3), "for the identity every distribution is stationary")


def _coupled(e):
    """Two 2-state blocks joined by probability e: the second eigenvalue is 1 - e."""
    return np.array([[0.5, 0.5 - e, e, 0.0], [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5], [e, 0.0, 0.5, 0.5 - e]])


def test_weak_coupling_is_unique(submission):
    """two blocks joined by probability 1e-6 have a unique π (second eigenvalue 1 - 1e-6, farther than 1e-9)"""
    _pi(submission, _coupled(1e-6), because="Its second eigenvalue is 1 - 1e-6: not within 1e-9 of 1, so π is unique.")


def test_uniqueness_threshold(submission):
    """the 1e-9 line: a second eigenvalue at 1 - 2.5e-9 is accepted, one at 1 - 2.5e-10 raises ValueError"""
    _pi(submission, _coupled(2.5e-9), atol=1e-6,
        because="Its second eigenvalue is 1 - 2.5e-9, farther from 1 than 1e-9: the task asks for π, not an error.")
    _expect_value_error(submission, _coupled(2.5e-10),
                        "its second eigenvalue is 1 - 2.5e-10, within 1e-9 of 1, so the task counts the eigenvalue 1 "
                        "as repeated")


@st.composite
def chains(draw):
    n = draw(st.integers(2, 8))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    P = rng.random((n, n)) * (rng.random((n, n)) < draw(st.sampled_from([1.0, 0.5])))
    P[np.arange(n), (np.arange(n) + 1) % n] += 0.2                # a cycle through all states: irreducible
    return P / P.sum(axis=1, keepdims=True)


@settings(max_examples=30, deadline=None)
@given(P=chains())
def test_steady_state_property(submission, P):
    """random irreducible chains (2-8 states, dense and sparse): π ≥ 0, sum 1, πᵀP = πᵀ"""
    _pi(submission, P)


def test_corpus_letter_classes(submission):
    """on the mini corpus (vowel / consonant / other): the steady state matches each class's share of the text"""
    classes = _corpus_classes()
    P = _P(submission, classes, 3)
    pi = _pi(submission, P)
    share = np.bincount(classes, minlength=3) / len(classes)
    if np.abs(pi - share).max() > 2 / len(classes):
        fail(f"steady_state(P) = {show(pi)} while the classes make up {show(share)} of the text; they should agree to "
             f"within 2 / {len(classes)} characters.")
