"""Units of the TF.js reader: weight decoding (raw, float16, uint8 affine) and manifest coverage."""
import json

import numpy as np
import pytest

from convert.graph_module import same_padding
from convert.tfjs_graph import dequantise, load_graph_model, read_weights


def test_uint8_dequantisation_is_q_times_scale_plus_min():
    q = np.array([0, 1, 128, 255], dtype=np.uint8)
    spec = {'name': 'w', 'shape': [2, 2], 'dtype': 'float32', 'quantization': {'dtype': 'uint8', 'scale': 0.5, 'min': -3.0}}
    values, used = dequantise(q.tobytes() + b'trailing', spec)
    assert used == 4
    np.testing.assert_array_equal(values, np.array([[-3.0, -2.5], [61.0, 124.5]], dtype=np.float32))
    assert values.dtype == np.float32


def test_float16_weights_widen_exactly():
    half = np.array([1.5, -0.000123, 65504.0], dtype='<f2')
    spec = {'name': 'w', 'shape': [3], 'dtype': 'float32', 'quantization': {'dtype': 'float16'}}
    values, used = dequantise(half.tobytes(), spec)
    assert used == 6
    np.testing.assert_array_equal(values, half.astype(np.float32))


def test_raw_int32_and_scalar_shapes():
    values, used = dequantise(np.array([7], dtype='<i4').tobytes(), {'name': 'k', 'shape': [], 'dtype': 'int32'})
    assert used == 4 and values.shape == () and int(values) == 7


def test_unknown_dtype_is_a_clear_error():
    with pytest.raises(ValueError, match='unsupported dtype complex64'):
        dequantise(b'\0' * 8, {'name': 'c', 'shape': [1], 'dtype': 'complex64'})


def test_manifest_must_cover_every_byte(tmp_path):
    (tmp_path / 'w.bin').write_bytes(np.arange(3, dtype='<f4').tobytes())
    manifest = [{'paths': ['w.bin'], 'weights': [{'name': 'a', 'shape': [2], 'dtype': 'float32'}]}]
    with pytest.raises(ValueError, match='covers 8 of 12 bytes'):
        read_weights(manifest, tmp_path)


def test_weights_span_shards_in_manifest_order(tmp_path):
    data = np.arange(6, dtype='<f4').tobytes()
    (tmp_path / 'a.bin').write_bytes(data[:10])  # a tensor may straddle two shard files
    (tmp_path / 'b.bin').write_bytes(data[10:])
    manifest = [
        {
            'paths': ['a.bin', 'b.bin'],
            'weights': [{'name': 'x', 'shape': [4], 'dtype': 'float32'}, {'name': 'y', 'shape': [2], 'dtype': 'float32'}],
        }
    ]
    weights = read_weights(manifest, tmp_path)
    np.testing.assert_array_equal(weights['y'], [4.0, 5.0])


def test_graph_model_format_is_checked(tmp_path):
    (tmp_path / 'model.json').write_text(json.dumps({'format': 'layers-model'}))
    with pytest.raises(ValueError, match="expected 'graph-model'"):
        load_graph_model(tmp_path / 'model.json')


@pytest.mark.parametrize(
    'size,kernel,stride,expected',
    [(128, 3, 2, (0, 1)), (128, 5, 1, (2, 2)), (64, 2, 2, (0, 0)), (7, 3, 2, (1, 1)), (36, 7, 2, (2, 3))],
)
def test_same_padding_puts_the_odd_pixel_after(size, kernel, stride, expected):
    assert same_padding(size, kernel, stride) == expected
