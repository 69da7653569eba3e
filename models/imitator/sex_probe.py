"""A linear read of a character's sex from dlib's embedding of its render, for the refine graph's `sex` term.

Why: refine holds the gender slider, yet its identity term moves face-shape sliders that change how male or female
the character reads (London, session 14: dlib's identity term alone took refined gender agreement from 0.97 to 0.92,
women's characters read as men). The term keeps the render on the side of its own gender slider.

Labels are the engine's own: the who.gender slider (0 female, 1 male) of each dataset character, as a soft target;
the embeddings are dlib's of both the imitator's render (what refine sees) and the engine's. No photo and no
attribute estimator is used, so FaceRes's gender agreement in `eval likeness` stays independent.

Usage (from models/):
  /usr/bin/python3 -m imitator.sex_probe --dataset .work/dataset-rig2-s8 --ckpt .work/imitator-release/ckpt.pt \\
      [--count 3000] [--out imitator/sex-probe.json]
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
from torch.nn import functional as F  # noqa: E402

from imitator.data import load_dataset  # noqa: E402
from imitator.losses import DLIB_SIZE, DLIB_WINDOW, WindowCrop, recogniser  # noqa: E402
from imitator.model import FoldedGenerator  # noqa: E402

L2 = 1e-4  # on held-out renders: 1e-3 0.84, 1e-4 0.89, 1e-5 0.88-0.91, 0 diverges (|w| ~3000)
SURE = 0.15  # accuracy is reported on characters whose slider is at least this far from 0.5


def embeddings(dataset, imitator, batch: int = 32) -> tuple[torch.Tensor, torch.Tensor]:
    """dlib's embeddings of the imitator's and the engine's render of every dataset character, (N, 128) each."""
    size = imitator.config.size
    generator = FoldedGenerator(imitator.generator).eval()
    dlib, crop = recogniser('face-embedder-dlib'), WindowCrop(DLIB_WINDOW, size, DLIB_SIZE)
    x = torch.from_numpy(dataset.arrays['x']).float()
    styles = torch.from_numpy(dataset.arrays['styles']).long()
    one_hot = torch.cat([F.one_hot(styles[:, i], n).float() for i, n in enumerate(dataset.style_sizes)], 1)
    images = torch.from_numpy(dataset.arrays['image'])
    out_i, out_e = [], []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            out_i.append(dlib(crop(generator(torch.cat([x[i:i + batch], one_hot[i:i + batch]], 1))))[0])
            engine = images[i:i + batch, ..., :3].float().permute(0, 3, 1, 2) / 255
            out_e.append(dlib(crop(engine))[0])
    return torch.cat(out_i), torch.cat(out_e)


def fit(features: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Logistic regression on soft targets (L-BFGS, L2): weights (128,), bias (1,)."""
    w = torch.zeros(features.shape[1], requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=500)

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(features @ w + b, target) + L2 * (w * w).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return w.detach(), b.detach()


def load(path: Path) -> tuple[torch.Tensor, torch.Tensor]:
    """(weights (128,), bias (1,)) of a probe file main() wrote, as RefineObjective's sex_probe takes them."""
    spec = json.loads(Path(path).read_text())
    return torch.tensor(spec['weights']), torch.tensor([spec['bias']])


def accuracy(w, b, features, gender) -> float:
    sure = (gender - 0.5).abs() > SURE
    return float((((features @ w + b) > 0) == (gender > 0.5))[sure].float().mean())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--dataset', required=True, type=Path)
    parser.add_argument('--ckpt', required=True, type=Path, help='the released imitator (imitator.from_release)')
    parser.add_argument('--count', type=int, default=3000, help='dataset characters (the first ones)')
    parser.add_argument('--out', type=Path, default=Path('imitator/sex-probe.json'))
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    from imitator.export import load_imitator

    dataset = load_dataset(args.dataset, limit=args.count)
    imitator, _ = load_imitator(args.ckpt)
    by_imitator, by_engine = embeddings(dataset, imitator)
    gender = torch.from_numpy(dataset.arrays['x'][:, 0]).float()
    assert dataset.index['rig']['continuous'][0]['id'] == 'who.gender', 'x[0] must be the gender slider'
    n = int(len(gender) * 0.8)  # the last 20% held out for the reported accuracy; the released probe sees all
    w, b = fit(torch.cat([by_imitator[:n], by_engine[:n]]), torch.cat([gender[:n], gender[:n]]))
    held_out = {'imitator': accuracy(w, b, by_imitator[n:], gender[n:]), 'engine': accuracy(w, b, by_engine[n:], gender[n:])}
    w, b = fit(torch.cat([by_imitator, by_engine]), torch.cat([gender, gender]))
    report = {
        'about': 'P(male) = sigmoid(weights . e + bias), e = dlib embedding of a render (imitator/sex_probe.py)',
        'dataset': str(args.dataset),
        'count': len(gender),
        'l2': L2,
        'heldOutAccuracy': {k: round(v, 4) for k, v in held_out.items()},
        'weights': [round(float(v), 6) for v in w],
        'bias': round(float(b), 6),
    }
    args.out.write_text(json.dumps(report, indent=1) + '\n')
    print(json.dumps({k: v for k, v in report.items() if k != 'weights'}), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
