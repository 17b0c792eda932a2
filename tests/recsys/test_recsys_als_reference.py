"""ALS against a dense textbook ALS-WR (issue #17).

The reference below solves, for every row ``u`` with ratings, exactly
``(Σ_j f_j f_jᵀ + λ w_u I) z_u = Σ_j (r_uj − mu − b_j) f_j`` with ``np.linalg.solve`` on the dense
matrix (``f_j`` the other side's factors, with a trailing 1 and its bias ``b_j`` when the model
has biases; ``w_u = n_u`` when weighted, else 1; ``mu`` the mean rating when centered, else 0).
``ALS`` started from the same item factors must reach the same objective after each iteration,
on data shaped to reach every branch of the kernels: rows of 1, 2, 15, 16 and 17 ratings (around
the 16-rating prefetch distance and the 8 systems solved side by side), long rows, items never
rated, a single user, and many users per block.
"""

import functools

import numpy as np
import pytest

from la4ml.errors import NonFiniteError, ShapeError
from la4ml.recsys import ALS, Ratings

EPS64 = np.finfo(np.float64).eps
EPS32 = np.finfo(np.float32).eps


# ------------------------------------------------------------------------------------------------
# data of several shapes
# ------------------------------------------------------------------------------------------------


def _ratings(counts, n_items, n_rated_items, seed, rank=3):
    """User u rates ``counts[u]`` distinct items among the first ``n_rated_items`` (the rest are
    never rated): ``clip(3 + p_u·q_i + 0.5 N(0,1), 1, 5)``, so the ratings sit far from 0."""
    rng = np.random.default_rng(seed)
    P = rng.normal(0, rank ** -0.25, (len(counts), rank))
    Q = rng.normal(0, rank ** -0.25, (n_items, rank))
    users, items = [], []
    for u, c in enumerate(counts):
        users.append(np.full(c, u))
        items.append(rng.choice(n_rated_items, size=c, replace=False))
    u, i = np.concatenate(users), np.concatenate(items)
    r = np.clip(3 + np.einsum("ij,ij->i", P[u], Q[i]) + rng.normal(0, 0.5, u.size), 1, 5)
    return Ratings(u, i, r, n_users=len(counts), n_items=n_items)


def _counts_data():
    """Users with exactly 1, 2, 15, 16, 17 and 100 ratings, then 40 more of 1 to 40; 12 of the
    140 items are never rated."""
    rng = np.random.default_rng(5)
    counts = [1, 2, 15, 16, 17, 100] + list(rng.integers(1, 41, 40))
    return _ratings(counts, 140, 128, seed=6)


def _single_user():
    """One user with 30 ratings of 40 items (10 never rated): rank 1 is the most allowed."""
    return _ratings([30], 40, 30, seed=7)


def _mixed():
    """700 users with log-normal counts from 1 to 150 (short and long rows mixed), 300 items of
    which 5 are never rated."""
    rng = np.random.default_rng(8)
    counts = np.clip(np.rint(rng.lognormal(2.0, 1.1, 700)), 1, 150).astype(int)
    return _ratings(counts, 300, 295, seed=9)


def _short_rows():
    """2,500 users of 1 to 5 ratings (about 20 users per parallel block, each block several groups
    of 8): the prefetch distance always reaches into later users' rows."""
    rng = np.random.default_rng(10)
    return _ratings(rng.integers(1, 6, 2500), 60, 60, seed=11)


DATA = {"counts": (_counts_data, 3), "single-user": (_single_user, 1), "mixed": (_mixed, 3),
        "short-rows": (_short_rows, 3)}


@functools.lru_cache(maxsize=None)
def _data(name):
    make, k = DATA[name]
    return make(), k


def _start(R, k, seed=0):
    """Initial item factors: unit-norm Gaussian rows (ALS's own convention for init="random")."""
    Y = np.random.default_rng(seed).standard_normal((R.n_items, k))
    return Y / np.linalg.norm(Y, axis=1, keepdims=True)


# ------------------------------------------------------------------------------------------------
# the dense reference
# ------------------------------------------------------------------------------------------------


def objective(R, X, Y, bu, bi, mu, reg, weighted):
    """``Σ (r − mu − b_u − b_i − x_u·y_i)² + λ (Σ_u w_u (|x_u|² + b_u²) + Σ_i w_i (|y_i|² + b_i²))``."""
    X, Y, bu, bi = (np.asarray(a, np.float64) for a in (X, Y, bu, bi))
    e = R.rating.astype(np.float64) - mu - bu[R.user] - bi[R.item] - np.einsum("ij,ij->i", X[R.user], Y[R.item])
    wu = np.bincount(R.user, minlength=R.n_users) if weighted else np.ones(R.n_users)
    wi = np.bincount(R.item, minlength=R.n_items) if weighted else np.ones(R.n_items)
    return e @ e + reg * (wu @ (np.sum(X**2, axis=1) + bu**2) + wi @ (np.sum(Y**2, axis=1) + bi**2))


def reference_als(R, k, reg, n_iter, Y0, *, biases, center, weighted):
    """Textbook ALS(-WR) on the dense matrix; returns the factors and the objective after each
    iteration. Rows without ratings get zeros."""
    D = R.to_dense(fill=0.0)
    M = np.zeros(R.shape, bool)
    M[R.user, R.item] = True
    mu = float(np.mean(R.rating, dtype=np.float64)) if center else 0.0
    m = k + 1 if biases else k
    X, Y = np.zeros((R.n_users, k)), np.array(Y0, np.float64)
    bu, bi = np.zeros(R.n_users), np.zeros(R.n_items)

    def half(D, M, F, other_bias, out, out_bias):
        for u in range(D.shape[0]):
            rated = M[u]
            if not rated.any():
                out[u], out_bias[u] = 0.0, 0.0
                continue
            f = F[rated]
            t = D[u, rated] - mu - (other_bias[rated] if biases else 0.0)
            if biases:
                f = np.hstack([f, np.ones((f.shape[0], 1))])
            lam = reg * rated.sum() if weighted else reg
            z = np.linalg.solve(f.T @ f + lam * np.eye(m), f.T @ t)
            out[u] = z[:k]
            if biases:
                out_bias[u] = z[k]

    history = []
    for _ in range(n_iter):
        half(D, M, Y, bi, X, bu)
        half(D.T, M.T, X, bu, Y, bi)
        history.append(objective(R, X, Y, bu, bi, mu, reg, weighted))
    return X, Y, bu, bi, mu, history


@functools.lru_cache(maxsize=None)
def _reference(name, reg, n_iter, biases, center, weighted):
    R, k = _data(name)
    return reference_als(R, k, reg, n_iter, _start(R, k), biases=biases, center=center, weighted=weighted)


SOLVERS = [pytest.param("numba", id="numba"), pytest.param("torch", id="torch")]
MODELS = [pytest.param(False, True, id="centered"), pytest.param(True, True, id="biases"),
          pytest.param(False, False, id="uncentered"), pytest.param(True, False, id="biases-uncentered")]


def _fit(R, k, reg, n_iter, solver, dtype=np.float64, **kw):
    extra = {"device": "cpu"} if solver == "torch" else {}
    return ALS(n_components=k, reg=reg, max_iter=n_iter, solver=solver, dtype=dtype, init=_start(R, k),
               **extra, **kw).fit(R)


# ------------------------------------------------------------------------------------------------
# the tests
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "unweighted"])
@pytest.mark.parametrize("biases,center", MODELS)
@pytest.mark.parametrize("name", list(DATA))
def test_objective_equals_dense_reference(name, biases, center, weighted, solver):
    """After each of 6 iterations from the same item factors, ALS (float64) reaches the dense
    reference's objective to 1e-6 relative (the issue's criterion), and in fact to nnz·eps, the
    rounding bound of summing the objective's nnz terms (measured: about 5e-16); its history_
    reports the objective of its own fitted attributes."""
    R, k = _data(name)
    reg, n_iter = 0.1, 6
    X, Y, bu, bi, mu, ref = _reference(name, reg, n_iter, biases, center, weighted)
    m = _fit(R, k, reg, n_iter, solver, biases=biases, center=center, weighted=weighted)
    got = [h["loss"] for h in m.history_]
    np.testing.assert_allclose(got, ref, rtol=1e-6)
    np.testing.assert_allclose(got, ref, rtol=len(R) * EPS64)
    mine = objective(R, m.user_factors_, m.item_factors_, m.user_bias_, m.item_bias_, m.mean_, reg, weighted)
    assert got[-1] == pytest.approx(mine, rel=len(R) * EPS64)
    assert m.mean_ == pytest.approx(mu, rel=EPS64, abs=0)
    # the predictions of the two (not only the objective) agree: the same minimizer
    pred_ref = mu + bu[R.user] + bi[R.item] + np.einsum("ij,ij->i", X[R.user], Y[R.item])
    np.testing.assert_allclose(m.predict(R, clip=False), pred_ref, rtol=0, atol=1e-6)
    never = np.bincount(R.item, minlength=R.n_items) == 0
    assert np.all(m.item_factors_[never] == 0) and np.all(m.item_bias_[never] == 0)


@pytest.mark.parametrize("biases", [False, True], ids=["nobias", "bias"])
def test_generic_kernel_equals_dense_reference(biases):
    """A system larger than the generated kernels' (m = k + bias > 24) runs the generic numba loop:
    the same objective."""
    R, _ = _data("mixed")
    k, reg, n_iter = (24 if biases else 25), 0.1, 3
    *_, ref = reference_als(R, k, reg, n_iter, _start(R, k), biases=biases, center=True, weighted=True)
    m = _fit(R, k, reg, n_iter, "numba", biases=biases)
    np.testing.assert_allclose([h["loss"] for h in m.history_], ref, rtol=1e-6)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("biases", [False, True], ids=["nobias", "bias"])
def test_float32_storage_close_to_reference(solver, biases):
    """float32 factors (the default) round each solution: the objective stays within 1e-5 relative
    of the float64 reference over 6 iterations (each solution rounded to eps32 = 1.2e-7, the
    errors carried on by the next solves; measured 3e-9 to 6e-8)."""
    R, k = _data("mixed")
    *_, ref = _reference("mixed", 0.1, 6, biases, True, True)
    m = _fit(R, k, 0.1, 6, solver, dtype=np.float32, biases=biases)
    np.testing.assert_allclose([h["loss"] for h in m.history_], ref, rtol=1e-5)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "unweighted"])
@pytest.mark.parametrize("biases", [False, True], ids=["nobias", "bias"])
def test_objective_never_increases(biases, weighted, dtype, solver):
    """Each half-step is an exact minimization, so the objective never increases over 25
    iterations. Allowed slack: the rounding of evaluating it (nnz·eps64 of its value) and, for
    float32 storage, of rounding the solutions (eps32 of its value)."""
    R, k = _data("mixed")
    m = ALS(n_components=k, reg=0.1, max_iter=25, biases=biases, weighted=weighted, dtype=dtype, solver=solver,
            random_state=3, **({"device": "cpu"} if solver == "torch" else {})).fit(R)
    loss = np.array([h["loss"] for h in m.history_])
    tol = loss[0] * (len(R) * EPS64 + (EPS32 if dtype == np.float32 else 0.0))
    assert np.all(np.diff(loss) <= tol), np.diff(loss).max()
    assert loss[-1] < loss[0]  # and it does go down
    rmse = np.array([h["train_rmse"] for h in m.history_])
    pred = m.predict(R, clip=False)
    assert rmse[-1] == pytest.approx(np.sqrt(np.mean((R.rating.astype(np.float64) - pred) ** 2)), rel=1e-6)


def test_centering_is_what_the_uncentered_model_lacks():
    """On ratings near 3 with a rank-3 truth, rank 3 without the mean (Spark's model) ends far
    above the centered objective (one dimension goes to the mean), and centered ALS equals the
    reference ALS-WR of issue #17 on ``r − mu``."""
    R, k = _data("mixed")
    *_, ref_c = _reference("mixed", 0.1, 6, False, True, True)
    *_, ref_u = _reference("mixed", 0.1, 6, False, False, True)
    centered = _fit(R, k, 0.1, 6, "numba", biases=False)
    uncentered = _fit(R, k, 0.1, 6, "numba", biases=False, center=False)
    assert centered.history_[-1]["loss"] == pytest.approx(ref_c[-1], rel=1e-6)
    assert uncentered.history_[-1]["loss"] == pytest.approx(ref_u[-1], rel=1e-6)
    assert uncentered.mean_ == 0.0 and centered.mean_ == pytest.approx(float(np.mean(R.rating, dtype=np.float64)))
    assert ref_u[-1] > 1.2 * ref_c[-1]


def test_init_random_is_the_documented_convention():
    """init="random" with random_state=s equals init=unit-norm rows of default_rng(s).standard_normal."""
    R, k = _data("counts")
    a = ALS(n_components=k, max_iter=2, random_state=4, dtype=np.float64).fit(R)
    b = ALS(n_components=k, max_iter=2, init=_start(R, k, 4), dtype=np.float64).fit(R)
    np.testing.assert_array_equal(a.item_factors_, b.item_factors_)
    np.testing.assert_array_equal(a.user_factors_, b.user_factors_)


def test_init_array_is_not_modified():
    """fit copies init: the caller's array is untouched and the parameter stays the same object."""
    R, k = _data("counts")
    Y0 = _start(R, k)
    keep = Y0.copy()
    est = ALS(n_components=k, max_iter=2, init=Y0)
    est.fit(R)
    assert est.init is Y0
    np.testing.assert_array_equal(Y0, keep)


@pytest.mark.parametrize("init,error,pattern", [
    (np.zeros((139, 3)), ShapeError, r"init must have shape \(n_items, n_components\) = \(140, 3\), got array of shape \(139, 3\)"),
    (np.zeros((140, 2)), ShapeError, r"= \(140, 3\), got array of shape \(140, 2\)"),
    (np.full((140, 3), np.nan), NonFiniteError, r"init must contain only finite numbers"),
    ("zeros", ValueError, r"init must be one of 'random', got 'zeros'; or pass an array of initial item factors"),
])
def test_bad_init(init, error, pattern):
    """A wrong init is refused with its name, what was received and what is expected."""
    R, _ = _data("counts")
    with pytest.raises(error, match=pattern):
        ALS(n_components=3, max_iter=1, init=init).fit(R)


@pytest.mark.parametrize("flag", ["weighted", "biases", "center"])
@pytest.mark.parametrize("value", ["yes", 1, None])
def test_flags_must_be_booleans(flag, value):
    """A flag given as a string, an int or None is refused (never truth-tested), naming the flag."""
    R, _ = _data("counts")
    with pytest.raises(TypeError, match=rf"{flag} must be True or False, got {value!r}"):
        ALS(n_components=3, max_iter=1, **{flag: value}).fit(R)
