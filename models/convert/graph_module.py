"""A TF.js graph model as a PyTorch nn.Module: nodes run in file order with torch ops.

Layouts are explicit. TensorFlow graphs are NHWC; PyTorch convolutions are NCHW. Every value carries a `layout`:
'NHWC' (the tensor is stored as TensorFlow sees it) or 'NCHW' (a rank-4 NHWC value stored transposed to NCHW).
Convolutions and pooling ask for NCHW, shape-sensitive ops (Reshape, MatMul) ask for NHWC, and everything else keeps
whatever it gets, so a chain of convolutions stays NCHW with no transposes between them. Axis attributes (Pad,
ConcatV2, Mean, Softmax) are always given in the NHWC numbering and mapped when the value is stored NCHW.

The module's input and outputs are in the graph's own (NHWC) layout and shapes, so the ONNX file has the same
native I/O as the TF.js model. Shape arithmetic (Shape, StridedSlice, Pack) is evaluated on Python ints: shapes are
static (batch 1), so it folds to constants in the exported graph.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .tfjs_graph import GraphModel, Node

NHWC_TO_NCHW = (0, 3, 1, 2)
NCHW_TO_NHWC = (0, 2, 3, 1)
AXIS_NHWC_TO_NCHW = {0: 0, 1: 2, 2: 3, 3: 1}


@dataclass
class Value:
    """A float tensor and how it is stored ('NHWC' = as TensorFlow sees it; 'NCHW' = rank-4 NHWC, transposed)."""

    tensor: torch.Tensor
    layout: str = 'NHWC'


def dims(t: torch.Tensor) -> list[int]:
    """Static sizes as Python ints, so the ONNX trace records constants rather than Shape/Gather arithmetic."""
    return [int(d) for d in t.shape]


def as_nhwc(v: Value) -> torch.Tensor:
    return v.tensor.permute(NCHW_TO_NHWC) if v.layout == 'NCHW' else v.tensor


def as_nchw(v: Value) -> torch.Tensor:
    if v.layout == 'NCHW':
        return v.tensor
    if v.tensor.dim() != 4:
        raise ValueError(f'expected a rank-4 NHWC tensor, got shape {tuple(v.tensor.shape)}')
    return v.tensor.permute(NHWC_TO_NCHW)


def same_padding(size: int, kernel: int, stride: int, dilation: int = 1) -> tuple[int, int]:
    """TensorFlow 'SAME' padding along one axis: (before, after); the extra pixel goes after."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def param_key(name: str) -> str:
    """A TensorFlow node name as a ParameterDict key (no dots); stable, so ONNX initialiser names are too."""
    return re.sub(r'[^0-9A-Za-z_]', '_', name.replace('StatefulPartitionedCall/', ''))


class TfjsGraphModule(nn.Module):
    """Runs a parsed TF.js graph; `outputs` maps each ONNX output name to the graph node that produces it.

    Convolution filters are stored in PyTorch's layout (HWIO -> OIHW; depthwise HWCM -> (C*M)1HW) as frozen
    nn.Parameters; other float constants are buffers-like parameters in their TF layout; int constants stay numpy.
    """

    CONV_OPS = {'Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative'}
    # Conv2DBackpropInput (a transposed convolution) takes its filter as input 1 too, in HWOI order: the same
    # transpose (-> IOHW, conv_transpose2d's layout) as a forward filter's HWIO -> OIHW.
    TRANSPOSED_CONV_OPS = {'Conv2DBackpropInput'}

    def __init__(self, graph: GraphModel, input_node: str, outputs: dict[str, str]):
        super().__init__()
        self.nodes = _needed_nodes(graph, outputs.values())
        self.input_node = input_node
        self.output_nodes = dict(outputs)
        self.params = nn.ParameterDict()
        self.int_consts: dict[str, np.ndarray] = {}
        self.const_keys: dict[str, str] = {}
        conv_filters = {
            n.inputs[1]: n.op for n in self.nodes if n.op in self.CONV_OPS | self.TRANSPOSED_CONV_OPS
        }
        used = {i for n in self.nodes for i in n.inputs}
        for name, value in graph.weights.items():
            if name not in used:
                continue
            if value.dtype != np.float32:
                self.int_consts[name] = value
                continue
            if name in conv_filters:
                value = self._filter_to_torch(value, depthwise='Depthwise' in conv_filters[name])
            key = param_key(name)
            self.params[key] = nn.Parameter(torch.from_numpy(np.ascontiguousarray(value)), requires_grad=False)
            self.const_keys[name] = key
        unknown = sorted({n.op for n in self.nodes} - set(OPS) - {'Placeholder'})
        if unknown:
            raise NotImplementedError(f'unsupported TF ops: {", ".join(unknown)}; add them to graph_module.OPS')

    @staticmethod
    def _filter_to_torch(w: np.ndarray, depthwise: bool) -> np.ndarray:
        if depthwise:  # (H, W, C, M) -> (C*M, 1, H, W), output channel c*M + m as in TF
            h, wd, c, m = w.shape
            return w.reshape(h, wd, c * m).transpose(2, 0, 1)[:, None]
        return w.transpose(3, 2, 0, 1)  # (H, W, I, O) -> (O, I, H, W)

    def const(self, name: str):
        if name in self.int_consts:
            return self.int_consts[name]
        return Value(self.params[self.const_keys[name]])

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, ...]:
        """x: the graph's input in its native NHWC layout; returns the outputs in `output_nodes` order."""
        env: dict[str, object] = {self.input_node: Value(x, 'NHWC')}
        for node in self.nodes:
            if node.op == 'Placeholder':
                continue
            args = [env[i] if i in env else self.const(i) for i in node.inputs]
            env[node.name] = OPS[node.op](self, node, args)
        results = []
        for node_name in self.output_nodes.values():
            v = env[node_name]
            results.append(as_nhwc(v) if isinstance(v, Value) else torch.as_tensor(v))
        return tuple(results)


def _needed_nodes(graph: GraphModel, outputs) -> list[Node]:
    """Non-constant nodes that the requested outputs depend on, in file (topological) order."""
    by_name = {n.name: n for n in graph.nodes}
    needed, stack = set(), list(outputs)
    while stack:
        name = stack.pop()
        if name in needed or name not in by_name:
            continue
        needed.add(name)
        stack.extend(by_name[name].inputs)
    return [n for n in graph.nodes if n.name in needed and n.op != 'Const']


# ---- ops: each takes (module, node, args) and returns a Value (float) or a numpy int array (shape arithmetic) ----


def _conv(node: Node, x: Value, weight: torch.Tensor, groups: int, bias: torch.Tensor | None = None) -> Value:
    t = as_nchw(x)
    strides = node.ints('strides')[1:3] or [1, 1]
    dilations = node.ints('dilations')[1:3] or [1, 1]
    padding = node.string('padding')
    if node.string('data_format', 'NHWC') != 'NHWC':
        raise NotImplementedError(f'{node.name}: only NHWC graphs are supported')
    kh, kw = dims(weight)[2:4]
    if padding == 'SAME':
        top, bottom = same_padding(dims(t)[2], kh, strides[0], dilations[0])
        left, right = same_padding(dims(t)[3], kw, strides[1], dilations[1])
    elif padding == 'EXPLICIT':
        p = node.ints('explicit_paddings')  # NHWC pairs
        top, bottom, left, right = p[2], p[3], p[4], p[5]
    else:
        top = bottom = left = right = 0
    if top == bottom and left == right:
        pad = (top, left)
    else:  # asymmetric: pad explicitly (ONNX Pad), then convolve unpadded
        t = F.pad(t, (left, right, top, bottom))
        pad = (0, 0)
    y = F.conv2d(t, weight, bias, tuple(strides), pad, tuple(dilations), groups)
    return Value(y, 'NCHW')


def _activation(kind: str, y: Value, extra: list) -> Value:
    t = y.tensor
    if kind == 'Relu':
        return Value(F.relu(t), y.layout)
    if kind == 'Relu6':
        return Value(torch.clamp(t, 0.0, 6.0), y.layout)
    if kind == 'Prelu':
        return Value(F.prelu(t, extra[0].tensor.reshape(-1)), y.layout)
    if kind == 'Sigmoid':
        return Value(torch.sigmoid(t), y.layout)
    raise NotImplementedError(f'fused activation {kind}')


def op_fused_conv(m, node: Node, args):
    x, w = args[0], args[1].tensor
    fused = node.strings('fused_ops')
    groups = dims(x.tensor)[-1 if x.layout == 'NHWC' else 1] if 'Depthwise' in node.op else 1
    rest = args[2:]
    bias = None
    if fused and fused[0] == 'BiasAdd':  # folded into the convolution (one ONNX Conv with a bias input)
        bias = rest[0].tensor
        rest, fused = rest[1:], fused[1:]
    y = _conv(node, x, w, groups, bias)
    for kind in fused:
        y = _activation(kind, y, rest)
    return y


def op_conv(m, node: Node, args):
    x, w = args
    groups = dims(x.tensor)[-1 if x.layout == 'NHWC' else 1] if 'Depthwise' in node.op else 1
    return _conv(node, x, w.tensor, groups)


def _pool(node: Node, x: Value, kind: str) -> Value:
    t = as_nchw(x)
    k = node.ints('ksize')[1:3]
    s = node.ints('strides')[1:3]
    if node.string('padding') == 'SAME':
        top, bottom = same_padding(dims(t)[2], k[0], s[0])
        left, right = same_padding(dims(t)[3], k[1], s[1])
        if top or bottom or left or right:
            if kind == 'avg':  # TF averages over the valid pixels only; not needed by our models
                raise NotImplementedError(f'{node.name}: AvgPool with SAME padding that pads')
            t = F.pad(t, (left, right, top, bottom), value=float('-inf'))
    fn = F.max_pool2d if kind == 'max' else F.avg_pool2d
    return Value(fn(t, tuple(k), tuple(s)), 'NCHW')


def _align(a: Value, b: Value) -> tuple[torch.Tensor, torch.Tensor, str]:
    """Brings two operands of an elementwise op to one layout (constants broadcast against NCHW reshaped)."""
    if a.layout == b.layout:
        return a.tensor, b.tensor, a.layout
    nchw, other = (a, b) if a.layout == 'NCHW' else (b, a)
    o = other.tensor
    if o.dim() == 4:
        o = o.permute(NHWC_TO_NCHW)
    elif o.dim() <= 1:  # scalar or per-channel vector: channels move to axis 1
        o = o.reshape(1, -1, 1, 1) if int(o.numel()) > 1 else o
    else:
        o = o.reshape((1,) * (4 - o.dim()) + tuple(o.shape)).permute(NHWC_TO_NCHW)
    return (nchw.tensor, o, 'NCHW') if nchw is a else (o, nchw.tensor, 'NCHW')


def _binary(fn):
    def op(m, node: Node, args):
        a, b = (v if isinstance(v, Value) else Value(torch.as_tensor(v, dtype=torch.float32)) for v in args)
        x, y, layout = _align(a, b)
        return Value(fn(x, y), layout)

    return op


def op_pad(m, node: Node, args):
    x, paddings = args
    p = np.asarray(paddings).reshape(-1, 2)
    value = float(args[2].tensor) if len(args) > 2 else 0.0
    order = NHWC_TO_NCHW if x.layout == 'NCHW' else range(len(p))
    p = p[list(order)]
    flat = [int(v) for pair in p[::-1] for v in pair]  # F.pad lists the last axis first
    return Value(F.pad(x.tensor, flat, value=value), x.layout)


def op_reshape(m, node: Node, args):
    x, shape = args
    return Value(as_nhwc(x).reshape([int(s) for s in np.asarray(shape).reshape(-1)]))


def op_concat(m, node: Node, args):
    *parts, axis = args
    axis = int(np.asarray(axis))
    rank = parts[0].tensor.dim()
    axis = axis % rank
    if rank == 4 and all(p.layout == 'NCHW' for p in parts):
        return Value(torch.cat([p.tensor for p in parts], AXIS_NHWC_TO_NCHW[axis]), 'NCHW')
    return Value(torch.cat([as_nhwc(p) for p in parts], axis))


def op_mean(m, node: Node, args):
    x, axes = args
    rank = x.tensor.dim()
    axes = [int(a) % rank for a in np.asarray(axes).reshape(-1)]
    keep = node.bool('keep_dims')
    if x.layout == 'NCHW' and not keep:
        return Value(x.tensor.mean([AXIS_NHWC_TO_NCHW[a] for a in axes]))  # remaining axes keep N, C order
    return Value(as_nhwc(x).mean(axes, keepdim=keep))


def op_matmul(m, node: Node, args):
    a, b = as_nhwc(args[0]), as_nhwc(args[1])
    if node.bool('transpose_a'):
        a = a.t()
    if node.bool('transpose_b'):
        b = b.t()
    y = Value(a @ b)
    fused = node.strings('fused_ops')
    rest = args[2:]
    if fused and fused[0] == 'BiasAdd':
        y = Value(y.tensor + rest[0].tensor)
        rest, fused = rest[1:], fused[1:]
    for kind in fused:
        y = _activation(kind, y, rest)
    return y


def op_softmax(m, node: Node, args):
    return Value(torch.softmax(as_nhwc(args[0]), -1))


def op_shape(m, node: Node, args):
    v = args[0]
    return np.array(dims(as_nhwc(v)) if isinstance(v, Value) else np.shape(v), dtype=np.int64)


def op_strided_slice(m, node: Node, args):
    x, begin, end, strides = (np.asarray(a) for a in args)
    if node.int('ellipsis_mask') or node.int('new_axis_mask'):
        raise NotImplementedError(f'{node.name}: StridedSlice with ellipsis/new-axis masks')
    index = []
    for i, (b, e, s) in enumerate(zip(begin, end, strides)):
        if node.int('shrink_axis_mask') >> i & 1:
            index.append(int(b))
        else:
            b = None if node.int('begin_mask') >> i & 1 else int(b)
            e = None if node.int('end_mask') >> i & 1 else int(e)
            index.append(slice(b, e, int(s)))
    return np.asarray(x[tuple(index)])


def op_add_n(m, node: Node, args):
    out = args[0]
    for v in args[1:]:
        x, y, layout = _align(out, v)
        out = Value(x + y, layout)
    return out


def op_resize_bilinear(m, node: Node, args):
    """TF ResizeBilinear with half_pixel_centers (what Keras UpSampling2D exports) = torch's align_corners=False."""
    x, size = args
    if node.bool('align_corners') or not node.bool('half_pixel_centers'):
        raise NotImplementedError(f'{node.name}: only ResizeBilinear with half_pixel_centers is supported')
    h, w = (int(v) for v in np.asarray(size).reshape(-1))
    y = F.interpolate(as_nchw(x), size=(h, w), mode='bilinear', align_corners=False)
    return Value(y, 'NCHW')


def op_conv_transpose(m, node: Node, args):
    """Conv2DBackpropInput: the gradient of a strided convolution = a transposed convolution, cropped to the
    requested output size the way TF pads the forward convolution ('SAME': the extra pixel after)."""
    sizes, w, x = args
    out_h, out_w = (int(v) for v in np.asarray(sizes).reshape(-1)[1:3])
    strides = node.ints('strides')[1:3] or [1, 1]
    if node.string('padding') not in ('SAME', 'VALID'):
        raise NotImplementedError(f'{node.name}: Conv2DBackpropInput padding {node.string("padding")}')
    y = F.conv_transpose2d(as_nchw(x), w.tensor, None, tuple(strides))
    kh, kw = dims(w.tensor)[2:4]
    top = left = 0
    if node.string('padding') == 'SAME':
        top = same_padding(out_h, kh, strides[0])[0]
        left = same_padding(out_w, kw, strides[1])[0]
    return Value(y[:, :, top : top + out_h, left : left + out_w], 'NCHW')


def op_pack(m, node: Node, args):
    return np.stack([np.asarray(a).reshape(()) for a in args], axis=node.int('axis'))


OPS = {
    '_FusedConv2D': op_fused_conv,
    'FusedDepthwiseConv2dNative': op_fused_conv,
    'Conv2D': op_conv,
    'DepthwiseConv2dNative': op_conv,
    'MaxPool': lambda m, n, a: _pool(n, a[0], 'max'),
    'AvgPool': lambda m, n, a: _pool(n, a[0], 'avg'),
    'AddV2': _binary(torch.add),
    'Add': _binary(torch.add),
    'Sub': _binary(torch.sub),
    'Mul': _binary(torch.mul),
    'Maximum': _binary(torch.maximum),
    'Minimum': _binary(torch.minimum),
    'Relu': lambda m, n, a: _activation('Relu', a[0], []),
    'Relu6': lambda m, n, a: _activation('Relu6', a[0], []),
    'Sigmoid': lambda m, n, a: _activation('Sigmoid', a[0], []),
    'Prelu': lambda m, n, a: _activation('Prelu', a[0], a[1:]),
    'Pad': op_pad,
    'Reshape': op_reshape,
    'ConcatV2': op_concat,
    'Mean': op_mean,
    'MatMul': op_matmul,
    '_FusedMatMul': op_matmul,
    'Softmax': op_softmax,
    'Identity': lambda m, n, a: a[0],
    'Shape': op_shape,
    'StridedSlice': op_strided_slice,
    'Pack': op_pack,
    'AddN': op_add_n,
    'ResizeBilinear': op_resize_bilinear,
    'Conv2DBackpropInput': op_conv_transpose,
}
