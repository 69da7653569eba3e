"""Translator training data: features (written by translator/features.ts, never recomputed here) beside the
dataset's targets x and styles. Rows whose render had no face (NaN features) are dropped."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np


@dataclass
class TranslatorData:
    features: np.ndarray  # (N, F) float32, raw (the model standardises)
    x: np.ndarray  # (N, C) float32 in [0, 1]
    styles: np.ndarray  # (N, G) int64 option indices
    style_sizes: tuple[int, ...]
    style_names: list[str]
    style_options: list[list[str]]  # option ids per group, rig order
    x_names: list[str]  # ids of x's entries: the rig's sliders, then its colours
    rig_version: int | str
    meta: dict  # features.json
    dropped: int  # samples without a face


def load_data(features: str | Path, limit: int | None = None) -> TranslatorData:
    """One features folder, or several joined by commas (the same rig; samples in the order given, so the held-out
    tail is the last folder's: put the current look's renders last)."""
    parts = [_load_one(Path(p)) for p in str(features).split(',')]
    first = parts[0]
    for other in parts[1:]:
        assert (other.x_names, other.style_sizes) == (first.x_names, first.style_sizes), \
            f'{other.meta["dataset"]}: another rig than {first.meta["dataset"]}'
    data = first if len(parts) == 1 else TranslatorData(
        features=np.concatenate([p.features for p in parts]),
        x=np.concatenate([p.x for p in parts]),
        styles=np.concatenate([p.styles for p in parts]),
        style_sizes=first.style_sizes, style_names=first.style_names, style_options=first.style_options,
        x_names=first.x_names, rig_version=first.rig_version,
        meta={**parts[-1].meta, 'joined': [p.meta['dataset'] for p in parts]},
        dropped=sum(p.dropped for p in parts),
    )  # fmt: skip
    if limit:
        data = replace(data, features=data.features[:limit], x=data.x[:limit], styles=data.styles[:limit])
    return data


def _load_one(features_dir: Path) -> TranslatorData:
    meta = json.loads((features_dir / 'features.json').read_text())
    assert meta['format'] == 'facecraft-translator-features', f'{features_dir}: not a translator features folder'
    dataset = Path(meta['dataset'])
    index = json.loads((dataset / 'dataset.json').read_text())
    f, x, s = [], [], []
    for shard in meta['shards']:
        f.append(np.load(features_dir / shard['name'] / 'features.npy'))
        x.append(np.load(dataset / shard['name'] / 'x.npy'))
        s.append(np.load(dataset / shard['name'] / 'styles.npy'))
    features, x, styles = np.concatenate(f), np.concatenate(x), np.concatenate(s).astype(np.int64)
    assert features.shape[1] == meta['length'] and len(features) == len(x) == len(styles)
    ok = np.isfinite(features).all(1)
    features, x, styles = features[ok], x[ok], styles[ok]
    discrete = index['rig']['discrete']
    return TranslatorData(
        features=features.astype(np.float32),
        x=x.astype(np.float32),
        styles=styles,
        style_sizes=tuple(len(d['options']) for d in discrete),
        style_names=[d['id'] for d in discrete],
        style_options=[[o['id'] for o in d['options']] for d in discrete],
        x_names=[c['id'] for c in index['rig']['continuous']] + [c['id'] for c in index['rig'].get('colors', [])],
        rig_version=index['rigVersion'],
        meta=meta,
        dropped=int((~ok).sum()),
    )
