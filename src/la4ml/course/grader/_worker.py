"""The sandboxed worker: imports the learner's file and runs what the trusted grader asks of it.

Started as ``python -I _worker.py FD_IN FD_OUT SUBMISSION`` (inside bubblewrap where available).
It reads requests from FD_IN and writes replies to FD_OUT (frames of :mod:`_wire`). Everything here
is untrusted from the grader's point of view: the learner's code runs in this process and may
change any of it. The grader therefore takes nothing from this process but *values* — decoded by a
data-only codec and checked by the hidden tests, which never run here.

Requests (pickled by the trusted side; references to objects living here arrive as ``("ref", id)``
and callables of the tests as ``("cb", id, name)``):

``("load",)`` import the learner's file; ``("getattr", id, name)``, ``("setattr", id, name, value)``,
``("call", id, args, kwargs)``, ``("getitem", id, key)``, ``("len", id)``, ``("iter", id)``,
``("next", id)``, ``("bool", id)``, ``("str", id)``, ``("contains", id, item)``, ``("eq", id, other)``;
``("block", targets, reason)``, ``("count", targets)``, ``("counts", token)``,
``("placeholder_savefig",)``, ``("restore", token)``, ``("chdir", path)``, ``("close_figures",)``,
``("readfile", path, max_bytes)``, ``("reset",)``, ``("preimport", names)`` (a warm worker imports the
libraries named, ahead of the learner's file).

Replies: ``("ret", value, writeback, output)``, ``("raise", info, writeback, output)``, and, while a
call runs, ``("cb", id, args, kwargs)`` asking the trusted side to run one of its callables.
"""

import importlib.util
import io
import os
import pickle
import sys
import traceback

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("_la4ml_wire", os.path.join(_here, "_wire.py"))
wire = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wire)
sys.modules["la4ml.course.grader._wire"] = wire  # what the trusted side's pickles refer to

MODULE_ID = 0
#: what a warm worker may import ahead of the learner's file (installed libraries, never the learner's own modules)
PREIMPORTABLE = frozenset({"numpy", "scipy", "sklearn", "matplotlib", "torch", "pandas", "networkx", "la4ml"})
MAX_TEXT = 8192
MAX_OUTPUT = int(os.environ.get("LA4ML_MAX_OUTPUT", str(64 * 1024)))


class OutputLimitExceeded(Exception):
    """Raised inside the learner's code when it prints more than the grader accepts."""


class _Capture(io.TextIOBase):
    """sys.stdout / sys.stderr during a request: bounded, so an endless print stops early."""

    def __init__(self):
        self.parts = []
        self.size = 0

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            s = str(s)
        self.size += len(s)
        if self.size > MAX_OUTPUT:
            self.parts.append(s[: max(0, MAX_OUTPUT - (self.size - len(s)))])
            raise OutputLimitExceeded(f"printed more than {MAX_OUTPUT // 1024} KiB")
        self.parts.append(s)
        return len(s)

    def text(self):
        return "".join(self.parts)[:MAX_OUTPUT]


def _short(text, limit=MAX_TEXT):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + f"… [{len(text) - limit} more characters]"


class Callback:
    """A callable of the hidden tests: calling it asks the trusted side to run it there."""

    def __init__(self, worker, cid, name):
        self._worker, self._cid, self.__name__ = worker, cid, name

    def __call__(self, *args, **kwargs):
        return self._worker.callback(self._cid, args, kwargs)

    def __repr__(self):
        return f"<function {self.__name__}>"


class CallbackError(Exception):
    """The test's callable raised (its type had no built-in equivalent)."""


class Worker:
    def __init__(self, fd_in, fd_out, submission):
        self.fd_in, self.fd_out, self.submission = fd_in, fd_out, submission
        self.objects = {}
        self.ids = {}
        self.pinned = set()
        self.next_id = 1
        self.tokens = {}
        self.counts = {}
        self.next_token = 0
        self.encoder = wire.Encoder(self.register)
        self.module = None

    # --- the object table -----------------------------------------------------------------------

    def register(self, obj):
        key = id(obj)
        hid = self.ids.get(key)
        if hid is None or self.objects.get(hid) is not obj:
            hid = self.next_id
            self.next_id += 1
            self.objects[hid] = obj
            self.ids[key] = hid
        return hid, self.meta(obj)

    @staticmethod
    def meta(obj):
        names = tuple(wire._qualnames(obj))
        try:
            text = _short(repr(obj), 200)
        except Exception:  # a broken __repr__ of the learner's
            text = f"<{type(obj).__name__} object>"
        name = getattr(obj, "__name__", None) if callable(obj) else None
        params = None
        if callable(obj):
            try:
                import inspect

                params = tuple((p.name, int(p.kind), p.default is not p.empty)
                               for p in inspect.signature(obj).parameters.values())
            except (TypeError, ValueError):
                params = None
        return (names, text, bool(callable(obj)), name if isinstance(name, str) else None, params)

    def obj(self, hid):
        try:
            return self.objects[hid]
        except KeyError:
            raise LookupError("that object is gone (the checks were reset)") from None

    # --- channel ----------------------------------------------------------------------------------

    def send(self, tree):
        wire.write_frame(self.fd_out, wire.dumps_plain(tree))

    def receive(self):
        payload = wire.read_frame(self.fd_in, max_size=1 << 40)
        worker = self

        class Unpickler(pickle.Unpickler):
            def persistent_load(self, pid):
                if pid[0] == "ref":
                    return worker.obj(pid[1])
                if pid[0] == "cb":
                    return Callback(worker, pid[1], pid[2])
                raise pickle.UnpicklingError(f"unknown reference {pid!r}")

        return Unpickler(io.BytesIO(payload)).load()

    def callback(self, cid, args, kwargs):
        self.send(("cb", cid, self.encode(args), self.encode(kwargs)))
        while True:
            msg = self.receive()
            if msg[0] == "cbret":
                return msg[1]
            if msg[0] == "cbraise":
                _, names, message = msg
                import builtins

                for name in names:
                    cls = getattr(builtins, name, None)
                    if isinstance(cls, type) and issubclass(cls, Exception):
                        raise cls(message)
                raise CallbackError(message)
            self.serve(msg)  # the test called back into the learner's code meanwhile

    def encode(self, value):
        try:
            return self.encoder.encode(value)
        except RecursionError:
            return self.encoder.handle(value)

    # --- requests -----------------------------------------------------------------------------------

    def serve(self, msg):
        op = msg[0]
        capture = _Capture()
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = capture
        writeback = None
        try:
            if op == "call":
                fn, args, kwargs = msg[1], msg[2], msg[3]
                before = self.snapshot(args, kwargs)
                try:
                    value = fn(*args, **kwargs)
                finally:
                    writeback = self.changes(before, args, kwargs)
                reply_value = self.encode(value)
            elif op == "callkeep":  # the result and the arguments stay here, as handles
                fn, args, kwargs = msg[1], msg[2], msg[3]
                value = fn(*args, **kwargs)
                handle = self.encoder.handle
                if type(value) in (tuple, list):  # a pair of results: a handle on each
                    kept = ("t" if type(value) is tuple else "l", [handle(v) for v in value])
                else:
                    kept = handle(value)
                reply_value = ("t", [kept, ("t", [handle(a) for a in args])])
            else:
                reply_value = self.encode(self.dispatch(op, msg))
        except BaseException as exc:  # the learner's exception, or one of ours
            sys.stdout, sys.stderr = saved
            self.send(("raise", self.describe(exc), writeback, capture.text()))
            return
        sys.stdout, sys.stderr = saved
        self.send(("ret", reply_value, writeback, capture.text()))

    def dispatch(self, op, msg):
        if op == "load":
            return self.load()
        if op == "preimport":  # a warm worker: the libraries the learner's file imported last time
            for name in msg[1][:64] if type(msg[1]) is list else ():
                if type(name) is str and name.split(".")[0] in PREIMPORTABLE and not name.startswith("la4ml.course"):
                    try:
                        importlib.import_module(name)
                    except Exception:
                        pass
            return None
        if op == "getattr":
            value = getattr(msg[1], msg[2])
            if msg[1] is self.module:
                hid, _ = self.register(value)
                self.pinned.add(hid)
            return value
        if op == "setattr":
            setattr(msg[1], msg[2], msg[3])
            return None
        if op == "getitem":
            return msg[1][msg[2]]
        if op == "setitem":
            msg[1][msg[2]] = msg[3]
            return None
        if op == "len":
            return len(msg[1])
        if op == "iter":
            return iter(msg[1])
        if op == "next":
            try:
                return ("value", next(msg[1]))
            except StopIteration:
                return ("stop",)
        if op == "bool":
            return bool(msg[1])
        if op == "str":
            return _short(str(msg[1]))
        if op == "contains":
            return msg[2] in msg[1]
        if op == "eq":
            return bool(msg[1] == msg[2])
        if op == "reset":
            self.close_figures()
            keep = {MODULE_ID} | self.pinned
            self.objects = {k: v for k, v in self.objects.items() if k in keep}
            self.ids = {id(v): k for k, v in self.objects.items()}
            for restore in reversed(list(self.tokens.values())):
                restore()
            self.tokens.clear()
            self.counts.clear()
            return None
        if op in ("block", "count", "placeholder_savefig"):
            from la4ml.course.grading import _LocalBackend

            backend = _LocalBackend()
            backend.module = self.module
            self.next_token += 1
            token = self.next_token
            if op == "block":
                self.tokens[token] = backend.block(list(msg[1]), msg[2])
            elif op == "count":
                self.counts[token] = {}
                self.tokens[token], _ = backend.count(list(msg[1]), self.counts[token])
            else:
                self.tokens[token] = backend.placeholder_savefig()
            return token
        if op == "counts":
            return dict(self.counts.get(msg[1], {}))
        if op == "restore":
            restore = self.tokens.pop(msg[1], None)
            self.counts.pop(msg[1], None)
            if restore is not None:
                restore()
            return None
        if op == "chdir":
            old = os.getcwd()
            os.chdir(msg[1])
            return old
        if op == "close_figures":
            self.close_figures()
            return None
        if op == "readfile":
            return self.readfile(msg[1], msg[2])
        if op == "typenames":
            return list(wire._qualnames(msg[1]))
        raise ValueError(f"unknown request {op!r}")

    @staticmethod
    def close_figures():
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            try:
                plt.close("all")
            except Exception:
                pass

    @staticmethod
    def readfile(path, max_bytes):
        import stat

        try:
            st = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as fh:
            return fh.read(max_bytes)

    def load(self):
        path = self.submission
        folder = os.path.dirname(path)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        spec = importlib.util.spec_from_file_location("submission", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["submission"] = module
        spec.loader.exec_module(module)
        self.module = module
        self.objects[MODULE_ID] = module
        self.ids[id(module)] = MODULE_ID
        return None

    # --- in-place changes of the arguments (mirrored back to the trusted side) -------------------------

    def _state(self, value, depth=0):
        """The mutable state of an argument as a tagged tree, or None if it has none we mirror."""
        if depth > 8:
            return None
        t = type(value)
        if t is list:
            return ("l", [self._state(v, depth + 1) for v in value])
        if t is tuple:
            items = [self._state(v, depth + 1) for v in value]
            return ("t", items) if any(i is not None for i in items) else None
        if t is dict:
            return ("d", [(self.encode(k), self._state(v, depth + 1)) for k, v in value.items()])
        module = getattr(t, "__module__", "") or ""
        if module.startswith("numpy") and t.__name__ == "ndarray":
            return self.encode(value)
        if module.startswith("numpy.random") and t.__name__ in ("Generator", "RandomState"):
            try:  # where the learner's draws left it, so the test's generator advances too
                state = value.bit_generator.state if t.__name__ == "Generator" else value.get_state(legacy=False)
                return ("rng", self.encode(state))
            except Exception:
                return None
        if module.startswith("torch"):
            import torch

            if isinstance(value, torch.Tensor):
                return self.encode(value)
            if isinstance(value, torch.nn.Module):
                named = list(value.named_parameters()) + list(value.named_buffers())
                return ("mod", [(name, self.encode(p)) for name, p in named])
        if module.startswith("la4ml.course.grading"):  # the guard arrays of the tests
            import numpy as np

            return self.encode(np.asarray(value).view(np.ndarray))
        return None

    def snapshot(self, args, kwargs):
        try:
            return pickle.dumps((self._state(list(args)), self._state(dict(kwargs))), protocol=5)
        except Exception:
            return None

    def changes(self, before, args, kwargs):
        if before is None:
            return None
        try:
            after = (self._state(list(args)), self._state(dict(kwargs)))
            if pickle.dumps(after, protocol=5) == before:
                return None
            return after
        except Exception:
            return None

    # --- exceptions ----------------------------------------------------------------------------------

    def describe(self, exc):
        names = tuple(wire._qualnames(exc))
        try:
            message = _short(str(exc))
        except Exception:
            message = "(its message could not be read)"
        frames = []
        try:
            mine = os.path.abspath(self.submission)
            for f in traceback.extract_tb(exc.__traceback__):
                if os.path.abspath(f.filename) == mine:
                    frames.append((os.path.basename(f.filename), int(f.lineno or 0), _short(f.name, 200),
                                   _short(f.line or "", 300)))
        except Exception:
            frames = []
        lineno = getattr(exc, "lineno", None) if isinstance(exc, SyntaxError) else None
        text = _short(getattr(exc, "text", "") or "", 300) if isinstance(exc, SyntaxError) else ""
        code = None
        if isinstance(exc, SystemExit):
            try:
                code = _short(repr(exc.code), 200)
            except Exception:
                code = "?"
        return (names, message, tuple(frames[-20:]), lineno if isinstance(lineno, int) else None, text, code)


def main():
    fd_in, fd_out, submission = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.set_inheritable(fd_in, False)
    os.set_inheritable(fd_out, False)
    worker = Worker(fd_in, fd_out, submission)
    worker.send(("ready", os.getpid()))
    while True:
        try:
            msg = worker.receive()
        except EOFError:
            os._exit(0)
        worker.serve(msg)


if __name__ == "__main__":
    main()
