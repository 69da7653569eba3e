"""Deterministic ONNX export: plain opset 17, static shapes, batch 1, stable names, no doc strings or timestamps."""
from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

import onnx
import torch
from torch.onnx import symbolic_helper

OPSET = 17


def _constant_pad(g, x, pad, value):
    """aten::constant_pad_nd -> one ONNX Pad with constant pads (torch 1.13's own symbolic builds the pads with a
    Slice of step -1 that constant folding cannot remove, leaving Shape/ConstantOfShape/Slice chains)."""
    pads = symbolic_helper._get_const(pad, 'is', 'pad')
    rank = symbolic_helper._get_tensor_rank(x)
    begin, end = [0] * rank, [0] * rank
    for i in range(len(pads) // 2):  # torch lists (left, right) pairs from the last axis backwards
        begin[rank - 1 - i], end[rank - 1 - i] = pads[2 * i], pads[2 * i + 1]
    fill = 0.0 if symbolic_helper._is_none(value) else float(symbolic_helper._get_const(value, 'f', 'value'))
    onnx_pads = g.op('Constant', value_t=torch.tensor(begin + end, dtype=torch.int64))
    return g.op('Pad', x, onnx_pads, g.op('Constant', value_t=torch.tensor(fill)), mode_s='constant')


def _pad(g, x, pad, mode, value):
    """aten::pad (what F.pad records in torch 1.13); only mode='constant' is used by the converted graphs."""
    if symbolic_helper._maybe_get_const(mode, 's') != 'constant':
        raise NotImplementedError('only constant padding is exported')
    return _constant_pad(g, x, pad, value)


torch.onnx.register_custom_op_symbolic('aten::constant_pad_nd', _constant_pad, OPSET)
torch.onnx.register_custom_op_symbolic('aten::pad', _pad, OPSET)


def export_onnx(module: torch.nn.Module, input_name: str, input_shape: list[int], output_names: list[str]) -> bytes:
    """Traces `module` on zeros of `input_shape` and returns the serialised ONNX model."""
    module.eval()
    buffer = io.BytesIO()
    with torch.no_grad(), warnings.catch_warnings():
        # shapes are read as Python ints on purpose (static graph): silence the tracer's warnings about it
        warnings.simplefilter('ignore', torch.jit.TracerWarning)
        warnings.filterwarnings('ignore', message='.*shape inference of prim::Constant.*')
        torch.onnx.export(
            module,
            (torch.zeros(*input_shape),),
            buffer,
            input_names=[input_name],
            output_names=output_names,
            opset_version=OPSET,
            do_constant_folding=True,
            training=torch.onnx.TrainingMode.EVAL,
        )
    model = onnx.load_from_string(buffer.getvalue())
    model.doc_string = ''
    model.graph.doc_string = ''
    for node in model.graph.node:
        node.doc_string = ''
    onnx.checker.check_model(model)
    # protobuf serialisation of one message is byte-stable; nothing above depends on time or randomness
    return model.SerializeToString()


def write_release_file(data: bytes, path: Path) -> dict:
    """Writes `data` to `path`; returns {file, sha256, bytes} for the manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return {'file': path.name, 'sha256': hashlib.sha256(data).hexdigest(), 'bytes': len(data)}
