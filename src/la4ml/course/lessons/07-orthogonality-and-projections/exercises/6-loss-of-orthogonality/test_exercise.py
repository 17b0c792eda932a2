"""Hidden tests of exercise 7.6 — plot_loss_of_orthogonality(sizes=range(2, 11)); graded on the figure's content."""

import numpy as np
import pytest
import scipy.linalg

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, last_call, show
from la4ml.factorizations import gram_schmidt

METHODS = ("classical", "modified", "householder")
EPS = np.finfo(np.float64).eps


@pytest.fixture(autouse=True)
def _close(request):
    yield
    close_figures()


def _expected(sizes):
    kappas, losses = [], {m: [] for m in METHODS}
    frob = {m: [] for m in METHODS}
    for n in sizes:
        H = scipy.linalg.hilbert(n)
        kappas.append(np.linalg.cond(H))
        for m in METHODS:
            Q = np.linalg.qr(H)[0] if m == "householder" else gram_schmidt(H, method=m)[0]
            losses[m].append(np.linalg.norm(Q.T @ Q - np.eye(n), 2))
            frob[m].append(np.linalg.norm(Q.T @ Q - np.eye(n)))
    return np.array(kappas), {m: np.array(v) for m, v in losses.items()}, {m: np.array(v) for m, v in frob.items()}


def _draw(submission, *args):
    f = function(submission, "plot_loss_of_orthogonality")
    fig = expect_figure(call(f, *args))
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected one axes holding the three lines.")
    return fig.axes[0]


def _lines_by_label(ax):
    lines = {}
    for line in ax.get_lines():
        label = str(line.get_label()).strip().lower()
        for m in METHODS:
            if m in label:
                if m in lines:
                    fail(f"Called {last_call()}; two lines are labelled with {m!r}; give each method one line.")
                lines[m] = line
    missing = [m for m in METHODS if m not in lines]
    if missing:
        labels = [line.get_label() for line in ax.get_lines()]
        fail(f"Called {last_call()}; no line is labelled {', '.join(repr(m) for m in missing)} (the line labels are "
             f"{labels}); pass label='classical', label='modified' and label='householder' to the three plot calls.")
    return lines


def _check_data(ax, sizes):
    """Check every line's data. The x data (condition numbers) are compared to their own rounding, κ·ε. The losses
    are rounding errors themselves, so they change with the BLAS kernels of the machine: they are checked against
    what the mathematics guarantees (Householder ≈ ε, modified ≈ ε·κ, classical of order 1 once ε·κ² ≫ 1), and the
    saturated values of classical Gram–Schmidt, which are stable, are compared to 10 %."""
    sizes = list(sizes)
    ns = np.array(sizes, dtype=float)
    kappas, losses, frob = _expected(sizes)
    lines = _lines_by_label(ax)
    data = {}
    for m in METHODS:
        xy = np.asarray(lines[m].get_xydata(), dtype=float)
        x, y = xy[:, 0], xy[:, 1]
        if len(x) != len(kappas):
            fail(f"Called {last_call()}; the {m!r} line has {len(x)} points; expected {len(kappas)}, one per size in "
                 f"{sizes}.")
        if not np.all(np.abs(x - kappas) <= (1e-9 + 100 * kappas * EPS) * kappas):
            if np.allclose(x, ns):
                why = "you plotted against the size n; plot against the condition number κ = np.linalg.cond(H)"
            elif np.allclose(y, kappas, rtol=1e-3):
                why = "x and y are swapped: the condition numbers go on the x axis, the losses on the y axis"
            elif np.allclose(x, kappas[::-1], rtol=1e-3):
                why = "the points are in reverse order: keep the order of sizes"
            else:
                why = "the x data must be the condition numbers np.linalg.cond(scipy.linalg.hilbert(n)) (the 2-norm one)"
            fail(f"Called {last_call()}; the {m!r} line has x data {show(x)}; expected {show(kappas)}: {why}.")
        if not np.all(np.isfinite(y) & (y >= 0)):
            fail(f"Called {last_call()}; the {m!r} line has y data {show(y)}; a loss ‖QᵀQ − I‖₂ is a finite number ≥ 0.")
        data[m] = y
    formula = "np.linalg.norm(Q.T @ Q - np.eye(n), 2)"
    hh, mgs, cgs = data["householder"], data["modified"], data["classical"]
    if np.any(hh > 100 * ns * EPS):
        i = int(np.argmax(hh / (100 * ns * EPS)))
        if np.allclose(hh, 1.0, atol=1e-6):
            why = "these are ‖QᵀQ‖ ≈ 1: subtract the identity, ‖QᵀQ − I‖₂"
        elif np.any(hh > 1e-10):
            why = ("these look like Gram–Schmidt's losses: the 'householder' line must use Q = np.linalg.qr(H)[0], whose "
                   "columns are orthonormal to rounding whatever κ")
        else:
            why = f"the y data must be {formula} with Q = np.linalg.qr(H)[0]"
        fail(f"Called {last_call()}; the 'householder' line has loss {hh[i]:.3g} at n = {sizes[i]}; Householder QR keeps "
             f"‖QᵀQ − I‖₂ at rounding level (≤ 100·n·ε = {100 * ns[i] * EPS:.1e}): {why}.")
    upper, lower = 100 * ns * kappas * EPS, 1e-3 * kappas * EPS
    checked = lower > 100 * ns * EPS  # where "grows like κ" can be told from "stays at ε"
    bad = (mgs > upper) | (checked & (mgs < lower))
    if np.any(bad):
        i = int(np.argmax(bad))
        if np.allclose(mgs, 1.0, atol=1e-3):
            why = "these are ‖QᵀQ‖ ≈ 1: subtract the identity"
        elif np.allclose(mgs, cgs, rtol=1e-9) or mgs[i] > upper[i]:
            why = ("the 'modified' line has classical Gram–Schmidt's losses (or labels swapped): use "
                   "gram_schmidt(H, method='modified') for it")
        else:
            why = ("these stay at rounding level like Householder's: the 'modified' line must use "
                   "gram_schmidt(H, method='modified')")
        fail(f"Called {last_call()}; the 'modified' line has loss {mgs[i]:.3g} at n = {sizes[i]} (κ = {kappas[i]:.3g}); "
             f"modified Gram–Schmidt loses orthogonality like ε·κ, between {lower[i]:.1e} and {upper[i]:.1e} here: {why}.")
    saturated = losses["classical"] >= 0.5  # ε·κ² ≫ 1: classical Gram–Schmidt's Q is not orthogonal at all
    off = saturated & (np.abs(cgs - losses["classical"]) > 0.1 * losses["classical"])
    if np.any(off):
        i = int(np.argmax(off))
        if np.allclose(cgs[saturated], frob["classical"][saturated], rtol=0.05):
            why = f"that is the Frobenius norm (np.linalg.norm's default); the task asks for the 2-norm, {formula}"
        elif np.all(cgs[saturated] < 1e-3):
            why = ("the 'classical' line stays small, like modified Gram–Schmidt's: use gram_schmidt(H, "
                   "method='classical') for it (are the labels swapped?)")
        else:
            why = f"the y data must be {formula} with Q = gram_schmidt(H, method='classical')[0]"
        fail(f"Called {last_call()}; the 'classical' line has loss {cgs[i]:.4g} at n = {sizes[i]} (κ = {kappas[i]:.3g}); "
             f"expected about {losses['classical'][i]:.4g}: {why}.")
    if np.any(cgs > np.maximum(100 * ns * kappas**2 * EPS, 2 * ns)):
        fail(f"Called {last_call()}; the 'classical' line has losses {show(cgs)}, more than ε·κ² allows; the y data must "
             f"be {formula} with Q = gram_schmidt(H, method='classical')[0].")
    return lines


def test_returns_a_figure_with_three_labelled_lines(submission):
    """returns a Figure with one axes and three lines labelled 'classical', 'modified' and 'householder'"""
    _lines_by_label(_draw(submission, [2, 3, 4]))


def test_data_for_default_sizes(submission):
    """with the default sizes (2 to 10): each line has x = κ(Hₙ) and y = ‖QᵀQ − I‖₂ for its method"""
    _check_data(_draw(submission), range(2, 11))


def test_data_for_other_sizes(submission):
    """sizes = [3, 5, 7, 9] gives four points per line, in that order"""
    _check_data(_draw(submission, [3, 5, 7, 9]), [3, 5, 7, 9])


def test_log_log_axes(submission):
    """both axes are logarithmic (the losses span 15 orders of magnitude)"""
    ax = _draw(submission, [2, 4, 6])
    scales = (ax.get_xscale(), ax.get_yscale())
    if scales != ("log", "log"):
        fail(f"Called {last_call()}; the axes scales are x: {scales[0]!r}, y: {scales[1]!r}; expected both 'log' "
             "(ax.loglog, or ax.set_xscale('log') and ax.set_yscale('log')): on linear axes every point but the "
             "last sits on zero.")


def test_labels_title_and_legend(submission):
    """the axes has an x label, a y label, a title and a legend that names the three methods"""
    ax = _draw(submission, [2, 4, 6])
    missing = [what for what, text in (("an x label", ax.get_xlabel()), ("a y label", ax.get_ylabel()),
                                       ("a title", ax.get_title())) if not str(text).strip()]
    if missing:
        fail(f"Called {last_call()}; the axes lacks {', '.join(missing)} (ax.set_xlabel, ax.set_ylabel, ax.set_title).")
    legend = ax.get_legend()
    if legend is None:
        fail(f"Called {last_call()}; the axes has no legend; call ax.legend() after plotting the labelled lines.")
    texts = " ".join(t.get_text().lower() for t in legend.get_texts())
    absent = [m for m in METHODS if m not in texts]
    if absent:
        fail(f"Called {last_call()}; the legend does not mention {absent}; its entries are {texts!r}.")


def test_the_story_the_figure_tells(submission):
    """at n = 8 (κ ≈ 1.5e10): classical's loss is near 1, modified's far below it, Householder's at rounding level"""
    lines = _check_data(_draw(submission, [8]), [8])
    y = {m: float(lines[m].get_ydata()[0]) for m in METHODS}
    if not (y["classical"] > 0.5 and y["modified"] < 1e-5 and y["householder"] < 1e-13):
        fail(f"Called {last_call()}; at n = 8 the losses are {y}; expected classical > 0.5, modified < 1e-5 and "
             "householder < 1e-13.")
