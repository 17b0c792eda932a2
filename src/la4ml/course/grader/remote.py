"""The trusted side of the channel: a client for the worker, and proxies the hidden tests use.

The hidden tests receive :class:`RemoteModule` as ``submission``. Attribute access, calls, indexing,
``len``, iteration and truth tests on it (and on any :class:`Remote` handle it returns) are requests
to the worker; plain data comes back decoded by :mod:`_wire` (data only: nothing the worker sends can
run code here). Exceptions of the learner's code come back as :class:`RemoteError` instances whose
class also derives from the matching built-in (``ValueError``, ``NotImplementedError``,
``numpy.linalg.LinAlgError`` …), so a test's ``except ValueError`` works as it would in-process.

Anything that ends a check for a reason other than a value — a time-out, the worker dying, too
much output, a broken message — is a :class:`GraderAbort` (a ``BaseException``, so neither the tests'
``except Exception`` nor :func:`la4ml.course.grading.call` can swallow it).
"""

from __future__ import annotations

import builtins
import errno
import functools
import inspect
import io
import os
import pickle
import select
import signal
import threading
import time
import types
from dataclasses import dataclass

from la4ml.course.grader import _wire as wire
from la4ml.course.grader import sandbox
from la4ml.course.grading import GraderAbort


class WorkerTimeout(GraderAbort):
    """The learner's code used its time."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind  # "cpu" | "wall"


class WorkerDied(GraderAbort):
    """The worker process ended while a check was using it."""


class OutputLimit(GraderAbort):
    """The learner's code printed more than the grader keeps."""


class SandboxError(GraderAbort):
    """The worker could not even start (not the learner's doing): the check could not run."""


class ProtocolError(GraderAbort):
    """The worker sent something that is not a well-formed reply."""


class StaleHandle(Exception):
    """A handle from a worker that has since been restarted."""


# --- exceptions of the learner's code --------------------------------------------------------------


class RemoteError(Exception):
    """An exception raised by the learner's code in the worker (also an instance of its built-in base)."""

    remote_type: str = ""
    frames: tuple = ()
    syntax_line: int | None = None
    syntax_text: str = ""
    exit_code: str | None = None


_SPECIAL = {"SystemExit", "KeyboardInterrupt", "GeneratorExit"}


@functools.lru_cache(maxsize=256)
def _exception_class(names: tuple[str, ...]) -> type:
    base: type = Exception
    for qual in names:
        module, _, name = qual.rpartition(".")
        if module == "builtins" and name not in _SPECIAL:
            cand = getattr(builtins, name, None)
            if isinstance(cand, type) and issubclass(cand, Exception):
                base = cand
                break
        if qual == "numpy.linalg.LinAlgError":
            import numpy as np

            base = np.linalg.LinAlgError
            break
    short = names[0].rpartition(".")[2] if names else "Exception"
    if not short.isidentifier():
        short = "Exception"
    return type(short, (RemoteError, base), {"remote_type": names[0] if names else "", "__module__": "submission"})


def _check_text(v, limit=20_000) -> str:
    if type(v) is not str:
        raise wire.WireError("a malformed text")
    return v if len(v) <= limit else v[:limit] + "…"


def make_exception(info) -> RemoteError:
    if type(info) is not tuple or len(info) != 6:
        raise wire.WireError("a malformed exception")
    names, message, frames, lineno, text, code = info
    if type(names) is not tuple or not names or not all(type(n) is str and len(n) < 300 for n in names[:64]):
        raise wire.WireError("a malformed exception type")
    cls = _exception_class(tuple(names[:64]))
    exc = cls(_check_text(message, 8192))
    good = []
    if type(frames) is tuple:
        for f in frames[:20]:
            if type(f) is tuple and len(f) == 4 and type(f[1]) is int and all(type(x) is str for x in (f[0], f[2], f[3])):
                good.append((f[0][:200], f[1], f[2][:200], f[3][:300]))
    exc.frames = tuple(good)
    exc.syntax_line = lineno if type(lineno) is int else None
    exc.syntax_text = _check_text(text, 300) if type(text) is str else ""
    exc.exit_code = code if type(code) is str else None
    return exc


# --- handles ---------------------------------------------------------------------------------------------


class Remote:
    """A handle on an object that lives in the worker."""

    def __init__(self, client: "Client", hid: int, meta: tuple, origin: str | None = None):
        d = self.__dict__
        d["_client"], d["_id"], d["_gen"], d["_origin"] = client, hid, client.generation, origin
        d["_types"], d["_repr"] = meta[0], meta[1]

    def _ref(self) -> int:
        client = self._client
        if self._gen != client.generation:
            if self._origin is None:
                raise StaleHandle("this object came from an earlier run of your code, which has ended")
            fresh = client.module_attr(self._origin)
            self.__dict__.update(_id=fresh._id, _gen=fresh._gen)
        return self._id

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self._client.request("getattr", self, name)

    def __setattr__(self, name, value):
        if name.startswith("_"):
            self.__dict__[name] = value
        else:
            self._client.request("setattr", self, name, value)

    def __getitem__(self, key):
        return self._client.request("getitem", self, key)

    def __setitem__(self, key, value):
        self._client.request("setitem", self, key, value)

    def __len__(self):
        n = self._client.request("len", self)
        if type(n) is not int or n < 0:
            raise TypeError("len() of the object returned something that is not a length")
        return n

    def __iter__(self):
        it = self._client.request("iter", self)
        if not isinstance(it, Remote):
            return iter(it)
        return _RemoteIterator(it)

    def __contains__(self, item):
        return bool(self._client.request("contains", self, item))

    def __bool__(self):
        return bool(self._client.request("bool", self))

    def __str__(self):
        text = self._client.request("str", self)
        return text if type(text) is str else self._repr

    def __repr__(self):
        return self._repr

    def __reduce__(self):
        raise TypeError("a handle travels to the worker by reference only")


class RemoteCallable(Remote):
    """A handle on a function, class or other callable of the worker."""

    def __init__(self, client, hid, meta, origin=None):
        super().__init__(client, hid, meta, origin)
        name, params = meta[3], meta[4]
        self.__dict__["__name__"] = name if type(name) is str and name else "function"
        self.__dict__["__qualname__"] = self.__dict__["__name__"]
        if type(params) is tuple:
            try:
                sig = inspect.Signature([inspect.Parameter(p[0], inspect._ParameterKind(p[1]),
                                                           **({"default": None} if p[2] else {}))
                                         for p in params if type(p) is tuple and len(p) == 3])
                self.__dict__["__signature__"] = sig
            except (ValueError, TypeError):
                pass

    def __call__(self, *args, **kwargs):
        return self._client.request("call", self, args, kwargs)

    def _call_keeping(self, args, kwargs):
        return self._client.request("callkeep", self, args, kwargs)


class _RemoteIterator:
    def __init__(self, handle: Remote):
        self._handle = handle

    def __iter__(self):
        return self

    def __next__(self):
        got = self._handle._client.request("next", self._handle)
        if got == ("stop",):
            raise StopIteration
        if type(got) is tuple and len(got) == 2 and got[0] == "value":
            return got[1]
        raise ProtocolError("the worker answered next() with something else")


class RemoteModule(Remote):
    """The learner's module, as the hidden tests see it (their ``submission`` fixture)."""


# --- the client ---------------------------------------------------------------------------------------------


@dataclass
class Budget:
    """The time a check run may spend waiting on the worker (the CPU limit is the worker's rlimit)."""

    cpu_s: float
    wall_s: float
    used_wall: float = 0.0


class Client:
    """Talks to one worker at a time; starts a new one (and re-imports the file) after a crash."""

    def __init__(self, spec: sandbox.Spec, *, wall_s: float, test_modules: set[str] | None = None):
        self.spec = spec
        self.budget = Budget(spec.cpu_s, wall_s)
        self.proc: sandbox.Process | None = None
        self.generation = 0
        self.sandbox_note = ""
        self.handles: dict[int, Remote] = {}
        self.test_modules = test_modules if test_modules is not None else set()
        self.callbacks: dict[int, object] = {}
        self.callback_ids: dict[int, int] = {}
        self.output = bytearray()
        self.output_over = False
        self.check_output: list[str] = []
        self.reader: threading.Thread | None = None
        self.load_error: RemoteError | None = None
        self.module: RemoteModule | None = None
        self.decoder = wire.Decoder(self._make_handle)
        self.dead: str | None = None
        self.ready = False
        self.preloading = False
        self.preimporting = False

    # lifecycle

    def start(self, *, preload: bool = True) -> None:
        """Start a worker; with ``preload`` it begins importing the learner's file at once (its reply
        is read by :meth:`load`), so the import overlaps with the hidden tests' own start-up."""
        self.proc, self.sandbox_note = sandbox.start(self.spec)
        self.generation += 1
        self.handles = {}
        self.dead = None
        self.output_over = False
        self.ready = False
        self.preloading = False
        self.preimporting = False
        self.reader = threading.Thread(target=self._drain, args=(self.proc,), daemon=True)
        self.reader.start()
        if preload:
            self.begin_load()

    def preimport(self, names: list[str]) -> None:
        """Ask a just-started worker to import these libraries now, before the learner's file exists
        (a warm worker; the reply is read when the file is loaded)."""
        self._send(self._pickle(("preimport", list(names))), time.monotonic() + 30)
        self.preimporting = True

    def begin_load(self) -> None:
        """Start importing the learner's file (at start, or later in a warm worker); :meth:`load` reads the reply."""
        self._send(self._pickle(("load",)), time.monotonic() + 30)
        self.preloading = True

    def _ensure_ready(self, deadline: float) -> None:
        if not self.ready:
            hello = self._receive(deadline)
            if type(hello) is not tuple or not hello or hello[0] != "ready":
                self._fail("the worker did not start properly", ProtocolError)
            self.ready = True

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc = None

    def _drain(self, proc: sandbox.Process) -> None:
        limit = self.spec.max_output_kb * 1024
        while True:
            try:
                chunk = os.read(proc.output, 65536)
            except OSError:
                return
            if not chunk:
                return
            if len(self.output) < 4 * limit:
                self.output += chunk[: 4 * limit - len(self.output)]
            if len(self.output) >= 4 * limit and not self.output_over:
                self.output_over = True
                proc.kill()
                return

    # module

    def load(self) -> RemoteModule | None:
        """Import the learner's file in the worker; None (and ``load_error``) if it fails."""
        if self.proc is None or self.dead is not None:
            self.start()
        try:
            if self.preimporting:  # replies come in order: the warm worker's imports first
                self.preimporting = False
                self._await_reply(("preimport",), time.monotonic() + max(0.5, self.budget.wall_s - self.budget.used_wall))
            if self.preloading:
                self.preloading = False
                self._await_reply(("load",), time.monotonic() + max(0.5, self.budget.wall_s - self.budget.used_wall))
            else:
                self.request("load")
        except RemoteError as exc:
            self.load_error = exc
            return None
        if self.module is None:
            self.module = RemoteModule(self, 0, (("builtins.module",), "<module 'submission'>", False, None, None))
        else:
            self.module.__dict__["_gen"] = self.generation
        return self.module

    def module_attr(self, name: str):
        if self.proc is None or self.dead is not None:
            self.restart()
        return self.request("getattr", self.module, name)

    def restart(self) -> None:
        self.close()
        self.start(preload=False)
        try:
            self.request("load")
        except RemoteError as exc:  # it loaded before, so this is a crash at import this time
            raise WorkerDied(f"your file failed to import again after a crash ({type(exc).__name__}: {exc})") from None
        if self.module is not None:
            self.module.__dict__["_gen"] = self.generation

    # requests

    def _make_handle(self, hid, meta):
        if (type(meta) is not tuple or len(meta) != 5 or type(meta[0]) is not tuple
                or not all(type(n) is str for n in meta[0][:64]) or type(meta[1]) is not str):
            raise wire.WireError("a malformed handle")
        meta = (tuple(n[:300] for n in meta[0][:64]), meta[1][:200], meta[2] is True, meta[3], meta[4])
        cached = self.handles.get(hid)
        if cached is not None:
            return cached
        origin = self._pending_origin
        cls = RemoteCallable if meta[2] else Remote
        h = cls(self, hid, meta, origin)
        self.handles[hid] = h
        return h

    _pending_origin: str | None = None

    def _pickle(self, obj) -> bytes:
        client = self

        class Pickler(pickle.Pickler):
            def persistent_id(self, o):
                if isinstance(o, Remote):
                    return ("ref", o._ref())
                if client._is_callback(o):
                    cid = client.callback_ids.get(id(o))
                    if cid is None:
                        cid = len(client.callbacks) + 1
                        client.callbacks[cid] = o
                        client.callback_ids[id(o)] = cid
                    return ("cb", cid, getattr(o, "__name__", type(o).__name__))
                return None

            def reducer_override(self, o):
                if type(o).__module__.startswith("torch") and type(o).__name__ in ("Tensor", "Parameter"):
                    return (_rebuild_tensor, (wire.Encoder(_no_handles).encode(o),))
                return NotImplemented

        buf = io.BytesIO()
        Pickler(buf, protocol=5).dump(obj)
        return buf.getvalue()

    def _is_callback(self, o) -> bool:
        if isinstance(o, (types.FunctionType, types.MethodType, functools.partial)):
            module = getattr(o, "__module__", None) or ""
            qual = getattr(o, "__qualname__", "") or ""
            if isinstance(o, (types.MethodType, functools.partial)):
                return True
            return module in self.test_modules or module == "__main__" or "<locals>" in qual or "<lambda>" in qual
        cls = type(o)
        return callable(o) and not isinstance(o, type) and getattr(cls, "__module__", "") in self.test_modules

    def request(self, op: str, *args):
        if self.proc is None or self.dead is not None:
            if self.module is not None:
                self.restart()
            else:
                self.start(preload=False)
        if self.preloading and op != "load":  # the file's import was started early: finish it first
            self.load()
        try:
            payload = self._pickle((op, *args))
        except StaleHandle:
            raise
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            raise TypeError(f"this value cannot be passed to your code ({exc})") from None
        deadline = time.monotonic() + max(0.5, self.budget.wall_s - self.budget.used_wall)
        self._send(payload, deadline)
        return self._await_reply((op, *args), deadline)

    def _await_reply(self, request: tuple, deadline: float):
        op, args = request[0], request[1:]
        start = time.monotonic()
        try:
            self._ensure_ready(deadline)
            while True:
                msg = self._receive(deadline)
                kind = msg[0] if type(msg) is tuple and msg else None
                if kind == "cb":
                    self._run_callback(msg, deadline)
                    continue
                if kind not in ("ret", "raise") or len(msg) != 4:
                    self._fail("the worker sent a malformed reply", ProtocolError)
                _, body, writeback, out = msg
                if type(out) is str and out:
                    self._add_output(out)
                if writeback is not None:
                    self._apply_writeback(args, writeback)
                if kind == "raise":
                    raise make_exception(body)
                self._pending_origin = args[1] if op == "getattr" and args and args[0] is self.module else None
                try:
                    return self.decoder.decode(body)
                finally:
                    self._pending_origin = None
        except wire.WireError as exc:
            self._fail(f"your code sent back something the grader cannot read ({exc})", ProtocolError)
        finally:
            self.budget.used_wall += time.monotonic() - start

    def _add_output(self, text: str) -> None:
        self.check_output.append(text)
        if sum(len(t) for t in self.check_output) > self.spec.max_output_kb * 1024:
            self._fail(f"your code printed more than {self.spec.max_output_kb} KiB; remove the print in a loop",
                       OutputLimit)

    def _run_callback(self, msg, deadline) -> None:
        if len(msg) != 4 or type(msg[1]) is not int or msg[1] not in self.callbacks:
            raise ProtocolError("the worker asked for an unknown callback")
        fn = self.callbacks[msg[1]]
        try:
            args = self.decoder.decode(msg[2])
            kwargs = self.decoder.decode(msg[3])
            if type(args) is not tuple or type(kwargs) is not dict or not all(type(k) is str for k in kwargs):
                raise wire.WireError("malformed callback arguments")
            value = fn(*args, **kwargs)
            reply = ("cbret", value)
            payload = self._pickle(reply)
        except GraderAbort:
            raise
        except wire.WireError:
            raise
        except Exception as exc:  # the test's callable raised: the learner's code sees it
            payload = self._pickle(("cbraise", tuple(c.__name__ for c in type(exc).__mro__), str(exc)[:2000]))
        self._send(payload, deadline)

    # the wire, with deadlines

    def _send(self, payload: bytes, deadline: float) -> None:
        data = memoryview(wire.HEADER.pack(len(payload)) + payload)
        fd = self.proc.to_worker
        while data:
            self._wait(fd, deadline, write=True)
            try:
                n = os.write(fd, data[: 1 << 20])
            except BrokenPipeError:
                self._died()
            except OSError as exc:
                if exc.errno in (errno.EAGAIN, errno.EINTR):
                    continue
                self._died()
            data = data[n:]

    def _read(self, n: int, deadline: float) -> bytes:
        chunks, fd = [], self.proc.from_worker
        while n:
            self._wait(fd, deadline)
            try:
                chunk = os.read(fd, min(n, 1 << 20))
            except OSError as exc:
                if exc.errno in (errno.EAGAIN, errno.EINTR):
                    continue
                chunk = b""
            if not chunk:
                self._died()
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def _receive(self, deadline: float):
        (size,) = wire.HEADER.unpack(self._read(wire.HEADER.size, deadline))
        if size > wire.MAX_FRAME:
            self._fail(f"your code sent back {size} bytes, more than the grader accepts", ProtocolError)
        try:
            return wire.loads_plain(self._read(size, deadline))
        except wire.WireError as exc:
            self._fail(f"your code sent back something the grader cannot read ({exc})", ProtocolError)

    def _wait(self, fd: int, deadline: float, *, write: bool = False) -> None:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self._fail(
                    f"timed out after {self.budget.wall_s:g} s of waiting, without your code finishing: is it "
                    "sleeping, waiting for input, or starting processes that never end?",
                    WorkerTimeout, "wall")
            try:
                r, w, _ = select.select([] if write else [fd], [fd] if write else [], [], min(left, 0.5))
            except InterruptedError:
                continue
            if r or w:
                return
            if self.proc.popen.poll() is not None and not write:
                # it exited; whatever it wrote before is still readable, then EOF
                r, _, _ = select.select([fd], [], [], 0)
                if r:
                    return
                self._died()

    def _died(self):
        proc = self.proc
        try:
            rc = proc.popen.wait(timeout=5)
        except Exception:
            rc = None
        self.dead = "died"
        self.close()
        if not self.ready:  # it never got as far as saying hello: nothing of the learner's ran yet
            if self.reader is not None:
                self.reader.join(timeout=2)
            said = bytes(self.output).decode("utf-8", "replace").strip().splitlines()[-3:]
            raise SandboxError(f"the sandbox for your code did not start (exit status {rc})"
                               + (": " + " | ".join(said) if said else "")
                               + "; this is a problem of the installation, not of your code")
        limit = self.spec.cpu_s
        if self.output_over:
            raise OutputLimit(f"your code printed more than {self.spec.max_output_kb} KiB (to the terminal "
                              "directly) and was stopped; remove the print in a loop")
        if rc in (-signal.SIGXCPU, 128 + signal.SIGXCPU):
            raise WorkerTimeout(f"timed out after {limit:g} s of computing", "cpu")
        if rc in (-signal.SIGXFSZ, 128 + signal.SIGXFSZ):
            raise WorkerDied(f"your code wrote a file larger than {self.spec.max_file_mb} MiB and was stopped")
        if rc in (-signal.SIGKILL, 128 + signal.SIGKILL):
            raise WorkerDied(f"your code was killed: it probably used more than {self.spec.memory_mb / 1024:g} GiB "
                             "of memory")
        if rc is not None and (rc < 0 or rc > 128):
            sig = -rc if rc < 0 else rc - 128
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = f"signal {sig}"
            raise WorkerDied(f"your code crashed the Python interpreter ({name})")
        raise WorkerDied(f"your code ended the process (exit status {rc}); did it call os._exit() or exit()?")

    def _fail(self, message: str, cls=ProtocolError, *extra):
        self.dead = "failed"
        self.close()
        raise cls(message, *extra)

    # in-place changes of the arguments

    def _apply_writeback(self, args, writeback) -> None:
        if not (args and len(args) == 3 and type(writeback) is tuple and len(writeback) == 2):
            return
        pos, kw = writeback
        self._apply(list(args[1]), pos, apply_list_to=args[1])
        self._apply(args[2], kw)

    def _apply(self, orig, node, depth=0, apply_list_to=None):
        import numpy as np

        if node is None or depth > 8 or type(node) is not tuple or not node:
            return
        tag = node[0]
        target = apply_list_to if apply_list_to is not None else orig
        if tag in ("l", "t") and isinstance(target, (list, tuple)) and type(node[1]) is list:
            if len(node[1]) == len(target):
                for o, n in zip(target, node[1]):
                    self._apply(o, n, depth + 1)
            return
        if tag == "d" and isinstance(orig, dict) and type(node[1]) is list:
            for pair in node[1]:
                if type(pair) is tuple and len(pair) == 2:
                    try:
                        key = self.decoder.decode(pair[0])
                    except wire.WireError:
                        continue
                    if key in orig:
                        self._apply(orig[key], pair[1], depth + 1)
            return
        if tag == "nd" and isinstance(orig, np.ndarray):
            new = self.decoder.decode(node)
            if new.shape == orig.shape and orig.flags.writeable:
                try:
                    orig[...] = new
                except (TypeError, ValueError):
                    pass
            return
        if tag == "T":
            import torch

            if isinstance(orig, torch.Tensor):
                _apply_tensor(orig, self.decoder.decode(node))
            return
        if tag == "rng" and len(node) == 2:
            try:
                state = self.decoder.decode(node[1])
                if type(orig).__name__ == "Generator" and isinstance(state, dict):
                    if state.get("bit_generator") == type(orig.bit_generator).__name__:
                        orig.bit_generator.state = state  # NumPy validates every field
                elif type(orig).__name__ == "RandomState" and isinstance(state, dict):
                    orig.set_state(state)
            except (ValueError, TypeError, KeyError, wire.WireError):
                pass
            return
        if tag == "mod" and type(node[1]) is list:
            import torch

            if isinstance(orig, torch.nn.Module):
                named = dict(orig.named_parameters())
                named.update(dict(orig.named_buffers()))
                for pair in node[1]:
                    if type(pair) is tuple and len(pair) == 2 and pair[0] in named:
                        _apply_tensor(named[pair[0]], self.decoder.decode(pair[1]))


def _apply_tensor(orig, new) -> None:
    import torch

    if not isinstance(new, torch.Tensor) or new.shape != orig.shape:
        return
    with torch.no_grad():
        if not torch.equal(orig.detach().cpu(), new.detach().cpu().to(orig.dtype)):
            orig.copy_(new.to(orig.dtype))
    if new.grad is None:
        if orig.grad is not None:
            orig.grad = None
    elif orig.grad is None or orig.grad.shape != new.grad.shape:
        orig.grad = new.grad.to(orig.dtype).to(orig.device)
    else:
        orig.grad.copy_(new.grad)


def _no_handles(obj):
    raise TypeError(f"a {type(obj).__name__} cannot be sent inside a tensor")


_rebuild_tensor = wire.rebuild_tensor


class RemoteBackend:
    """What :mod:`la4ml.course.grading` asks of the learner's process, done in the worker."""

    def __init__(self, client: Client, path: str):
        self.client = client
        self.path = path

    def _restore(self, token):
        generation = self.client.generation

        def restore():
            if self.client.generation == generation and self.client.dead is None and self.client.proc is not None:
                self.client.request("restore", token)
        return restore

    def block(self, targets, reason):
        return self._restore(self.client.request("block", tuple(targets), reason))

    def count(self, targets, counts):
        token = self.client.request("count", tuple(targets))
        generation = self.client.generation
        last: dict = {}

        def fetch():
            if self.client.generation == generation and self.client.dead is None and self.client.proc is not None:
                got = self.client.request("counts", token)
                if type(got) is dict:
                    last.clear()
                    last.update({k: v for k, v in got.items() if type(k) is str and type(v) is int})
            return dict(last)
        return self._restore(token), fetch

    def placeholder_savefig(self):
        return self._restore(self.client.request("placeholder_savefig"))

    def chdir(self, path):
        return self.client.request("chdir", str(path))

    def close_figures(self):
        if self.client.proc is not None and self.client.dead is None:
            self.client.request("close_figures")

    def read_file(self, path, max_bytes):
        got = self.client.request("readfile", str(path), int(max_bytes))
        return got if type(got) is bytes else None

    @staticmethod
    def type_names(obj) -> list[str]:
        if isinstance(obj, Remote):
            return list(obj._types)
        return [f"{c.__module__}.{c.__qualname__}" for c in type(obj).__mro__]
