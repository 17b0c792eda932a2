"""Hidden tests of exercise 18.6 — plot_fiedler_entries(A, groups, names); graded on the figure's content."""

import networkx as nx
import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, show

_G = nx.karate_club_graph()
KARATE = nx.to_numpy_array(_G, nodelist=range(34), weight=None)
CLUBS = np.array([0 if _G.nodes[i]["club"] == "Mr. Hi" else 1 for i in range(34)])
BRIDGE = np.zeros((5, 5))
for _i, _j in [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4)]:
    BRIDGE[_i, _j] = BRIDGE[_j, _i] = 1.0


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _eig(A):
    lam, V = np.linalg.eigh(np.diag(A.sum(axis=1)) - A)
    return lam, V


def _fiedler(A):
    _, V = _eig(A)
    v = V[:, 1]
    return v * np.sign(v[np.argmax(np.abs(v))])


def _draw(submission, A, groups, names):
    f = function(submission, "plot_fiedler_entries")
    fig = expect_figure(call(f, A, groups, list(names)))
    axes = [ax for ax in fig.axes if len(ax.collections)]
    if not axes:
        fail(f"Called {last_call()}; the figure has no scatter plot; draw one ax.scatter per group.")
    ax = axes[0]
    scatters = [c for c in ax.collections if is_instance(c, "matplotlib.collections.PathCollection")]
    if len(scatters) != len(names):
        fail(f"Called {last_call()}; the axes holds {len(scatters)} scatter plot(s); expected {len(names)}, one "
             "ax.scatter per group (so that each group gets its own color and legend entry).")
    return fig, ax, [np.asarray(c.get_offsets(), dtype=float) for c in scatters], scatters


def _check_points(submission, A, groups, names):
    fig, ax, pts, scatters = _draw(submission, A, groups, names)
    n = len(A)
    v = _fiedler(A)
    lam, V = _eig(A)
    for g, P in enumerate(pts):
        want_n = int(np.sum(groups == g))
        if P.shape != (want_n, 2):
            fail(f"Called {last_call()}; scatter {g} ({names[g]!r}) has {len(P)} points; expected {want_n}, one per "
                 f"node of group {g} (nodes {[int(i) for i in np.flatnonzero(groups == g)]}), in the order of names.")
    allp = np.vstack(pts)
    ys = np.sort(allp[:, 1])
    if np.allclose(ys, np.sort(-v), atol=1e-8) and not np.allclose(ys, np.sort(v), atol=1e-8):
        fail(f"Called {last_call()}; the y-values are the Fiedler vector with the wrong sign: the task makes its "
             f"largest-magnitude entry POSITIVE (here v[{int(np.argmax(np.abs(v)))}] = {v[np.argmax(np.abs(v))]:.4g}).")
    if not np.allclose(ys, np.sort(v), atol=1e-8):
        for k, what in [(0, "column 0, the constant eigenvector (eigenvalue 0)"),
                        (n - 1, "the eigenvector of the LARGEST eigenvalue (column -1)")]:
            if np.allclose(np.abs(ys), np.sort(np.abs(V[:, k])), atol=1e-8) or np.allclose(
                    ys, np.sort(V[:, k]), atol=1e-8) or np.allclose(ys, np.sort(-V[:, k]), atol=1e-8):
                fail(f"Called {last_call()}; the y-values are {what}; expected the Fiedler vector, the eigenvector of "
                     f"the SECOND-smallest eigenvalue λ₂ = {lam[1]:.4g}: column 1 of np.linalg.eigh's V.")
        fail(f"Called {last_call()}; the y-values, sorted, are {show(ys)}; expected the entries of the Fiedler vector, "
             f"sorted: {show(np.sort(v))}.")
    xs = allp[:, 0]
    if not np.array_equal(np.sort(xs), np.arange(n)):
        fail(f"Called {last_call()}; the x-values are {show(np.sort(xs))}; expected the ranks 0, 1, …, {n - 1} "
             "(each once): a node's x is its position when the nodes are sorted by v.")
    order = np.argsort(xs, kind="stable")
    if np.any(np.diff(allp[order, 1]) < -1e-9):
        if np.all(np.diff(allp[order, 1]) <= 1e-9):
            fail(f"Called {last_call()}; going left to right the y-values DEcrease: you ranked the nodes in decreasing "
                 "order; rank 0 is the SMALLEST entry (rank[np.argsort(v)] = np.arange(n)).")
        by_index = all(np.allclose(P[:, 0], np.flatnonzero(groups == g)) for g, P in enumerate(pts))
        extra = (" You used the node numbers as x: sort first, with rank[np.argsort(v)] = np.arange(n)." if by_index
                 else " Use rank[np.argsort(v)] = np.arange(n), not np.argsort(v) itself, as the x of node i.")
        fail(f"Called {last_call()}; going left to right the y-values are not increasing: the x of a node must be its "
             f"RANK in the sorted Fiedler vector.{extra}")
    for g, P in enumerate(pts):
        want = np.sort(v[groups == g])
        if not np.allclose(np.sort(P[:, 1]), want, atol=1e-8):
            fail(f"Called {last_call()}; scatter {g} should show the nodes of group {g} ({names[g]!r}: "
                 f"{[int(i) for i in np.flatnonzero(groups == g)]}), whose entries are {show(want)}; it shows "
                 f"{show(np.sort(P[:, 1]))}. Draw the groups in the order 0, 1, … of names.")
    return fig, ax, scatters


def test_karate_points(submission):
    """karate club: one scatter per faction, x = rank in the sorted Fiedler vector, y = the entry"""
    _check_points(submission, KARATE, CLUBS, ["Mr. Hi", "Officer"])


def test_three_groups_small_graph(submission):
    """a triangle-bridge-pair graph with three groups of sizes 3, 1 and 1"""
    _check_points(submission, BRIDGE, np.array([0, 0, 0, 1, 2]), ["triangle", "middle", "end"])


def _raw_sign_positive_graph():
    """A relabelling of the karate club on which eigh's own Fiedler vector already has its largest entry positive
    (so a solution that flips the sign wrongly, rather than not at all, is caught too)."""
    for seed in range(50):
        p = np.random.default_rng(seed).permutation(34)
        A = KARATE[np.ix_(p, p)]
        v = _eig(A)[1][:, 1]
        if v[np.argmax(np.abs(v))] > 0:
            return A, CLUBS[p]
    return KARATE, CLUBS


def test_relabelled_karate(submission):
    """the karate club with its members renumbered: the same picture, the sign rule still applied"""
    A, groups = _raw_sign_positive_graph()
    _check_points(submission, A, groups, ["Mr. Hi", "Officer"])


def test_groups_swapped_names(submission):
    """the groups may be numbered the other way round: names follow the group numbers"""
    _check_points(submission, KARATE, 1 - CLUBS, ["Officer", "Mr. Hi"])


def test_zero_line_labels_legend(submission):
    """a horizontal line at 0, an x-label, a y-label mentioning 'Fiedler', a title, a legend with the names"""
    names = ["Mr. Hi", "Officer"]
    _, ax, _ = _check_points(submission, KARATE, CLUBS, names)
    zero = [ln for ln in ax.lines if np.allclose(np.asarray(ln.get_ydata(), dtype=float), 0.0)]
    if not zero:
        fail(f"Called {last_call()}; the axes has no horizontal line at y = 0 (ax.axhline(0)): it shows where the "
             "sign — the side of the cut — changes.")
    if not ax.get_xlabel().strip():
        fail(f"Called {last_call()}; the x-axis has no label: say that the nodes are sorted by their Fiedler entry.")
    if "fiedler" not in ax.get_ylabel().lower():
        fail(f"Called {last_call()}; the y-label is {ax.get_ylabel()!r}; it should say that these are Fiedler vector "
             "entries (the word 'Fiedler').")
    if not ax.get_title().strip():
        fail(f"Called {last_call()}; the axes has no title (ax.set_title).")
    legend = ax.get_legend()
    if legend is None:
        fail(f"Called {last_call()}; there is no legend: call ax.legend() after the scatters with label=names[g].")
    texts = [t.get_text() for t in legend.get_texts()]
    if texts != names:
        fail(f"Called {last_call()}; the legend reads {texts}; expected {names}: label scatter g with names[g].")
