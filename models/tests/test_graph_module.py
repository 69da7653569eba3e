"""TfjsGraphModule on small hand-made graphs, against NumPy written in TF's own NHWC terms: SAME padding with
stride 2, fused bias/ReLU, depthwise convolution, channel padding and axis mapping while values are stored NCHW."""
import base64

import numpy as np
import pytest
import torch

from convert.face_models import build_module, load_specs
from convert.graph_module import TfjsGraphModule
from convert.tfjs_graph import GraphModel, Node


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def conv_attrs(stride: int, fused=()):
    return {
        'strides': {'list': {'i': ['1', str(stride), str(stride), '1']}},
        'padding': {'s': b64('SAME')},
        'data_format': {'s': b64('NHWC')},
        'fused_ops': {'list': {'s': [b64(f) for f in fused]}},
    }


def np_conv_same(x, w, stride, depthwise=False):
    """Reference NHWC convolution with TF SAME padding; w is HWIO (or HWC1 for depthwise)."""
    n, h, wd, c = x.shape
    kh, kw = w.shape[:2]
    oh, ow = -(-h // stride), -(-wd // stride)
    ph = max((oh - 1) * stride + kh - h, 0)
    pw = max((ow - 1) * stride + kw - wd, 0)
    xp = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    out = np.zeros((n, oh, ow, c if depthwise else w.shape[3]), np.float64)
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, i * stride : i * stride + kh, j * stride : j * stride + kw, :]
            if depthwise:
                out[:, i, j, :] = np.einsum('nhwc,hwc->nc', patch, w[..., 0])
            else:
                out[:, i, j, :] = np.einsum('nhwc,hwco->no', patch, w)
    return out


def test_conv_depthwise_pad_concat_mean_match_numpy():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1, 8, 8, 3)).astype(np.float32)  # 8 -> 4 at stride 2: SAME pads 0 before, 1 after
    w1 = rng.standard_normal((3, 3, 3, 4)).astype(np.float32)
    b1 = rng.standard_normal(4).astype(np.float32)
    wd = rng.standard_normal((3, 3, 4, 1)).astype(np.float32)
    weights = {
        'w1': w1, 'b1': b1, 'wd': wd,
        'pads': np.array([[0, 0], [0, 0], [0, 0], [0, 2]], np.int32),  # pad channels 4 -> 6 (BlazeFace style)
        'axis3': np.array(3, np.int32), 'axes12': np.array([1, 2], np.int32),
    }  # fmt: skip
    nodes = [
        Node('x', 'Placeholder', []),
        *[Node(k, 'Const', []) for k in weights],
        Node('conv', '_FusedConv2D', ['x', 'w1', 'b1'], conv_attrs(2, ('BiasAdd', 'Relu'))),
        Node('dw', 'DepthwiseConv2dNative', ['conv', 'wd'], conv_attrs(1)),
        Node('pad', 'Pad', ['dw', 'pads']),
        Node('cat', 'ConcatV2', ['pad', 'pad', 'axis3']),
        Node('mean', 'Mean', ['cat', 'axes12']),
    ]
    graph = GraphModel(nodes=nodes, weights=weights, inputs={'x': 'x'}, outputs={}, meta={})
    module = TfjsGraphModule(graph, 'x', {'features': 'mean', 'map': 'cat'})
    features, feature_map = (t.numpy() for t in module(torch.from_numpy(x)))

    ref = np.maximum(np_conv_same(x.astype(np.float64), w1, 2) + b1, 0)  # (1, 4, 4, 4)
    ref = np_conv_same(ref, wd, 1, depthwise=True)
    ref = np.pad(ref, ((0, 0), (0, 0), (0, 0), (0, 2)))
    ref = np.concatenate([ref, ref], axis=3)  # (1, 4, 4, 12)
    assert feature_map.shape == (1, 4, 4, 12)  # outputs come back in TF's NHWC layout
    np.testing.assert_allclose(feature_map, ref, atol=1e-4)
    np.testing.assert_allclose(features, ref.mean(axis=(1, 2)), atol=1e-4)


def test_unknown_op_names_itself():
    nodes = [Node('x', 'Placeholder', []), Node('y', 'Erf', ['x'])]
    graph = GraphModel(nodes=nodes, weights={}, inputs={'x': 'x'}, outputs={}, meta={})
    with pytest.raises(NotImplementedError, match='unsupported TF ops: Erf'):
        TfjsGraphModule(graph, 'x', {'y': 'y'})


def test_embedder_is_differentiable_with_respect_to_the_image():
    """Refinement pushes an identity loss back onto the image: the module must carry gradients to its input."""
    module = build_module(load_specs()['face-embedder'])
    x = torch.full((1, 112, 112, 3), 128.0, requires_grad=True)
    (embedding,) = module(x)
    embedding.square().sum().backward()
    assert x.grad is not None and float(x.grad.abs().sum()) > 0
    assert all(not p.requires_grad for p in module.parameters())  # weights stay frozen


def np_resize_bilinear_half_pixel(x, oh, ow):
    """TF ResizeBilinear(half_pixel_centers=True) in NumPy: source = (i + 0.5) * in / out - 0.5, clamped."""
    n, h, w, c = x.shape

    def taps(o, size):
        src = np.clip((np.arange(o) + 0.5) * size / o - 0.5, 0, size - 1)
        lo = np.floor(src).astype(int)
        hi = np.minimum(lo + 1, size - 1)
        return lo, hi, src - lo

    y0, y1, fy = taps(oh, h)
    x0, x1, fx = taps(ow, w)
    top = x[:, y0][:, :, x0] * (1 - fx)[None, None, :, None] + x[:, y0][:, :, x1] * fx[None, None, :, None]
    bottom = x[:, y1][:, :, x0] * (1 - fx)[None, None, :, None] + x[:, y1][:, :, x1] * fx[None, None, :, None]
    return top * (1 - fy)[None, :, None, None] + bottom * fy[None, :, None, None]


def test_selfie_ops_resize_add_n_and_transposed_conv_match_numpy():
    """The ops person-segmenter (MediaPipe selfie) needs: ResizeBilinear, AddN and Conv2DBackpropInput, whose
    TF meaning is the gradient of a 'SAME' convolution with respect to its input, so its reference is the
    adjoint of np_conv_same: <conv(e_k), g> for every unit input e_k."""
    rng = np.random.default_rng(1)
    x = rng.standard_normal((1, 4, 4, 3)).astype(np.float32)
    # HWIO of the forward conv (2 -> 3 channels); 4x4 (the selfie model's is 2x2) so that 'SAME' also pads before
    w = rng.standard_normal((4, 4, 2, 3)).astype(np.float32)
    weights = {
        'size': np.array([8, 8], np.int32),
        'w': w,
        'sizes': np.array([1, 16, 16, 2], np.int32),
    }
    up = {'half_pixel_centers': {'b': True}, 'align_corners': {'b': False}}
    back = conv_attrs(2)  # strides 2, SAME, NHWC (no fused ops)
    nodes = [
        Node('x', 'Placeholder', []),
        *[Node(k, 'Const', []) for k in weights],
        Node('up', 'ResizeBilinear', ['x', 'size'], up),
        Node('sum', 'AddN', ['up', 'up', 'up']),
        Node('seg', 'Conv2DBackpropInput', ['sizes', 'w', 'sum'], back),
    ]
    graph = GraphModel(nodes=nodes, weights=weights, inputs={'x': 'x'}, outputs={}, meta={})
    module = TfjsGraphModule(graph, 'x', {'up': 'up', 'seg': 'seg'})
    upsampled, seg = (t.numpy() for t in module(torch.from_numpy(x)))

    ref_up = np_resize_bilinear_half_pixel(x.astype(np.float64), 8, 8)
    np.testing.assert_allclose(upsampled, ref_up, atol=1e-5)
    g = 3 * ref_up  # (1, 8, 8, 3): the forward conv's output shape for a (1, 16, 16, 2) input at stride 2
    ref_seg = np.zeros((1, 16, 16, 2))
    for i in range(16):
        for j in range(16):
            for c in range(2):
                e = np.zeros((1, 16, 16, 2))
                e[0, i, j, c] = 1
                ref_seg[0, i, j, c] = float((np_conv_same(e, w.astype(np.float64), 2) * g).sum())
    assert seg.shape == (1, 16, 16, 2)
    np.testing.assert_allclose(seg, ref_seg, atol=1e-4)
