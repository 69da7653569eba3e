"""Converts every model in models.json to a PyTorch module and an ONNX file in models/release/, and checks the
module against the TF.js references in models/.work/ref (written by tfjs-reference.ts) when they exist.

Usage (from models/): /usr/bin/python3 -m convert.build [--only id,id] [--no-check]
Writes models/release/<id>.onnx and models/.work/torch-check.json ({id: {maxAbsDiff, samples}}).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')

import numpy as np  # noqa: E402
import torch  # noqa: E402

from .export_onnx import export_onnx, write_release_file  # noqa: E402
from .face_models import build_module, load_specs  # noqa: E402

MODELS_DIR = Path(__file__).resolve().parent.parent
RELEASE_DIR = MODELS_DIR / 'release'
WORK_DIR = MODELS_DIR / '.work'


def torch_parity(model_id: str, module: torch.nn.Module, output_names: list[str]) -> dict | None:
    """Max |torch - tfjs| over every reference sample of `model_id`; None when no references were made."""
    index_file = WORK_DIR / 'ref' / 'index.json'
    if not index_file.exists():
        return None
    samples = json.loads(index_file.read_text()).get(model_id, [])
    if not samples:
        return None
    ref_dir = WORK_DIR / 'ref' / model_id
    worst, per_output = 0.0, {n: 0.0 for n in output_names}
    for sample in samples:
        x = torch.from_numpy(np.load(ref_dir / sample['input']))
        with torch.no_grad():
            outs = module(x)
        for name, out in zip(output_names, outs):
            ref = np.load(ref_dir / sample['outputs'][name])
            if ref.shape != tuple(out.shape):
                raise AssertionError(f'{model_id}.{name}: shape {tuple(out.shape)} != tfjs {ref.shape}')
            diff = float(np.max(np.abs(out.numpy() - ref)))
            per_output[name] = max(per_output[name], diff)
            worst = max(worst, diff)
    return {'maxAbsDiff': worst, 'perOutput': per_output, 'samples': len(samples)}


def embedding_sanity(model_id: str, module: torch.nn.Module, output_names: list[str]) -> dict | None:
    """For embedders: cosine of each real face with its mirror image vs between different faces (unaligned crops).

    Not a parity check: it shows the converted model still separates people, for the model card."""
    if 'embedding' not in output_names:
        return None
    samples = json.loads((WORK_DIR / 'ref' / 'index.json').read_text()).get(model_id, [])
    slot = output_names.index('embedding')
    faces, mirrors = [], []
    for sample in samples:
        x = torch.from_numpy(np.load(WORK_DIR / 'ref' / model_id / sample['input']))
        with torch.no_grad():
            for out, image in ((faces, x), (mirrors, torch.flip(x, [2]))):  # axis 2 = width in NHWC
                out.append(module(image)[slot][0].numpy().astype(np.float64))
    raw, raw_mirror = np.array(faces), np.array(mirrors)
    e = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    m = raw_mirror / np.linalg.norm(raw_mirror, axis=1, keepdims=True)
    different = ~np.eye(len(e), dtype=bool)
    pairs = (e @ e.T)[different]
    distances = np.linalg.norm(raw[:, None] - raw[None], axis=-1)[different]
    return {
        'faces': len(e),
        'mirrorCosMean': round(float(np.sum(e * m, axis=1).mean()), 3),
        'differentCosMean': round(float(pairs.mean()), 3),
        'differentCosMax': round(float(pairs.max()), 3),
        'mirrorDistMean': round(float(np.linalg.norm(raw - raw_mirror, axis=1).mean()), 3),
        'differentDistMean': round(float(distances.mean()), 3),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--only', help='comma-separated model ids (default: all)')
    parser.add_argument('--no-check', action='store_true', help='skip the parity check against TF.js references')
    parser.add_argument('--tolerance', type=float, default=1e-3)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    specs = load_specs()
    ids = args.only.split(',') if args.only else list(specs)
    unknown = [i for i in ids if i not in specs]
    if unknown:
        parser.error(f'unknown model ids {unknown}; known: {", ".join(specs)}')
    checks_file = WORK_DIR / 'torch-check.json'
    checks = json.loads(checks_file.read_text()) if checks_file.exists() else {}
    failed = []
    for model_id in ids:
        spec = specs[model_id]
        module = build_module(spec)
        size = spec['input']['size']
        outputs = list(spec['outputs'])
        data = export_onnx(module, spec['input']['name'], [1, size, size, 3], outputs)
        info = write_release_file(data, RELEASE_DIR / f'{model_id}.onnx')
        line = f"{model_id}: {info['file']} {info['bytes']} bytes sha256 {info['sha256'][:16]}"
        if not args.no_check:
            check = torch_parity(model_id, module, outputs)
            if check is None:
                line += ' (no TF.js references: run tfjs-reference.ts first)'
            else:
                sanity = embedding_sanity(model_id, module, outputs)
                if sanity:
                    check['sanity'] = sanity
                checks[model_id] = check
                line += f" torch-vs-tfjs max|d| {check['maxAbsDiff']:.3g} over {check['samples']} samples"
                if check['maxAbsDiff'] > args.tolerance:
                    failed.append(model_id)
        print(line, flush=True)
        WORK_DIR.mkdir(exist_ok=True)  # saved per model, so a later failure keeps the checks already made
        checks_file.write_text(json.dumps(checks, indent=1, sort_keys=True))
    if failed:
        print(f'FAILED parity (> {args.tolerance}): {", ".join(failed)}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
