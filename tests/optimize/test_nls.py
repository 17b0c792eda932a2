"""Tests of la4ml.optimize: gauss_newton, levenberg_marquardt, curve_fit, jacobian_2point.

Evidence of three kinds: agreement with scipy.optimize.least_squares(method="lm") / curve_fit on the
Moré–Garbow–Hillstrom problems and the lesson's fits; linear residuals built from the zoo (where the
answer is np.linalg.lstsq's); and invariants (an accepted step never raises the cost, cost = ½‖r‖²).
"""

import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.optimize
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import OptimizeResult, OptimizeWarning, least_squares

import zoo
from la4ml.errors import (DTypeError, EmptyInputError, NonFiniteError, NotConvergedError, NumericOverflowError,
                          OutOfRangeError, ShapeError, SingularMatrixError)
from la4ml.optimize import curve_fit, gauss_newton, jacobian_2point, levenberg_marquardt

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import bench_lm  # noqa: E402  (the problem definitions; the benchmark's timing code is not run)

EPS = np.finfo(float).eps
PROBLEMS = [make() for make in bench_lm.PROBLEMS]
PROBLEM_IDS = [p[0].replace(" ", "-") for p in PROBLEMS]


def _same_cost(ours, ref, cost0):
    return abs(ours - ref) <= 1e-8 * max(ref, 1e-8 * cost0)


@pytest.mark.parametrize("problem", PROBLEMS, ids=PROBLEM_IDS)
@pytest.mark.parametrize("analytic", [True, False], ids=["analytic", "2-point"])
def test_matches_scipy_lm(problem, analytic):
    """Same cost as least_squares(method='lm') to 1e-8 relative, within 2× its nfev, same status class."""
    name, fun, jac, x0 = problem
    j = jac if analytic else None
    ours = levenberg_marquardt(fun, x0, j)
    ref = least_squares(fun, x0, jac=j if analytic else "2-point", method="lm")
    cost0 = 0.5 * float(fun(x0) @ fun(x0))
    assert ours.success and ref.success
    assert _same_cost(ours.cost, ref.cost, cost0), (ours.cost, ref.cost)
    assert ours.nfev <= 2 * ref.nfev, (ours.nfev, ref.nfev)
    if ref.cost > 1e-12 * cost0:  # a nonzero-residual minimum: the minimizers agree as far as the cost pins them
        # cost(x) - cost(x*) ≈ ½‖J Δx‖² ≥ ½σ_min²‖Δx‖², and both costs are within ftol·cost of the minimum
        sigma_min = np.linalg.svd(ref.jac, compute_uv=False)[-1]
        bound = 3 * np.sqrt(2 * 2 * 1e-8 * ref.cost) / sigma_min
        assert np.linalg.norm(ours.x - ref.x) <= bound, (ours.x, ref.x, bound)


def test_lesson_decay_rate():
    """The lesson's decay fit recovers the rate 1.4 within 3 standard errors of the noise (σ = 0.05)."""
    name, fun, jac, x0 = PROBLEMS[0]
    res = levenberg_marquardt(fun, x0, jac)
    J = jac(np.array([2.0, 1.4]))
    se = 0.05 * np.sqrt(np.diag(np.linalg.inv(J.T @ J)))
    assert abs(res.x[1] - 1.4) <= 3 * se[1] and abs(res.x[0] - 2.0) <= 3 * se[0]


def test_result_fields():
    """The result is SciPy's OptimizeResult: cost = ½‖fun‖², fun = r(x), jac = J(x), grad = Jᵀr, status/message."""
    name, fun, jac, x0 = PROBLEMS[0]
    res = levenberg_marquardt(fun, x0, jac)
    assert isinstance(res, OptimizeResult)
    np.testing.assert_array_equal(res.fun, fun(res.x))
    assert res.cost == pytest.approx(0.5 * np.sum(fun(res.x) ** 2), rel=4 * EPS)
    np.testing.assert_allclose(res.jac, jac(res.x), rtol=1e-14)
    np.testing.assert_allclose(res.grad, res.jac.T @ res.fun, rtol=1e-12)
    assert res.optimality == pytest.approx(np.abs(res.grad).max())
    assert res.status in (1, 2, 3, 4) and res.success and isinstance(res.message, str)
    assert res.njev >= 1 and res.nfev >= res.njev and res.nit == res.njev
    ref = least_squares(fun, x0, jac=jac, method="lm")
    assert set(ref.keys()) <= set(res.keys())


def test_x0_untouched_and_not_aliased():
    """x0 is never modified and res.x is not x0 itself."""
    name, fun, jac, x0 = PROBLEMS[2]
    x0c = x0.copy()
    for solver in (levenberg_marquardt, gauss_newton):
        res = solver(fun, x0, jac)
        np.testing.assert_array_equal(x0, x0c)
        assert res.x is not x0


def test_accepted_steps_lower_cost_and_good_steps_lower_lambda():
    """Every accepted step lowers the cost; on a linear problem (ρ = 1) λ is divided by 3 after each step."""
    name, fun, jac, x0 = PROBLEMS[2]  # Rosenbrock: steps get rejected on the way
    res = levenberg_marquardt(fun, x0, jac)
    c = np.concatenate([[0.5 * float(fun(x0) @ fun(x0))], res.cost_history])
    assert np.all(np.diff(c) <= 0)
    assert (~res.accepted).any() and res.accepted.any()
    lam_before = np.concatenate([[1e-3], res.lambda_history[:-1]])
    rejected = ~res.accepted
    np.testing.assert_allclose(res.lambda_history[rejected] / lam_before[rejected] >= 2, True)
    A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]])
    b = np.array([1.0, 0.0, 2.0])
    lin = levenberg_marquardt(lambda x: A @ x - b, np.zeros(2), lambda x: A, gtol=0.0, ftol=0.0, xtol=1e-15,
                              max_nfev=4)
    assert lin.accepted[0]
    assert lin.lambda_history[0] == pytest.approx(1e-3 / 3, rel=1e-12)


@pytest.mark.parametrize("case", zoo.select("invertible") + zoo.select("tall", "full-rank"), ids=zoo.ids)
def test_linear_residuals_on_zoo(case):
    """On r(x) = Ax − b: Gauss–Newton lands on np.linalg.lstsq's x in one step (to κ·ε); LM reaches its cost to ftol."""
    A = case.A.astype(float)
    b = np.random.default_rng(0).standard_normal(A.shape[0])
    x_ref = np.linalg.lstsq(A, b, rcond=None)[0]
    kappa = np.linalg.cond(A)
    cost_ref = 0.5 * float((A @ x_ref - b) @ (A @ x_ref - b))
    gn = gauss_newton(lambda x: A @ x - b, np.zeros(A.shape[1]), lambda x: A)
    np.testing.assert_allclose(gn.x, x_ref, atol=10 * kappa * EPS * max(A.shape) * np.linalg.norm(x_ref))
    # LM stops on MINPACK's rules: on spd-ill-conditioned and near-dependent-10x4 the gtol test (every column of
    # A within 1e-8 of orthogonal to r) fires far from lstsq's cost, exactly where SciPy's method='lm' stops too
    lm = levenberg_marquardt(lambda x: A @ x - b, np.zeros(A.shape[1]), lambda x: A)
    ref = least_squares(lambda x: A @ x - b, np.zeros(A.shape[1]), jac=lambda x: A, method="lm")
    cost0 = 0.5 * float(b @ b)
    assert lm.success
    assert lm.cost - cost_ref <= max(ref.cost - cost_ref, 0.0) * 1.1 + 1e-8 * max(cost_ref, 1e-8 * cost0)


@pytest.mark.parametrize("case", zoo.select("rank-deficient", exclude=("wide",)), ids=zoo.ids)
def test_gauss_newton_detects_rank_deficient_jacobian(case):
    """Gauss–Newton on a rank-deficient Jacobian raises SingularMatrixError naming the rank and the fix."""
    A = case.A
    b = np.ones(A.shape[0])
    if not A.any():  # J = 0: the gradient Jᵀr is 0, x0 is already stationary
        assert gauss_newton(lambda x: A @ x - b, np.zeros(A.shape[1]), lambda x: A).status == 1
        return
    with pytest.raises(SingularMatrixError, match=r"rank \d+ < n = .*levenberg_marquardt"):
        gauss_newton(lambda x: A @ x - b, np.zeros(A.shape[1]), lambda x: A)
    res = levenberg_marquardt(lambda x: A @ x - b, np.zeros(A.shape[1]), lambda x: A)
    x_ref = np.linalg.lstsq(A, b, rcond=None)[0]
    cost_ref = 0.5 * np.sum((A @ x_ref - b) ** 2)
    assert res.cost - cost_ref <= 1e-8 * max(cost_ref, 1e-8 * 0.5 * float(b @ b))


def test_gauss_newton_matches_lm_near_the_answer():
    """From a good start, Gauss–Newton reaches SciPy's minimizer of the decay fit."""
    name, fun, jac, x0 = PROBLEMS[0]
    res = gauss_newton(fun, [1.8, 1.2], jac)
    ref = least_squares(fun, x0, jac=jac, method="lm")
    np.testing.assert_allclose(res.x, ref.x, rtol=1e-7)
    assert res.success and len(res.cost_history) == res.nit - (res.status == 1)


def test_gauss_newton_overshoot_is_reported():
    """An undamped step into non-finite residuals raises NotConvergedError (not a NaN result)."""
    fun = lambda x: np.sqrt(x) - 0.1  # noqa: E731  (from x = 4 the linearized step lands at x = -3.6)
    with pytest.raises(NotConvergedError, match="overshot"):
        with np.errstate(all="ignore"):
            gauss_newton(fun, [4.0])
    with np.errstate(invalid="ignore"):  # LM's rejected trials land at x < 0 too; it steps back
        assert levenberg_marquardt(fun, [4.0]).x == pytest.approx(0.01, rel=1e-6)


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_scale_invariance(scale):
    """Scaling the residuals by 1e-6 or 1e6 gives the same minimizer: the stopping rules are relative."""
    name, fun, jac, x0 = PROBLEMS[0]
    base = levenberg_marquardt(fun, x0, jac)
    res = levenberg_marquardt(lambda p: scale * fun(p), x0, lambda p: scale * jac(p))
    np.testing.assert_allclose(res.x, base.x, rtol=1e-7)
    assert res.cost == pytest.approx(scale ** 2 * base.cost, rel=1e-8)
    res_fd = levenberg_marquardt(lambda p: scale * fun(p), x0)
    np.testing.assert_allclose(res_fd.x, base.x, rtol=1e-6)


def test_max_nfev_budget():
    """max_nfev=1 stops at once with status 0, success False and SciPy's message."""
    name, fun, jac, x0 = PROBLEMS[2]
    res = levenberg_marquardt(fun, x0, jac, max_nfev=1)
    assert res.status == 0 and not res.success and res.nfev == 1
    np.testing.assert_array_equal(res.x, x0)
    assert res.message == "The maximum number of function evaluations is exceeded."
    res = levenberg_marquardt(fun, x0, jac, max_nfev=5)
    assert res.status == 0 and res.nfev == 5


def test_zero_residual_start_returns_at_once():
    """fun(x0) = 0 returns x0 with cost 0 and status 1 after one evaluation."""
    res = levenberg_marquardt(lambda x: x - 1.0, np.ones(3))
    assert res.status == 1 and res.cost == 0.0 and res.nfev == 1
    np.testing.assert_array_equal(res.x, np.ones(3))


@pytest.mark.parametrize("kwargs, err", [
    ({"ftol": -1.0}, OutOfRangeError), ({"xtol": np.nan}, DTypeError),
    ({"ftol": 0.0, "xtol": 0.0, "gtol": 0.0}, ValueError), ({"max_nfev": 0}, OutOfRangeError),
    ({"max_nfev": 2.5}, DTypeError), ({"lambda0": 0.0}, OutOfRangeError), ({"x_scale": "auto"}, ValueError),
])
def test_invalid_parameters_raise(kwargs, err):
    """Invalid tolerances, budgets and damping raise errors that name the parameter."""
    name = next(iter(kwargs))
    with pytest.raises(err, match=name):
        levenberg_marquardt(lambda x: x - 1.0, np.zeros(2), **kwargs)


def test_bad_problems_raise_teaching_errors():
    """Transposed Jacobian, m < n, non-finite start and a non-callable fun each raise a clear error."""
    A = np.arange(6.0).reshape(3, 2) + np.eye(3, 2)
    with pytest.raises(ShapeError, match="transposed"):
        levenberg_marquardt(lambda x: A @ x, np.ones(2), lambda x: A.T)
    with pytest.raises(ShapeError, match="transposed"):
        gauss_newton(lambda x: A @ x, np.ones(2), lambda x: A.T)
    with pytest.raises(ShapeError, match="at least as many residuals"):
        levenberg_marquardt(lambda x: A.T @ x, np.ones(3))
    with pytest.raises(NonFiniteError, match=r"fun\(x0\)"), np.errstate(invalid="ignore"):
        levenberg_marquardt(lambda x: np.log(x), np.array([-1.0, 1.0]))
    with pytest.raises(TypeError, match="fun must be a callable"):
        levenberg_marquardt(A, np.ones(2))
    with pytest.raises(ShapeError, match="keep its length"):
        levenberg_marquardt(lambda x: np.ones(3 if x[0] == 0 else 4) * x.sum(), np.zeros(2))


def test_jacobian_2point_matches_scipy_step():
    """The forward-difference Jacobian equals SciPy's '2-point' approx_derivative, float64 and float32."""
    from scipy.optimize._numdiff import approx_derivative

    name, fun, jac, x0 = PROBLEMS[6]  # Brown badly scaled: |x| from 1e-6 to 1e6
    for x in (x0, np.array([1e6, 2e-6]), np.array([-3.0, 0.0])):
        np.testing.assert_allclose(jacobian_2point(fun, x), approx_derivative(fun, x, method="2-point"),
                                   rtol=1e-12, atol=1e-12)
    f32 = lambda x: np.array([x[0] ** 2, np.sin(x[1])], dtype=np.float32)  # noqa: E731
    x = np.array([1.5, 0.3])
    J = jacobian_2point(f32, x)
    exact = np.diag([3.0, np.cos(0.3)])
    err32 = np.abs(J - exact).max()
    assert 1e-6 < err32 < 1e-2  # a float32 step: about √ε32 ≈ 3e-4 of error, not float64's √ε ≈ 1e-8


@pytest.mark.parametrize("absolute_noise", [False, True])
def test_curve_fit_matches_scipy(absolute_noise):
    """curve_fit returns (popt, pcov) equal to scipy.optimize.curve_fit's, with and without an analytic jac."""
    rng = np.random.default_rng(3)
    t = np.linspace(0, 3, 25)
    y = 2.0 * np.exp(-1.4 * t) + 0.3 + 0.02 * rng.standard_normal(t.size)
    model = lambda t, a, k, c: a * np.exp(-k * t) + c  # noqa: E731
    mjac = lambda t, a, k, c: np.column_stack([np.exp(-k * t), -a * t * np.exp(-k * t), np.ones_like(t)])  # noqa: E731
    ref_popt, ref_pcov = scipy.optimize.curve_fit(model, t, y, p0=[1.0, 1.0, 0.0])
    popt, pcov = curve_fit(model, t, y, [1.0, 1.0, 0.0], jac=mjac if absolute_noise else None)
    np.testing.assert_allclose(popt, ref_popt, rtol=1e-6)
    np.testing.assert_allclose(pcov, ref_pcov, rtol=1e-4, atol=1e-8 * np.abs(ref_pcov).max())
    popt0, _ = curve_fit(model, t, y)  # p0 = ones from the signature, as SciPy
    np.testing.assert_allclose(popt0, scipy.optimize.curve_fit(model, t, y)[0], rtol=1e-6)


def test_curve_fit_square_system_warns():
    """With as many parameters as points, pcov is all inf and an OptimizeWarning is issued (as SciPy)."""
    t = np.array([0.0, 1.0])
    with pytest.warns(OptimizeWarning):
        popt, pcov = curve_fit(lambda t, a, b: a + b * t, t, np.array([1.0, 3.0]), [0.0, 0.0])
    np.testing.assert_allclose(popt, [1.0, 2.0], rtol=1e-8)
    assert np.all(np.isinf(pcov))
    with pytest.raises(NotConvergedError, match="Optimal parameters not found"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            curve_fit(lambda t, a, b: a * np.exp(b * t), np.linspace(0, 1, 5), np.arange(5.0), [1.0, 1.0],
                      max_nfev=2)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6), st.integers(0, 3), st.integers(0, 2**31 - 1))
@example(2, 0, 0)
def test_hypothesis_linear_least_squares(n, extra, seed):
    """On random full-rank linear problems, LM's x solves the normal equations to κ²·ε relative."""
    rng = np.random.default_rng(seed)
    m = n + extra
    A = rng.standard_normal((m, n))
    b = rng.standard_normal(m)
    res = levenberg_marquardt(lambda x: A @ x - b, rng.standard_normal(n), lambda x: A)
    x_ref = np.linalg.lstsq(A, b, rcond=None)[0]
    kappa = np.linalg.cond(A)
    assert res.success
    np.testing.assert_allclose(res.x, x_ref, atol=1e-6 * kappa * max(1.0, np.linalg.norm(x_ref)))


# ---- fuzz findings (issue #9): bad callables, scale, lambda0, curve_fit's inputs ----
_BAD_FUNS = [
    (None, DTypeError, r"fun must be a callable"),
    ("abc", DTypeError, r"fun must be a callable"),
    (lambda: 0.0, DTypeError, r"fun must accept the point as its first positional argument"),
    (lambda x: None, DTypeError, r"returned None"),
    (lambda x: np.array(["a"] * x.size), DTypeError, r"must hold numbers"),
    (lambda x: x + 1j, DTypeError, r"must be real"),
    (lambda x: [[1.0], [1.0, 2.0]], ShapeError, r"rectangular"),
    (lambda x: np.outer(x, x), ShapeError, r"1-D vector of residuals"),
    (lambda x: np.zeros(0), EmptyInputError, r"empty"),
    (lambda x: x * np.nan, NonFiniteError, r"returned nan"),
]


@pytest.mark.parametrize("fun, err, match", _BAD_FUNS)
@pytest.mark.parametrize("solver", [jacobian_2point, gauss_newton, levenberg_marquardt])
def test_bad_callables_raise_la4ml_errors_naming_fun(solver, fun, err, match):
    """Each bad fun is refused before (or at) its first evaluation, with an error naming fun and what it returned."""
    from la4ml.errors import La4mlError

    with pytest.raises(err, match=match) as info:
        solver(fun, np.array([1.0, -2.0, 0.5]))
    assert isinstance(info.value, La4mlError) and "fun" in str(info.value)


@pytest.mark.parametrize("solver", [gauss_newton, levenberg_marquardt])
@pytest.mark.parametrize("what", ["x0", "residuals"])
def test_values_whose_square_overflows_are_refused(solver, what):
    """‖x0‖² or the cost ½‖r‖² beyond the largest float: NumericOverflowError naming it, with the fix."""
    from la4ml.errors import NumericOverflowError

    x0 = np.array([1e308, 1.0]) if what == "x0" else np.zeros(2)
    fun = (lambda x: np.sin(x)) if what == "x0" else (lambda x: np.full(3, 1.7e308) + x.sum())
    name = r"x0 is too large.*larger units" if what == "x0" else r"fun\(x0\) is too large.*rescale the residuals"
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(NumericOverflowError, match=name):
            solver(fun, x0)


@pytest.mark.parametrize("lambda0", [1e308, 1e20])
def test_lambda0_beyond_one_over_eps_is_refused(lambda0):
    with pytest.raises(OutOfRangeError, match=r"lambda0 must lie in \(0, 1/eps\]"):
        levenberg_marquardt(lambda x: x - 1.0, np.zeros(2), lambda0=lambda0)


_T4 = np.array([0.0, 0.5, 1.0, 1.5])


def _model(t, a, k):
    return a * np.exp(-k * t)


@pytest.mark.parametrize("kwargs, err, match", [
    ({"xdata": _T4[:3]}, ShapeError, r"xdata must hold one point per observation.*length 4"),
    ({"xdata": np.ones((2, 2, 2))}, ShapeError, r"xdata must hold one point per observation"),
    ({"xdata": None}, DTypeError, r"xdata must hold numbers"),
    ({"xdata": "abc"}, DTypeError, r"xdata must hold numbers"),
    ({"xdata": _T4 + 1j}, DTypeError, r"xdata must be real"),
    ({"xdata": np.array([0.0, np.nan, 1.0, 2.0])}, NonFiniteError, r"xdata must contain only finite"),
    ({"ydata": np.ones(5)}, ShapeError, r"xdata must hold one point per observation.*length 5"),
    ({"ydata": np.array([1.0, np.inf, 1.0, 1.0])}, NonFiniteError, r"ydata"),
    ({"p0": [1.0]}, ShapeError, r"p0 has 1 entries but the model f takes 2 parameters after xdata \(a, k\)"),
    ({"p0": [1.0, 1.0, 1.0]}, ShapeError, r"p0 has 3 entries"),
    ({"xdata": _T4 * (-1.7e308 / 1.5)}, NonFiniteError, r"f\(xdata, \*p0\) returned inf"),
    ({"p0": [-1.7e308, -1.7e308]}, NumericOverflowError, r"curve_fit: p0 is too large: max\|p0\| = 1.7e\+308"),
    ({"p0": [1.0, -1000.0]}, NonFiniteError, r"f\(xdata, \*p0\) returned inf"),  # exp(1500) overflows in f
    ({"ydata": _T4 * 1e308}, NumericOverflowError, r"curve_fit: f\(xdata, \*p0\) - ydata is too large.*rescale ydata"),
])
def test_curve_fit_checks_its_inputs_before_the_model(kwargs, err, match):
    """Lengths, types, finiteness and p0's length are checked first; the model's first output is checked, naming f."""
    from la4ml.errors import La4mlError

    args = {"f": _model, "xdata": _T4, "ydata": _model(_T4, 2.0, 1.4), "p0": [1.0, 1.0], **kwargs}
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(err, match=match) as info:
            curve_fit(**args)
    assert isinstance(info.value, La4mlError)


def test_curve_fit_p0_may_skip_parameters_with_defaults():
    """A model parameter with a default may be left out of p0 (it then keeps its default), as with SciPy."""
    def model(t, a, k=1.4):
        return a * np.exp(-k * t)

    popt, _ = curve_fit(model, _T4, model(_T4, 2.0), p0=[1.0])
    np.testing.assert_allclose(popt, [2.0], rtol=1e-8)
