"""Trains the imitator (G: x -> front render, and the landmark head: x -> 68 points) on a models/dataset dataset.
Reads top to bottom, nanoGPT style: defaults, overrides, data, model, loop. CPU (one thread) or CUDA when present.

Usage (from models/):
  nice -n 10 /usr/bin/python3 -m imitator.train imitator/configs/v1-proof.py [--key=value ...]
Rerun the same command to resume from out_dir/ckpt.pt; --init_from=PATH starts a new run from another run's
weights. Writes out_dir/{ckpt.pt, log.jsonl, curves.png, samples.png}.
"""
import json
import math
import os
import sys
import time
from pathlib import Path

os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
import numpy as np  # noqa: E402
import torch  # noqa: E402

from common.configure import configure  # noqa: E402
from common.plot import plot_panels  # noqa: E402
from common.png import write_png  # noqa: E402
from imitator.data import load_dataset  # noqa: E402
from imitator.losses import DLIB_SIZE, DLIB_TAPS, DLIB_WINDOW, Taps, WindowCrop, feature_loss, identity_loss, landmark_loss, part_weight_map, recogniser  # noqa: E402
from imitator.model import Imitator, ImitatorConfig, one_hot_styles, widen_from  # noqa: E402

# ----------------------------------------------------------------------------- defaults (override by file / flag)
dataset = '.work/dataset'
out_dir = '.work/imitator'
limit = 0  # use at most this many samples (0 = all)
val_count = 256  # held out: the LAST val_count samples of the dataset
seed = 1
bn_eval = False  # BatchNorm in eval mode while training (its statistics frozen): for an init_from rebuilt from a
# release by imitator.from_release, whose BatchNorms are folded identities with no training statistics
init_from = ''  # a checkpoint whose weights start a NEW run (fresh optimiser and schedule): warm start after a
# look change, when the engine's mapping moved a little and most of what the old model learned still holds
# model
base = 256
min_channels = 16
landmark_hidden = 512
# loss weights: pixel L1 + part-weighted L1 + identity (1 - cos, MobileFace) + landmark head (MSE, see losses.py)
l1_weight = 1.0
part_weight = 1.0
part_weights = [0.0, 1.0, 4.0, 4.0, 2.0, 4.0]  # background, skin, brows, eyes, nose, lips
id_weight = 0.1
id_batch = 8  # identity term on the first id_batch images of each batch (the recogniser's backward is costly)
# dlib's identity (1 - cos of dlib on G(x) vs on the engine's render, both through dlib's own chip): refine.onnx
# descends dlib's view of G(x), so G should look to dlib as the engine does (0 = off; the same id_batch images)
dlib_weight = 0.0
# dlib's inner layers (losses.feature_loss at DLIB_TAPS) on G(x) vs on the engine's render: sharper eyes, brows and
# lips, which the independent recogniser (FaceRes, eval imitator's id_cos_eval) reads and pixel L1 blurs (0 = off)
dlib_feature_weight = 0.0
landmark_weight = 1.0
# optimisation
batch_size = 32
learning_rate = 2e-3
min_lr = 2e-4
max_iters = 100000
max_minutes = 0.0  # stop (and save) after this wall time; 0 = no limit
warmup_iters = 50
eval_interval = 200
eval_batches = 4
grid_count = 8
device = 'cuda' if torch.cuda.is_available() else 'cpu'

config = configure(globals(), sys.argv[1:])  # a config file, then --key=value flags

torch.manual_seed(seed)
torch.set_num_threads(1)
if device == 'cuda':  # TF32 matmuls and convolutions, and cuDNN's fastest algorithms for these fixed shapes
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
    torch.backends.cudnn.benchmark = True
out = Path(out_dir)
out.mkdir(parents=True, exist_ok=True)

# ----------------------------------------------------------------------------- data
data = load_dataset(Path(dataset), limit or None)
n = data.count
assert n > val_count > 0, f'{n} samples: too few for a held-out split of {val_count}'
train_idx, val_idx = np.arange(0, n - val_count), np.arange(n - val_count, n)
index = data.index
size = index['size']
arrays = data.arrays
use_id = id_weight > 0 and 'embedding_frame' in arrays
use_parts = part_weight > 0 and 'parts' in arrays


def batch(ids):
    """Tensors for sample ids: inputs (B, D), image (B, 3, S, S) 0..1, landmarks (B, 136), weights, embeddings."""
    x = torch.from_numpy(arrays['x'][ids])
    styles = one_hot_styles(torch.from_numpy(arrays['styles'][ids]), data.style_sizes)
    b = {
        'x': torch.cat([x, styles], 1),
        'image': torch.from_numpy(arrays['image'][ids]).permute(0, 3, 1, 2).float() / 255,
        'landmarks': torch.from_numpy(arrays['landmarks'][ids]).reshape(len(ids), 136),
    }
    if use_parts:
        b['weights'] = part_weight_map(torch.from_numpy(arrays['parts'][ids]), part_weights)
    if use_id:
        b['embedding'] = torch.from_numpy(arrays['embedding_frame'][ids])
    return {k: v.to(device) for k, v in b.items()}


# ----------------------------------------------------------------------------- model
model_args = dict(
    continuous=arrays['x'].shape[1],
    style_sizes=data.style_sizes,
    size=size,
    base=base,
    min_channels=min_channels,
    landmark_hidden=landmark_hidden,
    landmark_template=[float(v) for v in index['frame']['template']],
)
model = Imitator(ImitatorConfig(**model_args)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
crop = WindowCrop(index['frame']['embedWindow'], size).to(device) if use_id else None
embedder = recogniser().to(device) if use_id else None
dlib = recogniser('face-embedder-dlib').to(device) if dlib_weight > 0 or dlib_feature_weight > 0 else None
dlib_crop = WindowCrop(DLIB_WINDOW, size, DLIB_SIZE).to(device) if dlib is not None else None
dlib_taps = Taps([dlib.blocks[i] for i in DLIB_TAPS]) if dlib is not None and dlib_feature_weight > 0 else None
it, best_val, log, elapsed = 0, math.inf, [], 0.0
ckpt_path = out / 'ckpt.pt'
if ckpt_path.exists():  # resume
    ckpt = torch.load(ckpt_path, map_location=device, weights_only=False)  # our own file: config dicts too
    assert ckpt['model_args'] == model_args, 'checkpoint made for another model/dataset; use a new out_dir'
    model.load_state_dict(ckpt['model'])
    optimizer.load_state_dict(ckpt['optimizer'])
    it, best_val, elapsed = ckpt['iter'], ckpt['best_val_loss'], ckpt.get('elapsed', 0.0)
    log = [json.loads(line) for line in (out / 'log.jsonl').read_text().splitlines()] if (out / 'log.jsonl').exists() else []
    print(f'resumed at iter {it} (best val {best_val:.4f})', flush=True)
elif init_from:
    ckpt = torch.load(init_from, map_location=device, weights_only=False)
    # the settings a warm start may change: a wider generator; landmark_template only initialises the head's bias
    # (checkpoints rebuilt from a release by imitator.from_release do not record it)
    free = ('base', 'min_channels', 'landmark_template')
    def fixed(args):
        return {k: list(v) if isinstance(v, tuple) else v for k, v in args.items() if k not in free}
    assert fixed(ckpt['model_args']) == fixed(model_args), f'{init_from} was made for another model/rig; train from scratch'
    widths = ('base', 'min_channels')
    if all(ckpt['model_args'][k] == model_args[k] for k in widths):
        model.load_state_dict(ckpt['model'])
    else:  # same function, more channels: Net2WiderNet (model.widen_from)
        old = Imitator(ImitatorConfig(**ckpt['model_args'])).to(device)
        old.load_state_dict(ckpt['model'])
        widen_from(model.generator, old.generator, seed=seed)
        model.landmarks.load_state_dict(old.landmarks.state_dict())
    print(f'initialised from {init_from} (its iter {ckpt["iter"]})', flush=True)
print(f'{n - val_count} train / {val_count} val samples, rig v{index["rigVersion"]}, {size}px, device {device}, '
      f'G {sum(p.numel() for p in model.generator.parameters()) / 1e6:.2f}M params, '
      f'head {sum(p.numel() for p in model.landmarks.parameters()) / 1e6:.2f}M', flush=True)  # fmt: skip


def train_mode():
    """model.train(), with every BatchNorm left in eval mode (statistics frozen) when bn_eval."""
    model.train()
    if bn_eval:
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.eval()


def losses(b, with_id=True):
    """Every term (means over the batch) and the weighted total."""
    image, points = model(b['x'])
    terms = {'l1': (image - b['image']).abs().mean(), 'landmark': landmark_loss(points, b['landmarks']).mean()}
    if use_parts:
        w = b['weights']
        terms['part'] = ((image - b['image']).abs() * w).sum() / (w.sum() * 3 + 1e-6)
    if use_id and with_id:
        k = min(id_batch, len(image))
        terms['id'] = identity_loss(embedder(crop(image[:k]))[0], b['embedding'][:k]).mean()
    if dlib is not None and with_id:
        k = min(id_batch, len(image))
        with torch.no_grad():  # the engine render's embedding: a target, computed here (the dataset stores MobileFace's)
            target = dlib(dlib_crop(b['image'][:k]))[0]
        target_features = dlib_taps.take() if dlib_taps else None
        embedding = dlib(dlib_crop(image[:k]))[0]
        if dlib_weight > 0:
            terms['dlib'] = identity_loss(embedding, target).mean()
        if dlib_taps:
            terms['dlib_feat'] = feature_loss(dlib_taps.take(), target_features).mean()
    weights = {'l1': l1_weight, 'part': part_weight, 'id': id_weight, 'dlib': dlib_weight,
               'dlib_feat': dlib_feature_weight, 'landmark': landmark_weight}  # fmt: skip
    terms['total'] = sum(weights[k] * v for k, v in terms.items())
    return terms, image


def lr_at(i, seconds):
    """Linear warm-up, then cosine decay to min_lr over whichever budget runs out first: max_iters steps or
    max_minutes of wall time (a shared CPU's speed is unknown in advance; the schedule still ends at min_lr)."""
    if i < warmup_iters:
        return learning_rate * (i + 1) / warmup_iters
    done = i / max_iters
    if max_minutes:
        done = max(done, seconds / (max_minutes * 60))
    return min_lr + 0.5 * (learning_rate - min_lr) * (1 + math.cos(math.pi * min(1.0, done)))


@torch.no_grad()
def evaluate():
    model.eval()
    rng = np.random.default_rng(0)
    sums: dict[str, float] = {}
    for _ in range(eval_batches):
        terms, _ = losses(batch(rng.choice(val_idx, min(batch_size, len(val_idx)), replace=False)))
        for k, v in terms.items():
            sums[k] = sums.get(k, 0.0) + float(v) / eval_batches
    train_mode()
    return sums


@torch.no_grad()
def save_figures():
    """curves.png (train and val terms over iterations) and samples.png (engine render above G(x), held out)."""
    model.eval()
    evals = [e for e in log if 'val' in e]
    steps = [e for e in log if 'train' in e]
    panels = []
    for term in ('total', 'l1', 'part', 'id', 'dlib', 'dlib_feat', 'landmark'):
        series = {
            'train': ([e['iter'] for e in steps if term in e['train']], [e['train'][term] for e in steps if term in e['train']]),
            'val': ([e['iter'] for e in evals if term in e['val']], [e['val'][term] for e in evals if term in e['val']]),
        }  # fmt: skip
        if series['val'][0]:
            panels.append({'title': f'{term} loss', 'series': series})
    if panels:
        plot_panels(out / 'curves.png', panels, width=300, height=220)
    ids = val_idx[np.linspace(0, len(val_idx) - 1, grid_count).astype(int)]
    b = batch(ids)
    image, _ = model(b['x'])
    top = (b['image'].permute(0, 2, 3, 1).cpu().numpy() * 255).round().astype(np.uint8)
    bottom = (image.permute(0, 2, 3, 1).cpu().numpy() * 255).round().astype(np.uint8)
    write_png(out / 'samples.png', np.concatenate([np.concatenate(list(top), 1), np.concatenate(list(bottom), 1)], 0))
    train_mode()


def save():
    ckpt = {'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'model_args': model_args,
            'config': config, 'iter': it, 'best_val_loss': best_val, 'elapsed': elapsed}  # fmt: skip
    torch.save(ckpt, out / 'ckpt.tmp')
    os.replace(out / 'ckpt.tmp', ckpt_path)
    (out / 'log.jsonl').write_text(''.join(json.dumps(e) + '\n' for e in log))


# ----------------------------------------------------------------------------- training loop
rng = np.random.default_rng(seed + it)  # a resumed run draws new batches, not a replay of the first ones
start, last = time.time() - elapsed, time.time()
train_mode()
if it == 0:  # the untrained model's held-out loss: the first point of every val curve
    log.append({'iter': 0, 'val': evaluate(), 'minutes': 0.0})
    print('eval 0: ' + ' '.join(f'{k} {v:.4f}' for k, v in log[-1]['val'].items()), flush=True)
while it < max_iters:
    for group in optimizer.param_groups:
        group['lr'] = lr_at(it, time.time() - start)
    terms, _ = losses(batch(rng.choice(train_idx, batch_size, replace=False)))
    optimizer.zero_grad(set_to_none=True)
    terms['total'].backward()
    optimizer.step()
    it += 1
    elapsed = time.time() - start
    if it % 10 == 0:
        rate = 10 * batch_size / (time.time() - last)
        last = time.time()
        log.append({'iter': it, 'train': {k: float(v) for k, v in terms.items()}, 'minutes': elapsed / 60})
        print(f'iter {it}: ' + ' '.join(f'{k} {float(v):.4f}' for k, v in terms.items())
              + f', {rate:.1f} img/s, {elapsed / 60:.1f} min', flush=True)  # fmt: skip
    out_of_time = max_minutes and elapsed > max_minutes * 60
    if it % eval_interval == 0 or it == max_iters or out_of_time:
        val = evaluate()
        log.append({'iter': it, 'val': val, 'minutes': elapsed / 60})
        best_val = min(best_val, val['total'])
        print(f'eval {it}: ' + ' '.join(f'{k} {v:.4f}' for k, v in val.items()), flush=True)
        save()
        save_figures()
    if out_of_time:
        print(f'time budget of {max_minutes} min reached at iter {it}', flush=True)
        break
print(f'done: iter {it}, {elapsed / 60:.1f} min, best val total {best_val:.4f}; {out}', flush=True)
