"""Hidden tests of exercise 12.6 — gradient_descent(A, x0, lr, n_steps) on xᵀAx with PyTorch autograd."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, counting, expect, fail, function, last_call, show

D = np.array([[1.0, 0.0], [0.0, -1.0]])
A_PD = np.array([[2.0, 1.0], [1.0, 2.0]])


def _as_array(v, what):
    """Convert a list/array/tensor, or a list of tensors, to a float64 NumPy array."""
    try:
        if isinstance(v, (list, tuple)) and v and hasattr(v[0], "detach"):
            v = [t.detach().cpu().numpy() for t in v]
        elif hasattr(v, "detach"):
            v = v.detach().cpu().numpy()
        return np.asarray(v, dtype=float)
    except (TypeError, ValueError) as exc:
        fail(f"Called {last_call()}; {what} is {show(v)}, which is not a list or array of numbers ({exc}).")


def _expected(A, x0, lr, n_steps):
    xs = [np.asarray(x0, dtype=float)]
    for _ in range(n_steps):
        xs.append(xs[-1] - lr * (A + A.T) @ xs[-1])  # the gradient of xᵀAx is (A + Aᵀ)x = 2Ax
    xs = np.array(xs)
    return np.einsum("ij,jk,ik->i", xs, A, xs), xs


def _run(submission, A, x0, lr=None, n_steps=None):
    f = function(submission, "gradient_descent")
    kwargs = {}
    if lr is not None:
        kwargs["lr"] = lr
    if n_steps is not None:
        kwargs["n_steps"] = n_steps
    got = call(f, np.array(A, dtype=float), np.array(x0, dtype=float), **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (losses, params).")
    return _as_array(got[0], "losses").ravel(), _as_array(got[1], "params")


def _check_trajectory(submission, A, x0, lr=0.1, n_steps=10, pass_args=True):
    A = np.asarray(A, dtype=float)
    losses, params = _run(submission, A, x0, lr if pass_args else None, n_steps if pass_args else None)
    exp_losses, exp_params = _expected(A, x0, lr, n_steps)
    n = len(x0)
    if len(losses) != n_steps + 1 or params.shape[0] != n_steps + 1:
        fail(f"Called {last_call()}; got {len(losses)} losses and {params.shape[0] if params.ndim else 0} logged "
             f"parameter vectors; expected n_steps + 1 = {n_steps + 1} of each: the starting point x_0 and the "
             f"point after each of the {n_steps} steps.")
    if params.shape != (n_steps + 1, n):
        fail(f"Called {last_call()}; params has shape {params.shape}; expected ({n_steps + 1}, {n}).")
    if n_steps >= 2 and np.allclose(params, params[-1]) and not np.allclose(exp_params, exp_params[-1]):
        fail(f"Called {last_call()}; every row of params is the same vector {show(params[-1])}: you logged x "
             "itself, and the in-place update then changed every entry of your log. Log a snapshot: "
             "x.detach().clone().")
    if not np.allclose(params[0], x0):
        fail(f"Called {last_call()}; params[0] is {show(params[0])}; expected the starting point x0 = {show(np.asarray(x0))}.")
    # the update rule
    half = [x0]
    for _ in range(n_steps):
        half.append(half[-1] - lr * 0.5 * (A + A.T) @ half[-1])
    if n_steps >= 1 and not np.allclose(params[1], exp_params[1], rtol=1e-5, atol=1e-8):
        if np.allclose(params[1], half[1], rtol=1e-5, atol=1e-8):
            fail(f"Called {last_call()}; params[1] = {show(params[1])} but x_1 = x_0 - lr·2Ax_0 = {show(exp_params[1])}: "
                 "your step used Ax instead of the gradient of xᵀAx, which is 2Ax. Let autograd compute it from "
                 "loss = x @ A @ x (not 0.5 * x @ A @ x).")
        fail(f"Called {last_call()}; params[1] = {show(params[1])}; expected x_1 = x_0 - lr·∇f(x_0) = "
             f"(I - 2·lr·A) x_0 = {show(exp_params[1])} with lr = {lr:g}.")
    bad = ~np.all(np.isclose(params, exp_params, rtol=1e-5, atol=1e-8), axis=1)
    if bad.any():
        k = int(np.argmax(bad))
        acc, g_sum = [np.asarray(x0, dtype=float)], np.zeros(n)
        for _ in range(n_steps):  # what happens when x.grad is never reset: the gradients add up
            g_sum = g_sum + (A + A.T) @ acc[-1]
            acc.append(acc[-1] - lr * g_sum)
        if np.allclose(params, np.array(acc), rtol=1e-5, atol=1e-8):
            fail(f"Called {last_call()}; params[{k}] = {show(params[k])}; expected {show(exp_params[k])}: your x.grad was "
                 "never reset, so each step used the SUM of all the gradients so far. PyTorch accumulates into "
                 ".grad: call x.grad.zero_() after every update.")
        fail(f"Called {last_call()}; params[{k}] = {show(params[k])}; expected {show(exp_params[k])}: every step must be "
             f"x ← x - lr·∇f(x) with the same lr = {lr:g} (and the gradient reset to zero before the next step, "
             "or the gradients add up).")
    bad = ~np.isclose(losses, exp_losses, rtol=1e-5, atol=1e-8)
    if bad.any():
        k = int(np.argmax(bad))
        after = np.einsum("ij,jk,ik->i", exp_params[1:], A, exp_params[1:])
        if np.allclose(losses[:-1], after, rtol=1e-5, atol=1e-8):
            fail(f"Called {last_call()}; losses[k] is the loss at params[k + 1]: log the loss BEFORE the update, so that "
                 f"losses[k] = f(params[k]) (losses[0] = f(x0) = {exp_losses[0]:.6g}).")
        fail(f"Called {last_call()}; losses[{k}] = {losses[k]:.6g}; expected f(x_{k}) = x_{k}ᵀ A x_{k} = "
             f"{exp_losses[k]:.6g}.")
    return losses, params


def test_saddle_from_the_task(submission):
    """on D = [[1, 0], [0, -1]] from x0 = (1, 1), 10 steps of lr = 0.1 give x_k = (0.8^k, 1.2^k)"""
    _check_trajectory(submission, D, [1.0, 1.0])


def test_saddle_loss_runs_off(submission):
    """on D the loss decreases at every step and falls below -38 after 10 steps (there is no minimum)"""
    losses, params = _check_trajectory(submission, D, [1.0, 1.0])
    expect(np.all(np.diff(losses) < 0) and losses[-1] < -38, got=losses[-1], expected="about -38.3",
           because="the y-coordinate grows by 1 + 2·0.1 = 1.2 per step along D's negative-eigenvalue direction")


def test_positive_definite_converges(submission):
    """on the positive definite [[2, 1], [1, 2]] the loss decreases to nearly 0 (below 1e-6)"""
    losses, _ = _check_trajectory(submission, A_PD, [1.0, 1.0])
    expect(np.all(np.diff(losses) < 0) and 0 <= losses[-1] < 1e-6, got=losses[-1], expected="about 6e-8",
           because="both eigenvalues are positive, so (I - 2·lr·A) shrinks x every step and the loss goes to 0")


def test_default_arguments(submission):
    """uses lr = 0.1 and n_steps = 10 by default"""
    _check_trajectory(submission, D, [0.5, -2.0], pass_args=False)


def test_other_size_lr_and_steps(submission):
    """honours lr and n_steps on a 3 × 3 matrix (lr = 0.05, 4 steps)"""
    _check_trajectory(submission, np.diag([1.0, 2.0, -0.5]), [1.0, -1.0, 2.0], lr=0.05, n_steps=4)


def test_uses_autograd(submission):
    """computes the gradient with PyTorch autograd (loss.backward() or torch.autograd.grad)"""
    with counting("torch.autograd.backward", "torch.autograd.grad") as autograd:
        _run(submission, D, [1.0, 1.0], 0.1, 10)
    if autograd.n < 10:
        fail(f"Called {last_call()}; autograd ran {autograd.n} time(s) for 10 steps. This exercise is "
             "about letting PyTorch differentiate: make x a tensor with requires_grad=True, compute "
             "loss = x @ A_t @ x and call loss.backward() at every step (do not write 2 * A @ x by hand).")


@st.composite
def problems(draw):
    a, c = draw(st.floats(-2, 2)), draw(st.floats(-2, 2))
    b = draw(st.floats(-1, 1))
    x0 = draw(st.lists(st.floats(-2, 2), min_size=2, max_size=2))
    lr = draw(st.sampled_from([0.01, 0.05, 0.1, 0.2]))
    n_steps = draw(st.integers(1, 6))
    return np.array([[a, b], [b, c]]), x0, lr, n_steps


@settings(max_examples=15, deadline=None)
@given(case=problems())
def test_property_recurrence(submission, case):
    """on random symmetric 2 × 2 matrices, start points, lr and n_steps, follows x_{k+1} = (I - 2·lr·A) x_k"""
    A, x0, lr, n_steps = case
    _check_trajectory(submission, A, x0, lr=lr, n_steps=n_steps)
