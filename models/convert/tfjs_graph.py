"""Reads a TF.js graph model (model.json + .bin shards) into plain Python: nodes and float32/int32 weights.

The weights manifest stores each tensor either raw (float32, int32) or quantised:
  - float16: IEEE half floats, widened exactly to float32;
  - uint8 / uint16: value = q * scale + min (affine dequantisation with the manifest's `scale` and `min`).
Tensors are packed back to back, in manifest order, across the shard files listed in `paths`.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_RAW_DTYPES = {'float32': np.float32, 'int32': np.int32, 'bool': np.bool_}
_QUANT_DTYPES = {'float16': np.float16, 'uint8': np.uint8, 'uint16': np.uint16}


@dataclass
class Node:
    """One TensorFlow graph node; `inputs` holds producer names without ':0' and without control inputs."""

    name: str
    op: str
    inputs: list[str]
    attr: dict = field(default_factory=dict)

    def ints(self, key: str) -> list[int]:
        return [int(v) for v in self.attr.get(key, {}).get('list', {}).get('i', [])]

    def int(self, key: str, default: int = 0) -> int:
        return int(self.attr.get(key, {}).get('i', default))

    def float(self, key: str, default: float = 0.0) -> float:
        return float(self.attr.get(key, {}).get('f', default))

    def bool(self, key: str, default: bool = False) -> bool:
        return bool(self.attr.get(key, {}).get('b', default))

    def string(self, key: str, default: str = '') -> str:
        raw = self.attr.get(key, {}).get('s')
        return base64.b64decode(raw).decode() if raw is not None else default

    def strings(self, key: str) -> list[str]:
        return [base64.b64decode(s).decode() for s in self.attr.get(key, {}).get('list', {}).get('s', [])]


@dataclass
class GraphModel:
    """A parsed TF.js graph model: nodes in file order, weights by node name, and the signature's I/O names."""

    nodes: list[Node]
    weights: dict[str, np.ndarray]
    inputs: dict[str, str]  # signature key -> node name
    outputs: dict[str, str]  # signature key -> node name
    meta: dict


def dequantise(raw: bytes, spec: dict) -> tuple[np.ndarray, int]:
    """Decodes one manifest entry from the front of `raw`; returns (float32/int32 array, bytes consumed)."""
    shape = [int(d) for d in spec['shape']]
    count = int(np.prod(shape)) if shape else 1
    quant = spec.get('quantization')
    if quant is None:
        if spec['dtype'] not in _RAW_DTYPES:
            raise ValueError(f"weight {spec['name']}: unsupported dtype {spec['dtype']}")
        dtype = np.dtype(_RAW_DTYPES[spec['dtype']])
        nbytes = count * dtype.itemsize
        return np.frombuffer(raw, dtype=dtype, count=count).reshape(shape).copy(), nbytes
    qdtype = np.dtype(_QUANT_DTYPES[quant['dtype']]).newbyteorder('<')
    nbytes = count * qdtype.itemsize
    q = np.frombuffer(raw, dtype=qdtype, count=count)
    if quant['dtype'] == 'float16':
        values = q.astype(np.float32)
    else:
        # TF.js computes q * scale + min in float32 (io/io_utils.ts); do the same so the values are bit-identical.
        values = q.astype(np.float32) * np.float32(quant['scale']) + np.float32(quant['min'])
    out_dtype = np.int32 if spec['dtype'] == 'int32' else np.float32
    return values.astype(out_dtype).reshape(shape), nbytes


def read_weights(manifest: list[dict], base_dir: Path) -> dict[str, np.ndarray]:
    """Decodes every tensor of a weights manifest (a list of {paths, weights}) read from `base_dir`."""
    weights: dict[str, np.ndarray] = {}
    for group in manifest:
        blob = b''.join((base_dir / p).read_bytes() for p in group['paths'])
        offset = 0
        for spec in group['weights']:
            value, used = dequantise(blob[offset:], spec)
            weights[spec['name']] = value
            offset += used
        if offset != len(blob):
            raise ValueError(f'weights manifest in {base_dir} covers {offset} of {len(blob)} bytes')
    return weights


def load_graph_model(model_json: Path) -> GraphModel:
    """Parses `model_json` (a TF.js graph model) and its .bin shards beside it."""
    spec = json.loads(Path(model_json).read_text())
    if spec.get('format') != 'graph-model':
        raise ValueError(f"{model_json}: format {spec.get('format')!r}, expected 'graph-model'")
    nodes = [
        Node(
            name=n['name'],
            op=n['op'],
            inputs=[i.split(':')[0] for i in n.get('input', []) if not i.startswith('^')],
            attr=n.get('attr', {}),
        )
        for n in spec['modelTopology']['node']
    ]
    weights = read_weights(spec['weightsManifest'], Path(model_json).parent)
    signature = spec.get('signature', {})
    inputs = {k: v['name'].split(':')[0] for k, v in signature.get('inputs', {}).items()}
    outputs = {k: v['name'].split(':')[0] for k, v in signature.get('outputs', {}).items()}
    meta = {k: spec.get(k) for k in ('generatedBy', 'convertedBy', 'format')}
    return GraphModel(nodes=nodes, weights=weights, inputs=inputs, outputs=outputs, meta=meta)
