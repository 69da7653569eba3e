"""Exports a trained imitator checkpoint to ONNX: imitator.onnx (x -> render, landmarks) and refine.onnx (loss
terms and d loss / d x against an aligned photo; RESEARCH.md section 3), batch 1 and one multi-start batch.

Usage (from models/):
  /usr/bin/python3 -m imitator.export --ckpt .work/imitator-v1/ckpt.pt [--out DIR] [--batch 4] [--fp32]
Writes DIR/{imitator.onnx, refine.onnx, refine-b4.onnx, export.json} (DIR defaults to the checkpoint's folder/export).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from common.release import merge_manifest, release_entry  # noqa: E402
from common.onnx_export import computed_when_zero, constants_to_initializers, dedupe_initializers, export_multi, finish, fp16_weights, uint8_codes, uint8_weights  # noqa: E402
from convert.face_models import quantisation_grids  # noqa: E402
from imitator.gradient import GradientGraph, trace_gradient  # noqa: E402
from imitator.losses import recogniser  # noqa: E402
from imitator.model import FoldedGenerator, Imitator, ImitatorConfig  # noqa: E402
from imitator.refine import PHOTO_DLIB_USED, RefineObjective, example_inputs, inputs, loss_and_gradient, outputs  # noqa: E402
from imitator.sex_probe import load as load_sex_probe  # noqa: E402


class ImitatorGraph(nn.Module):
    """imitator.onnx: (x (1, V), styles (1, D) one-hots) -> (image (1, S, S, 3) NHWC RGB 0..1, landmarks (1, 136))."""

    def __init__(self, imitator: Imitator):
        super().__init__()
        self.generator = FoldedGenerator(imitator.generator)
        self.landmarks = imitator.landmarks.eval()

    def forward(self, x, styles):
        inputs = torch.cat([x, styles], 1)
        return self.generator(inputs).permute(0, 2, 3, 1), self.landmarks(inputs)


class PhotoDlib(nn.Module):
    """photo (1, S, S, 3) NHWC 0..1 -> its dlib embedding (1, 128), as the objective's dlib term sees the photo."""

    def __init__(self, objective: RefineObjective):
        super().__init__()
        self.objective = objective

    def forward(self, photo):
        return self.objective.dlib_embedding(photo.permute(0, 3, 1, 2))


def load_imitator(ckpt_path: Path) -> tuple[Imitator, dict]:
    """The checkpoint's model (eval mode, frozen) and the checkpoint itself."""
    ckpt = torch.load(ckpt_path, map_location='cpu', weights_only=False)  # our own checkpoint
    model = Imitator(ImitatorConfig(**ckpt['model_args']))
    model.load_state_dict(ckpt['model'])
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model, ckpt


def round_to_fp16(module: nn.Module, grids: list[tuple[float, float]] = ()) -> None:
    """Rounds every float weight to the nearest float16 value in place, so that fp16 storage loses nothing more and
    the exported gradient is exactly that of the shipped weights; those on one of `grids` stay as they are
    (refine_onnx stores them as their uint8 codes, exactly)."""
    with torch.no_grad():
        for t in [*module.parameters(), *module.buffers()]:
            if t.is_floating_point() and not (grids and uint8_codes(t.numpy(), grids) is not None):
                t.copy_(t.half().float())


def imitator_onnx(model: Imitator, fp16: bool) -> bytes:
    c = model.config
    graph = ImitatorGraph(model)
    if fp16:
        round_to_fp16(graph)
    inputs = {'x': torch.rand(1, c.continuous), 'styles': torch.zeros(1, sum(c.style_sizes))}
    onnx_model = export_multi(graph, inputs, ['image', 'landmarks'])
    if fp16:
        fp16_weights(onnx_model)
    return finish(onnx_model)


RECOGNISERS = {'mobileface': 'face-embedder', 'dlib': 'face-embedder-dlib'}
EMBEDDED = {  # what each recogniser brings into the refine graph's licence
    'mobileface': 'MobileFace (see face-embedder card: upstream licence unresolved)',
    'dlib': "dlib's face recognition ResNet by Davis King (public domain; see face-embedder-dlib card)",
}


SEX_PROBE = Path(__file__).resolve().parent / 'sex-probe.json'  # imitator/sex_probe.py


def refine_objective(model: Imitator, embed_window: list[float], fp16: bool, recognisers: str = 'mobileface',
                     sex_probe: Path | None = None) -> RefineObjective:  # fmt: skip
    """The refine objective with the identity terms of `recognisers` ('mobileface', 'dlib' or 'mobileface+dlib'),
    and the sex term when a `sex_probe` file is given (needs dlib)."""
    names = recognisers.split('+')
    unknown = set(names) - set(RECOGNISERS)
    assert not unknown, f'unknown recogniser(s) {sorted(unknown)}; choose from {sorted(RECOGNISERS)}'
    embedder = recogniser(RECOGNISERS['mobileface']) if 'mobileface' in names else None
    probe = load_sex_probe(sex_probe) if sex_probe is not None else None
    dlib = recogniser(RECOGNISERS['dlib']) if 'dlib' in names else None
    objective = RefineObjective(model, embedder, embed_window, dlib, probe)
    if fp16:
        round_to_fp16(objective, dlib_grids(objective))
    return objective


def dlib_grids(objective: RefineObjective) -> list[tuple[float, float]]:
    """The uint8 grids of dlib's published weights when the objective has dlib's term (most of its tensors are
    published as uint8 codes; a few 64-channel ones as float32, which float16 storage rounds)."""
    return quantisation_grids(RECOGNISERS['dlib']) if 'dlib' in objective.term_names else []


def refine_onnx(objective: RefineObjective, batch: int, continuous: int, fp16: bool) -> bytes:
    """The loss-and-gradient graph for `batch` candidates at once."""
    example = example_inputs(objective, batch, continuous)
    graph = GradientGraph(*trace_gradient(loss_and_gradient(objective), example, objective))
    feeds = {name: t for (name, _, _), t in zip(inputs(objective), example)}
    onnx_model = export_multi(graph, feeds, outputs(objective), fold=False)
    if objective.dlib is not None:  # the photo's dlib embedding once per refine, not once per step
        compute = export_multi(PhotoDlib(objective), {'photo': feeds['photo']}, ['embedding'], fold=False)
        computed_when_zero(onnx_model, 'photo_dlib', compute, PHOTO_DLIB_USED)
    constants_to_initializers(onnx_model)
    dedupe_initializers(onnx_model)
    if fp16:
        uint8_weights(onnx_model, dlib_grids(objective))
        fp16_weights(onnx_model)
    return finish(onnx_model)


def fp16_quality(model: Imitator, count: int = 64) -> dict:
    """Max and mean |image difference| (0..1 scale) between fp32 and fp16-rounded weights on random inputs."""
    c = model.config
    g = torch.Generator().manual_seed(1)
    x = torch.rand(count, c.continuous, generator=g)
    styles = torch.cat([nn.functional.one_hot(torch.randint(0, n, (count,), generator=g), n).float() for n in c.style_sizes], 1)
    full = ImitatorGraph(model)
    half = ImitatorGraph(model)
    round_to_fp16(half)
    with torch.no_grad():
        d = (full(x, styles)[0] - half(x, styles)[0]).abs()
    return {'maxAbsDiff': float(d.max()), 'meanAbsDiff': float(d.mean())}


NORMALISATION = {
    'imitator': 'x: continuous rig parameters in [0,1] (the rig vector order: characterToVectorV2 for rig v2); styles: one-hot per discrete group, '
    'concatenated in rig order. image: the predicted front render, NHWC RGB 0..1, canonical aligned frame; '
    'landmarks: the engine iBUG-68 points in the unit frame (x right, y down).',
    'refine': 'Inputs as named (see docs/models.md "Refine graph"): photo = FaceAnalyzer.alignedCrop at the frame '
    'size, RGB 0..1 NHWC; part_weights per pixel of that crop; target_embedding (graphs with MobileFace\'s identity '
    'term) = FaceAnalyzer.embed (unit); target_landmarks = the photo 68 points in the unit aligned frame; target_sex '
    '(graphs with the sex term) = 2 * who.gender - 1; photo_dlib (graphs with dlib\'s term) = zeros on the first '
    'step, then the photo_dlib_used output; loss_weights = one weight per term output, in output order. '
    'Outputs: per-candidate loss and terms, d loss / d x and d loss / d style_logits, and (graphs with dlib\'s term) '
    'photo_dlib_used, the photo\'s dlib embedding the step used.',
}


def release(folder: Path, name: str, files: dict, report: dict, ckpt: dict) -> None:
    """Copies the exported files into `folder` and merges their entries into its manifest: refine.onnx in group
    `refine` (what the phone downloads to refine; the multi-start refine-bN.onnx stays in the export folder), imitator.onnx in `eval` (evaluation, benches and tests read it; the
    refine graph embeds its weights, so the phone never needs it)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for file, data in files.items():
        if file.startswith('refine-b'):  # the multi-start graph: no screen uses it, so phones must not download it
            continue
        (folder / file).write_bytes(data)
        model_id = file.removesuffix('.onnx')
        entries.append(release_entry(
            folder / file, model_id, 'refine' if model_id.startswith('refine') else 'eval', report['rigVersion'],
            normalisation=NORMALISATION['refine' if model_id.startswith('refine') else 'imitator'],
            licence='facecraft project weights, trained on facecraft engine renders' + ('; the refine graph embeds '
            + ' and '.join(EMBEDDED[r] for r in report['recognisers'].split('+')) if model_id.startswith('refine') else ''),
            source=f"models/imitator export of {Path(report['checkpoint']).name} (iter {report['iter']}, "
            f"{report['dataset']})",
            card='cards/imitator.md',
            check={'fp16': report['fp16Check']},
        ))  # fmt: skip
    merge_manifest(folder / 'manifest.json', entries, name, report['rigVersion'])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--ckpt', required=True, type=Path)
    parser.add_argument('--dataset', type=Path, help="dataset folder (default: the checkpoint's config)")
    parser.add_argument('--out', type=Path)
    parser.add_argument('--batch', type=int, default=4, help='candidates in the multi-start refine graph')
    parser.add_argument('--fp32', action='store_true', help='keep float32 weights (default: float16 storage)')
    parser.add_argument('--recognisers', default='mobileface', help="identity terms of the refine graphs: mobileface, dlib "
                        "or mobileface+dlib (RefineObjective)")
    parser.add_argument('--sex-probe', type=Path, help=f'add the sex term with this probe (needs dlib; e.g. {SEX_PROBE.name})')
    parser.add_argument('--release', type=Path, help='also copy the files into this release folder and merge them into '
                        'its manifest.json (refine graphs: group refine; imitator: group eval); the card goes to cards/<id>.md there (write it yourself)')
    parser.add_argument('--release-name', default='imitator-dev', help="the manifest's release name when it is new")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    model, ckpt = load_imitator(args.ckpt)
    dataset = args.dataset or Path(ckpt['config']['dataset'])  # from_release checkpoints have no config: name it
    index = json.loads((dataset / 'dataset.json').read_text())
    out = args.out or args.ckpt.parent / 'export'
    out.mkdir(parents=True, exist_ok=True)
    fp16 = not args.fp32
    c = model.config
    started = time.time()
    files = {'imitator.onnx': imitator_onnx(model, fp16)}
    objective = refine_objective(model, index['frame']['embedWindow'], fp16, args.recognisers, args.sex_probe)
    files['refine.onnx'] = refine_onnx(objective, 1, c.continuous, fp16)
    if args.batch > 1:
        files[f'refine-b{args.batch}.onnx'] = refine_onnx(objective, args.batch, c.continuous, fp16)
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(f'{out / name}: {len(data)} bytes', flush=True)
    report = {
        'checkpoint': str(args.ckpt),
        'dataset': str(dataset),
        'iter': ckpt['iter'],
        'rigVersion': index['rigVersion'],
        'size': c.size,
        'continuous': c.continuous,
        'styleSizes': list(c.style_sizes),
        'embedWindow': index['frame']['embedWindow'],
        'weights': 'float16 storage, float32 compute' if fp16 else 'float32',
        'fp16Check': fp16_quality(model) if fp16 else None,
        'multiStartBatch': args.batch,
        'recognisers': args.recognisers,
        'sexProbe': str(args.sex_probe) if args.sex_probe else None,
        'bytes': {name: len(data) for name, data in files.items()},
        'seconds': round(time.time() - started, 1),
    }
    (out / 'export.json').write_text(json.dumps(report, indent=1) + '\n')
    if args.release:
        release(args.release, args.release_name, files, report, ckpt)
    print(json.dumps(report['fp16Check']), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
