"""Writes the released imitator's model card (cards/imitator.md in a release folder) from the checkpoint, its
dataset index, the export report and the figures measured by `facecraft eval imitator --json` and
`facecraft bench refine --json` (files holding those commands' output).

Usage (from models/):
  /usr/bin/python3 -m imitator.card --ckpt .work/imitator-rig2/ckpt.pt --release release EVAL.json BENCH.json
"""
import argparse
import json
import re
from pathlib import Path

import torch


def last_json(path: Path) -> dict:
    """The last line of `path` that is a JSON object (the suites' --json contract)."""
    return next(json.loads(line) for line in reversed(path.read_text().splitlines()) if line.startswith('{'))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--ckpt', type=Path, required=True)
    p.add_argument('--release', type=Path, required=True)
    p.add_argument('--where', default="the development machine's CPU (2 cores shared with other jobs), one thread")
    p.add_argument('eval', type=Path)
    p.add_argument('bench', type=Path)
    a = p.parse_args()
    ckpt = torch.load(a.ckpt, map_location='cpu', weights_only=False)  # our own checkpoint
    cfg = ckpt['config']
    index = json.loads((Path(cfg['dataset']) / 'dataset.json').read_text())
    export = json.loads((a.ckpt.parent / 'export' / 'export.json').read_text())
    e = {m['id']: m for m in json.loads((a.release / 'manifest.json').read_text())['models']}
    ev, be = last_json(a.eval), last_json(a.bench)
    n, val = index['count'], cfg['val_count']
    steps, batch = ckpt['iter'], cfg['batch_size']
    fp16 = export['fp16Check'] or {}
    met = lambda ok: 'met' if ok else 'NOT met'  # noqa: E731
    config_file = next((f'imitator/configs/{f.name}' for f in sorted(Path('imitator/configs').glob('*.py'))
                        if f"out_dir = '{cfg['out_dir']}'" in f.read_text()), 'imitator/train.py defaults')
    # a config stacked on another says so in its '# Run: imitator.train A.py B.py' line: name the whole stack
    run = re.search(r'^# Run: imitator\.train (.+)$', Path(config_file).read_text(), re.M) if config_file.endswith('.py') else None
    config_file = ' '.join(re.findall(r'\S+\.py', run.group(1))) if run else config_file
    warm = f", warm-started from `{cfg['init_from']}`" if cfg.get('init_from') else ''
    recognisers = export.get('recognisers', 'mobileface').split('+')  # exports before session 14 had MobileFace only
    embeds = ' and '.join({'mobileface': 'MobileFace', 'dlib': "dlib's ResNet (its uint8 weights as published)"}[r] for r in recognisers)
    flags = f" --recognisers {export['recognisers']}" if 'recognisers' in export else ''
    flags += f" --sex-probe {export['sexProbe']}" if export.get('sexProbe') else ''
    mobileface_note = (' refine.onnx also contains MobileFace (see cards/face-embedder.md: upstream licence unresolved; '
                       'confirm before a commercial release).' if 'mobileface' in recognisers else '')
    dlib_note = (" refine.onnx contains dlib's face recognition ResNet (Davis King; public domain, the face-api port "
                 'MIT: cards/face-embedder-dlib.md).' if 'dlib' in recognisers else '')
    dlib_loss = f" + {cfg['dlib_weight']} x (1 - cos) of dlib" if cfg.get('dlib_weight') else ''
    if cfg.get('dlib_feature_weight'):
        dlib_loss += f" + {cfg['dlib_feature_weight']} x dlib's inner layers (relative L1)"
    card = f"""# imitator + refine (engine v2, rig v{index['rigVersion']})

A neural imitator of facecraft's engine v2 (the CC0 MakeHuman head, textured look shader), after Shi et al.
(ICCV 2019 / TPAMI 2020): G(x) -> the 128 px front render in the canonical aligned frame, and a landmark head
x -> the engine's 68 points there. `refine.onnx` computes the likeness loss against an aligned photo AND its
gradient with respect to x, so the PWA can refine a character offline (docs/models.md, "Refine graph").

- **Files**: `imitator.onnx` ({e['imitator']['bytes']} bytes, sha256 `{e['imitator']['sha256']}`), `refine.onnx`
  ({e['refine']['bytes']} bytes, sha256 `{e['refine']['sha256']}`); rigVersion {index['rigVersion']}. `refine.onnx` is group `refine` (the
  phone's lazy download); `imitator.onnx` is group `eval` (evaluation, benches, tests; the refine graph embeds it).
  Inputs: x = {export['continuous']} continuous rig parameters in [0, 1] (characterToVectorV2 order) and one-hot
  (softmax-relaxed in refine) style groups of sizes {export['styleSizes']}.
- **Data**: {n:,} engine v2 renders, `npx tsx dataset/generate.ts --rig 2 --count {n} --seed {index['seed']}`
  (share {index['priorShare']} from the plausible-people prior, the rest uniform over rig v2 as in the paper), each
  drawn straight into ITS OWN aligned frame (the similarity that puts its 68 points on the canonical template, as a
  photo is aligned); white background. {n - val:,} train, the last {val} held out. No photos.
- **Training**: `{config_file}`{warm} ({steps:,} steps of batch {batch}, {steps * batch / (n - val):.1f} epochs,
  {ckpt.get('elapsed', 0) / 60:.0f} min wall) on {a.where}, PyTorch {torch.__version__}. Loss: pixel L1 +
  part-weighted L1 + {cfg['id_weight']} x (1 - cos) of MobileFace{dlib_loss} + landmark MSE; generator channels {cfg['base']}
  at 4 px halving to at least {cfg['min_channels']}. One command rebuilds everything:
  `npm run imitator -w @facecraft/models -- --rig 2` (dataset, training, export; each step resumes). Curves and the
  held-out sample grid: docs/imitator-curves.png, docs/imitator-samples.png.
- **Export**: `python -m imitator.export --ckpt {a.ckpt}{flags} --release release`; BatchNorm folded; {export['weights']}
  (fp16 vs fp32 image difference on 64 random inputs: max {fp16.get('maxAbsDiff', 0):.2g}, mean
  {fp16.get('meanAbsDiff', 0):.2g} on a 0..1 scale); standard opset; refine.onnx embeds {embeds}. The multi-start
  graph (`refine-b{export['multiStartBatch']}.onnx`) is exported beside it but not released: a phone would download
  {export['bytes'].get(f"refine-b{export['multiStartBatch']}.onnx", 0):,} bytes more for a mode no screen uses yet.
- **Evaluation** (`facecraft eval imitator`, {ev['characters']} held-out plausible characters): l1 {ev['l1']}
  ({met(ev['l1'] <= 0.03)}, <= 0.03), psnr {ev['psnr']} dB, id_cos {ev['id_cos']} ({met(ev['id_cos'] >= 0.9)}, >= 0.9),
  id_cos_eval {ev['id_cos_eval']} ({met(ev['id_cos_eval'] >= 0.9)}, >= 0.9), landmark_nme {ev['landmark_nme']}
  ({met((ev['landmark_nme'] or 1) <= 0.05)}, <= 0.05; FaceMesh on the engine renders themselves:
  {ev.get('landmark_nme_engine')}), landmark_head_nme {ev['landmark_head_nme']}
  ({met(ev['landmark_head_nme'] <= 0.01)}, <= 0.01).
  `facecraft bench refine` (onnxruntime-node, one thread, shared machine): imitator_ms {be['imitator_ms']}, step_ms
  {be['step_ms']} ({met(be['step_ms'] <= 40)}, <= 40), steps50_ms {be['steps50_ms']} ({met(be['steps50_ms'] <= 2500)},
  <= 2500), download_bytes {be['download_bytes']} ({met(be['download_bytes'] <= 12e6)}, <= 12e6).
- **Licences**: the imitator weights are facecraft's own, trained only on facecraft engine v2 renders (the engine's
  head assets are MakeHuman's CC0 assets; see THIRD_PARTY).{mobileface_note}{dlib_note}
"""
    (a.release / 'cards' / 'imitator.md').write_text(card)
    print(card)


if __name__ == '__main__':
    main()
