"""Rebuilds an imitator checkpoint from a released imitator.onnx, for training that needs the imitator's PyTorch
weights (the translator's stage 2 descends its losses through the frozen imitator) on a machine that has the
release but not the training run's models/.work (checkpoints are never committed).

imitator.onnx holds the eval-mode generator with every BatchNorm folded into the layer before it (model.py
FoldedGenerator) and the landmark head as trained. Unfolding puts the folded weights back into the layers and makes
each BatchNorm an eval-mode identity that adds the folded bias, so the rebuilt Imitator's eval outputs are the
release's (fp16-stored weights included). Its BatchNorm statistics are not the training run's: fine-tune it in eval
mode or not at all.

Usage (from models/):
  /usr/bin/python3 -m imitator.from_release --onnx release/imitator.onnx --dataset .work/dataset-rig2-s7 \\
      --out .work/imitator-release/ckpt.pt
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from imitator.model import Imitator, ImitatorConfig


def onnx_weights(path: Path) -> dict[str, torch.Tensor]:
    """Initializers by name as float32 tensors, the '_fp16' storage suffix dropped."""
    out = {}
    for t in onnx.load(str(path)).graph.initializer:
        out[t.name.removesuffix('_fp16')] = torch.from_numpy(numpy_helper.to_array(t).astype(np.float32))
    return out


def unfold(weights: dict[str, torch.Tensor], style_sizes: tuple[int, ...]) -> Imitator:
    """An eval-mode Imitator whose outputs are those of the folded `weights` (imitator.onnx's initializers)."""
    fc = weights['generator.fc.weight']
    ups = sorted((k for k in weights if k.startswith('generator.up.') and k.endswith('.weight')),
                 key=lambda k: int(k.split('.')[2]))  # fmt: skip
    config = ImitatorConfig(
        continuous=fc.shape[1] - sum(style_sizes),
        style_sizes=tuple(style_sizes),
        size=4 * 2 ** len(ups),
        base=fc.shape[0] // 16,
        min_channels=min(weights[k].shape[1] for k in ups),
        landmark_hidden=weights['landmarks.net.0.weight'].shape[0],
    )
    model = Imitator(config)
    g = model.generator
    assert [g.up[3 * i].weight.shape for i in range(len(ups))] == [weights[k].shape for k in ups], \
        'the release has other layer widths than this model.py builds'
    with torch.no_grad():
        g.fc.weight.copy_(fc)
        g.fc.bias.copy_(weights['generator.fc.bias'])
        identity(g.fc_bn, torch.zeros(g.fc_bn.num_features))
        for i, k in enumerate(ups):
            g.up[3 * i].weight.copy_(weights[k])
            identity(g.up[3 * i + 1], weights[k.replace('.weight', '.bias')])
        g.out.weight.copy_(weights['generator.out.weight'])
        g.out.bias.copy_(weights['generator.out.bias'])
        for name, p in model.landmarks.named_parameters():
            p.copy_(weights[f'landmarks.{name}'])
    return model.eval()


def identity(bn: torch.nn.BatchNorm2d, shift: torch.Tensor) -> None:
    """Makes an eval-mode BatchNorm y = x + shift (running_var + eps = 1 exactly)."""
    bn.weight.fill_(1.0)
    bn.bias.copy_(shift)
    bn.running_mean.zero_()
    bn.running_var.fill_(1.0 - bn.eps)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--onnx', type=Path, default=Path('release/imitator.onnx'))
    ap.add_argument('--dataset', type=Path, required=True, help='a dataset of the same rig (its style sizes)')
    ap.add_argument('--out', type=Path, required=True)
    args = ap.parse_args()
    index = json.loads((args.dataset / 'dataset.json').read_text())
    style_sizes = tuple(len(d['options']) for d in index['rig']['discrete'])
    model = unfold(onnx_weights(args.onnx), style_sizes)
    c = model.config
    model_args = dict(continuous=c.continuous, style_sizes=c.style_sizes, size=c.size, base=c.base,
                      min_channels=c.min_channels, landmark_hidden=c.landmark_hidden)  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({'model': model.state_dict(), 'model_args': model_args, 'iter': 0, 'source': str(args.onnx)}, args.out)
    print(f'wrote {args.out}: {c.continuous} continuous + styles {list(c.style_sizes)}, {c.size} px, from {args.onnx}')


if __name__ == '__main__':
    main()
