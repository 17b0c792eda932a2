"""LLVM intrinsics numba does not expose: software prefetch of a row, and one SGD step on two rows
as explicit vector code.

numba compiles through LLVM but offers no vector types, and it leaves LLVM's SLP vectorizer off,
so a short fixed-length loop over the lanes of a row comes out as scalar code. ``sgd_step_lanes``
writes the step in LLVM IR over ``<W x float>`` vectors instead (one AVX-512 register for a
16-lane float32 row), still compiled, inlined and cached by numba like any other njit code.

Maintainers: numba's on-disk cache is keyed on the calling module's source, not on this file, so
after editing an intrinsic, delete ``src/la4ml/recsys/__pycache__/*.nb[ic]`` and the generated
kernels under ``$LA4ML_KERNEL_CACHE`` (or touch ``_kernels.py``) before measuring anything.
"""

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic


def _item_pointer(context, builder, aryty, ary_value, inds):
    """Pointer to ``ary[inds]`` (intp indices, no wraparound, no bounds check)."""
    ary = context.make_array(aryty)(context, builder, ary_value)
    return cgutils.get_item_pointer2(context, builder, data=ary.data, shape=cgutils.unpack_tuple(builder, ary.shape),
                                     strides=cgutils.unpack_tuple(builder, ary.strides), layout=aryty.layout,
                                     inds=inds, wraparound=False)


def _row_pointer(context, builder, aryty, ary_value, row, rowty):
    """Pointer to the first element of row ``row`` of a 2-D array."""
    i = context.cast(builder, row, rowty, types.intp)
    return _item_pointer(context, builder, aryty, ary_value, [i, context.get_constant(types.intp, 0)])


def _emit_prefetch(builder, ptr) -> None:
    """Emit llvm.prefetch (read, high locality, data cache) of the cache line at ``ptr``."""
    i8p = ir.IntType(8).as_pointer()
    i32 = ir.IntType(32)
    fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
    fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0i8")
    builder.call(fn, [builder.bitcast(ptr, i8p), i32(0), i32(3), i32(1)])


@intrinsic
def prefetch_item(typingctx, arr, row, col):
    """Prefetch the cache line holding arr[row, col] (llvm.prefetch: read, high locality)."""
    sig = types.void(arr, row, col)

    def codegen(context, builder, signature, args):
        aryty, rowty, colty = signature.args
        i = context.cast(builder, args[1], rowty, types.intp)
        j = context.cast(builder, args[2], colty, types.intp)
        _emit_prefetch(builder, _item_pointer(context, builder, aryty, args[0], [i, j]))
        return context.get_dummy_value()

    return sig, codegen


@intrinsic
def prefetch_row(typingctx, arr, row):
    """Prefetch the start of arr[row, :] into cache (llvm.prefetch, read, high locality)."""
    sig = types.void(arr, row)

    def codegen(context, builder, signature, args):
        _emit_prefetch(builder, _row_pointer(context, builder, signature.args[0], args[0], args[1], signature.args[1]))
        return context.get_dummy_value()

    return sig, codegen


@intrinsic
def sgd_step_lanes(typingctx, P, u, Q, i, r, mu, masks):
    """One SGD step on rows ``P[u, :W]`` and ``Q[i, :W]`` as ``<W x dtype>`` vector code; returns e².

    ``masks`` is a tuple of four W-tuples ``(lp, rp, lq, rq)`` of P's dtype (its type carries W,
    so each row width compiles to its own vector code). ``e = r - (mu + P[u] . Q[i])``, then,
    lane by lane::

        P[u] += lp * (e * Q[i] - rp * P[u])
        Q[i] += lq * (e * P[u] - rq * Q[i])        (both with the old rows)

    The rows must be C-contiguous with at least W columns (the caller checks). The dot product is
    summed as a tree (reassociated), so float results differ from a left-to-right sum in the last bits.
    """
    if not all(isinstance(a, types.Array) and a.ndim == 2 and a.layout == "C" and a.dtype == P.dtype for a in (P, Q)):
        return None
    dt = P.dtype
    if dt not in (types.float32, types.float64):
        return None
    if not (isinstance(masks, types.UniTuple) and masks.count == 4 and isinstance(masks.dtype, types.UniTuple)
            and masks.dtype.dtype == dt):
        return None
    w = masks.dtype.count
    sig = dt(P, u, Q, i, r, mu, masks)

    def codegen(context, builder, signature, args):
        Pv, uv, Qv, iv, rv, muv, Mv = args
        pty, uty, qty, ity, rty, muty, _ = signature.args
        fl = context.get_value_type(dt)
        V = ir.VectorType(fl, w)
        i32 = ir.IntType(32)
        fast = ("fast",)

        def vector(values):
            out = ir.Constant(V, ir.Undefined)
            for a, x in enumerate(values):
                out = builder.insert_element(out, x, i32(a))
            return out

        lp, rp, lq, rq = (vector([builder.extract_value(Mv, [j, a]) for a in range(w)]) for j in range(4))
        pp = builder.bitcast(_row_pointer(context, builder, pty, Pv, uv, uty), V.as_pointer())
        qp = builder.bitcast(_row_pointer(context, builder, qty, Qv, iv, ity), V.as_pointer())
        p = builder.load(pp, align=4)
        q = builder.load(qp, align=4)
        suffix = f"v{w}{'f32' if dt == types.float32 else 'f64'}"
        reduce = cgutils.get_or_insert_function(builder.module, ir.FunctionType(fl, [fl, V]),
                                                f"llvm.vector.reduce.fadd.{suffix}")
        dot = builder.call(reduce, [ir.Constant(fl, -0.0), builder.fmul(p, q, flags=fast)], fastmath=fast)
        r_ = context.cast(builder, rv, rty, dt)
        mu_ = context.cast(builder, muv, muty, dt)
        e = builder.fsub(builder.fsub(r_, mu_, flags=fast), dot, flags=fast)
        ev = vector([e] * w)
        gp = builder.fsub(builder.fmul(ev, q, flags=fast), builder.fmul(rp, p, flags=fast), flags=fast)
        gq = builder.fsub(builder.fmul(ev, p, flags=fast), builder.fmul(rq, q, flags=fast), flags=fast)
        builder.store(builder.fadd(p, builder.fmul(lp, gp, flags=fast), flags=fast), pp, align=4)
        builder.store(builder.fadd(q, builder.fmul(lq, gq, flags=fast), flags=fast), qp, align=4)
        return builder.fmul(e, e, flags=fast)

    return sig, codegen
