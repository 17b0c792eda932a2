"""The grader's data-only wire keeps every array's shape, a 0-d one included."""

import numpy as np
import pytest

from la4ml.course.grader import _wire as wire


def _roundtrip(value):
    node = wire.Encoder(lambda obj: pytest.fail(f"{obj!r} was sent by reference")).encode(value)
    return wire.Decoder(lambda *a: pytest.fail("no handle expected")).decode(wire.loads_plain(wire.dumps_plain(node)))


@pytest.mark.parametrize("arr", [np.array(3.5), np.array(7, dtype=np.int32), np.zeros((0, 3)), np.arange(6.0).reshape(2, 3).T],
                         ids=["0-d float", "0-d int", "empty", "transposed"])
def test_numpy_arrays_keep_shape_dtype_and_values(arr):
    got = _roundtrip(arr)
    assert isinstance(got, np.ndarray) and got.shape == arr.shape and got.dtype == arr.dtype
    np.testing.assert_array_equal(got, arr)


def test_a_0d_tensor_stays_0d():
    torch = pytest.importorskip("torch")
    got = _roundtrip(torch.tensor(2.5, dtype=torch.float64))
    assert isinstance(got, torch.Tensor) and got.shape == () and got.item() == 2.5 and got.dtype == torch.float64
