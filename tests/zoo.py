"""A shared zoo of named test matrices (SciPy's test_iterative.py habit).

Each entry is a ``ZooMatrix(name, A, tags)``; tests cross the zoo with every algorithm that
accepts the tags they need, with readable ids like ``spd-4-cholesky``:

    @pytest.mark.parametrize("case", zoo.select("spd"), ids=zoo.ids)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class ZooMatrix:
    name: str
    A: np.ndarray
    tags: frozenset = field(default_factory=frozenset)


def _orthogonal(n: int, rng: np.random.Generator) -> np.ndarray:
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    return Q * np.sign(np.diag(R))


def _with_spectrum(eigenvalues, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    Q = _orthogonal(len(eigenvalues), rng)
    A = Q @ np.diag(eigenvalues) @ Q.T
    return (A + A.T) / 2


def _with_singular_values(m: int, n: int, s, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    U = _orthogonal(m, rng)[:, : len(s)]
    V = _orthogonal(n, rng)[:, : len(s)]
    return U @ np.diag(s) @ V.T


def _poisson2d(k: int) -> np.ndarray:
    T = 2 * np.eye(k) - np.eye(k, k=1) - np.eye(k, k=-1)
    return np.kron(np.eye(k), T) + np.kron(T, np.eye(k))


def _build() -> list[ZooMatrix]:
    rng = np.random.default_rng(20250603)
    Z = []

    def add(name, A, *tags):
        Z.append(ZooMatrix(name, np.asarray(A), frozenset(tags)))

    add("spd-2", [[4.0, 1.0], [1.0, 3.0]], "square", "symmetric", "spd", "psd", "invertible")
    add("spd-8", _with_spectrum(np.linspace(1, 10, 8), 1), "square", "symmetric", "spd", "psd", "invertible")
    B = rng.standard_normal((30, 30))
    add("spd-30-gram", B @ B.T + 30 * np.eye(30), "square", "symmetric", "spd", "psd", "invertible")
    add("poisson2d-16", _poisson2d(4), "square", "symmetric", "spd", "psd", "invertible", "sparse-like")
    add("identity-5", np.eye(5), "square", "symmetric", "spd", "psd", "invertible")
    add("one-by-one", [[2.5]], "square", "symmetric", "spd", "psd", "invertible")
    add("spd-ill-conditioned", _with_spectrum(np.logspace(0, -10, 6), 2),
        "square", "symmetric", "spd", "psd", "invertible", "ill-conditioned")
    add("hilbert-6", 1.0 / (np.arange(6)[:, None] + np.arange(6)[None, :] + 1.0),
        "square", "symmetric", "spd", "psd", "invertible", "ill-conditioned")
    add("psd-rank2-4", _with_spectrum([3.0, 1.0, 0.0, 0.0], 3), "square", "symmetric", "psd", "singular", "rank-deficient")
    add("symmetric-indefinite-2", [[1.0, 2.0], [2.0, 1.0]], "square", "symmetric", "indefinite", "invertible")
    add("symmetric-indefinite-6", _with_spectrum([5.0, 2.0, 1.0, -1.0, -3.0, -0.5], 4),
        "square", "symmetric", "indefinite", "invertible")
    add("saddle-2", [[1.0, 0.0], [0.0, -1.0]], "square", "symmetric", "indefinite", "invertible")
    add("negative-definite-3", -_with_spectrum([1.0, 2.0, 4.0], 5), "square", "symmetric", "nd", "nsd", "invertible")
    add("nonsymmetric-4", rng.standard_normal((4, 4)) + 4 * np.eye(4), "square", "nonsymmetric", "invertible")
    add("rotation-2", [[0.0, -1.0], [1.0, 0.0]], "square", "nonsymmetric", "orthogonal", "invertible")
    add("singular-3", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], "square", "nonsymmetric", "singular", "rank-deficient")
    add("zeros-3", np.zeros((3, 3)), "square", "symmetric", "psd", "nsd", "singular", "rank-deficient")
    add("float32-spd-3", np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]], dtype=np.float32),
        "square", "symmetric", "spd", "psd", "invertible", "float32")
    add("tall-8x3", rng.standard_normal((8, 3)), "rectangular", "tall", "full-rank")
    add("wide-3x8", rng.standard_normal((3, 8)), "rectangular", "wide", "full-rank")
    add("tall-rank2-6x4", _with_singular_values(6, 4, [3.0, 1.0], 6), "rectangular", "tall", "rank-deficient")
    add("near-dependent-10x4", _with_singular_values(10, 4, [1.0, 1e-2, 1e-5, 1e-9], 7),
        "rectangular", "tall", "full-rank", "ill-conditioned")
    # Part 9: a wide rank-deficient matrix, so that all four fundamental subspaces are nontrivial
    add("wide-rank2-4x7", _with_singular_values(4, 7, [2.0, 0.5], 9), "rectangular", "wide", "rank-deficient")
    # Part 10: eigenproblems. A Jordan block (defective: one eigenvector for a triple eigenvalue), a
    # nonsymmetric matrix with a known real spectrum and a well-conditioned eigenvector basis, and a
    # symmetric matrix whose two largest |λ| tie as ±3 (power iteration cannot converge on it).
    add("defective-jordan-3", [[2.0, 1.0, 0.0], [0.0, 2.0, 1.0], [0.0, 0.0, 2.0]],
        "square", "nonsymmetric", "invertible", "defective")
    V5 = np.eye(5) + 0.3 * np.random.default_rng(10).standard_normal((5, 5))
    add("nonsymmetric-real-5", V5 @ np.diag([5.0, -3.0, 2.0, 1.0, 0.5]) @ np.linalg.inv(V5),
        "square", "nonsymmetric", "invertible", "diagonalizable")
    add("symmetric-plus-minus-3", _with_spectrum([3.0, -3.0, 1.0], 11),
        "square", "symmetric", "indefinite", "invertible", "eigen-tie")
    # Part 11: singular values known by construction. A tall matrix with a tied pair (σ₁ = σ₂: its best
    # rank-1 approximation is not unique, the errors are), and a wide one whose spectrum decays geometrically
    # (the case randomized SVD is built for).
    add("tall-svd-tie-9x4", _with_singular_values(9, 4, [3.0, 3.0, 1.0, 1e-3], 12),
        "rectangular", "tall", "full-rank", "svd-tie")
    add("wide-decaying-20x60", _with_singular_values(20, 60, 0.5 ** np.arange(20), 13),
        "rectangular", "wide", "full-rank", "ill-conditioned")
    return Z


ZOO: list[ZooMatrix] = _build()

#: inputs every algorithm must reject with a clear error (name, bad value, expected exception type)
BAD_INPUTS = [
    ("empty", np.zeros((0, 0)), ValueError),
    ("nan", np.array([[1.0, np.nan], [np.nan, 1.0]]), ValueError),
    ("inf", np.array([[np.inf, 0.0], [0.0, 1.0]]), ValueError),
    ("vector", np.array([1.0, 2.0]), ValueError),
    ("3d", np.zeros((2, 2, 2)), ValueError),
    ("strings", np.array([["a", "b"], ["c", "d"]]), TypeError),
    ("complex", np.array([[1 + 1j, 0], [0, 1]]), TypeError),
    ("ragged", [[1.0, 2.0], [3.0]], ValueError),
]


def select(*tags: str, exclude: tuple[str, ...] = ()) -> list[ZooMatrix]:
    """Zoo entries carrying every tag in ``tags`` and none in ``exclude``."""
    return [z for z in ZOO if set(tags) <= z.tags and not (set(exclude) & z.tags)]


def ids(case) -> str:
    """Readable pytest id for a zoo entry or a bad-input triple."""
    return case.name if isinstance(case, ZooMatrix) else str(case[0])
