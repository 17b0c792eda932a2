"""Exercise 10.4 — A Markov chain of letters: its transition matrix and steady state (reference solution)."""

import numpy as np


def transition_matrix(sequence, n_states):
    """``P[i, j]`` = share of the transitions out of ``i`` that go to ``j``; uniform rows where there are none."""
    sequence = np.asarray(sequence)
    counts = np.zeros((n_states, n_states))
    np.add.at(counts, (sequence[:-1], sequence[1:]), 1)      # one count per consecutive pair i -> j
    out = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, out, out=np.full_like(counts, 1 / n_states), where=out > 0)


def steady_state(P):
    """The left eigenvector of ``P`` for the eigenvalue 1, scaled to sum 1 (``ValueError`` if not unique)."""
    w, V = np.linalg.eig(np.asarray(P, dtype=float).T)      # eigenvectors of Pᵀ = LEFT eigenvectors of P
    near_one = np.abs(w - 1) <= 1e-9
    if np.count_nonzero(near_one) > 1:
        raise ValueError(f"the eigenvalue 1 is repeated ({np.count_nonzero(near_one)} times): the chain has several "
                         "closed classes, so its stationary distribution is not unique")
    v = V[:, np.argmin(np.abs(w - 1))]                       # the COLUMN of the eigenvalue nearest 1
    return np.real(v / v.sum())                              # sum 1 (this also fixes a negative sign)


if __name__ == "__main__":
    from la4ml.datasets import load_mini_corpus

    text = " ".join(load_mini_corpus().data).lower()
    classes = np.array([0 if ch in "aeiou" else 1 if "a" <= ch <= "z" else 2 for ch in text])
    P = transition_matrix(classes, 3)
    print("P =\n", P.round(3))
    print("steady state      :", steady_state(P).round(4))
    print("class frequencies :", (np.bincount(classes, minlength=3) / len(classes)).round(4))
