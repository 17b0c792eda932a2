"""Hidden tests of exercise 10.5 — pagerank(A, alpha, tol, max_iter) from scratch, compared with exact PageRank."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, fail, function, last_call, show

WEB = np.zeros((6, 6))
for i, j in [(0, 1), (0, 2), (1, 2), (1, 5), (2, 0), (3, 2), (3, 4), (4, 3), (4, 5)]:
    WEB[i, j] = 1.0                      # the lesson's six-page web; page 5 has no out-link


def _P(A, *, dangling="uniform", normalize="rows"):
    A = np.asarray(A, dtype=float)
    n = len(A)
    axis = 1 if normalize == "rows" else 0
    out = A.sum(axis=axis, keepdims=True)
    P = np.divide(A, out, out=np.zeros_like(A), where=out > 0)
    if dangling == "uniform":
        P[A.sum(axis=1) == 0] = 1 / n
    return P


def iterate(A, alpha=0.85, tol=1e-10, max_iter=1000, *, variant="task"):
    """The task's iteration (variant="task") or a known mistake; returns x or None if it does not converge."""
    A = np.asarray(A, dtype=float)
    n = len(A)
    P = _P(A, dangling="drop" if variant in ("drop", "drop-renormalize") else "uniform",
           normalize="columns" if variant == "columns" else "rows")
    if variant == "binary":
        P = _P((A > 0).astype(float))
    x = np.full(n, 1 / n)
    for _ in range(max_iter):
        if variant == "swapped":
            x_new = (1 - alpha) * (P.T @ x) + alpha / n
        elif variant == "no-transpose":
            x_new = alpha * (P @ x) + (1 - alpha) / n
        else:
            x_new = alpha * (P.T @ x) + (1 - alpha) / n
        change = np.abs(x_new - x).max() if variant == "max-norm" else np.abs(x_new - x).sum()
        if change < tol:
            return x_new / x_new.sum() if variant == "drop-renormalize" else (x if variant == "return-old" else x_new)
        x = x_new
    return None


def changes(A, alpha=0.85, n_updates=1200):
    """The L1 changes sum(|x_new - x|) of the task's iteration, update by update (index 0 = the first update)."""
    P = _P(A)
    n = len(A)
    x = np.full(n, 1 / n)
    out = []
    for _ in range(n_updates):
        x_new = alpha * (P.T @ x) + (1 - alpha) / n
        out.append(np.abs(x_new - x).sum())
        x = x_new
    return np.array(out)


def exact(A, alpha=0.85):
    """The fixed point itself, by a linear solve: (I - alpha Pᵀ) x = (1 - alpha)/n."""
    P = _P(A)
    n = len(A)
    return np.linalg.solve(np.eye(n) - alpha * P.T, np.full(n, (1 - alpha) / n))


MISTAKES = {
    "swapped": "the damping on the wrong term: alpha multiplies the link-following part P.T @ x and (1 - alpha) the "
               "teleportation (1 - alpha)/n, not the other way round",
    "drop": "dangling pages dropped: their rows of P were left at zero, so probability leaks out at every step and the "
            "scores no longer sum to 1; give a dangling page the uniform row 1/n",
    "columns": "the COLUMNS of A normalized: P[i, j] is the probability of going from i to j, so divide each ROW by "
               "A.sum(axis=1)",
    "no-transpose": "P @ x instead of P.T @ x: the score flowing INTO page j is sum over i of P[i, j] x[i], that is "
                    "(P.T @ x)[j]",
    "binary": "the link weights ignored: a link of weight 3 carries three times the probability of a link of weight "
              "1; divide A itself by its row sums",
    "drop-renormalize": "dangling rows left at zero and the scores renormalized at the end: the limit is the same "
                        "here, but the iterates (and so the stopping step) are not; give a dangling page the uniform "
                        "row 1/n",
    "max-norm": "the largest change |x_new - x| compared with tol instead of the SUM of the changes (the L1 norm)",
    "return-old": "x returned instead of x_new, the vector of the step that met the tolerance",
}


def _scores(submission, A, **kwargs):
    A = np.array(A, dtype=float)
    got = call(function(submission, "pagerank"), A, **kwargs)
    try:
        x = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of {len(A)} scores.")
    if x.shape != (len(A),):
        fail(f"Called {last_call()}; the result has shape {x.shape}; expected ({len(A)},), one score per node.")
    if not np.all(np.isfinite(x)):
        fail(f"Called {last_call()}; the scores {show(x)} contain NaN or infinity: a dangling row (no out-links) "
             "divided by its zero sum gives NaN; give it the uniform row 1/n.")
    return x


def _check(submission, A, expected, *, atol, because="", **kwargs):
    A = np.array(A, dtype=float)
    x = _scores(submission, A, **kwargs)
    if np.allclose(x, expected, rtol=0, atol=atol):
        return x
    alpha = kwargs.get("alpha", 0.85)
    tol = kwargs.get("tol", 1e-10)
    max_iter = kwargs.get("max_iter", 1000)
    matches = []
    for variant, mistake in MISTAKES.items():
        candidate = iterate(A, alpha, tol, max_iter, variant=variant)
        if candidate is not None and not np.allclose(candidate, expected, rtol=0, atol=atol) and \
                np.allclose(x, candidate, rtol=0, atol=max(atol, 1e-12)):
            matches.append(mistake)
    if matches:
        fail(f"Called {last_call()}; returned {show(x)} (sum {x.sum():.6g}); expected {show(expected)}. Your scores "
             f"match {matches[0]}" + "".join(f"; or {m}" for m in matches[1:]) + ".")
    worst = int(np.argmax(np.abs(x - expected)))
    fail(f"Called {last_call()}; returned {show(x)} (sum {x.sum():.6g}); expected {show(expected)}: node {worst} has "
         f"{x[worst]:.10g} instead of {expected[worst]:.10g}. {because}".rstrip())


def test_six_page_web(submission):
    """the six-page web with a dangling page: PageRank [0.2691, 0.1604, 0.2625, 0.08, 0.08, 0.1481] to 1e-9"""
    _check(submission, WEB, exact(WEB), atol=1e-9)


def test_karate_club_matches_networkx(submission):
    """the karate club (unweighted): equal to networkx.pagerank(G, weight=None) to 1e-9"""
    import networkx as nx

    G = nx.karate_club_graph()
    A = nx.to_numpy_array(G, nodelist=range(34), weight=None)
    d = nx.pagerank(G, weight=None, tol=1e-13, max_iter=1000)
    _check(submission, A, np.array([d[i] for i in range(34)]), atol=1e-9)


def test_dangling_pages_keep_the_mass(submission):
    """a star whose seven leaves have no out-links: scores still sum to 1, leaves above the hub's share"""
    A = np.zeros((8, 8))
    A[0, 1:] = 1.0
    x = _check(submission, A, exact(A), atol=1e-9)
    if abs(x.sum() - 1) > 1e-8:
        fail(f"Called {last_call()}; the scores sum to {x.sum():.6g}; they must sum to 1.")


def test_weights_and_self_loops(submission):
    """link weights count (a weight-3 link carries 3 times the probability) and a self-loop is a link"""
    A = np.array([[0.0, 3.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 5.0, 0.0]])
    _check(submission, A, exact(A), atol=1e-9)


def test_directed_not_symmetric(submission):
    """a directed chain 0 → 1 → 2 → 3 → 0 with a shortcut 0 → 2: rows FROM, columns TO"""
    A = np.array([[0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0], [1.0, 0.0, 0.0, 0.0]])
    _check(submission, A, exact(A), atol=1e-9)


def test_alpha_values(submission):
    """alpha = 0 gives 1/n everywhere; alpha = 0.5 and 0.95 give the exact fixed points"""
    _check(submission, WEB, np.full(6, 1 / 6), atol=1e-12, alpha=0.0)
    for alpha in (0.5, 0.95):
        _check(submission, WEB, exact(WEB, alpha), atol=1e-9, alpha=alpha)


def test_stopping_rule_exactly(submission):
    """with tol=1e-3 it returns x_new of the FIRST step whose L1 change sum(|x_new - x|) is below tol"""
    for A in (WEB, np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])):
        _check(submission, A, iterate(A, tol=1e-3), atol=1e-15, tol=1e-3,
               because="With a loose tolerance the stopping step shows: stop at the first update with "
                       "np.abs(x_new - x).sum() < tol and return that x_new.")


def test_defaults(submission):
    """the defaults alpha=0.85, tol=1e-10: pagerank(A) is the task's iterate at exactly the default stopping step"""
    _check(submission, WEB, exact(WEB, 0.85), atol=1e-9,
           because="Check the defaults: alpha=0.85 and tol=1e-10 (a looser tol stops about 1e-6 away).")
    _check(submission, WEB, iterate(WEB), atol=1e-15,
           because="The scores are right to 1e-9 but stopped at another step than the default tol=1e-10 gives.")
    slow = np.zeros((13, 13))                           # a 12-cycle fed by page 12: 131 updates at tol=1e-10
    slow[np.arange(12), (np.arange(12) + 1) % 12] = 1.0
    slow[12, 0] = 1.0
    _check(submission, slow, exact(slow), atol=1e-9, because="Check that max_iter defaults to 1000.")


def _raises_runtime_error(submission, A, **kwargs):
    f = function(submission, "pagerank")
    try:
        f(np.array(A, dtype=float), **kwargs)
    except RuntimeError:
        return True
    except Exception as exc:  # noqa: BLE001 - the learner's exception, reported
        fail(f"Called pagerank(A, {kwargs}); it raised {type(exc).__name__}: {exc}; expected RuntimeError.")
    return False


def test_max_iter_counts_updates(submission):
    """max_iter counts updates exactly: K updates needed, max_iter=K returns and max_iter=K-1 raises"""
    d = changes(WEB)
    K = int(np.argmax(d < 1e-10)) + 1                 # the update whose change first falls below tol
    x = _scores(submission, WEB, max_iter=K)
    if not np.allclose(x, iterate(WEB), rtol=0, atol=1e-15):
        fail(f"Called {last_call()}; returned {show(x)}; expected the scores of update {K}, which is the first "
             "whose change is below tol.")
    if not _raises_runtime_error(submission, WEB, max_iter=K - 1):
        fail(f"Called pagerank(A, max_iter={K - 1}); it returned, but the change first falls below tol = 1e-10 at "
             f"update {K}: with max_iter={K - 1} it must raise RuntimeError (one update too many in the loop?).")


def test_default_max_iter_is_1000(submission):
    """the default max_iter=1000: a run needing exactly 1000 updates returns, one needing 1001 raises"""
    slow = np.zeros((13, 13))
    slow[np.arange(12), (np.arange(12) + 1) % 12] = 1.0
    slow[12, 0] = 1.0
    d = changes(slow, alpha=0.995)
    assert np.all(np.diff(d[950:1005]) < 0)           # strictly decreasing there: each tol below has one stop
    tol_1000 = (d[998] + d[999]) / 2                  # first below it: update 1000
    tol_1001 = (d[999] + d[1000]) / 2                 # first below it: update 1001
    x = _scores(submission, slow, alpha=0.995, tol=tol_1000)
    expected = iterate(slow, alpha=0.995, tol=tol_1000)
    if not np.allclose(x, expected, rtol=0, atol=1e-14):
        fail(f"Called {last_call()}; returned {show(x)}; expected {show(expected)}, the 1000th update.")
    if not _raises_runtime_error(submission, slow, alpha=0.995, tol=tol_1001):
        fail(f"Called pagerank(A, alpha=0.995, tol={tol_1001:.6g}); it returned, but this tolerance needs 1001 updates "
             "and max_iter defaults to 1000: it must raise RuntimeError.")


def test_max_iter_raises(submission):
    """max_iter=3 is too few for tol=1e-10: RuntimeError"""
    f = function(submission, "pagerank")
    try:
        got = f(WEB.copy(), max_iter=3)
    except RuntimeError:
        return
    except Exception as exc:  # noqa: BLE001 - the learner's exception, reported
        fail(f"Called pagerank(A, max_iter=3); it raised {type(exc).__name__}: {exc}; expected RuntimeError.")
    fail(f"Called pagerank(A, max_iter=3); returned {show(got)}; expected RuntimeError: three updates cannot bring the "
         "change below tol = 1e-10 (it shrinks by about alpha = 0.85 per step).")


def test_single_and_isolated(submission):
    """one page, and five pages with no links at all: every page gets 1/n"""
    _check(submission, np.zeros((1, 1)), np.array([1.0]), atol=1e-12)
    _check(submission, np.zeros((5, 5)), np.full(5, 0.2), atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 15), seed=st.integers(0, 2**32 - 1), density=st.floats(0.0, 0.5), weighted=st.booleans())
@example(n=3, seed=0, density=0.0, weighted=False)
def test_property_random_graphs(submission, n, seed, density, weighted):
    """random directed graphs (dangling pages, weights, self-loops): the exact PageRank to 1e-9"""
    rng = np.random.default_rng(seed)
    A = (rng.random((n, n)) < density) * (rng.uniform(0.5, 4.0, (n, n)) if weighted else 1.0)
    _check(submission, A, exact(A), atol=1e-9)
