"""Multi-input ONNX export (plain opset 17, static shapes, deterministic bytes) and fp16 weight storage.

The single-input face-model export lives in convert/export_onnx.py; importing it registers the Pad symbolics this
export shares (one ONNX Pad per padding)."""
from __future__ import annotations

import inspect
import io
import warnings

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper

from convert.export_onnx import OPSET  # noqa: F401  (also registers the constant-pad symbolics)


# Current PyTorch defaults to the dynamo exporter; this module relies on the TorchScript tracer (as torch 1.13 has).
_TORCHSCRIPT_EXPORTER = {'dynamo': False} if 'dynamo' in inspect.signature(torch.onnx.export).parameters else {}


def export_multi(
    module: torch.nn.Module, inputs: dict[str, torch.Tensor], output_names: list[str], fold: bool = True
) -> onnx.ModelProto:
    """Traces `module(*inputs.values())` into an ONNX model with the given input and output names. `fold=False`
    keeps Transpose nodes on weights instead of storing a transposed copy (gradient graphs use W and W^T)."""
    buffer = io.BytesIO()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter('ignore', torch.jit.TracerWarning)
        warnings.filterwarnings('ignore', message='.*shape inference of prim::Constant.*')
        # the gradient graph flips kernels at run time (Slice step -1): nothing to fold there
        warnings.filterwarnings('ignore', message='Constant folding - Only steps=1')
        torch.onnx.export(
            module,
            tuple(inputs.values()),
            buffer,
            input_names=list(inputs),
            output_names=output_names,
            opset_version=OPSET,
            do_constant_folding=fold,
            training=torch.onnx.TrainingMode.EVAL,
            **_TORCHSCRIPT_EXPORTER,
        )
    model = onnx.load_from_string(buffer.getvalue())
    model.doc_string = ''
    model.graph.doc_string = ''
    for node in model.graph.node:
        node.doc_string = ''
    return model


def constants_to_initializers(model: onnx.ModelProto, min_elements: int = 16) -> None:
    """Moves large Constant nodes into initializers (traced tensors become Constant nodes; fp16 storage and
    deduplication work on initializers)."""
    keep = []
    for node in model.graph.node:
        value = next((a for a in node.attribute if a.name == 'value'), None) if node.op_type == 'Constant' else None
        if value is not None and np.prod(value.t.dims or [1]) >= min_elements:
            tensor = onnx.TensorProto()
            tensor.CopyFrom(value.t)
            tensor.name = node.output[0]
            model.graph.initializer.append(tensor)
        else:
            keep.append(node)
    del model.graph.node[:]
    model.graph.node.extend(keep)


def dedupe_initializers(model: onnx.ModelProto) -> None:
    """One initializer per distinct tensor (the gradient graph uses each weight twice: forward and backward)."""
    seen: dict[bytes, str] = {}
    rename: dict[str, str] = {}
    kept = []
    for init in model.graph.initializer:
        key = init.data_type.to_bytes(4, 'little') + bytes(str(list(init.dims)), 'ascii') + numpy_helper.to_array(init).tobytes()
        if key in seen:
            rename[init.name] = seen[key]
        else:
            seen[key] = init.name
            kept.append(init)
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    for node in all_nodes(model.graph):
        for i, name in enumerate(node.input):
            if name in rename:
                node.input[i] = rename[name]


def all_nodes(graph: onnx.GraphProto):
    """Every node of `graph` and of the subgraphs its nodes hold (If branches), depth first."""
    for node in graph.node:
        yield node
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                yield from all_nodes(attr.g)


def computed_when_zero(model: onnx.ModelProto, name: str, compute: onnx.ModelProto, output: str) -> None:
    """Graph input `name` becomes a cache: fed zeros, the graph computes the value with `compute` (a model whose inputs
    are inputs of `model`, by name, and whose one output has `name`'s shape) inside an If; fed anything else, it uses
    what was fed. Either way the value used comes out as the new output `output`, for the caller to feed back.

    Why an If: onnxruntime runs every node of a graph whatever outputs are asked for, and only the taken branch of an
    If. `compute`'s weights join the model's initializers (dedupe_initializers then merges the copies)."""
    source = next(i for i in model.graph.input if i.name == name)
    constants_to_initializers(compute)
    outer = {i.name for i in compute.graph.input}
    prefix = output + '/'
    local = lambda n: n if n in outer or not n else prefix + n  # noqa: E731
    for init in compute.graph.initializer:
        init.name = local(init.name)
    model.graph.initializer.extend(compute.graph.initializer)
    nodes = []
    for node in compute.graph.node:
        copy = onnx.NodeProto()
        copy.CopyFrom(node)
        copy.name = local(node.name or node.output[0])
        copy.input[:] = [local(n) for n in node.input]
        copy.output[:] = [local(n) for n in node.output]
        nodes.append(copy)
    value = helper.make_tensor_value_info(output, onnx.TensorProto.FLOAT, [d.dim_value for d in source.type.tensor_type.shape.dim])
    computed = onnx.ValueInfoProto()
    computed.CopyFrom(value)
    computed.name = local(compute.graph.output[0].name)
    given = onnx.ValueInfoProto()
    given.CopyFrom(value)
    given.name = prefix + 'given'
    then_branch = helper.make_graph(nodes, output + '_compute', [], [computed])
    else_branch = helper.make_graph([helper.make_node('Identity', [name], [given.name])], output + '_given', [], [given])
    model.graph.initializer.append(numpy_helper.from_array(np.array(0, np.float32), prefix + 'zero'))
    branch = [
        helper.make_node('Abs', [name], [prefix + 'abs'], name=prefix + 'abs'),
        helper.make_node('ReduceMax', [prefix + 'abs'], [prefix + 'max'], keepdims=0, name=prefix + 'max'),
        helper.make_node('Equal', [prefix + 'max', prefix + 'zero'], [prefix + 'zeros'], name=prefix + 'zeros'),
        helper.make_node('If', [prefix + 'zeros'], [output], then_branch=then_branch, else_branch=else_branch, name=prefix + 'if'),
    ]
    for node in model.graph.node:
        node.input[:] = [output if n == name else n for n in node.input]
    for node in reversed(branch):  # it reads only graph inputs and initializers
        model.graph.node.insert(0, node)
    model.graph.output.append(value)


def fp16_weights(model: onnx.ModelProto, min_elements: int = 1024) -> int:
    """Stores float32 initializers with >= min_elements values as float16, each followed by a Cast to float32
    (arithmetic stays float32). Returns how many were converted."""
    casts, converted = [], 0
    for init in model.graph.initializer:
        if init.data_type != onnx.TensorProto.FLOAT or np.prod(init.dims) < min_elements:
            continue
        half = numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name + '_fp16')
        casts.append(helper.make_node('Cast', [half.name], [init.name], to=onnx.TensorProto.FLOAT, name=init.name + '_cast'))
        init.CopyFrom(half)
        converted += 1
    for node in reversed(casts):
        model.graph.node.insert(0, node)
    return converted


def uint8_codes(values: np.ndarray, grids: list[tuple[float, float]]) -> tuple[np.ndarray, float, float] | None:
    """(codes, scale, min) when float32 `values` lie on one of `grids`: 8-bit affine grids (scale, min) that tensors
    were dequantised from as float32(q) * scale + min (face-api's uint8 weights, e.g. dlib's:
    convert/face_models.py `quantisation_grids`), checked bit for bit; None otherwise."""
    if values.dtype != np.float32 or len(np.unique(values)) > 256:
        return None
    for scale, low in grids:
        q = np.rint((values.astype(np.float64) - low) / scale)
        if q.min() >= 0 and q.max() <= 255 and np.array_equal(q.astype(np.float32) * np.float32(scale) + np.float32(low), values):
            return q.astype(np.uint8), scale, low
    return None


def uint8_weights(model: onnx.ModelProto, grids: list[tuple[float, float]], min_elements: int = 1024) -> int:
    """Stores float32 initializers (>= min_elements values) that lie on one of `grids` (uint8_codes) as their codes,
    each followed by Cast, Mul, Add back to the same float32 values: nothing is lost. onnxruntime folds the three
    nodes once at load. Returns how many were converted."""
    nodes, converted = [], 0
    for init in list(model.graph.initializer):
        if init.data_type != onnx.TensorProto.FLOAT or np.prod(init.dims) < min_elements:
            continue
        found = uint8_codes(numpy_helper.to_array(init), grids)
        if found is None:
            continue
        codes, scale, low = found
        name = init.name
        tensors = [
            numpy_helper.from_array(codes, name + '_u8'),
            numpy_helper.from_array(np.array(scale, np.float32), name + '_scale'),
            numpy_helper.from_array(np.array(low, np.float32), name + '_min'),
        ]
        nodes += [
            helper.make_node('Cast', [name + '_u8'], [name + '_q'], to=onnx.TensorProto.FLOAT, name=name + '_cast'),
            helper.make_node('Mul', [name + '_q', name + '_scale'], [name + '_scaled'], name=name + '_mul'),
            helper.make_node('Add', [name + '_scaled', name + '_min'], [name], name=name + '_add'),
        ]
        init.CopyFrom(tensors[0])
        model.graph.initializer.extend(tensors[1:])
        converted += 1
    for node in reversed(nodes):
        model.graph.node.insert(0, node)
    return converted


def finish(model: onnx.ModelProto) -> bytes:
    """Checks the model and returns its bytes (protobuf serialisation of one message is byte-stable)."""
    onnx.checker.check_model(model)
    return model.SerializeToString()
