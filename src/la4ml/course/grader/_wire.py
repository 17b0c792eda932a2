"""The wire between the trusted grader and the sandboxed worker: frames and a data-only codec.

Both sides import this file; the worker imports it by path, before anything else of la4ml, so it
imports nothing but the standard library at module level (NumPy, PyTorch and SciPy are imported
only when a value of theirs is encoded or decoded).

**Frames** are an 8-byte big-endian length followed by that many bytes.

**Values from the worker** (the learner's code: untrusted) are turned into a tree of tagged tuples
of Python built-ins — ``("i", 3)``, ``("nd", "<f8", (2, 2), b"...")``, ``("h", 7, [...])`` for an
object that stays in the worker — and pickled. The trusted side unpickles with an unpickler that
refuses every global (so a frame can only ever produce built-in containers, numbers, strings and
bytes), then rebuilds NumPy arrays, tensors and sparse matrices from the tree itself, checking every
tag, dtype, shape and size. Nothing the worker sends can run code in the trusted process.

**Values to the worker** (the hidden tests' arguments: trusted) are pickled as they are, with
handles and callables replaced by references (pickle's ``persistent_id``).
"""

from __future__ import annotations

import io
import os
import pickle
import struct

HEADER = struct.Struct(">Q")
#: the largest frame the trusted side accepts from the worker
MAX_FRAME = 512 * 1024 * 1024
#: deepest nesting of containers accepted from the worker
MAX_DEPTH = 64
#: dtype kinds that may cross as raw bytes (no objects)
RAW_KINDS = set("?biufcSUmM")


class WireError(Exception):
    """A frame or value from the worker that breaks the protocol."""


# --- frames ------------------------------------------------------------------------------------


def write_frame(fd: int, payload: bytes) -> None:
    data = HEADER.pack(len(payload)) + payload
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def read_exact(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the channel")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, max_size: int = MAX_FRAME) -> bytes:
    (size,) = HEADER.unpack(read_exact(fd, HEADER.size))
    if size > max_size:
        raise WireError(f"a message of {size} bytes is over the limit of {max_size} bytes")
    return read_exact(fd, size)


# --- the data-only pickle (trusted side reads) ------------------------------------------------------


class _NoGlobals(pickle.Unpickler):
    def find_class(self, module, name):  # noqa: D401 - pickle API
        raise WireError(f"the worker sent a reference to {module}.{name}; only plain data may cross")

    def persistent_load(self, pid):
        raise WireError("the worker sent a persistent reference; only plain data may cross")


def loads_plain(payload: bytes):
    """Unpickle ``payload`` allowing built-in values only (no classes, no functions)."""
    try:
        return _NoGlobals(io.BytesIO(payload)).load()
    except WireError:
        raise
    except Exception as exc:  # a truncated or malformed pickle
        raise WireError(f"the worker sent a malformed message ({type(exc).__name__}: {exc})") from None


def dumps_plain(tree) -> bytes:
    return pickle.dumps(tree, protocol=5)


# --- encoding (worker side): any value -> tagged tree ------------------------------------------------


def _qualnames(obj) -> list:
    names = []
    for cls in type(obj).__mro__:
        names.append(f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', cls.__name__)}")
    return names


class Encoder:
    """Turns a value into a tagged tree; what is not plain data becomes a handle (``register``)."""

    def __init__(self, register):
        self.register = register  # obj -> (id, metadata tuple)

    def encode(self, value, depth: int = 0):
        if depth > MAX_DEPTH - 2:
            return self.handle(value)
        t = type(value)
        if value is None:
            return ("N",)
        if t is bool:
            return ("b", value)
        if t is int:
            return ("i", value)
        if t is float:
            return ("f", value)
        if t is complex:
            return ("c", (value.real, value.imag))
        if t is str:
            return ("s", value)
        if t is bytes:
            return ("y", value)
        if t is list:
            return ("l", [self.encode(v, depth + 1) for v in value])
        if t is tuple:
            return ("t", [self.encode(v, depth + 1) for v in value])
        if t is dict:
            return ("d", [(self.encode(k, depth + 1), self.encode(v, depth + 1)) for k, v in value.items()])
        if t is set or t is frozenset:
            return ("set" if t is set else "fset", [self.encode(v, depth + 1) for v in value])
        if t is slice:
            return ("slice", [self.encode(v, depth + 1) for v in (value.start, value.stop, value.step)])
        if t is range:
            return ("range", (value.start, value.stop, value.step))
        if isinstance(value, tuple) and hasattr(t, "_fields") and all(type(f) is str for f in t._fields):
            return ("nt", t.__name__, list(t._fields), [self.encode(v, depth + 1) for v in value])
        module = getattr(t, "__module__", "") or ""
        if module.startswith("numpy"):
            out = self._numpy(value, depth)
            if out is not None:
                return out
        elif module.startswith("torch"):
            out = self._torch(value, depth)
            if out is not None:
                return out
        elif module.startswith("scipy.sparse"):
            out = self._sparse(value, depth)
            if out is not None:
                return out
        return self.handle(value)

    def handle(self, value):
        hid, meta = self.register(value)
        return ("h", hid, meta)

    def _array(self, arr, depth):
        import numpy as np

        arr = np.asarray(arr)
        if arr.dtype.kind in RAW_KINDS and not arr.dtype.hasobject and arr.dtype.fields is None:
            data = np.ascontiguousarray(arr).reshape(arr.shape)  # ascontiguousarray makes a 0-d array 1-d
            return ("nd", data.dtype.str, list(data.shape), data.tobytes())
        if arr.dtype.kind == "O" and arr.size <= 100_000:
            return ("ndo", list(arr.shape), [self.encode(v, depth + 1) for v in arr.ravel().tolist()])
        return None

    def _numpy(self, value, depth):
        import numpy as np

        if isinstance(value, np.ma.MaskedArray):
            data = self._array(np.ma.getdata(value), depth)
            mask = self._array(np.ma.getmaskarray(value), depth)
            if data is not None and mask is not None:
                return ("ma", data, mask)
            return None
        if type(value) is np.ndarray or (isinstance(value, np.ndarray) and type(value).__module__.startswith("numpy")):
            return self._array(value, depth)
        if isinstance(value, np.generic) and value.dtype.kind in RAW_KINDS:
            return ("ns", value.dtype.str, value.tobytes())
        if isinstance(value, np.dtype) and value.kind in RAW_KINDS and value.fields is None:
            return ("dt", value.str)
        return None

    def _torch(self, value, depth):
        import torch

        if isinstance(value, torch.Tensor) and type(value) in (torch.Tensor, torch.nn.Parameter):
            if value.layout != torch.strided or value.is_quantized or value.is_meta:
                return None
            t = value.detach()
            name = str(t.dtype).replace("torch.", "")
            if t.dtype in (torch.bfloat16, torch.float16):
                arr = t.to("cpu", torch.float32).numpy()
            else:
                try:
                    arr = t.cpu().resolve_conj().resolve_neg().numpy()
                except (TypeError, RuntimeError):
                    return None
            grad = value.grad if value.requires_grad or value.grad is not None else None
            return ("T", self._array(arr, depth), name, bool(value.requires_grad),
                    None if grad is None else self._torch(grad, depth + 1),
                    isinstance(value, torch.nn.Parameter), str(value.device))
        if isinstance(value, torch.dtype):
            return ("Tdt", str(value).replace("torch.", ""))
        if isinstance(value, torch.device):
            return ("Tdev", str(value))
        if isinstance(value, torch.Size):
            return ("Tsize", [int(v) for v in value])
        if isinstance(value, torch.nn.Module):
            return None  # stays in the worker: a handle
        return None

    def _sparse(self, value, depth):
        import scipy.sparse as sp

        if not sp.issparse(value):
            return None
        kind = "array" if isinstance(value, sp.sparray) else "matrix"
        csr = value.tocsr() if value.format not in ("csr", "csc") else value
        return ("sp", csr.format, kind, list(csr.shape),
                self._array(csr.data, depth), self._array(csr.indices, depth), self._array(csr.indptr, depth))


# --- decoding (trusted side): tagged tree -> value ----------------------------------------------------


class Decoder:
    """Rebuilds values from a tagged tree, checking everything; handles become ``make_handle(...)``."""

    def __init__(self, make_handle):
        self.make_handle = make_handle

    def decode(self, node, depth: int = 0):
        if depth > MAX_DEPTH:
            raise WireError("a value nested too deeply")
        if type(node) is not tuple or not node or type(node[0]) is not str:
            raise WireError("a malformed value")
        tag = node[0]
        try:
            method = _DECODERS[tag]
        except KeyError:
            raise WireError(f"an unknown value tag {tag!r}") from None
        return method(self, node, depth)

    def _n(self, node, d):
        return None

    def _scalar(types):
        def dec(self, node, d):
            if len(node) != 2 or type(node[1]) not in types:
                raise WireError("a malformed scalar")
            return node[1]
        return dec

    def _c(self, node, d):
        re_, im = node[1]
        if type(re_) is not float or type(im) is not float:
            raise WireError("a malformed complex number")
        return complex(re_, im)

    def _items(self, node, d):
        if len(node) != 2 or type(node[1]) is not list:
            raise WireError("a malformed container")
        return [self.decode(v, d + 1) for v in node[1]]

    def _l(self, node, d):
        return self._items(node, d)

    def _t(self, node, d):
        return tuple(self._items(node, d))

    def _set(self, node, d):
        return set(self._items(node, d))

    def _fset(self, node, d):
        return frozenset(self._items(node, d))

    def _d(self, node, d):
        if len(node) != 2 or type(node[1]) is not list:
            raise WireError("a malformed dict")
        out = {}
        for pair in node[1]:
            if type(pair) is not tuple or len(pair) != 2:
                raise WireError("a malformed dict item")
            out[self.decode(pair[0], d + 1)] = self.decode(pair[1], d + 1)
        return out

    def _slice(self, node, d):
        return slice(*self._items(node, d))

    def _range(self, node, d):
        a, b, c = node[1]
        if not all(type(v) is int for v in (a, b, c)):
            raise WireError("a malformed range")
        return range(a, b, c)

    def _nt(self, node, d):
        import collections
        import keyword

        _, name, fields, values = node
        if type(name) is not str or not name.isidentifier() or keyword.iskeyword(name):
            name = "result"
        if (type(fields) is not list or not all(type(f) is str and f.isidentifier() and not keyword.iskeyword(f)
                                                  and not f.startswith("_") for f in fields)
                or len(set(fields)) != len(fields) or type(values) is not list or len(values) != len(fields)):
            raise WireError("a malformed named tuple")
        cls = collections.namedtuple(name, fields)
        return cls(*[self.decode(v, d + 1) for v in values])

    @staticmethod
    def _dtype(s):
        import numpy as np

        if type(s) is not str or len(s) > 16:
            raise WireError("a malformed dtype")
        try:
            dt = np.dtype(s)
        except TypeError:
            raise WireError(f"an unknown dtype {s!r}") from None
        if dt.kind not in RAW_KINDS or dt.hasobject or dt.fields is not None:
            raise WireError(f"dtype {s!r} may not cross")
        return dt

    def _nd(self, node, d):
        import numpy as np

        if len(node) != 4:
            raise WireError("a malformed array")
        _, dts, shape, data = node
        dt = self._dtype(dts)
        if type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape) or len(shape) > 32:
            raise WireError("a malformed array shape")
        size = 1
        for n in shape:
            size *= n
        if type(data) is not bytes or len(data) != size * dt.itemsize:
            raise WireError("an array whose data does not match its shape")
        return np.frombuffer(data, dtype=dt).reshape(shape).copy()

    def _ndo(self, node, d):
        import numpy as np

        _, shape, items = node
        if type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape) or type(items) is not list:
            raise WireError("a malformed object array")
        size = 1
        for n in shape:
            size *= n
        if len(items) != size:
            raise WireError("an object array whose items do not match its shape")
        out = np.empty(size, dtype=object)
        for i, v in enumerate(items):
            out[i] = self.decode(v, d + 1)
        return out.reshape(shape)

    def _ma(self, node, d):
        import numpy as np

        data, mask = self.decode(node[1], d + 1), self.decode(node[2], d + 1)
        if not isinstance(data, np.ndarray) or not isinstance(mask, np.ndarray) or mask.shape != data.shape:
            raise WireError("a malformed masked array")
        return np.ma.MaskedArray(data, mask=mask.astype(bool))

    def _ns(self, node, d):
        import numpy as np

        dt = self._dtype(node[1])
        if type(node[2]) is not bytes or len(node[2]) != dt.itemsize:
            raise WireError("a malformed NumPy scalar")
        return np.frombuffer(node[2], dtype=dt)[0]

    def _dt(self, node, d):
        return self._dtype(node[1])

    def _T(self, node, d):
        import numpy as np
        import torch

        if len(node) != 7:
            raise WireError("a malformed tensor")
        _, arr_node, name, requires_grad, grad_node, is_param, device = node
        arr = self.decode(arr_node, d + 1)
        dtype = getattr(torch, name, None) if type(name) is str and name.isidentifier() else None
        if not isinstance(arr, np.ndarray) or not isinstance(dtype, torch.dtype) or type(requires_grad) is not bool:
            raise WireError("a malformed tensor")
        t = torch.from_numpy(np.ascontiguousarray(arr).reshape(arr.shape)).to(dtype)  # keep a 0-d tensor 0-d
        if device != "cpu" and type(device) is str and device.startswith("cuda") and torch.cuda.is_available():
            try:
                t = t.to(device)
            except (RuntimeError, AssertionError):
                pass
        if is_param is True:
            t = torch.nn.Parameter(t, requires_grad=requires_grad)
        elif requires_grad and (t.is_floating_point() or t.is_complex()):
            t.requires_grad_(True)
        if grad_node is not None:
            grad = self.decode(grad_node, d + 1)
            if isinstance(grad, torch.Tensor) and grad.shape == t.shape:
                t.grad = grad.to(t.dtype).detach()
        return t

    def _Tdt(self, node, d):
        import torch

        dt = getattr(torch, node[1], None) if type(node[1]) is str and node[1].isidentifier() else None
        if not isinstance(dt, torch.dtype):
            raise WireError("a malformed torch dtype")
        return dt

    def _Tdev(self, node, d):
        import torch

        if type(node[1]) is not str or len(node[1]) > 32:
            raise WireError("a malformed torch device")
        try:
            return torch.device(node[1])
        except RuntimeError:
            raise WireError("a malformed torch device") from None

    def _Tsize(self, node, d):
        import torch

        if type(node[1]) is not list or not all(type(n) is int for n in node[1]):
            raise WireError("a malformed torch.Size")
        return torch.Size(node[1])

    def _sp(self, node, d):
        import numpy as np
        import scipy.sparse as sp

        _, fmt, kind, shape, data, indices, indptr = node
        if fmt not in ("csr", "csc") or kind not in ("array", "matrix"):
            raise WireError("a malformed sparse matrix")
        if type(shape) is not list or len(shape) != 2 or not all(type(n) is int and n >= 0 for n in shape):
            raise WireError("a malformed sparse shape")
        data, indices, indptr = (self.decode(x, d + 1) for x in (data, indices, indptr))
        if not all(isinstance(a, np.ndarray) and a.ndim == 1 for a in (data, indices, indptr)):
            raise WireError("a malformed sparse matrix")
        cls = {("csr", "array"): sp.csr_array, ("csc", "array"): sp.csc_array,
               ("csr", "matrix"): sp.csr_matrix, ("csc", "matrix"): sp.csc_matrix}[fmt, kind]
        try:
            out = cls((data, indices, indptr), shape=tuple(shape))
            out.check_format(full_check=True)
        except (ValueError, TypeError, IndexError) as exc:
            raise WireError(f"a malformed sparse matrix ({exc})") from None
        return out

    def _h(self, node, d):
        if len(node) != 3 or type(node[1]) is not int or type(node[2]) is not tuple:
            raise WireError("a malformed handle")
        return self.make_handle(node[1], node[2])


_DECODERS = {
    "N": Decoder._n,
    "b": Decoder._scalar((bool,)),
    "i": Decoder._scalar((int,)),
    "f": Decoder._scalar((float,)),
    "s": Decoder._scalar((str,)),
    "y": Decoder._scalar((bytes,)),
    "c": Decoder._c,
    "l": Decoder._l,
    "t": Decoder._t,
    "d": Decoder._d,
    "set": Decoder._set,
    "fset": Decoder._fset,
    "slice": Decoder._slice,
    "range": Decoder._range,
    "nt": Decoder._nt,
    "nd": Decoder._nd,
    "ndo": Decoder._ndo,
    "ma": Decoder._ma,
    "ns": Decoder._ns,
    "dt": Decoder._dt,
    "T": Decoder._T,
    "Tdt": Decoder._Tdt,
    "Tdev": Decoder._Tdev,
    "Tsize": Decoder._Tsize,
    "sp": Decoder._sp,
    "h": Decoder._h,
}


def rebuild_tensor(tree):
    """Runs in the worker: a tensor (with its grad and requires_grad) from the trusted side's tree."""
    return Decoder(lambda *a: None).decode(tree)
