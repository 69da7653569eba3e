"""Writes models/release/manifest.json and one model card per released file (cards/<id>.md).

Hashes and sizes come from the .onnx files on disk; parity figures from models/.work/torch-check.json (PyTorch vs
TF.js, build.py) and models/.work/onnx-check.json (onnxruntime-node vs TF.js, check-onnx.ts). A model with no
recorded check keeps the figures of the existing manifest when its sha256 is unchanged, so that a partial rebuild
does not erase earlier measurements; with a changed hash and no check it is an error.

Usage (from models/): /usr/bin/python3 -m convert.release [--only id,id]
`--only` adds or replaces just those entries (and cards) and leaves the rest of the manifest as it is, its release
name and rig version included (other pipelines, e.g. imitator/export.py, own those): a one-model release.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import onnx

from common.release import merge_manifest

from .face_models import load_specs, package_dir
from .model_docs import DOCS, GROUPS, RELEASE, RIG_VERSION

MODELS_DIR = Path(__file__).resolve().parent.parent
RELEASE_DIR = MODELS_DIR / 'release'
WORK_DIR = MODELS_DIR / '.work'
REFERENCE = 'tfjs-cpu 4.22.0'
REBUILD = 'npm run build -w @facecraft/models'


def _io(values) -> list[dict]:
    dtypes = {onnx.TensorProto.FLOAT: 'float32', onnx.TensorProto.INT64: 'int64'}
    return [
        {
            'name': v.name,
            'shape': [d.dim_value for d in v.type.tensor_type.shape.dim],
            'dtype': dtypes[v.type.tensor_type.elem_type],
        }
        for v in values
    ]


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def _check(model_id: str, sha256: str, previous: dict) -> dict:
    torch_check = _read_json(WORK_DIR / 'torch-check.json').get(model_id)
    onnx_check = _read_json(WORK_DIR / 'onnx-check.json').get(model_id)
    if torch_check and onnx_check:
        return {
            'reference': REFERENCE,
            'maxAbsDiff': max(torch_check['maxAbsDiff'], onnx_check['maxAbsDiff']),
            'onnxruntimeMaxAbsDiff': onnx_check['maxAbsDiff'],
            'pytorchMaxAbsDiff': torch_check['maxAbsDiff'],
            'samples': onnx_check['samples'],
        }
    old = previous.get(model_id)
    if old and old['sha256'] == sha256:
        return old['check']
    raise SystemExit(f'{model_id}: no parity check recorded for this file; run `{REBUILD}`')


def _version(package: str) -> str:
    return json.loads((package_dir(package) / 'package.json').read_text())['version']


def manifest_entry(model_id: str, spec: dict, previous: dict) -> dict:
    path = RELEASE_DIR / f'{model_id}.onnx'
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    model = onnx.load_from_string(data)
    doc = DOCS[model_id]
    return {
        'id': model_id,
        'file': path.name,
        'sha256': sha256,
        'bytes': len(data),
        'inputs': _io(model.graph.input),
        'outputs': _io(model.graph.output),
        'group': doc['group'],
        'rigVersion': None,  # face models do not depend on the rig
        'normalisation': doc['normalisation'],
        'licence': doc['licence'],
        'source': f"{spec['package']}@{_version(spec['package'])} {spec['path']}",
        'card': f'cards/{model_id}.md',
        'check': _check(model_id, sha256, previous),
    }


def card(entry: dict) -> str:
    doc = DOCS[entry['id']]
    io_rows = '\n'.join(
        f"| {kind} | `{v['name']}` | {v['shape']} | {v['dtype']} | {doc['io'][v['name']]} |"
        for kind, values in (('input', entry['inputs']), ('output', entry['outputs']))
        for v in values
    )
    check = entry['check']
    sanity = _read_json(WORK_DIR / 'torch-check.json').get(entry['id'], {}).get('sanity') or doc.get('sanity')
    sanity_text = (
        f"\n\nSanity on the same {sanity['faces']} real faces (unaligned crops, L2-normalised embeddings): cosine "
        f"with the face's own mirror image {sanity['mirrorCosMean']} on average; between different people "
        f"{sanity['differentCosMean']} on average, {sanity['differentCosMax']} at most. Euclidean distance of the raw "
        f"embeddings: {sanity['mirrorDistMean']} to the mirror image, {sanity['differentDistMean']} between people."
        if sanity
        else ''
    )
    return f"""# {entry['id']}: {doc['title']}

{doc['summary']}

- **File**: `{entry['file']}` ({entry['bytes']} bytes), sha256 `{entry['sha256']}`
- **Source**: `{entry['source']}` ({doc['upstream']})
- **Licence**: {entry['licence']}
- **Use in facecraft**: {doc['use']}
- **Format**: ONNX opset 17, float32 weights, static shapes, batch 1; converted by `models/convert` ({doc['how']}).

## Inputs and outputs

| | name | shape | dtype | meaning |
|---|---|---|---|---|
{io_rows}

**Input normalisation**: {entry['normalisation']}

## Check against TF.js

Reference: the original TF.js model run by `{check['reference']}` in Node on {check['samples']} crops of real photos
(the faces found in `@vladmandic/face-api` demo/sample1..6.jpg, read in place, never copied). Max abs difference
over every output element: onnxruntime-node {check['onnxruntimeMaxAbsDiff']:.3g}, PyTorch module
{check['pytorchMaxAbsDiff']:.3g} (tolerance 1e-3).{sanity_text}{doc.get('note', '')}

## Rebuild

`{REBUILD}` (from the repository root) regenerates every file in models/release from node_modules and reproduces
this sha256; see docs/models.md.
"""


def full_manifest(old: dict, entries: list[dict]) -> dict:
    """The manifest of a full face-model rebuild: `entries`, under the existing manifest's release name and rig
    version when it has them. Why: the newest release (imitator/export.py, a translator release) owns those; a
    rebuild of the face models wrote its own old name and rig 1 over them, so clients caching by release name
    kept stale files."""
    return {
        'schema': 1,
        'release': old.get('release', RELEASE),
        'rigVersion': old.get('rigVersion', RIG_VERSION),
        'models': entries,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--only', help='comma-separated model ids: add/replace only these entries')
    args = parser.parse_args()
    specs = load_specs()
    manifest_file = RELEASE_DIR / 'manifest.json'
    previous = {m['id']: m for m in _read_json(manifest_file).get('models', [])}
    if args.only:
        ids = args.only.split(',')
        unknown = [i for i in ids if i not in specs]
        if unknown:
            raise SystemExit(f'unknown model ids: {unknown}; see convert/models.json')
        entries = [manifest_entry(i, specs[i], previous) for i in ids]
        merge_manifest(manifest_file, entries, RELEASE, RIG_VERSION)
        for entry in entries:
            (RELEASE_DIR / 'cards' / f"{entry['id']}.md").write_text(card(entry))
            print(f"{entry['id']}: sha256 {entry['sha256'][:16]}, max|d| vs tfjs {entry['check']['maxAbsDiff']:.3g}")
        return 0
    entries = [manifest_entry(i, specs[i], previous) for i in specs if (RELEASE_DIR / f'{i}.onnx').exists()]
    # entries written by other pipelines (imitator/export.py releases) are kept as they are
    entries += [m for i, m in previous.items() if i not in specs]
    assert all(e.get('group') in GROUPS for e in entries), 'every manifest entry needs a group'
    manifest = full_manifest(_read_json(manifest_file), entries)
    manifest_file.write_text(json.dumps(manifest, indent=2) + '\n')
    (RELEASE_DIR / 'cards').mkdir(exist_ok=True)
    for entry in (e for e in entries if e['id'] in specs):
        (RELEASE_DIR / 'cards' / f"{entry['id']}.md").write_text(card(entry))
        print(f"{entry['id']}: sha256 {entry['sha256'][:16]}, max|d| vs tfjs {entry['check']['maxAbsDiff']:.3g}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
