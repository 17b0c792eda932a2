"""Function evaluations of ``la4ml.optimize.levenberg_marquardt`` against SciPy's MINPACK LM.

Run:  nice .venv/bin/python benchmarks/bench_lm.py > benchmarks/results/bench_lm.txt

Problems: the two fits of Part 24 (an exponential decay with rate 1.4 and a sinusoid, seed 0, the
same data the lesson generates) and five standard problems of Moré, Garbow & Hillstrom, "Testing
unconstrained optimization software", ACM TOMS 7(1):17–41, 1981 (problems 1 Rosenbrock,
2 Freudenstein–Roth, 13 Powell singular, 12 Box 3-D, 4 Brown badly scaled) from their standard
starting points. Each is solved twice, with the analytic Jacobian and with forward differences,
by ``levenberg_marquardt`` and by ``scipy.optimize.least_squares(method="lm")`` with the same
tolerances (SciPy's defaults, 1e-8). Both count nfev the same way: the calls of fun made by the
iteration, not the finite-difference ones (SciPy >= 1.16 differentiates outside MINPACK and does
not count them) nor the final Jacobian.

Goal (Part 24): nfev within 2× of SciPy's and the same cost to 1e-8 relative. "Same cost" is
|cost − cost_scipy| ≤ 1e-8 · max(cost_scipy, 1e-8 · cost(x0)): relative to the final cost, or, for
zero-residual problems whose final cost is rounding noise, relative to 1e-8 × the starting cost.
Function evaluations are counts, not timings, so machine load does not change them.
"""

from __future__ import annotations

import platform

import numpy as np
import scipy
from scipy.optimize import least_squares

from la4ml.optimize import levenberg_marquardt


def lesson_decay():
    rng = np.random.default_rng(0)
    t = np.linspace(0.0, 3.0, 40)
    y = 2.0 * np.exp(-1.4 * t) + 0.05 * rng.standard_normal(t.size)
    fun = lambda p: p[0] * np.exp(-p[1] * t) - y  # noqa: E731
    jac = lambda p: np.column_stack([np.exp(-p[1] * t), -p[0] * t * np.exp(-p[1] * t)])  # noqa: E731
    return "Part 24 decay fit", fun, jac, np.array([1.0, 0.5])


def lesson_sine():
    rng = np.random.default_rng(1)
    t = np.linspace(0.0, 10.0, 80)
    y = 1.5 * np.sin(2.0 * t) + 0.1 * rng.standard_normal(t.size)
    fun = lambda p: p[0] * np.sin(p[1] * t) - y  # noqa: E731
    jac = lambda p: np.column_stack([np.sin(p[1] * t), p[0] * t * np.cos(p[1] * t)])  # noqa: E731
    return "Part 24 sine fit", fun, jac, np.array([1.0, 1.9])


def rosenbrock():
    fun = lambda x: np.array([10.0 * (x[1] - x[0] ** 2), 1.0 - x[0]])  # noqa: E731
    jac = lambda x: np.array([[-20.0 * x[0], 10.0], [-1.0, 0.0]])  # noqa: E731
    return "MGH 1 Rosenbrock", fun, jac, np.array([-1.2, 1.0])


def freudenstein_roth():
    fun = lambda x: np.array([-13.0 + x[0] + ((5.0 - x[1]) * x[1] - 2.0) * x[1],  # noqa: E731
                              -29.0 + x[0] + ((x[1] + 1.0) * x[1] - 14.0) * x[1]])
    jac = lambda x: np.array([[1.0, 10.0 * x[1] - 3.0 * x[1] ** 2 - 2.0],  # noqa: E731
                              [1.0, 3.0 * x[1] ** 2 + 2.0 * x[1] - 14.0]])
    return "MGH 2 Freudenstein-Roth", fun, jac, np.array([0.5, -2.0])


def powell_singular():
    s5, s10 = np.sqrt(5.0), np.sqrt(10.0)
    fun = lambda x: np.array([x[0] + 10.0 * x[1], s5 * (x[2] - x[3]),  # noqa: E731
                              (x[1] - 2.0 * x[2]) ** 2, s10 * (x[0] - x[3]) ** 2])
    jac = lambda x: np.array([[1.0, 10.0, 0.0, 0.0], [0.0, 0.0, s5, -s5],  # noqa: E731
                              [0.0, 2.0 * (x[1] - 2.0 * x[2]), -4.0 * (x[1] - 2.0 * x[2]), 0.0],
                              [2.0 * s10 * (x[0] - x[3]), 0.0, 0.0, -2.0 * s10 * (x[0] - x[3])]])
    return "MGH 13 Powell singular", fun, jac, np.array([3.0, -1.0, 0.0, 1.0])


def box3d():
    t = 0.1 * np.arange(1, 11)
    fun = lambda x: np.exp(-t * x[0]) - np.exp(-t * x[1]) - x[2] * (np.exp(-t) - np.exp(-10.0 * t))  # noqa: E731
    jac = lambda x: np.column_stack([-t * np.exp(-t * x[0]), t * np.exp(-t * x[1]),  # noqa: E731
                                     -(np.exp(-t) - np.exp(-10.0 * t))])
    return "MGH 12 Box 3-D", fun, jac, np.array([0.0, 10.0, 20.0])


def brown_badly_scaled():
    fun = lambda x: np.array([x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2.0])  # noqa: E731
    jac = lambda x: np.array([[1.0, 0.0], [0.0, 1.0], [x[1], x[0]]])  # noqa: E731
    return "MGH 4 Brown badly scaled", fun, jac, np.array([1.0, 1.0])


PROBLEMS = [lesson_decay, lesson_sine, rosenbrock, freudenstein_roth, powell_singular, box3d,
            brown_badly_scaled]


def main() -> None:
    print(f"# numpy {np.__version__}, scipy {scipy.__version__}, Python {platform.python_version()}")
    print(f"{'problem':<26} {'jacobian':<8} {'nfev ours':>9} {'nfev scipy':>10} {'ratio':>6} "
          f"{'cost ours':>12} {'cost scipy':>12} {'same cost':>9}")
    worst, all_same = 0.0, True
    for make in PROBLEMS:
        name, fun, jac, x0 = make()
        cost0 = 0.5 * float(fun(x0) @ fun(x0))
        for label, j in (("analytic", jac), ("2-point", None)):
            ours = levenberg_marquardt(fun, x0, j)
            ref = least_squares(fun, x0, jac=j if j is not None else "2-point", method="lm")
            ratio = ours.nfev / ref.nfev
            same = abs(ours.cost - ref.cost) <= 1e-8 * max(ref.cost, 1e-8 * cost0)
            worst, all_same = max(worst, ratio), all_same and same
            print(f"{name:<26} {label:<8} {ours.nfev:>9d} {ref.nfev:>10d} {ratio:>6.2f} "
                  f"{ours.cost:>12.5g} {ref.cost:>12.5g} {str(same):>9}")
    print(f"worst nfev ratio ours/scipy: {worst:.2f} (goal <= 2); same cost everywhere: {all_same}")


if __name__ == "__main__":
    main()
