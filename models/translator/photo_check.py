"""How the translator reads the TRAIN-split photos (no labels are trained on; the faces README allows the gender
labels for checking that results hold across groups): per labelled gender, the mean predicted `who.gender` slider
and the share of photos given each accessory (glasses, facial hair, lipstick). Renders would need none of this;
photos are where the domain gap shows.

Usage (from models/): /usr/bin/python3 -m translator.photo_check --ckpt .work/translator-v2/best.pt --faces DIR
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
import torch

from translator.export import load_translator



def check(ckpt: Path, photos: Path, faces: Path, accessory_probability: float = 0.6) -> dict:
    model, saved = load_translator(ckpt)
    features = np.load(photos / 'photo-features.npy')
    files = json.loads((photos / 'photo-features.json').read_text())['files']
    rows = {r['file']: r for r in csv.DictReader((faces / 'index.csv').open())}
    gender = np.array([rows[f]['gender'] for f in files])
    with torch.no_grad():
        x, logits, _ = model(torch.from_numpy(features))
        probs = model.style_probabilities(logits).numpy()
    rig = json.loads((Path(saved['features_meta']['dataset']) / 'dataset.json').read_text())['rig']
    ids = [c['id'] for c in rig['continuous']] + [c['id'] for c in rig['colors']]
    out = {'n': len(files), 'gender_slider': {}, 'accessory_share': {}}
    for g in sorted(set(gender)):
        out['gender_slider'][g] = round(float(x[gender == g, ids.index('who.gender')].mean()), 3)
    start = 0
    for group, n in zip(rig['discrete'], model.config.style_sizes):
        p = probs[:, start:start + n]
        start += n
        if group['options'][0]['id'] != 'none':
            continue
        best = p[:, 1:].max(1)
        out['accessory_share'][group['id']] = {
            'argmax': round(float((p.argmax(1) > 0).mean()), 3),
            f'p>={accessory_probability}': round(float((best >= accessory_probability).mean()), 3),
        }
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--ckpt', required=True, type=Path)
    parser.add_argument('--photos', type=Path, default=Path('.work/photo-features'))
    parser.add_argument('--faces', type=Path, required=True, help='the ../shared/faces folder (its index.csv)')
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    print(json.dumps(check(args.ckpt, args.photos, args.faces)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
