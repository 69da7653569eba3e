"""The released face models: specs from models.json and how each becomes a PyTorch module."""
from __future__ import annotations

import json
from pathlib import Path

from torch import nn

from .graph_module import TfjsGraphModule
from .tfjs_graph import load_graph_model

CONVERT_DIR = Path(__file__).resolve().parent


def load_specs() -> dict:
    """models.json: id -> {kind, package, path, input: {name, size, scale}, outputs: {onnx name: tf node}, crop}."""
    return json.loads((CONVERT_DIR / 'models.json').read_text())


def package_dir(package: str) -> Path:
    """The installed npm package `package`, found the way Node would (node_modules in this or a parent folder)."""
    for base in [CONVERT_DIR, *CONVERT_DIR.parents]:
        candidate = base / 'node_modules' / package
        if (candidate / 'package.json').exists():
            return candidate
    raise FileNotFoundError(f'npm package {package} not found; run `npm ci` at the repository root')


def build_module(spec: dict) -> nn.Module:
    """A frozen, eval-mode nn.Module taking (1, size, size, 3) NHWC float32 and returning the spec's outputs."""
    source = package_dir(spec['package']) / spec['path']
    if spec['kind'] == 'tfjs-graph':
        graph = load_graph_model(source)
        (input_node,) = graph.inputs.values()
        module = TfjsGraphModule(graph, input_node, spec['outputs'])
    elif spec['kind'] == 'face-api-resnet':
        from .dlib_resnet import DlibResNet

        module = DlibResNet.from_face_api(source)
    else:
        raise ValueError(f"unknown model kind {spec['kind']!r}")
    return module.eval()


def quantisation_grids(model_id: str) -> list[tuple[float, float]]:
    """The (scale, min) of every uint8-quantised weight tensor in a face-api model's weights manifest (its values are
    float32(q) * scale + min; common/onnx_export.py `uint8_weights` stores them back as the codes). [] for others."""
    spec = load_specs()[model_id]
    if spec['kind'] != 'face-api-resnet':
        return []
    manifest = json.loads((package_dir(spec['package']) / spec['path']).read_text())
    return sorted({
        (float(w['quantization']['scale']), float(w['quantization']['min']))
        for group in manifest for w in group['weights']
        if w.get('quantization', {}).get('dtype') == 'uint8'
    })  # fmt: skip
