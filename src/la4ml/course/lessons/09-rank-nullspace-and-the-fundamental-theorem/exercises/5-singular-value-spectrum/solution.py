"""Exercise 9.5 — Plot the singular values, the cut-off and the numerical rank (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_spectrum(A, rtol=None):
    """Singular values (log scale) against their index, the cut-off line, and the rank in the title."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    s = np.linalg.svd(A, compute_uv=False)  # (min(m, n),), largest first
    if rtol is None:
        rtol = max(m, n) * np.finfo(A.dtype).eps
    cutoff = rtol * s.max(initial=0.0)
    r = int(np.count_nonzero(s > cutoff))
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.semilogy(np.arange(1, len(s) + 1), s, "o", label="singular values σᵢ")  # an exact 0 is not drawn on a log axis
    ax.axhline(cutoff, color="tab:red", ls="--", label=f"cut-off rtol · σ_max = {cutoff:.2g}")
    ax.set_xlabel("index i")
    ax.set_ylabel("singular value σᵢ")
    ax.set_title(f"{m} × {n} matrix: rank {r}")
    ax.legend()
    return fig


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    signal = rng.standard_normal((40, 3)) @ rng.standard_normal((3, 12))  # rank 3
    A = signal + 1e-3 * rng.standard_normal((40, 12))                      # + noise
    for rtol, name in [(None, "spectrum_default.png"), (1e-2, "spectrum_rtol.png")]:
        fig = plot_spectrum(A, rtol=rtol)
        fig.savefig(name)
        print(name, "->", fig.axes[0].get_title())
