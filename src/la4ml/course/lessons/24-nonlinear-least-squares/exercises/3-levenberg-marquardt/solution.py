"""Exercise 24.3 — Levenberg–Marquardt from scratch (reference solution)."""

import numpy as np


def levenberg_marquardt_fit(fun, jac, x0, lam=1e-3, max_iter=100, xtol=1e-10):
    """Minimize ``½‖fun(x)‖²`` by Levenberg's method with the adaptive damping λ."""
    x = np.array(x0, dtype=float)  # a copy: x0 stays as it was
    r = np.asarray(fun(x), dtype=float)
    cost = 0.5 * float(r @ r)  # SciPy's convention: half the sum of squares
    costs, lams = [cost], []
    n = x.size
    for _ in range(max_iter):
        J = np.asarray(jac(x), dtype=float)
        p = np.linalg.solve(J.T @ J + lam * np.eye(n), -J.T @ r)
        r_new = np.asarray(fun(x + p), dtype=float)
        cost_new = 0.5 * float(r_new @ r_new)
        small = np.linalg.norm(p) <= xtol * (xtol + np.linalg.norm(x))
        if cost_new < cost:  # accept only a step that lowers the cost
            x, r, cost = x + p, r_new, cost_new
            lam /= 3.0  # the linear model was good: damp less
        else:
            lam *= 2.0  # reject: keep x, damp more, try a shorter step
        costs.append(cost)
        lams.append(lam)
        if small:
            break
    return x, costs, lams


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    t = np.linspace(0.0, 3.0, 40)
    y = 2.0 * np.exp(-1.4 * t) + 0.05 * rng.standard_normal(t.size)
    fun = lambda p: p[0] * np.exp(-p[1] * t) - y
    jac = lambda p: np.column_stack([np.exp(-p[1] * t), -p[0] * t * np.exp(-p[1] * t)])
    x, costs, lams = levenberg_marquardt_fit(fun, jac, np.array([1.0, 0.5]))
    print("fitted (a, k) =", x, " iterations:", len(lams), " final cost:", costs[-1])
