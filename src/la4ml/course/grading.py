"""Helpers the hidden exercise tests use to turn mistakes into feedback that teaches.

A hidden test never shows its source to the learner. What the learner sees is the test's
docstring (the name of the check) and the message of a :class:`Feedback` failure, which these
helpers write in one shape::

    Called is_positive_definite(A=[[1.0, 2.0], [2.0, 1.0]]); returned True; expected False,
    because A has eigenvalue -1.0.

:func:`call` remembers the last call the test made, so :func:`expect` and :func:`expect_close`
can name it without the test repeating it.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any, Callable

import numpy as np

__all__ = [
    "Feedback",
    "fail",
    "function",
    "call",
    "expect",
    "expect_close",
    "expect_shape",
    "expect_type",
    "show",
    "last_call",
    "guard_whole_products",
    "guard_no_dot",
    "blocked",
    "counting",
    "placeholder_savefig",
    "close_figures",
    "type_name",
    "is_instance",
    "expect_figure",
    "saved_file",
    "learner_source",
    "working_directory",
    "call_keeping",
]


class Feedback(AssertionError):
    """A failed check with a message meant for the learner."""


class GraderAbort(BaseException):
    """The grader itself stopped the learner's code (time-out, crash, too much output): never a
    value to check, so :func:`call` and the tests' ``except Exception`` let it through."""


_last_call: list[str] = []


def last_call() -> str | None:
    """The description of the last :func:`call` made by the running test, if any."""
    return _last_call[-1] if _last_call else None


def _reset() -> None:
    _last_call.clear()


def show(value: Any, *, max_elements: int = 16) -> str:
    """A short, readable rendering of a value for feedback: small arrays in full, large by shape."""
    if hasattr(value, "detach") and hasattr(value, "cpu") and hasattr(value, "shape"):
        arr = value.detach().cpu().numpy()
        if arr.size <= max_elements:
            return f"tensor({_fmt_array(arr)})"
        return f"tensor of shape {tuple(arr.shape)} and dtype {value.dtype}: {_fmt_array(arr, summary=True)}"
    if isinstance(value, np.ndarray):
        if value.size <= max_elements:
            return _fmt_array(value)
        return f"array of shape {value.shape} and dtype {value.dtype}: {_fmt_array(value, summary=True)}"
    if isinstance(value, (np.floating, float)):
        return f"{float(value):.6g}"
    if isinstance(value, (list, tuple)) and len(value) > max_elements:
        return f"{type(value).__name__} of length {len(value)}"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(show(v, max_elements=max_elements) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _fmt_float(x: float, digits: int) -> str:
    text = f"{x:.{digits}g}"
    return text if any(c in text for c in ".einn") else text + "."  # 2 -> "2." as NumPy writes floats


def _fmt_array(arr: np.ndarray, *, summary: bool = False) -> str:
    """One line; a large array as its corner entries with four significant digits ("…" between)."""
    opts = {"separator": ", ", "max_line_width": 10_000}
    if summary:
        opts.update(threshold=0, edgeitems=2)
    if arr.dtype.kind == "f":
        digits = 4 if summary else 6
        opts["formatter"] = {"float_kind": lambda x: _fmt_float(x, digits)}
    try:
        text = np.array2string(arr, **opts)
    except (TypeError, ValueError):
        text = repr(arr)
    text = " ".join(text.split())  # one line: array2string breaks rows of a 2-D array onto new lines
    return text if len(text) <= 160 else text[:157] + "..."


def _param_name(fn: Callable, i: int) -> str | None:
    """The name of the learner's i-th positional parameter (their own name for it), if known."""
    try:
        import inspect

        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        return params[i].name if i < len(params) and params[i].name.isidentifier() else None
    except (TypeError, ValueError):
        return None


def _describe_call(fn: Callable, args: tuple, kwargs: dict) -> str:
    name = getattr(fn, "__name__", "function")
    try:
        import inspect

        params = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        params = []
    parts = []
    for i, a in enumerate(args):
        label = params[i] if i < len(params) and params[i] not in ("args", "kwargs") else None
        parts.append(f"{label}={show(a)}" if label else show(a))
    parts += [f"{k}={show(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _learner_traceback(exc: BaseException) -> str:
    """Traceback lines from the learner's file only (never from hidden tests or la4ml)."""
    frames = getattr(exc, "frames", None)
    if frames is not None and getattr(exc, "remote_type", None) is not None:  # raised in the worker
        return "\n".join(f'  File "{name}", line {lineno}, in {func}\n    {line}' for name, lineno, func, line in frames)
    path = os.environ.get("LA4ML_SUBMISSION") or getattr(_backend, "path", None)
    frames = traceback.extract_tb(exc.__traceback__)
    if path:
        mine = [f for f in frames if os.path.abspath(f.filename) == os.path.abspath(path)]
    else:
        mine = []
    lines = [f'  File "{os.path.basename(f.filename)}", line {f.lineno}, in {f.name}\n    {f.line}' for f in mine]
    return "\n".join(lines)


def fail(message: str) -> None:
    """Fail the current check with ``message`` (shown to the learner as is)."""
    raise Feedback(message)


def function(module: Any, name: str) -> Callable:
    """Return ``module.name``, failing with a clear message if it is missing or not callable."""
    obj = getattr(module, name, None)
    if obj is None:
        fail(
            f"Your file has no function named {name}(). Keep the name and signature from the starter "
            f"(def {name}(...)) so the checks can call it."
        )
    if not callable(obj):
        fail(f"{name} in your file is a {type(obj).__name__}, not a function.")
    return obj


def call(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Call the learner's function; if it raises, fail with what was called and the learner's traceback.

    Arrays passed in are copies, so the learner's function cannot corrupt the test's data, and a
    function that modifies its input is reported.
    """
    desc = _describe_call(fn, args, kwargs)
    _last_call.append(desc)
    originals = [a.copy() if isinstance(a, np.ndarray) else None for a in args]
    try:
        result = fn(*args, **kwargs)
    except NotImplementedError:
        fail(f"Called {desc} and it raised NotImplementedError: replace the `raise NotImplementedError` "
             "line of the starter with your code.")
    except (KeyboardInterrupt, GeneratorExit, GraderAbort):
        raise
    except SystemExit as exc:
        fail(f"Called {desc} and it called sys.exit({exc.code!r}); return a value instead of exiting.")
    except Feedback:
        raise
    except BaseException as exc:  # the learner's bug, reported not crashed on
        if getattr(exc, "remote_type", None) == "builtins.SystemExit":  # raised in the worker
            fail(f"Called {desc} and it called sys.exit({exc.exit_code}); return a value instead of exiting.")
        if getattr(exc, "remote_type", None) == "builtins.MemoryError":
            fail(f"Called {desc} and it ran out of memory ({exc}); the grader allows "
                 f"{_memory_limit_text()}: look for an array that grows in a loop, or an n × n matrix "
                 "built where a vector would do.")
        tb = _learner_traceback(exc)
        where = f"\n{tb}" if tb else ""
        fail(f"Called {desc} and it raised {type(exc).__name__}: {exc}{where}")
    for i, (a, orig) in enumerate(zip(args, originals)):
        if orig is not None and (a.shape != orig.shape or not np.array_equal(a, orig, equal_nan=True)):
            name = _param_name(fn, i)
            copy = f" ({name} = {name}.copy())" if name else ""
            fail(f"Called {desc} and it modified its input array {name or f'(argument {i + 1})'} in place; "
                 f"work on a copy{copy} instead.")
    return result


def call_keeping(fn: Callable, *args: Any, **kwargs: Any) -> tuple[Any, tuple]:
    """Like :func:`call`, but the result and the arguments stay where the learner's code ran.

    Returns ``(result, args)`` as handles (when the learner's code runs in the grader's worker) or as
    the objects themselves (in-process): for checks about identity and memory, such as "the tensor
    shares the array's memory" — change an argument through its handle (``X[0, 0] = 42``) and read
    the result through its own. Use :func:`type_name` / :func:`is_instance` on them, not isinstance.
    """
    desc = _describe_call(fn, args, kwargs)
    _last_call.append(desc)
    keep = getattr(fn, "_call_keeping", None)
    try:
        if keep is not None:
            return keep(args, kwargs)
        return fn(*args, **kwargs), args
    except (KeyboardInterrupt, GeneratorExit, GraderAbort, Feedback):
        raise
    except BaseException as exc:
        if isinstance(exc, NotImplementedError):
            fail(f"Called {desc} and it raised NotImplementedError: replace the `raise NotImplementedError` "
                 "line of the starter with your code.")
        tb = _learner_traceback(exc)
        fail(f"Called {desc} and it raised {type(exc).__name__}: {exc}" + (f"\n{tb}" if tb else ""))


def _memory_limit_text() -> str:
    mb = getattr(_backend, "memory_mb", None)
    return f"{mb / 1024:g} GiB" if mb else "a limited amount of memory"


def _prefix() -> str:
    c = last_call()
    return f"Called {c}; " if c else ""


def expect(condition: Any, *, got: Any = None, expected: Any = None, because: str | None = None,
           message: str | None = None) -> None:
    """Fail unless ``condition`` is true, saying what came back and what was expected, and why."""
    if bool(condition):
        return
    if message is not None:
        fail(message)
    text = f"{_prefix()}returned {show(got)}; expected {show(expected)}"
    if because:
        text += f", because {because}"
    fail(text + ".")


def expect_type(got: Any, types: type | tuple[type, ...], *, what: str = "the result") -> None:
    """Fail unless ``got`` is an instance of ``types``."""
    if isinstance(got, types):
        return
    names = types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
    fail(f"{_prefix()}{what} is a {type(got).__name__} ({show(got)}); expected a {names}.")


def expect_shape(got: Any, shape: tuple[int, ...], *, what: str = "the result") -> np.ndarray:
    """Fail unless ``got`` converts to an array of ``shape``; return that array."""
    try:
        arr = np.asarray(got.detach().cpu().numpy() if hasattr(got, "detach") else got, dtype=float)
    except (TypeError, ValueError):
        fail(f"{_prefix()}{what} is {show(got)}, which is not an array of numbers; expected shape {shape}.")
    if arr.shape != tuple(shape):
        fail(f"{_prefix()}{what} has shape {arr.shape}; expected shape {tuple(shape)}.")
    return arr


def expect_close(got: Any, expected: Any, *, rtol: float = 1e-7, atol: float = 1e-9,
                 because: str | None = None, what: str = "the result") -> None:
    """Fail unless ``got`` is numerically close to ``expected`` (arrays or scalars).

    The message names the shape mismatch, or the first entry that differs and by how much.
    """
    exp = np.asarray(expected, dtype=float)
    if got is None:
        fail(f"{_prefix()}{what} is None; expected {show(expected)}. Did you forget to `return` it?")
    arr = expect_shape(got, exp.shape, what=what)
    if np.allclose(arr, exp, rtol=rtol, atol=atol, equal_nan=False):
        return
    if arr.ndim == 0:
        text = f"{_prefix()}{what} is {float(arr):.10g}; expected {float(exp):.10g}"
    else:
        bad = np.argwhere(~np.isclose(arr, exp, rtol=rtol, atol=atol))
        idx = tuple(int(i) for i in bad[0])
        text = (f"{_prefix()}{what} differs from the expected {show(exp)} at index {idx}: "
                f"got {arr[idx]:.10g}, expected {exp[idx]:.10g} ({len(bad)} of {arr.size} entries differ)")
        if arr.size <= 16:
            text += f"; {what} is {show(arr)}"
    if because:
        text += f", because {because}"
    fail(text + ".")


class _Guarded(np.ndarray):
    """An array that refuses to be multiplied, as a whole matrix, by another whole matrix."""

    _full = None
    _reason = ""

    def __array_finalize__(self, obj):
        self._full = getattr(obj, "_full", None)
        self._reason = getattr(obj, "_reason", "")

    # The arguments of a check are pickled on their way to the learner's worker; ndarray's own
    # pickling drops instance attributes, which left the guard with no shapes to refuse there.
    def __reduce__(self):
        rebuild, args, state = super().__reduce__()
        return rebuild, args, (state, self._full, self._reason)

    def __setstate__(self, state):
        array_state, self._full, self._reason = state
        super().__setstate__(array_state)

    def _is_full(self):
        return self.ndim == 2 and self._full is not None and self.shape in self._full

    @staticmethod
    def _blocked(operands):
        full = [x for x in operands if isinstance(x, _Guarded) and x._is_full()]
        if len(full) >= 2 and all(min(x.shape) > 1 for x in full):
            raise RuntimeError(f"the product of the two whole matrices is blocked in this check ({full[0]._reason})")

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if ufunc is np.matmul:
            self._blocked(inputs)
        inputs = tuple(x.view(np.ndarray) if isinstance(x, _Guarded) else x for x in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(x.view(np.ndarray) if isinstance(x, _Guarded) else x for x in kwargs["out"])
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        if func in (np.dot, np.matmul, np.einsum, np.tensordot, np.inner, np.linalg.multi_dot):
            flat = [a for arg in args for a in (arg if isinstance(arg, (list, tuple)) else [arg])]
            self._blocked(flat)
        return super().__array_function__(func, types, args, kwargs)


def guard_whole_products(*arrays: np.ndarray, reason: str) -> tuple[np.ndarray, ...]:
    """Copies of ``arrays`` that refuse to be multiplied whole matrix by whole matrix.

    For from-scratch checks ("build A @ B from smaller products"): ``@``, ``np.dot``,
    ``np.einsum``… between two of the guarded matrices raise ``RuntimeError`` mentioning "blocked"
    and ``reason``; products with a row, a column or a vector work as usual. Best effort: a learner
    who calls ``np.asarray`` first gets past it.
    """
    shapes = {np.shape(a) for a in arrays} | {np.shape(a)[::-1] for a in arrays}  # transposes too
    guarded = []
    for a in arrays:
        g = np.array(a, dtype=float, copy=True).view(_Guarded)
        g._full, g._reason = shapes, reason
        guarded.append(g)
    return tuple(guarded)


def guard_no_dot(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    """Copies of ``arrays`` on which ``@``, ``np.dot``, ``np.inner``, ``np.vdot``, ``np.einsum`` and
    ``np.tensordot`` raise ``RuntimeError`` (mentioning "blocked"): for "build the dot product from
    the entries" checks. Elementwise arithmetic and ``np.sum`` work as usual."""
    return tuple(np.array(a, dtype=float, copy=True).view(_NoDot) for a in arrays)


class _NoDot(np.ndarray):
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if ufunc is np.matmul:
            raise RuntimeError("@ and np.matmul are blocked in this check")
        inputs = tuple(x.view(np.ndarray) if isinstance(x, _NoDot) else x for x in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(x.view(np.ndarray) if isinstance(x, _NoDot) else x for x in kwargs["out"])
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        if func in (np.dot, np.inner, np.vdot, np.einsum, np.tensordot):
            raise RuntimeError(f"np.{func.__name__} is blocked in this check")
        return super().__array_function__(func, types, args, kwargs)


# --- What a check may ask of the process that runs the learner's code ---------------------------
#
# The hidden tests never touch the learner's module or the libraries it uses directly (no
# monkeypatch, no sys.modules, no vars(submission)): they ask through the helpers below, so that
# the same tests run whether the learner's code lives in this process or in a sandboxed worker
# (the grader's backend, set with _set_backend). Values returned by the learner's code that are
# not plain data (a Figure, an nn.Module, an estimator) may be handles on objects living in the
# worker: inspect them through attributes and method calls, and test their type with
# type_name/is_instance/expect_figure, never with isinstance.


class _LocalBackend:
    """Everything in this process (the learner's module was imported here)."""

    def __init__(self) -> None:
        self.module = None
        self.path: str | None = None

    @staticmethod
    def _resolve(target: str):
        """(owner, attribute) of a dotted name, among modules already imported (blocking or
        counting a library the learner's code never imported needs no import of it)."""
        parts = target.split(".")
        for i in range(len(parts) - 1, 0, -1):
            owner = sys.modules.get(".".join(parts[:i]))
            if owner is None:
                continue
            for attr in parts[i:-1]:
                owner = getattr(owner, attr)
            return owner, parts[-1]
        raise ValueError(f"{target!r} is not among the imported modules")

    def _patch(self, targets, make):
        undo = []
        originals = {}
        pending = []  # targets whose module is not imported yet: patched as soon as an import brings them

        def apply(target) -> bool:
            try:
                owner, attr = self._resolve(target)
            except (ValueError, AttributeError):
                return False
            if not hasattr(owner, attr):
                return False
            original = getattr(owner, attr)
            originals[target] = original
            undo.append((owner, attr, original))
            setattr(owner, attr, make(target, original))
            return True

        for target in targets:
            if not apply(target):
                pending.append(target)
        if self.module is not None:  # aliases: `from numpy.linalg import norm` in the learner's file
            for name, value in list(vars(self.module).items()):
                for target, original in originals.items():
                    if value is original:
                        undo.append((self.module, name, value))
                        setattr(self.module, name, make(target, original))
        hook = None
        if pending:  # `from sklearn.metrics.pairwise import rbf_kernel` inside the learner's function
            import builtins

            real_import = builtins.__import__

            def hook(name, globals=None, locals=None, fromlist=(), level=0):
                module = real_import(name, globals, locals, fromlist, level)
                for target in list(pending):
                    # resolving may import more (lazy submodules) and re-enter this hook: take the target
                    # off the list first, so that each is patched once, and put it back if it is not there yet
                    if target not in pending:
                        continue
                    pending.remove(target)
                    if not apply(target):
                        pending.append(target)
                return module

            builtins.__import__ = hook

        def restore():
            if hook is not None:
                import builtins

                if builtins.__import__ is hook:
                    builtins.__import__ = real_import
            for owner, attr, value in reversed(undo):
                setattr(owner, attr, value)
        return restore

    def block(self, targets, reason):
        def make(target, original):
            def blocked_function(*args, **kwargs):
                raise RuntimeError(f"{target} is blocked in this check ({reason})")
            return blocked_function
        return self._patch(targets, make)

    def count(self, targets, counts):
        def make(target, original):
            def counted(*args, **kwargs):
                counts[target] = counts.get(target, 0) + 1
                return original(*args, **kwargs)
            return counted
        restore = self._patch(targets, make)
        return restore, (lambda: dict(counts))

    def placeholder_savefig(self):
        from matplotlib.figure import Figure

        original = Figure.savefig

        def quick_savefig(fig, fname, *args, **kwargs):
            if isinstance(fname, (str, bytes)) or hasattr(fname, "__fspath__"):
                with open(fname, "wb") as fh:
                    fh.write(b"\x89PNG placeholder")

        Figure.savefig = quick_savefig
        def restore():
            Figure.savefig = original
        return restore

    def chdir(self, path) -> str:
        old = os.getcwd()
        os.chdir(path)
        return old

    def close_figures(self):
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")

    @staticmethod
    def type_names(obj) -> list[str]:
        return [f"{c.__module__}.{c.__qualname__}" for c in type(obj).__mro__]


_backend = _LocalBackend()


def _set_backend(backend) -> None:
    global _backend
    _backend = backend


class _Restoring:
    def __init__(self, restore):
        self._restore = restore

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._restore()
        return False


def blocked(*targets: str, reason: str) -> _Restoring:
    """Context manager: inside it, the learner's code cannot call the named library functions.

    ``targets`` are dotted names (``"numpy.linalg.norm"``, ``"torch.nn.utils.clip_grad_norm_"``);
    calling one raises ``RuntimeError("<target> is blocked in this check (<reason>)")``, which
    :func:`call` reports as a Feedback containing "blocked". Names the learner's file imported
    directly (``from numpy.linalg import norm``) are blocked too, and so are names of a module the
    learner's code imports only while the block is on (an import inside their function). Names that
    do not exist in the installed version are skipped. Best effort: it checks a requirement ("from scratch"), the
    values are checked separately.
    """
    return _Restoring(_backend.block(list(targets), reason))


class _Counter:
    def __init__(self, fetch):
        self._fetch = fetch
        self._final: dict | None = None

    @property
    def per_target(self) -> dict:
        return dict(self._final) if self._final is not None else self._fetch()

    @property
    def n(self) -> int:
        return sum(self.per_target.values())


class _Counting:
    def __init__(self, targets):
        self._targets = list(targets)

    def __enter__(self) -> _Counter:
        self._restore, fetch = _backend.count(self._targets, {})
        self.counter = _Counter(fetch)
        return self.counter

    def __exit__(self, *exc):
        self.counter._final = self.counter._fetch()
        self._restore()
        return False


def counting(*targets: str) -> _Counting:
    """Context manager counting the learner's calls of library functions, e.g.
    ``with counting("torch.autograd.backward", "torch.autograd.grad") as c: ...; c.n``.
    ``c.per_target`` maps each target to its count. Best effort, like :func:`blocked`."""
    return _Counting(targets)


def placeholder_savefig() -> _Restoring:
    """Context manager: ``Figure.savefig`` writes a tiny placeholder PNG instead of rendering
    (rendering a 3D figure costs about a second; use it in every check but the one about saving)."""
    return _Restoring(_backend.placeholder_savefig())


def working_directory(path: str | os.PathLike) -> _Restoring:
    """Context manager: the learner's code runs with ``path`` (a folder under ``tmp_path``) as its
    current directory, so relative paths it writes land there."""
    old = _backend.chdir(os.fspath(path))
    return _Restoring(lambda: _backend.chdir(old))


def close_figures() -> None:
    """Close every matplotlib figure the learner's code opened (between checks)."""
    _backend.close_figures()


def type_name(obj: Any) -> str:
    """``"module.Class"`` of ``obj``, also for a handle on an object that lives in the worker."""
    return _backend.type_names(obj)[0]


def is_instance(obj: Any, qualified_name: str) -> bool:
    """``isinstance`` by qualified name (``"matplotlib.figure.Figure"``), for handles too."""
    return qualified_name in _backend.type_names(obj)


def expect_figure(got: Any, *, hint: str = "return fig") -> Any:
    """Fail unless ``got`` is a matplotlib Figure; return it."""
    if not is_instance(got, "matplotlib.figure.Figure"):
        fail(f"{_prefix()}returned a {type_name(got).rsplit('.', 1)[-1]}; expected the matplotlib Figure ({hint}).")
    return got


def saved_file(path: str | os.PathLike, *, max_bytes: int = 50_000_000) -> bytes | None:
    """The bytes of a file the learner's code wrote, or None if there is no regular file there.

    Safe against whatever the learner's code put at ``path`` instead (a folder, a FIFO, a link
    out of the check's folder, a huge file): it never blocks and never follows a link.
    """
    import stat

    if hasattr(_backend, "read_file"):
        return _backend.read_file(os.fspath(path), max_bytes)
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        return fh.read(max_bytes + 1)[:max_bytes]


def learner_source() -> str:
    """The text of the learner's file (for static checks such as "no Python loop")."""
    path = os.environ.get("LA4ML_SUBMISSION") or getattr(_backend, "path", None)
    if not path:
        return ""
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read()
