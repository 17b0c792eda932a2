"""Hidden tests of exercise 8.3 — slogdet_lu(A) and det_lu(A) from scipy.linalg.lu_factor."""

import ast
import warnings

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, learner_source, show

EPS = np.finfo(float).eps
DETERMINANTS = ("numpy.linalg.det", "numpy.linalg.slogdet", "scipy.linalg.det", "torch.det", "torch.linalg.det",
                "torch.linalg.slogdet", "torch.logdet", "torch.slogdet")


def _pieces(A):
    """The reference: pivots, number of swaps, sign and logabsdet, from LAPACK's factorization."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lu, piv = scipy.linalg.lu_factor(A)
    pivots = np.diag(lu)
    n_swaps = int(np.count_nonzero(piv != np.arange(len(piv))))
    return pivots, n_swaps


def _tol(A):
    """Rounding in the pivots is about n·κ·eps relative; for the large random matrices (κ of a few thousand)
    the SVD that κ needs would cost more than the check, so a fixed 1e-9·n is used there."""
    n = A.shape[0]
    return 100 * n * EPS * np.linalg.cond(A) if n <= 50 else 1e-9 * n


def _slogdet(submission, A, because=""):
    """Call slogdet_lu and compare with np.linalg.slogdet, naming the mistake."""
    A = np.array(A, dtype=float)
    n = A.shape[0]
    s_np, l_np = np.linalg.slogdet(A)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = call(function(submission, "slogdet_lu"), A)
    why = f" ({because})" if because else ""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected the pair (sign, logabsdet).")
    try:
        sign, logabsdet = float(got[0]), float(got[1])
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two numbers (sign, logabsdet).")
    pivots, n_swaps = _pieces(A)
    if s_np == 0:
        if sign != 0 or logabsdet != -np.inf:
            fail(f"Called {last_call()}; returned ({sign:g}, {logabsdet:g}); expected (0.0, -inf){why}: a zero pivot "
                 "means det A = 0, whose sign is 0 and whose log is -inf — as np.linalg.slogdet returns them.")
        return sign, logabsdet
    if np.isinf(logabsdet) or np.isnan(logabsdet):
        fail(f"Called {last_call()}; logabsdet is {logabsdet}; expected {l_np:.10g}{why}. The product of the {n} pivots "
             "overflowed (or underflowed) before you took its log: sum the logs instead, "
             "np.sum(np.log(np.abs(pivots))) — that is the point of slogdet.")
    if sign != s_np:
        neg = int(np.sum(pivots < 0))
        count = (" (or your count of swaps is off: it is np.count_nonzero(piv != np.arange(n)), with piv 0-based "
                 "as SciPy returns it)")
        if sign == (-1.0) ** n_swaps and neg % 2 == 1:
            fail(f"Called {last_call()}; sign = {sign:g}, expected {s_np:g}{why}: your sign is (-1)^{n_swaps} from the "
                 f"{n_swaps} row swap(s), but {neg} pivot(s) are negative and each flips the sign too; multiply by "
                 f"np.prod(np.sign(pivots)){count if n_swaps == 0 else ''}.")
        if sign == np.prod(np.sign(pivots)) and n_swaps % 2 == 1:
            fail(f"Called {last_call()}; sign = {sign:g}, expected {s_np:g}{why}: elimination made {n_swaps} row "
                 "swap(s) (the i with piv[i] != i), and each swap flips the sign of the determinant: multiply by "
                 "(-1) ** n_swaps.")
        fail(f"Called {last_call()}; sign = {sign:g}, expected {s_np:g}{why}: the sign is (-1)^(number of swaps) — "
             f"here {n_swaps}, the number of i with piv[i] != i — times the signs of the pivots ({neg} negative).")
    tol = _tol(A) * max(1.0, abs(l_np))
    if abs(logabsdet - l_np) > tol:
        hint = ""
        if np.isclose(logabsdet, l_np / np.log(10), rtol=1e-9):
            hint = " You took log10; slogdet uses the natural log (np.log)."
        elif np.isclose(logabsdet, np.exp(l_np), rtol=1e-9):
            hint = " You returned |det A| itself; return its natural log."
        fail(f"Called {last_call()}; logabsdet = {logabsdet:.12g}, expected {l_np:.12g}{why}.{hint}")
    return sign, logabsdet


def _det(submission, A, because=""):
    A = np.array(A, dtype=float)
    with np.errstate(all="ignore"):
        expected = np.linalg.det(A)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = call(function(submission, "det_lu"), A)
    why = f" ({because})" if because else ""
    try:
        d = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, det A = {expected:.10g}.")
    if expected == 0 or np.isinf(expected):
        ok = d == expected
    else:
        ok = np.isclose(d, expected, rtol=_tol(A) * max(1.0, abs(np.log(abs(expected)))), atol=0)
    if not ok:
        hint = ""
        if d == -expected:
            hint = " The sign is wrong: det_lu = sign * np.exp(logabsdet), with the sign from slogdet_lu."
        elif np.isclose(d, abs(expected), atol=0):
            hint = " You dropped the sign: det_lu = sign * np.exp(logabsdet)."
        fail(f"Called {last_call()}; returned {d:.12g}; expected det A = {expected:.12g}{why}.{hint}")
    return d


def _calls_itself(fn: ast.FunctionDef) -> bool:
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == fn.name
               for node in ast.walk(fn))


def test_elimination_not_cofactors(submission):
    """computes the determinant from the LU factorization, not by cofactor expansion (no recursion, no permutations)"""
    function(submission, "slogdet_lu")
    try:
        tree = ast.parse(learner_source())
    except SyntaxError:
        return  # the import of the file already reported it
    recursive = [fn.name for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef) and _calls_itself(fn)]
    if recursive:
        fail(f"Your function {recursive[0]}() calls itself: that is cofactor (Laplace) expansion, which takes about "
             "n! products — 10^18 for a 20 × 20 matrix. Compute the determinant from the LU factorization instead "
             "(scipy.linalg.lu_factor): about 2n³/3 operations.")
    if "permutations" in learner_source():
        fail("Your file uses permutations: summing over all n! permutations (the Leibniz formula) is even slower than "
             "cofactor expansion. Compute the determinant from the LU factorization (scipy.linalg.lu_factor).")


@pytest.mark.parametrize("A, because", [
    ([[1.0, 2.0], [3.0, 4.0]], "one row swap (pivot 3), det = -2"),
    ([[0.0, 1.0], [1.0, 0.0]], "a single swap: det = -1"),
    ([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [3.0, 0.0, 1.0]], "det = -5 by cofactors along the first row"),
    ([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], "a 3-cycle: two swaps, det = +1"),
    ([[2.0, 1.0], [1.0, 3.0]], "no swap, det = 5"),
    ([[-2.0, 0.0], [0.0, 3.0]], "no swap but a negative pivot: det = -6"),
    ([[-3.0]], "a 1 × 1 matrix: det = -3"),
], ids=["one-swap", "exchange", "by-hand-3x3", "three-cycle", "spd", "negative-pivot", "1x1"])
def test_small_by_hand(submission, A, because):
    """sign and log|det| of small matrices checked by hand: row swaps and negative pivots each flip the sign"""
    _slogdet(submission, A, because)
    _det(submission, A, because)


def test_odd_and_even_swaps(submission):
    """a 5 × 5 matrix whose elimination makes an odd number of swaps, and one that makes an even number"""
    for seed in range(40):
        A = np.random.default_rng(seed).standard_normal((5, 5))
        if _pieces(A)[1] % 2 == 1:
            break
    _slogdet(submission, A, f"elimination makes {_pieces(A)[1]} row swaps")
    B = np.random.default_rng(seed + 100).standard_normal((5, 5))
    _slogdet(submission, B, f"elimination makes {_pieces(B)[1]} row swaps")


@pytest.mark.parametrize("A, because", [
    ([[1.0, 2.0], [2.0, 4.0]], "the second row is twice the first: the second pivot is exactly 0"),
    (np.zeros((3, 3)), "every pivot of the zero matrix is 0"),
    ([[0.0, 1.0, 2.0], [0.0, 3.0, 4.0], [0.0, 5.0, 7.0]], "the first column is zero"),
    ([[2.0, 4.0, 1.0], [1.0, 2.0, 5.0], [3.0, 6.0, 2.0]], "column 1 is twice column 0"),
], ids=["dependent-rows", "zeros", "zero-column", "dependent-columns"])
def test_singular(submission, A, because):
    """an exactly singular matrix gives (0.0, -inf) and det 0.0, as np.linalg.slogdet and det do"""
    _slogdet(submission, A, because)
    _det(submission, A, because)


@pytest.mark.parametrize("scale", [10.0, 1e-3], ids=["overflow", "underflow"])
def test_300_by_300_leaves_the_float_range(submission, scale):
    """a 300 × 300 matrix whose det overflows (or underflows) float64 still gets the finite log|det| NumPy gives"""
    A = scale * np.random.default_rng(1).standard_normal((300, 300))
    _slogdet(submission, A, f"|det A| = exp({np.linalg.slogdet(A).logabsdet:.1f}), outside float64's range "
                            "[exp(-745), exp(709)]")
    _det(submission, A, "det_lu may overflow to ±inf or underflow to 0 here, like np.linalg.det")


@pytest.mark.parametrize("scale", [1e-12, 1e-6, 1e6, 1e12])
def test_scale(submission, scale):
    """a 4 × 4 matrix scaled by 1e-12, 1e-6, 1e6 or 1e12: log|det| shifts by 4·log(scale), the sign stays"""
    A = scale * np.array([[2.0, 1.0, 1.0, 3.0], [4.0, -6.0, 0.0, 1.0], [-2.0, 7.0, 2.0, 5.0], [1.0, 1.0, -3.0, 2.0]])
    _slogdet(submission, A, f"entries of size {scale:g}: small pivots are not zero pivots")
    _det(submission, A, f"entries of size {scale:g}")


def test_no_library_determinant(submission):
    """uses the LU factors: still works when np.linalg.det, slogdet and their SciPy/PyTorch versions are unavailable"""
    A = np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [3.0, 0.0, 1.0]])
    for name in ("slogdet_lu", "det_lu"):
        f = function(submission, name)
        with blocked(*DETERMINANTS, reason="compute it from the LU factors"):
            try:
                got = call(f, A)
            except Feedback as fb:
                if "blocked" in str(fb):
                    fail(f"{fb}\nThis exercise asks you to build the determinant from scipy.linalg.lu_factor's pivots "
                         "and row swaps; use np.linalg.slogdet only outside your functions, to compare.")
                raise
        expected = (-1.0, np.log(5.0)) if name == "slogdet_lu" else -5.0
        if not np.allclose(np.asarray(got, dtype=float), expected, rtol=1e-12):
            fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}.")


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_property_random(submission, n, seed):
    """on random n × n matrices (n up to 8), sign and log|det| equal np.linalg.slogdet's and det equals np.linalg.det"""
    A = np.random.default_rng(seed).standard_normal((n, n))
    _slogdet(submission, A)
    _det(submission, A)
