"""A weight-averaged translator ("model soup", Wortsman et al., ICML 2022): the mean of the weights of several
stage-2 runs that differ only in their seed (batch order, augmentation, dropout), fine-tuned from ONE stage-1
checkpoint, so they sit in one basin and their mean is a model of the same size and speed.

Why: stage 2 learns from 763 photos and its held-out loss bottoms out early (iteration 600 of 1,200), so any one run
carries its seed's noise; averaging removes some of it without a larger download (an output ensemble would double
the translator, past its 1 MB budget).

Usage (from models/):
  /usr/bin/python3 -m translator.soup --ckpts .work/translator-v23/best.pt .work/translator-v23-seed2/best.pt \
      --out .work/translator-soup/best.pt
then export the result as any checkpoint: python -m translator.export --ckpt .work/translator-soup/best.pt
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch


def soup(ckpts: list[dict]) -> dict:
    """The first checkpoint with its model weights replaced by the mean over all; refuses runs of other shapes."""
    first = ckpts[0]
    for c in ckpts[1:]:
        if c['model_args'] != first['model_args']:
            raise ValueError(f"cannot average translators of different shapes: {c['model_args']} vs {first['model_args']}")
        if c['config'].get('init_from') != first['config'].get('init_from'):
            raise ValueError('the runs start from different checkpoints (init_from); a soup needs one start')
    state = {}
    for k, v in first['model'].items():
        if v.is_floating_point():
            state[k] = torch.stack([c['model'][k] for c in ckpts]).mean(0)
        else:  # integer buffers (counters, indices) must agree
            assert all(torch.equal(c['model'][k], v) for c in ckpts), f'{k} differs between runs'
            state[k] = v
    out = {key: first[key] for key in ('model_args', 'config', 'augment', 'features_meta') if key in first}
    out.update(model=state, iter=max(c['iter'] for c in ckpts), best_val_loss=None,
               soup=[{'iter': c['iter'], 'seed': c['config'].get('seed'), 'best_val_loss': c.get('best_val_loss')}
                     for c in ckpts])  # fmt: skip
    return out


def provenance(ckpt: dict) -> str:
    """Which training step a checkpoint is, for the manifest's source: its iteration, or a soup's runs (a soup's own
    `iter` is only the latest of theirs)."""
    if 'soup' not in ckpt:
        return f"iter {ckpt['iter']}"
    return f"soup of seeds {[s['seed'] for s in ckpt['soup']]} at iters {[s['iter'] for s in ckpt['soup']]}"


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--ckpts', type=Path, nargs='+', required=True)
    p.add_argument('--out', type=Path, required=True)
    args = p.parse_args(argv)
    if len(args.ckpts) < 2:
        p.error('a soup needs at least two checkpoints')
    ckpts = [torch.load(c, map_location='cpu') for c in args.ckpts]
    result = soup(ckpts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(result, args.out)
    print(f"{args.out}: mean of {len(ckpts)} runs (seeds {[s['seed'] for s in result['soup']]}, "
          f"iters {[s['iter'] for s in result['soup']]})")
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
