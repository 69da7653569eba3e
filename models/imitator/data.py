"""Reads a dataset made by models/dataset (dataset.json + shards of .npy files) into memory."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = 'facecraft-imitator-dataset'
NEEDED = ('x', 'styles', 'image', 'landmarks')  # the minimum a studio's own engine must supply
OPTIONAL = ('embedding_frame', 'parts', 'face')


@dataclass
class Dataset:
    index: dict
    arrays: dict[str, np.ndarray]

    @property
    def count(self) -> int:
        return len(self.arrays['x'])

    @property
    def style_sizes(self) -> tuple[int, ...]:
        return tuple(len(group['options']) for group in self.index['rig']['discrete'])


def load_dataset(root: Path, limit: int | None = None) -> Dataset:
    """Every complete shard under `root` (shards without done.json are skipped: the generator is still on them)."""
    index = json.loads((root / 'dataset.json').read_text())
    if index.get('format') != FORMAT:
        raise SystemExit(f'{root}: not a {FORMAT} (dataset.json format is {index.get("format")!r})')
    parts: dict[str, list[np.ndarray]] = {k: [] for k in NEEDED + OPTIONAL}
    total = 0
    for shard in index['shards']:
        folder = root / shard['name']
        if not (folder / 'done.json').exists():
            continue
        for key in parts:
            if (folder / f'{key}.npy').exists():
                parts[key].append(np.load(folder / f'{key}.npy'))
        total += shard['count']
        if limit and total >= limit:
            break
    if not parts['x']:
        raise SystemExit(f'{root}: no complete shards; run dataset/generate.ts first')
    arrays = {k: np.concatenate(v)[:limit] for k, v in parts.items() if len(v) == len(parts['x'])}
    missing = [k for k in NEEDED if k not in arrays]
    assert not missing, f'dataset lacks {missing}'
    return Dataset(index, arrays)
