"""Exports a trained translator: translator.onnx (int8 weight-only: int8 weights + DequantizeLinear, float32
compute; what ships) and translator-fp32.onnx (the reference), and checks that int8 and fp32 parameters differ by
<= 0.005 mean abs on held-out features (PyTorch with the dequantised weights computes exactly what the int8 graph
computes; the TypeScript tests run both files in onnxruntime).

Usage (from models/):
  /usr/bin/python3 -m translator.export --ckpt .work/translator-v2/ckpt.pt [--release release]
Graph: features (1, F) raw (shared/src/create/features.ts) -> x (1, C) in [0,1], styles (1, sum(sizes))
probabilities (softmax within each style group, groups concatenated in rig order).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import helper, numpy_helper

from common.onnx_export import export_multi, finish
from common.release import merge_manifest, release_entry
from translator.data import load_data
from translator.model import Translator, TranslatorConfig
from translator.soup import provenance

MAX_INT8_DIFF = 0.005  # mean abs, parameter units
MAX_BYTES = 1_000_000


class TranslatorGraph(nn.Module):
    """The exported signature: raw features -> (x, style probabilities)."""

    def __init__(self, model: Translator):
        super().__init__()
        self.model = model

    def forward(self, features):
        x, style_logits, _ = self.model(features)
        return x, self.model.style_probabilities(style_logits)


def load_translator(ckpt_path: Path) -> tuple[Translator, dict]:
    ckpt = torch.load(ckpt_path, map_location='cpu')
    args = dict(ckpt['model_args'])
    args['style_sizes'] = tuple(args['style_sizes'])
    model = Translator(TranslatorConfig(**args))
    model.load_state_dict(ckpt['model'])
    return model.eval(), ckpt


def quantize_weights(model: onnx.ModelProto, min_elements: int = 4096) -> list[str]:
    """Stores every large 2-D float initializer as int8 (symmetric, one scale per row) behind a DequantizeLinear;
    returns the names. Compute stays float32 (weight-only), which every onnxruntime backend runs."""
    graph = model.graph
    done, keep = [], []
    for init in graph.initializer:
        w = numpy_helper.to_array(init)
        if w.dtype != np.float32 or w.ndim != 2 or w.size < min_elements:
            keep.append(init)
            continue
        scale = np.maximum(np.abs(w).max(1), 1e-12) / 127  # per row (axis 0)
        q = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
        name = init.name
        keep += [numpy_helper.from_array(q, f'{name}_q'), numpy_helper.from_array(scale.astype(np.float32), f'{name}_scale'),
                 numpy_helper.from_array(np.zeros(len(scale), np.int8), f'{name}_zero')]  # fmt: skip
        graph.node.insert(0, helper.make_node('DequantizeLinear', [f'{name}_q', f'{name}_scale', f'{name}_zero'], [name], axis=0))
        done.append(name)
    del graph.initializer[:]
    graph.initializer.extend(keep)
    return done


def dequantized_copy(model: Translator, onnx_model: onnx.ModelProto) -> Translator:
    """A copy of `model` holding the int8 graph's dequantised weights (initializer names are the state_dict keys
    under 'model.'), for the parity check in PyTorch."""
    inits = {i.name: numpy_helper.to_array(i) for i in onnx_model.graph.initializer}
    state = model.state_dict()
    for node in onnx_model.graph.node:
        if node.op_type == 'DequantizeLinear':
            q, s = inits[node.input[0]], inits[node.input[1]]
            key = node.output[0].removeprefix('model.')
            assert key in state and state[key].shape == q.shape, f'{node.output[0]}: not a weight of the model'
            state[key] = torch.from_numpy(q.astype(np.float32) * s[:, None])
    copy = Translator(model.config)
    copy.load_state_dict(state)
    return copy.eval()


def int8_quality(model: Translator, quantized: Translator, features: np.ndarray) -> dict:
    with torch.no_grad():
        f = torch.from_numpy(features)
        a, sa, _ = model(f)
        b, sb, _ = quantized(f)
    return {
        'meanAbsDiff': float((a - b).abs().mean()),
        'maxAbsDiff': float((a - b).abs().max()),
        'styleArgmaxAgree': float(np.mean([
            (ga.argmax(-1) == gb.argmax(-1)).float().mean().item()
            for ga, gb in zip(sa.split(list(model.config.style_sizes), -1), sb.split(list(model.config.style_sizes), -1))
        ])),
        'n': len(features),
    }  # fmt: skip


def translator_onnx(model: Translator) -> onnx.ModelProto:
    example = {'features': torch.zeros(1, model.config.features)}
    # eval() on the wrapper too: the exporter restores the wrapper's mode recursively, and a fresh module is in
    # training mode, which would leave dropout on in `model` after the export
    return export_multi(TranslatorGraph(model).eval(), example, ['x', 'styles'])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--ckpt', required=True, type=Path)
    parser.add_argument('--features', type=Path, help="features folder for the held-out check (default: the checkpoint's)")
    parser.add_argument('--out', type=Path)
    parser.add_argument('--release', type=Path, help='also copy translator.onnx into this release folder and merge its '
                        'entry (group create) into its manifest.json; the card is cards/translator.md there')
    parser.add_argument('--release-name', default='translator-dev', help="the manifest's release name when it is new")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    model, ckpt = load_translator(args.ckpt)
    out = args.out or args.ckpt.parent / 'export'
    out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    fp32 = translator_onnx(model)
    int8 = onnx.ModelProto()
    int8.CopyFrom(fp32)
    quantized_names = quantize_weights(int8)
    files = {'translator.onnx': finish(int8), 'translator-fp32.onnx': finish(fp32)}
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(f'{out / name}: {len(data)} bytes', flush=True)
    data = load_data(args.features or ckpt['config']['features'])
    held_out = data.features[len(data.features) - ckpt['config']['val_count']:]
    check = int8_quality(model, dequantized_copy(model, int8), held_out)
    report = {
        'checkpoint': str(args.ckpt),
        'iter': ckpt['iter'],
        'rigVersion': data.rig_version,
        'features': model.config.features,
        'featureVersion': data.meta['version'],
        'continuous': model.config.continuous,
        'styleSizes': list(model.config.style_sizes),
        'styleNames': list(model.config.style_names),
        'int8Weights': len(quantized_names),
        'int8Check': check,
        'bytes': {name: len(d) for name, d in files.items()},
        'seconds': round(time.time() - started, 1),
    }
    (out / 'export.json').write_text(json.dumps(report, indent=1) + '\n')
    print(json.dumps(check), flush=True)
    assert check['meanAbsDiff'] <= MAX_INT8_DIFF, f'int8 differs from fp32 by {check["meanAbsDiff"]:.4f} > {MAX_INT8_DIFF}'
    assert len(files['translator.onnx']) <= MAX_BYTES, f'translator.onnx is {len(files["translator.onnx"])} bytes > 1 MB'
    if args.release:
        args.release.mkdir(parents=True, exist_ok=True)
        (args.release / 'translator.onnx').write_bytes(files['translator.onnx'])
        entry = release_entry(
            args.release / 'translator.onnx', 'translator', 'create', data.rig_version,
            normalisation='features: the raw translator feature vector (shared/src/create/features.ts, '
            f'FEATURE_VERSION {data.meta["version"]}, {model.config.features} values); x: continuous rig parameters '
            'in [0,1] (characterToVectorV2 order); styles: probabilities, softmax within each style group, groups '
            'concatenated in rig order',
            licence='facecraft project weights, trained on facecraft engine renders and ' + (
                'the feature vectors of the train-split photos of ../shared/faces with pseudo-labels made from those '
                'features (no photo label used)' if ckpt['config'].get('photo_labels') else
                'feature statistics of the train-split photos of ../shared/faces') +
            ' (Pixabay Content License; CC BY 4.0 DeBruine & Jones 2017; see the card); its input embedding is '
            'MobileFace (see face-embedder card: upstream licence unresolved)',
            source=f'models/translator export of {args.ckpt.name} ({provenance(ckpt)}, {ckpt["config"]["features"]})',
            card='cards/translator.md',
            featureVersion=data.meta['version'],
            styleSizes=list(model.config.style_sizes),
            check={'int8': check},
        )  # fmt: skip
        merge_manifest(args.release / 'manifest.json', [entry], args.release_name, data.rig_version)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
