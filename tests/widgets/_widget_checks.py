"""NumPy's answers for each widget: ``CHECKS[name](state, values, note)``.

``state`` is the widget's inputs (read from ``data-state``), ``values`` the numbers
it shows (read from ``<output data-key=... data-value=...>``, full precision) and
``note`` the sentence it says. Each check recomputes the numbers with NumPy and
asserts that the widget agrees to 1e-6.
"""

from __future__ import annotations

import math

import numpy as np

TOL = 1e-6


def close(got, want, what: str, tol: float = TOL) -> None:
    """``got`` (what the widget shows) equals ``want`` (NumPy) to ``tol``."""
    if want is None:
        assert got is None, f"{what}: widget shows {got!r}, expected none"
        return
    assert got is not None, f"{what}: widget shows none, NumPy gives {want!r}"
    g = np.asarray(got, dtype=float)
    w = np.asarray(want, dtype=float)
    assert g.shape == w.shape, f"{what}: shape {g.shape}, NumPy's is {w.shape} ({got!r} vs {want!r})"
    assert np.allclose(g, w, atol=tol, rtol=tol), f"{what}: widget {got!r}, NumPy {w.tolist()!r}"


def same(got, want, what: str) -> None:
    assert got == want, f"{what}: widget shows {got!r}, expected {want!r}"


def _eig_pairs(A) -> list[list[float]]:
    """Eigenvalues as [re, im] pairs, sorted by real part then imaginary, descending."""
    lam = np.linalg.eigvals(np.asarray(A, float))
    pairs = sorted(([float(z.real), float(z.imag)] for z in lam), key=lambda p: (-p[0], -p[1]))
    if abs(pairs[0][1]) < 1e-9:
        pairs = [[p[0], 0.0] for p in pairs]
    return pairs


def _close_pairs(got, A, what: str) -> None:
    want = _eig_pairs(A)
    assert got is not None and len(got) == 2, f"{what}: widget shows {got!r}"
    g = sorted(got, key=lambda p: (-p[0], -p[1]))
    # a repeated or nearly repeated eigenvalue is ill-conditioned: compare to sqrt(eps)
    tol = 1e-6 if abs(want[0][0] - want[1][0]) + abs(want[0][1] - want[1][1]) > 1e-4 else 1e-5
    close(g, want, what, tol=tol)


def _unit(v, what: str) -> np.ndarray:
    v = np.asarray(v, float)
    assert abs(np.linalg.norm(v) - 1) < TOL, f"{what} should be a unit vector, got {v.tolist()}"
    return v


def _rank(A, tol) -> int:
    return int(np.linalg.matrix_rank(np.asarray(A, float), tol=tol))


def _rank_tol(A) -> float:
    s = np.linalg.svd(np.asarray(A, float), compute_uv=False)
    return 1e-9 * max(1.0, float(s[0]) if s.size else 1.0)


def _in_span(vec, cols, what: str) -> None:
    M = np.column_stack(cols)
    r = _rank(M, 1e-7)
    assert _rank(np.column_stack([M, vec]), 1e-7) == r, f"{what}: {vec} is not in the span of {cols}"


# ---------------------------------------------------------------- vectors


def vector_addition(st, v, note):
    u, w = np.array(st["u"], float), np.array(st["v"], float)
    close(v["sum"], u + w, "u + v")
    close(v["norm_u"], np.linalg.norm(u), "‖u‖")
    close(v["norm_v"], np.linalg.norm(w), "‖v‖")
    close(v["norm_sum"], np.linalg.norm(u + w), "‖u + v‖")


def vector_subtraction(st, v, note):
    u, w = np.array(st["u"], float), np.array(st["v"], float)
    close(v["diff"], u - w, "u − v")
    close(v["distance"], np.linalg.norm(u - w), "‖u − v‖")
    if np.allclose(u, w, atol=0, rtol=0):
        assert "zero" in note, f"u = v should say the difference is zero, said {note!r}"


def dot_product(st, v, note):
    u, w = np.array(st["u"], float), np.array(st["v"], float)
    close(v["dot"], u @ w, "u·v")
    close(v["norm_u"], np.linalg.norm(u), "‖u‖")
    close(v["norm_v"], np.linalg.norm(w), "‖v‖")
    nu, nw = np.linalg.norm(u), np.linalg.norm(w)
    if nu == 0 or nw == 0:
        close(v["cos"], None, "cos θ")
        close(v["angle_deg"], None, "θ")
        assert "zero vector" in note, f"a zero vector must be called out, note was {note!r}"
    else:
        c = u @ w / (nu * nw)
        close(v["cos"], c, "cos θ")
        close(v["angle_deg"], math.degrees(math.acos(max(-1.0, min(1.0, c)))), "θ (degrees)", tol=1e-5)
    close(v["proj"], None if nu == 0 else u @ w / nu, "scalar projection of v on u")


def cross_product(st, v, note):
    u, w = np.array(st["u"], float), np.array(st["v"], float)
    c = np.cross(u, w)
    close(v["cross"], c, "u × v")
    close(v["area"], np.linalg.norm(c), "‖u × v‖")
    close(v["dot_u"], u @ c, "u·(u × v)")
    close(v["dot_v"], w @ c, "v·(u × v)")


def l1_norm(st, v, note):
    x = np.array(st["v"], float)
    close(v["l1"], np.linalg.norm(x, 1), "‖v‖₁")
    close(v["abs"], np.abs(x), "|vᵢ|")


def l2_norm(st, v, note):
    x = np.array(st["v"], float)
    n = np.linalg.norm(x)
    close(v["l2"], n, "‖v‖₂")
    close(v["squared"], x @ x, "‖v‖₂²")
    close(v["unit"], None if n == 0 else x / n, "v/‖v‖")


def orthogonality(st, v, note):
    u, w = np.array(st["u"], float), np.array(st["v"], float)
    Q = np.column_stack([u, w])
    close(v["dot"], u @ w, "u·v")
    close(v["gram"], Q.T @ Q, "QᵀQ")
    nu, nw = np.linalg.norm(u), np.linalg.norm(w)
    if nu and nw:
        c = max(-1.0, min(1.0, u @ w / (nu * nw)))
        close(v["angle_deg"], math.degrees(math.acos(c)), "θ", tol=1e-5)
    else:
        close(v["angle_deg"], None, "θ")
    orth = abs(u @ w) <= 1e-9 * max(1.0, nu * nw)
    same(v["orthogonal"], bool(orth), "orthogonal")
    same(v["orthonormal"], bool(orth and abs(nu - 1) < 1e-9 and abs(nw - 1) < 1e-9), "orthonormal")


def projection(st, v, note):
    a, b = np.array(st["a"], float), np.array(st["b"], float)
    if not a.any():
        for k in ("p", "e", "coef", "P", "e_dot_a"):
            close(v[k], None, k)
        assert "zero" in note, f"a = 0 must be called out, note was {note!r}"
        return
    coef = a @ b / (a @ a)
    p = coef * a
    close(v["coef"], coef, "aᵀb / aᵀa")
    close(v["p"], p, "p")
    close(v["e"], b - p, "e = b − p")
    close(v["P"], np.outer(a, a) / (a @ a), "P = aaᵀ/aᵀa")
    close(v["e_dot_a"], (b - p) @ a, "e·a")
    assert abs(v["e_dot_a"]) < TOL


# ---------------------------------------------------------------- matrices


def matrix_multiplication(st, v, note):
    A, B = np.array(st["A"], float), np.array(st["B"], float)
    close(v["AB"], A @ B, "AB")
    close(v["BA"], B @ A, "BA")
    close(v["det_AB"], np.linalg.det(A @ B), "det AB")
    same(v["commute"], bool(np.allclose(A @ B, B @ A, atol=1e-9, rtol=0)), "AB = BA")


def transpose(st, v, note):
    A = np.array(st["matrix"], float)
    close(v["transpose"], A.T, "Aᵀ")
    same(v["symmetric"], bool(np.array_equal(A, A.T)), "symmetric")
    close(v["det"], np.linalg.det(A), "det A")
    close(v["det_T"], np.linalg.det(A.T), "det Aᵀ")


def _singular(A) -> bool:
    return abs(np.linalg.det(A)) <= 1e-9 * max(1.0, np.abs(A).max()) ** 2


def inverse(st, v, note):
    A, b = np.array(st["matrix"], float), np.array(st["b"], float)
    close(v["det"], np.linalg.det(A), "det A")
    if _singular(A):
        same(v["invertible"], False, "invertible")
        close(v["inverse"], None, "A⁻¹")
        close(v["x"], None, "x")
        assert "no inverse, det = 0" in note, f"singular A must say so, said {note!r}"
    else:
        same(v["invertible"], True, "invertible")
        close(v["inverse"], np.linalg.inv(A), "A⁻¹")
        close(v["x"], np.linalg.solve(A, b), "x = A⁻¹b")


def determinant(st, v, note):
    A = np.array(st["matrix"], float)
    d = np.linalg.det(A)
    close(v["det"], d, "det A")
    close(v["area"], abs(d), "area")
    want = "collapsed" if _singular(A) else ("preserved" if d > 0 else "flipped")
    same(v["orientation"], want, "orientation")


def eigenvalues(st, v, note):
    A = np.array(st["matrix"], float)
    _close_pairs(v["eigenvalues"], A, "eigenvalues")
    close(v["trace"], np.trace(A), "trace")
    close(v["det"], np.linalg.det(A), "det")
    close(v["discriminant"], np.trace(A) ** 2 - 4 * np.linalg.det(A), "tr² − 4 det")
    is_complex = bool(np.abs(np.linalg.eigvals(A).imag).max() > 1e-7)
    same(v["complex"], is_complex, "complex eigenvalues")
    if is_complex:
        assert "complex" in note, f"complex eigenvalues must be called out, said {note!r}"


def eigenvectors(st, v, note):
    A = np.array(st["matrix"], float)
    _close_pairs(v["eigenvalues"], A, "eigenvalues")
    t = math.radians(st["angle"])
    x = np.array([math.cos(t), math.sin(t)])
    close(v["x"], x, "x")
    close(v["Ax"], A @ x, "Ax")
    lam = np.linalg.eigvals(A)
    if np.abs(lam.imag).max() > 1e-7:
        same(v["complex"], True, "complex")
        close(v["v1"], None, "v₁")
        close(v["v2"], None, "v₂")
        assert "complex" in note, f"complex eigenvalues must be called out, said {note!r}"
        return
    same(v["complex"], False, "complex")
    l1, l2 = (p[0] for p in v["eigenvalues"])
    v1 = _unit(v["v1"], "v₁")
    assert np.linalg.norm(A @ v1 - l1 * v1) < 1e-6 * max(1, np.abs(A).max()), f"A v₁ ≠ λ₁ v₁: {v1}"
    if v["v2"] is None:
        # only one eigen-direction: a repeated eigenvalue with a defective matrix
        assert abs(l1 - l2) < 1e-6, "v₂ missing but the eigenvalues differ"
        assert _rank(A - l1 * np.eye(2), 1e-7) == 1, "v₂ missing but A − λI has rank < 1"
        assert "one" in note, f"a defective matrix must be called out, said {note!r}"
    else:
        v2 = _unit(v["v2"], "v₂")
        assert np.linalg.norm(A @ v2 - l2 * v2) < 1e-6 * max(1, np.abs(A).max()), f"A v₂ ≠ λ₂ v₂: {v2}"
        assert abs(np.linalg.det(np.column_stack([v1, v2]))) > 1e-6, "v₁, v₂ should be independent"


def spectral_decomposition(st, v, note):
    A = np.array(st["matrix"], float)
    S = (A + A.T) / 2
    w, _ = np.linalg.eigh(S)
    close(v["eigenvalues"], w, "eigenvalues (ascending, like eigh)")
    Q = np.array(v["Q"], float)
    close(Q.T @ Q, np.eye(2), "QᵀQ")
    close(Q @ np.diag(w) @ Q.T, S, "QΛQᵀ")
    close(v["reconstruction"], S, "reconstruction")


def svd(st, v, note):
    A = np.array(st["matrix"], float)
    s = np.linalg.svd(A, compute_uv=False)
    close(v["singular_values"], s, "σ")
    U, V = np.array(v["U"], float), np.array(v["V"], float)
    close(U.T @ U, np.eye(2), "UᵀU")
    close(V.T @ V, np.eye(2), "VᵀV")
    close(U @ np.diag(v["singular_values"]) @ V.T, A, "U Σ Vᵀ")
    tol = 1e-9 * max(1.0, s[0])
    same(v["rank"], _rank(A, tol), "rank")
    close(v["condition"], None if s[1] <= tol else s[0] / s[1], "condition number")


def qr_decomposition(st, v, note):
    A = np.array(st["matrix"], float)
    Q, R = np.array(v["Q"], float), np.array(v["R"], float)
    close(Q.T @ Q, np.eye(2), "QᵀQ")
    close(Q @ R, A, "QR")
    assert abs(R[1, 0]) < TOL, f"R must be upper triangular, got {R.tolist()}"
    assert R[0, 0] >= -TOL and R[1, 1] >= -TOL, f"Gram–Schmidt gives R with a diagonal ≥ 0: {R.tolist()}"
    _, Rn = np.linalg.qr(A)
    close(np.abs(np.diag(R)), np.abs(np.diag(Rn)), "|diag R| (NumPy's R up to signs)")
    close(abs(R[0, 1]), abs(Rn[0, 1]), "|R₁₂|") if np.linalg.norm(A[:, 0]) > 0 else None
    close(v["orthogonality_error"], np.linalg.norm(Q.T @ Q - np.eye(2)), "‖QᵀQ − I‖", tol=1e-9)
    if abs(Rn[1, 1]) < 1e-9:
        assert "dependent" in note or "zero" in note, f"dependent columns must be called out: {note!r}"


def positive_definite(st, v, note):
    A = np.array(st["matrix"], float)
    S = (A + A.T) / 2
    x = np.array(st["x"], float)
    w = np.linalg.eigvalsh(S)
    close(v["eigenvalues"], w, "eigenvalues")
    close(v["minors"], [S[0, 0], np.linalg.det(S)], "leading principal minors")
    close(v["q"], x @ S @ x, "xᵀAx")
    tol = 1e-12 * max(1.0, np.abs(S).max())
    if w.min() > tol:
        want = "positive definite"
        close(v["cholesky"], np.linalg.cholesky(S), "Cholesky factor")
    else:
        close(v["cholesky"], None, "Cholesky factor")
        if w.max() < -tol:
            want = "negative definite"
        elif w.min() < -tol and w.max() > tol:
            want = "indefinite"
        elif w.max() > tol:
            want = "positive semidefinite"
        elif w.min() < -tol:
            want = "negative semidefinite"
        else:
            want = "zero matrix (both semidefinite)"
    same(v["kind"], want, "classification")


def rank(st, v, note):
    A = np.array(st["matrix"], float)
    s = np.linalg.svd(A, compute_uv=False)
    close(v["singular_values"], s, "σ")
    r = _rank(A, st["tol"])
    same(v["rank"], r, f"rank (tol {st['tol']})")
    same(v["nullity"], 3 - r, "nullity")


def trace(st, v, note):
    A = np.array(st["matrix"], float)
    close(v["trace"], np.trace(A), "trace")
    _close_pairs(v["eigenvalues"], A, "eigenvalues")
    lam = np.linalg.eigvals(A)
    close(v["eig_sum"], [lam.sum().real, lam.sum().imag], "λ₁ + λ₂")
    close(v["det"], np.linalg.det(A), "det")


def subspaces(st, v, note):
    A = np.array(st["matrix"], float)
    tol = _rank_tol(A)
    r = _rank(A, tol)
    same(v["rank"], r, "rank")
    dims = {"col_space": r, "row_space": r, "null_space": 2 - r, "left_null_space": 2 - r}
    for k, d in dims.items():
        assert len(v[k]) == d, f"{k}: dimension {len(v[k])}, expected {d}"
        for b in v[k]:
            _unit(b, f"basis vector of {k}")
        if d == 2:
            assert abs(np.linalg.det(np.array(v[k], float))) > 1e-6, f"{k} basis is not independent"
    for n in v["null_space"]:
        close(A @ np.array(n), [0, 0], "A n for n in the null space")
    for y in v["left_null_space"]:
        close(A.T @ np.array(y), [0, 0], "Aᵀ y for y in the left null space")
    if r == 1:
        _in_span(v["col_space"][0], [A[:, 0], A[:, 1]], "column space basis")
        _in_span(v["row_space"][0], [A[0], A[1]], "row space basis")


def basis(st, v, note):
    b1, b2, x = (np.array(st[k], float) for k in ("b1", "b2", "x"))
    B = np.column_stack([b1, b2])
    close(v["det"], np.linalg.det(B), "det [b₁ b₂]")
    if _singular(B):
        same(v["is_basis"], False, "is a basis")
        close(v["coords"], None, "coordinates")
        assert "not a basis" in note, f"dependent b₁, b₂ must be called out, said {note!r}"
    else:
        same(v["is_basis"], True, "is a basis")
        close(v["coords"], np.linalg.solve(B, x), "coordinates c")


def linear_independence(st, v, note):
    V = np.array(st["vectors"], float)  # (k, 2), one vector per row
    k = V.shape[0]
    tol = _rank_tol(V)
    r = _rank(V, tol)
    same(v["rank"], r, "rank")
    same(v["independent"], r == k, "independent")
    close(v["gram_det"], np.linalg.det(V @ V.T), "det of the Gram matrix")
    if r == k:
        close(v["relation"], None, "dependency relation")
    else:
        c = _unit(v["relation"], "dependency coefficients c")
        close(V.T @ c, np.zeros(2), "Σ cᵢ vᵢ")


def tensor_algebra(st, v, note):
    sa, sb = tuple(st["a_shape"]), tuple(st["b_shape"])
    a = np.arange(math.prod(sa)).reshape(sa)
    b = 10 * np.arange(math.prod(sb)).reshape(sb)
    try:
        out = a + b
    except ValueError:
        same(v["result_shape"], None, "result shape")
        assert v["error"] and "broadcast" in v["error"], f"an incompatible pair must say why: {v['error']!r}"
        same(v["numel"], None, "numel")
        close(v["total"], None, "sum of a + b")
        return
    same(tuple(v["result_shape"]), out.shape, "result shape (np.broadcast_shapes)")
    same(tuple(v["result_shape"]), np.broadcast_shapes(sa, sb), "result shape")
    same(v["error"], None, "error")
    same(v["numel"], out.size, "numel")
    close(v["total"], out.sum(), "sum of a + b")


def span_basis(st, v, note):
    u, w, c = (np.array(st[k], float) for k in ("u", "v", "c"))
    close(v["combination"], c[0] * u + c[1] * w, "c₁u + c₂v")
    M = np.column_stack([u, w])
    r = _rank(M, _rank_tol(M))
    same(v["span_dim"], r, "dimension of the span")
    B = v["basis"]
    assert len(B) == r, f"basis has {len(B)} vectors, the span has dimension {r}"
    if r:
        assert _rank(np.array(B, float).T, 1e-9) == r, "basis vectors are dependent"
        for b in B:
            _in_span(b, [u, w], "basis vector")


CHECKS = {
    "vector-addition": vector_addition,
    "vector-subtraction": vector_subtraction,
    "dot-product": dot_product,
    "cross-product": cross_product,
    "matrix-multiplication": matrix_multiplication,
    "transpose": transpose,
    "inverse": inverse,
    "determinant": determinant,
    "eigenvalues": eigenvalues,
    "eigenvectors": eigenvectors,
    "spectral-decomposition": spectral_decomposition,
    "svd": svd,
    "qr-decomposition": qr_decomposition,
    "positive-definite": positive_definite,
    "l1-norm": l1_norm,
    "l2-norm": l2_norm,
    "rank": rank,
    "trace": trace,
    "orthogonality": orthogonality,
    "projection": projection,
    "subspaces": subspaces,
    "basis": basis,
    "linear-independence": linear_independence,
    "tensor-algebra": tensor_algebra,
    "span-basis": span_basis,
}


def random_state(name: str, entry: dict, rng: np.random.Generator) -> dict:
    """A random input of the widget's shape, on the widgets' 0.1 grid."""
    out = {}
    for key, spec in entry["traits"].items():
        default = np.asarray(entry["state"][key], float)
        if name == "tensor-algebra":
            n = int(rng.integers(1, 4))
            out[key] = [int(x) for x in rng.choice([1, 1, 2, 3, 4], size=n)]
        elif name == "rank" and key == "tol":
            out[key] = float(rng.choice([1e-10, 1e-3, 0.5]))
        elif name == "eigenvectors" and key == "angle":
            out[key] = float(rng.integers(0, 360))
        elif key == "vectors":
            out[key] = np.round(rng.uniform(-4, 4, size=(int(rng.integers(1, 4)), 2)), 1).tolist()
        else:
            out[key] = np.round(rng.uniform(-4, 4, size=default.shape), 1).tolist()
    if name in ("spectral-decomposition", "positive-definite"):
        M = out["matrix"]
        M[1][0] = M[0][1]
    return out
