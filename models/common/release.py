"""Release writing shared by the model pipelines: manifest entries (sha256, bytes, I/O from the ONNX graph, group,
rig version) merged into a manifest.json, and model cards beside them."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import onnx

GROUPS = ('create', 'refine', 'eval')
_DTYPES = {onnx.TensorProto.FLOAT: 'float32', onnx.TensorProto.INT64: 'int64'}


def io_specs(values) -> list[dict]:
    """[{name, shape, dtype}] of ONNX graph inputs or outputs."""
    return [
        {'name': v.name, 'shape': [d.dim_value for d in v.type.tensor_type.shape.dim], 'dtype': _DTYPES[v.type.tensor_type.elem_type]}
        for v in values
    ]  # fmt: skip


def release_entry(path: Path, model_id: str, group: str, rig_version, **fields) -> dict:
    """The manifest entry of the ONNX file at `path`; `fields` (normalisation, licence, source, card, check...)
    are copied as given."""
    assert group in GROUPS, f'group must be one of {GROUPS}'
    data = path.read_bytes()
    model = onnx.load_from_string(data)
    return {
        'id': model_id,
        'file': path.name,
        'sha256': hashlib.sha256(data).hexdigest(),
        'bytes': len(data),
        'inputs': io_specs(model.graph.input),
        'outputs': io_specs(model.graph.output),
        'group': group,
        'rigVersion': rig_version,
        **fields,
    }


def merge_manifest(manifest_path: Path, entries: list[dict], release: str, rig_version) -> dict:
    """Writes `entries` into the manifest at `manifest_path` (replacing entries with the same id, keeping the rest,
    creating the file when absent); returns the manifest."""
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {'schema': 1, 'models': []}
    ids = {e['id'] for e in entries}
    manifest['models'] = [m for m in manifest['models'] if m['id'] not in ids] + entries
    manifest.setdefault('release', release)
    manifest.setdefault('rigVersion', rig_version)
    manifest_path.write_text(json.dumps(manifest, indent=2) + '\n')
    return manifest
