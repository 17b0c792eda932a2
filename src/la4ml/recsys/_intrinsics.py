"""LLVM intrinsics numba does not expose: a software prefetch of one row of a 2-D array."""

from numba import types
from numba.core import cgutils
from numba.extending import intrinsic
from llvmlite import ir


def _emit_prefetch(context, builder, aryty, ary_value, inds) -> None:
    """Emit llvm.prefetch (read, high locality, data cache) of the address of ``ary[inds]``."""
    ary = context.make_array(aryty)(context, builder, ary_value)
    ptr = cgutils.get_item_pointer2(context, builder, data=ary.data, shape=cgutils.unpack_tuple(builder, ary.shape),
                                    strides=cgutils.unpack_tuple(builder, ary.strides), layout=aryty.layout,
                                    inds=inds, wraparound=False)
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
        _emit_prefetch(context, builder, aryty, args[0], [i, j])
        return context.get_dummy_value()

    return sig, codegen


@intrinsic
def prefetch_row(typingctx, arr, row):
    """Prefetch the start of arr[row, :] into cache (llvm.prefetch, read, high locality)."""
    sig = types.void(arr, row)

    def codegen(context, builder, signature, args):
        aryty, rowty = signature.args
        idx = context.cast(builder, args[1], rowty, types.intp)
        zero = context.get_constant(types.intp, 0)
        _emit_prefetch(context, builder, aryty, args[0], [idx, zero])
        return context.get_dummy_value()

    return sig, codegen
