"""Hidden tests of exercise 15.6 — diabetes_minibatch(features, batch_size, lr, n_epochs, test_size, random_state)."""

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import StandardScaler

from la4ml.course.grading import call, fail, function, last_call, show
from la4ml.course.testdata import load_diabetes, train_test_split

DATA = load_diabetes()
DEFAULTS = dict(features=("bmi", "bp", "s5"), batch_size=32, lr=0.01, n_epochs=100, test_size=0.2, random_state=0)


def reference(features, batch_size, lr, n_epochs, test_size, random_state, *, scale="train", reshuffle=True,
              per_n=False, update_bias=True, split_seed="given"):
    names = list(DATA.feature_names)
    X = DATA.data[:, [names.index(f) for f in features]]
    rs = random_state if split_seed == "given" else None
    X_tr, X_te, y_tr, y_te = train_test_split(X, DATA.target, test_size=test_size, random_state=rs)
    if scale == "train":
        sc = StandardScaler().fit(X_tr)
        X_tr, X_te = sc.transform(X_tr), sc.transform(X_te)
    elif scale == "all":
        sc = StandardScaler().fit(X)
        X_tr, X_te = sc.transform(X_tr), sc.transform(X_te)
    elif scale == "separate":
        X_tr, X_te = StandardScaler().fit_transform(X_tr), StandardScaler().fit_transform(X_te)
    A = np.column_stack([np.ones(len(X_tr)), X_tr])
    A_te = np.column_stack([np.ones(len(X_te)), X_te])
    n = len(A)
    theta = np.zeros(A.shape[1])
    rng = np.random.default_rng(random_state)
    losses = [np.mean((A @ theta - y_tr) ** 2)]
    order = None
    with np.errstate(all="ignore"):
        for _ in range(n_epochs):
            if reshuffle or order is None:
                order = rng.permutation(n)
            for s in range(0, n, batch_size):
                b = order[s:s + batch_size]
                g = (2 / (n if per_n else len(b))) * (A[b].T @ (A[b] @ theta - y_tr[b]))
                if not update_bias:
                    g[0] = 0.0
                theta = theta - lr * g
            losses.append(np.mean((A @ theta - y_tr) ** 2))
    return theta, np.array(losses), float(np.mean((A_te @ theta - y_te) ** 2))


MISTAKES = [
    ("a StandardScaler fitted on ALL the data before the split: the test set's mean and spread leak into training — "
     "fit it on X_train only", dict(scale="all")),
    ("the test part standardized with its own StandardScaler: transform it with the scaler fitted on X_train",
     dict(scale="separate")),
    ("features that are not standardized: diabetes' features are tiny (unit norm over 442 patients), so the "
     "Hessian's feature directions are hundreds of times flatter than the bias's and 100 epochs at one rate cannot "
     "fit them — fit a StandardScaler on X_train and transform both parts", dict(scale="none")),
    ("one permutation reused in every epoch: draw a new rng.permutation(n_train) each epoch", dict(reshuffle=False)),
    ("a batch gradient divided by n_train instead of by the batch's size", dict(per_n=True)),
    ("a bias that is never updated", dict(update_bias=False)),
]


def _check(submission, **kwargs):
    got = call(function(submission, "diabetes_minibatch"), **kwargs)
    p = DEFAULTS | kwargs
    p["features"] = tuple(p["features"])
    exp_theta, exp_losses, exp_test = reference(**p)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a triple (theta, losses, test_mse).")
    theta, losses, test_mse = np.asarray(got[0], dtype=float), np.asarray(got[1], dtype=float), got[2]
    if theta.shape != exp_theta.shape:
        fail(f"Called {last_call()}; theta has shape {theta.shape}; expected {exp_theta.shape}: the bias, then one "
             "weight per feature.")
    if losses.shape != (p["n_epochs"] + 1,):
        fail(f"Called {last_call()}; losses has shape {losses.shape}; expected ({p['n_epochs'] + 1},): the training MSE "
             "at θ = 0 and after each EPOCH (not each batch).")
    if np.ndim(test_mse) != 0:
        fail(f"Called {last_call()}; test_mse = {show(test_mse)}; expected one number.")
    test_mse = float(test_mse)
    ok = (np.allclose(theta, exp_theta, rtol=1e-9, atol=1e-9 * np.abs(exp_theta).max())
          and np.allclose(losses, exp_losses, rtol=1e-9))
    if ok and np.isclose(test_mse, exp_test, rtol=1e-9):
        return theta, losses, test_mse
    if ok:
        t_tr = float(np.mean((losses[-1])))
        if np.isclose(test_mse, t_tr, rtol=1e-9):
            fail(f"Called {last_call()}; test_mse = {test_mse:.6g} is the TRAINING MSE; expected the MSE on the test "
                 f"part, {exp_test:.6g}.")
        fail(f"Called {last_call()}; θ and losses are right but test_mse = {test_mse:.6g}; expected {exp_test:.6g} = "
             "mean((A_test θ - y_test)²), A_test = [1 X_test scaled by the TRAINING scaler].")
    for what, kw in MISTAKES:
        t2, l2, _ = reference(**p, **kw)
        if np.allclose(theta, t2, rtol=1e-9, atol=1e-9 * np.abs(t2).max()):
            fail(f"Called {last_call()}; theta = {show(theta)} matches {what}. Expected {show(exp_theta)}.")
    if losses.size and np.isclose(losses[0], exp_losses[0], rtol=1e-9) and not np.allclose(theta, exp_theta, rtol=1e-9):
        fail(f"Called {last_call()}; theta = {show(theta)}; expected {show(exp_theta)}: the split is right (losses[0] "
             "matches) but the descent differs — rng = np.random.default_rng(random_state), a new "
             "rng.permutation(n_train) each epoch, consecutive batches, step (2/|B|) A_Bᵀ(A_Bθ - y_B).")
    fail(f"Called {last_call()}; losses[0] = {losses[0]:.6g}; expected {exp_losses[0]:.6g}, the training MSE at θ = 0 "
         "— check the columns (in the order given) and train_test_split(X, y, test_size=test_size, "
         "random_state=random_state).")


def test_defaults(submission):
    """the defaults (bmi, bp, s5; batches of 32; lr = 0.01; 100 epochs; 20% test; seed 0): θ, all 101 losses, test MSE"""
    _check(submission)


def test_defaults_near_least_squares(submission):
    """after 100 epochs the test MSE is within 1% of LinearRegression's on the same split"""
    _, _, test_mse = _check(submission)
    names = list(DATA.feature_names)
    X = DATA.data[:, [names.index(f) for f in DEFAULTS["features"]]]
    X_tr, X_te, y_tr, y_te = train_test_split(X, DATA.target, test_size=0.2, random_state=0)
    best = np.mean((LinearRegression().fit(X_tr, y_tr).predict(X_te) - y_te) ** 2)
    if not abs(test_mse - best) <= 0.01 * best:
        fail(f"test MSE {test_mse:.6g}; LinearRegression gives {best:.6g} on the same split.")


def test_other_features_and_order(submission):
    """features ('s5', 'age') in that order, batches of 50, 7 epochs, 30% test, seed 3"""
    _check(submission, features=("s5", "age"), batch_size=50, n_epochs=7, test_size=0.3, random_state=3)


def test_short_last_batch_and_rate(submission):
    """batches of 100 on 353 training samples (the last holds 53), lr = 0.05, 5 epochs"""
    _check(submission, batch_size=100, lr=0.05, n_epochs=5)


def test_batches_divide_training_set(submission):
    """test_size = 90 leaves 352 = 11 × 32 training samples: 11 full batches per epoch and no empty one"""
    _check(submission, test_size=90, n_epochs=3)


def test_zero_epochs(submission):
    """n_epochs = 0: θ = 0, losses = [mean(y_train²)], and the test MSE is mean(y_test²)"""
    _check(submission, n_epochs=0)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_state_used_twice(submission, seed):
    """random_state = 1 and 2: it seeds the split AND the batch order"""
    _check(submission, n_epochs=3, random_state=seed)
