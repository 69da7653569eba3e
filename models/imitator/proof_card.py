"""Writes the engine-v1 proof's model card (imitator/proof-v1/cards/imitator.md) from its manifest and the figures
measured by `facecraft eval imitator` / `facecraft bench refine` (passed as JSON files).

Usage (from models/): /usr/bin/python3 -m imitator.proof_card EVAL.json BENCH.json
"""
import json
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / 'proof-v1'


def last_json(path: str) -> dict:
    """The last line of `path` that is a JSON object (the suites' --json contract)."""
    return next(json.loads(line) for line in reversed(Path(path).read_text().splitlines()) if line.startswith('{'))


def main(eval_path: str, bench_path: str) -> None:
    e = {m['id']: m for m in json.loads((FOLDER / 'manifest.json').read_text())['models']}
    ev, be = last_json(eval_path), last_json(bench_path)
    fp16 = e['imitator']['check']['fp16']
    card = f"""# imitator + refine (engine v1 PROOF, not released)

**This is a proof that the pipeline works end to end on engine v1, not a release.** A 25-minute CPU training on
4,096 renders. The released imitator is to be trained on engine v2 / rig v2. These files are not in
models/release/manifest.json (see docs/models.md, "Engine v1 proof").

- **Files**: `imitator.onnx` ({e['imitator']['bytes']} bytes, sha256 `{e['imitator']['sha256']}`), `refine.onnx`
  ({e['refine']['bytes']} bytes, sha256 `{e['refine']['sha256']}`); group `refine`, rigVersion 1.
- **Data**: 4,096 engine v1 front renders at 128 px in the canonical aligned frame, `npx tsx dataset/generate.ts
  --out .work/dataset-v1 --count 4096 --seed 1` (75% uniform over rig v1, 25% near the rig defaults); 3,840 train,
  256 held out. No photos.
- **Training**: `imitator/configs/v1-proof.py`, 1,011 steps of batch 32 (8.4 epochs), 25 min wall on the
  development machine's CPU (2 cores shared with other jobs, load average 4-13), Debian PyTorch 1.13, one thread.
  Loss: pixel L1 + part-weighted L1 + 0.1 x (1 - cos) of MobileFace + landmark MSE. Curves and the held-out sample
  grid: docs/imitator-v1-curves.png, docs/imitator-v1-samples.png.
- **Export**: `python -m imitator.export --ckpt .work/imitator-v1/ckpt.pt --batch 1 --release imitator/proof-v1`;
  BatchNorm folded; float16 weight storage, float32 compute (fp16 vs fp32 image difference on 64 random inputs: max
  {fp16['maxAbsDiff']:.2g}, mean {fp16['meanAbsDiff']:.2g} on a 0..1 scale); opset 17. refine.onnx is the loss +
  gradient graph (docs/models.md, "Refine graph"); it embeds MobileFace.
- **Evaluation** (`facecraft eval imitator`, {ev['characters']} held-out characters): l1 {ev['l1']}, psnr {ev['psnr']} dB,
  id_cos {ev['id_cos']}, id_cos_eval {ev['id_cos_eval']}, landmark_nme {ev['landmark_nme']} (FaceMesh on the engine
  renders themselves: {ev.get('landmark_nme_engine')}), landmark_head_nme {ev['landmark_head_nme']}.
  `facecraft bench refine` (onnxruntime-node, one thread, shared machine): imitator_ms {be['imitator_ms']}, step_ms
  {be['step_ms']}, steps50_ms {be['steps50_ms']}, download_bytes {be['download_bytes']}. The identity and landmark
  targets (0.9 / 0.05 / 0.01) are NOT met.
- **Looks**: skin tone, hair colour and head outline right; eyes, lips and brows blurry.
- **Licences**: the imitator weights are facecraft's own, trained only on facecraft engine renders. refine.onnx also
  contains MobileFace (see models/release/cards/face-embedder.md: upstream licence unresolved; confirm before a
  commercial release).
"""
    (FOLDER / 'cards' / 'imitator.md').write_text(card)


if __name__ == '__main__':
    main(*sys.argv[1:])
