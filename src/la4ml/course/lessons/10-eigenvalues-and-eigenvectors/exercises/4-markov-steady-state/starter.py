"""Exercise 10.4 — A Markov chain of letters: its transition matrix and steady state.

Write ``transition_matrix(sequence, n_states)`` and ``steady_state(P)``, then run them on the
letter classes (vowel, consonant, other) of la4ml's mini corpus.
"""

import numpy as np


def transition_matrix(sequence, n_states):
    """The row-stochastic transition matrix estimated from a sequence of states.

    Parameters
    ----------
    sequence : ndarray of shape (n_steps,)
        Integer states in ``0 … n_states - 1``, in the order they occurred. Do not modify it.
    n_states : int
        The number of states.

    Returns
    -------
    P : ndarray of shape (n_states, n_states)
        ``P[i, j]`` = (number of times ``j`` immediately follows ``i``) / (number of times any
        state follows ``i``): every row sums to 1. A state that nothing follows gets the
        uniform row ``np.full(n_states, 1 / n_states)``.

    Examples
    --------
    >>> transition_matrix(np.array([0, 1, 1, 2, 0, 1]), 3)
    array([[0. , 1. , 0. ],
           [0. , 0.5, 0.5],
           [1. , 0. , 0. ]])
    """
    # TODO: count the consecutive pairs (sequence[t], sequence[t + 1]) into an n_states × n_states
    #       array, divide each ROW by its sum, and give rows with no transitions the uniform row.
    raise NotImplementedError


def steady_state(P):
    """The stationary distribution of a row-stochastic matrix, from ``np.linalg.eig``.

    Parameters
    ----------
    P : ndarray of shape (n, n)
        Row-stochastic: entries >= 0, every row sums to 1. Do not modify it.

    Returns
    -------
    pi : ndarray of shape (n,)
        Real, float64, ``pi >= 0``, ``pi.sum() == 1`` and ``pi @ P == pi``: the eigenvector of
        ``P.T`` (a left eigenvector of ``P``) for the eigenvalue closest to 1, scaled to sum 1.

    Raises
    ------
    ValueError
        If two eigenvalues of ``P`` lie within ``1e-9`` of 1 (the chain has more than one
        stationary distribution).

    Examples
    --------
    >>> steady_state(np.array([[0.9, 0.1], [0.5, 0.5]]))
    array([0.83333333, 0.16666667])
    """
    # TODO: w, V = np.linalg.eig(P.T); refuse two eigenvalues near 1; take the COLUMN V[:, i] of the
    #       eigenvalue closest to 1, divide it by its sum, return its real part.
    raise NotImplementedError


if __name__ == "__main__":
    from la4ml.datasets import load_mini_corpus

    text = " ".join(load_mini_corpus().data).lower()
    classes = np.array([0 if ch in "aeiou" else 1 if "a" <= ch <= "z" else 2 for ch in text])
    P = transition_matrix(classes, 3)
    print("P =\n", P.round(3))
    print("steady state      :", steady_state(P).round(4))
    print("class frequencies :", (np.bincount(classes, minlength=3) / len(classes)).round(4))
