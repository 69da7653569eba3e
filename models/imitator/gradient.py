"""d loss / d input as a plain forward graph, for runtimes with no autodiff (onnxruntime-web).

RESEARCH.md section 3: trace loss + torch.autograd.grad with make_fx into aten ops, then run that graph through an
interpreter that replaces each backward op with forward ops (convolution backward -> transposed convolution and
back, ReLU/threshold backward -> where, pooling backward -> expand / scatter-add, sigmoid backward from the output,
softmax backward from the output), so that torch.onnx.export sees only ops with standard ONNX counterparts. Weights are frozen constants and BatchNorm
must be folded first (no batch-norm rule here).
"""
from __future__ import annotations

import operator

import torch
import torch.nn.functional as F
from torch import fx, nn
from torch.fx.experimental.proxy_tensor import make_fx
from torch.nn.utils.stateless import _reparametrize_module

aten = torch.ops.aten


def trace_gradient(fn, example: tuple[torch.Tensor, ...], module: nn.Module) -> tuple[fx.GraphModule, dict]:
    """fn(*inputs) -> outputs, where fn calls torch.autograd.grad itself and uses `module`'s weights; returns its
    aten-level graph, whose first placeholders are the weights (returned too, by name), then the inputs.

    The weights are traced as inputs, not constants: make_fx would otherwise fold W.t() into a second stored copy
    of every linear layer's weight (the forward uses W, the backward W^T)."""
    weights = {**dict(module.named_parameters()), **dict(module.named_buffers())}
    names = list(weights)

    def with_weights(*args):
        values = dict(zip(names, args[: len(names)]))
        with _reparametrize_module(module, values):
            return fn(*args[len(names) :])

    return make_fx(with_weights)(*weights.values(), *example), weights


def _conv_backward(grad, inp, weight, bias_sizes, stride, padding, dilation, transposed, output_padding, groups, mask):
    """grad_input of a 2-D (transposed) convolution as the opposite convolution with the same weights."""
    assert not mask[1] and not mask[2], 'weights must be frozen (no grad_weight / grad_bias in the graph)'
    if transposed:  # y = conv_transpose(x, w): dx = conv(dy, w) (the same weight tensor, (in, out, k, k))
        dx = F.conv2d(grad, weight, None, stride, padding, dilation, groups)
    elif all(v == 1 for v in (*stride, *dilation)) and all(p <= k - 1 for p, k in zip(padding, weight.shape[2:])):
        # stride 1: dx = conv(dy, w with in/out swapped per group and flipped), padding k - 1 - p. A Conv, not a
        # ConvTranspose: onnxruntime-web's WASM ConvTranspose was 8x slower than native here (col2im), its Conv is not.
        o, ig, kh, kw = weight.shape
        w = weight.reshape(groups, o // groups, ig, kh, kw).transpose(1, 2).reshape(ig * groups, o // groups, kh, kw)
        dx = F.conv2d(grad, w.flip([2, 3]), None, 1, [kh - 1 - padding[0], kw - 1 - padding[1]], 1, groups)
    else:  # y = conv(x, w): dx = conv_transpose(dy, w); output_padding recovers sizes that the stride rounded
        extra = [
            inp.shape[2 + i] - ((grad.shape[2 + i] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (weight.shape[2 + i] - 1) + 1)
            for i in range(2)
        ]  # fmt: skip
        dx = F.conv_transpose2d(grad, weight, None, stride, padding, extra, groups, dilation)
    return dx, None, None


def _pad(x, pad, value=0.0):
    """constant_pad_nd; negative pads (the backward of a pad) crop by slicing instead of a negative ONNX Pad."""
    pad = list(pad)
    for i in range(len(pad) // 2):
        dim = x.dim() - 1 - i
        lo, hi = pad[2 * i], pad[2 * i + 1]
        if lo < 0 or hi < 0:
            x = x.narrow(dim, max(0, -lo), x.shape[dim] - max(0, -lo) - max(0, -hi))
            pad[2 * i], pad[2 * i + 1] = max(0, lo), max(0, hi)
    return F.pad(x, pad, value=value) if any(pad) else x


def _slice_backward(grad, sizes, dim, start, end, step):
    """The gradient of x[start:end] along `dim`: zeros around it (a Pad)."""
    assert step == 1, 'strided slices have no rule yet'
    n = sizes[dim]
    dim = dim % len(sizes)
    start = min(n, start + n if start < 0 else start)
    end = min(n, end + n if end < 0 else end)
    pad = [0, 0] * (len(sizes) - 1 - dim) + [start, n - end]
    return F.pad(grad, pad)


def _avg_pool_backward(grad, inp, kernel, stride, padding, ceil_mode, count_include_pad, divisor_override):
    """The gradient of a non-overlapping average pool (kernel = stride, no padding; dlib's downsampling skips): each
    output's gradient spread evenly over its window (Expand, not a transposed convolution), zeros for the rows and
    columns the 'valid' pool left out."""
    assert list(kernel) == list(stride) and not any(padding) and divisor_override is None, 'only kernel = stride pools'
    kh, kw = kernel
    n, c, h, w = (int(d) for d in grad.shape)  # static sizes (the export traces shapes otherwise)
    g = (grad / (kh * kw)).reshape(n, c, h, 1, w, 1).expand(n, c, h, kh, w, kw).reshape(n, c, h * kh, w * kw)
    extra_h, extra_w = int(inp.shape[2]) - h * kh, int(inp.shape[3]) - w * kw
    return F.pad(g, [0, extra_w, 0, extra_h]) if extra_h or extra_w else g


def _max_pool_backward(grad, inp, kernel, stride, padding, dilation, ceil_mode, indices):
    """The gradient of a max pool: each output's gradient added at its argmax (a ScatterElements with add, so that
    an input that wins several overlapping windows gets their sum, as autograd does)."""
    n, c, h, w = (int(d) for d in inp.shape)
    # zeros made from the input at run time (inp * 0): zeros_like would be stored as a constant of the input's size
    flat = (inp * 0).reshape(n, c, h * w).scatter_add(2, indices.reshape(n, c, -1), grad.reshape(n, c, -1))
    return flat.reshape(n, c, h, w)


REWRITES = {
    aten.avg_pool2d_backward.default: _avg_pool_backward,
    aten.max_pool2d_with_indices_backward.default: _max_pool_backward,
    aten.slice_backward.default: _slice_backward,
    aten.convolution_backward.default: _conv_backward,
    # a mask product, not where(..., zeros_like): a zeros tensor would be folded into a batch-sized constant
    aten.threshold_backward.default: lambda g, x, t: g * (x > t).to(g.dtype),
    aten.sigmoid_backward.default: lambda g, y: g * y * (1 - y),
    aten.tanh_backward.default: lambda g, y: g * (1 - y * y),
    aten._softmax_backward_data.default: lambda g, y, dim, dtype: y * (g - (g * y).sum(dim, keepdim=True)),
    aten.masked_fill_.Scalar: lambda x, m, v: x.masked_fill(m, v),
    aten.detach.default: lambda x: x,
    aten.clone.default: lambda x, **kw: x,
    aten._reshape_alias.default: lambda x, shape, stride: x.reshape(shape),
    aten._unsafe_view.default: lambda x, shape: x.reshape(shape),
    aten.view.default: lambda x, shape: x.reshape(shape),
    aten.constant_pad_nd.default: _pad,
    aten.ones_like.default: lambda x, **kw: torch.ones_like(x),
    aten.zeros_like.default: lambda x, **kw: torch.zeros_like(x),
    aten.t.default: lambda x: x.t(),
    aten._softmax.default: lambda x, dim, half: torch.softmax(x, dim),
    aten._log_softmax.default: lambda x, dim, half: torch.log_softmax(x, dim),
    aten.mm.default: torch.matmul,
    aten.bmm.default: torch.matmul,
    aten.addmm.default: lambda b, x, w: torch.matmul(x, w) + b,
    aten.convolution.default: lambda x, w, b, s, p, d, t, op, g: (
        F.conv_transpose2d(x, w, b, s, p, op, g, d) if t else F.conv2d(x, w, b, s, p, d, g)
    ),
}


class GradientGraph(nn.Module):
    """Runs a make_fx graph with backward ops rewritten as forward ops; `dtype` casts the constants (float64 for
    the finite-difference check)."""

    def __init__(self, gm: fx.GraphModule, weights: dict, dtype: torch.dtype = torch.float32):
        super().__init__()
        self.graph = gm.graph
        # weights as buffers: torch.onnx.export stores each once as an initializer
        for i, w in enumerate(weights.values()):
            self.register_buffer(f'w{i}', w.detach().to(dtype) if w.is_floating_point() else w.detach())
        self.constants = {}
        for node in gm.graph.nodes:
            if node.op == 'get_attr':
                value = getattr(gm, node.target)
                self.constants[node.target] = value.to(dtype) if value.is_floating_point() else value
        unknown = sorted(
            {str(n.target) for n in gm.graph.nodes if n.op == 'call_function' and 'backward' in str(n.target)}
            - {str(k) for k in REWRITES}
        )
        assert not unknown, f'no forward rewrite for {unknown}'

    def forward(self, *inputs):
        env: dict[fx.Node, object] = {}
        it = iter([*self.buffers(), *inputs])
        result = None
        for node in self.graph.nodes:
            load = lambda a: env[a] if isinstance(a, fx.Node) else a  # noqa: E731
            args = fx.node.map_aggregate(node.args, load)
            kwargs = fx.node.map_aggregate(node.kwargs, load)
            if node.op == 'placeholder':
                env[node] = next(it)
            elif node.op == 'get_attr':
                env[node] = self.constants[node.target]
            elif node.op == 'call_function':
                if node.target is operator.getitem:
                    env[node] = args[0][args[1]]
                else:
                    fn = REWRITES.get(node.target, node.target)
                    if fn is node.target:
                        kwargs = {k: v for k, v in kwargs.items() if k not in ('device', 'pin_memory', 'layout')}
                    env[node] = fn(*args, **kwargs)
            elif node.op == 'output':
                result = args[0]
        return result
