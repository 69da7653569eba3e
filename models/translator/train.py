"""Trains the translator T (photo features -> rig parameters x) on engine renders with the loopback loss
T(features(render(x))) ~ x: MSE on the continuous parameters, cross-entropy on each style group, features augmented
toward photo statistics (augment.py), and the facial prior (model.py: SVD whitening of logit(x)).
Reads top to bottom, nanoGPT style: defaults, overrides, data, model, loop. CPU (one thread) or CUDA when present.

Next: the identity / content / landmark losses through the frozen imitator (models/imitator) plug into `losses()`
as extra terms once the v2 imitator is released: render G(T(f)) and compare with the sample's render and features.

Usage (from models/):
  nice -n 10 /usr/bin/python3 -m translator.train translator/configs/v2.py [--key=value ...]
Rerun the same command to resume from out_dir/ckpt.pt. Writes out_dir/{ckpt.pt, log.jsonl, curves.png}.
"""
import json
import math
import os
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from common.configure import configure  # noqa: E402
from common.plot import plot_panels  # noqa: E402
from translator.augment import EMBEDDING, LANDMARKS, AugmentConfig, augment, coral_map  # noqa: E402
from translator.data import load_data  # noqa: E402
from translator.model import Translator, TranslatorConfig  # noqa: E402

# ----------------------------------------------------------------------------- defaults (override by file / flag)
features = '.work/dev-rig2-features'  # written by translator/features.ts (it names its dataset)
photo_features = ''  # translator/photo-features.ts output (train-split photos): augmentation moves toward them
out_dir = '.work/translator'
limit = 0  # use at most this many samples (0 = all)
val_count = 512  # held out: the LAST val_count samples
seed = 1
# model
width = 256
hidden = 384
blocks = 3
dropout = 0.1
prior = True
# loss weights: continuous MSE + style cross-entropy + the prior's pull of z toward the mean face
continuous_weight = 1.0
style_weight = 0.05
prior_weight = 1e-4
# augmentation (see augment.py); augment = False trains on the clean render features
augment_features = True
embedding_noise = 0.5
embedding_dropout = 0.1
landmark_jitter = 0.01
color_gain = 0.15
color_shift = 0.04
color_noise = 0.02
part_drop = 0.05
domain_shift = 1.0
coral = 0.0  # > 0: chance of a CORAL re-colouring of the embedding toward the photos (replaces domain_shift)
# optimisation
batch_size = 128
learning_rate = 1e-3
min_lr = 5e-5
weight_decay = 1e-4
max_iters = 6000
max_minutes = 0.0  # stop (and save) after this wall time; 0 = no limit
warmup_iters = 100
eval_interval = 250
device = 'cuda' if torch.cuda.is_available() else 'cpu'

config = configure(globals(), sys.argv[1:])  # a config file, then --key=value flags

torch.manual_seed(seed)
torch.set_num_threads(1)
out = Path(out_dir)
out.mkdir(parents=True, exist_ok=True)

# ----------------------------------------------------------------------------- data
data = load_data(Path(features), limit or None)
n = len(data.x)
assert n > val_count > 0, f'{n} samples: too few for a held-out split of {val_count}'
train_idx, val_idx = np.arange(0, n - val_count), np.arange(n - val_count, n)
all_f, all_x = torch.from_numpy(data.features), torch.from_numpy(data.x)
all_s = torch.from_numpy(data.styles)
aug = AugmentConfig(embedding_noise, embedding_dropout, landmark_jitter, color_gain, color_shift, color_noise, part_drop,
                    domain_shift, coral)  # fmt: skip
aug_gen = torch.Generator().manual_seed(seed)
shift = coral_args = None
if photo_features:  # the photos' mean minus the renders' (embedding + landmarks), from features.ts outputs only
    photos = torch.from_numpy(np.load(Path(photo_features) / 'photo-features.npy'))
    assert photos.shape[1] == all_f.shape[1], 'photo features of another layout; rerun translator/photo-features.ts'
    shift = torch.zeros(all_f.shape[1])
    shift[:LANDMARKS.stop] = photos.mean(0)[:LANDMARKS.stop] - all_f[train_idx].mean(0)[:LANDMARKS.stop]
    coral_args = coral_map(all_f[train_idx][:, EMBEDDING], photos[:, EMBEDDING]) if coral > 0 else None
    print(f'{len(photos)} photos: domain shift |embedding| {shift[EMBEDDING].norm():.3f}, |landmarks| '
          f'{shift[LANDMARKS].norm():.3f}', flush=True)  # fmt: skip


def batch(ids, train=True):
    f = all_f[ids]
    if train and augment_features:
        f = augment(f, aug, aug_gen, shift, coral_args)
    return f.to(device), all_x[ids].to(device), all_s[ids].to(device)


# ----------------------------------------------------------------------------- model
model_args = dict(
    features=data.features.shape[1],
    continuous=data.x.shape[1],
    style_sizes=data.style_sizes,
    width=width,
    hidden=hidden,
    blocks=blocks,
    dropout=dropout,
    prior=prior,
    style_names=data.style_names,
)
model = Translator(TranslatorConfig(**model_args))
model.set_statistics(all_f[train_idx], all_x[train_idx])
model.to(device)
optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=weight_decay)
it, best_val, log, elapsed = 0, math.inf, [], 0.0
ckpt_path = out / 'ckpt.pt'
if ckpt_path.exists():  # resume
    ckpt = torch.load(ckpt_path, map_location=device)
    assert ckpt['model_args'] == model_args, 'checkpoint made for another model/dataset; use a new out_dir'
    model.load_state_dict(ckpt['model'])
    optimizer.load_state_dict(ckpt['optimizer'])
    it, best_val, elapsed = ckpt['iter'], ckpt['best_val_loss'], ckpt.get('elapsed', 0.0)
    log = [json.loads(line) for line in (out / 'log.jsonl').read_text().splitlines()] if (out / 'log.jsonl').exists() else []
    print(f'resumed at iter {it} (best val {best_val:.4f})', flush=True)
print(f'{len(train_idx)} train / {len(val_idx)} val samples ({data.dropped} without a face dropped), '
      f'rig v{data.rig_version}, {model_args["features"]} features -> {model_args["continuous"]} + '
      f'{sum(data.style_sizes)} outputs, {sum(p.numel() for p in model.parameters()) / 1e6:.3f}M params, '
      f'device {device}', flush=True)  # fmt: skip


def losses(f, x, styles):
    """Every term (means over the batch) and the weighted total; also the discrete accuracy (not trained on)."""
    pred, style_logits, z = model(f)
    groups = style_logits.split(list(data.style_sizes), -1)
    terms = {
        'continuous': F.mse_loss(pred, x),
        'style': sum(F.cross_entropy(g, styles[:, k]) for k, g in enumerate(groups)) / len(groups),
        'prior': z.pow(2).mean(),
    }
    weights = {'continuous': continuous_weight, 'style': style_weight, 'prior': prior_weight}
    terms['total'] = sum(weights[k] * v for k, v in terms.items())
    with torch.no_grad():
        terms['mae'] = (pred - x).abs().mean()
        terms['discrete_acc'] = torch.stack([(g.argmax(-1) == styles[:, k]).float().mean() for k, g in enumerate(groups)]).mean()
    return terms


def lr_at(i):
    """Linear warm-up, then cosine decay to min_lr over max_iters."""
    if i < warmup_iters:
        return learning_rate * (i + 1) / warmup_iters
    return min_lr + 0.5 * (learning_rate - min_lr) * (1 + math.cos(math.pi * min(1.0, i / max_iters)))


@torch.no_grad()
def evaluate():
    """Held-out terms on clean features and on augmented ones (what a photo-like input costs)."""
    model.eval()
    result = {}
    for name, train in (('', False), ('aug_', True)):
        terms = losses(*batch(val_idx, train=train))
        result.update({name + k: float(v) for k, v in terms.items()})
    model.train()
    return result


def save_figures():
    evals = [e for e in log if 'val' in e]
    steps = [e for e in log if 'train' in e]
    panels = []
    for term in ('total', 'continuous', 'style', 'mae'):
        series = {
            'train (aug)': ([e['iter'] for e in steps], [e['train'][term] for e in steps]),
            'val': ([e['iter'] for e in evals], [e['val'][term] for e in evals]),
            'val (aug)': ([e['iter'] for e in evals], [e['val']['aug_' + term] for e in evals]),
        }
        panels.append({'title': f'{term}', 'series': series})
    plot_panels(out / 'curves.png', panels, width=300, height=220)


def save():
    ckpt = {'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'model_args': model_args,
            'config': config, 'iter': it, 'best_val_loss': best_val, 'elapsed': elapsed,
            'augment': asdict(aug), 'features_meta': data.meta}  # fmt: skip
    torch.save(ckpt, out / 'ckpt.tmp')
    os.replace(out / 'ckpt.tmp', ckpt_path)
    (out / 'log.jsonl').write_text(''.join(json.dumps(e) + '\n' for e in log))


# ----------------------------------------------------------------------------- training loop
rng = np.random.default_rng(seed + it)  # a resumed run draws new batches, not a replay of the first ones
start, last = time.time() - elapsed, time.time()
model.train()
if it == 0:  # the untrained model's held-out loss: the first point of every val curve
    log.append({'iter': 0, 'val': evaluate(), 'minutes': 0.0})
    print('eval 0: ' + ' '.join(f'{k} {v:.4f}' for k, v in log[-1]['val'].items()), flush=True)
while it < max_iters:
    for group in optimizer.param_groups:
        group['lr'] = lr_at(it)
    terms = losses(*batch(rng.choice(train_idx, min(batch_size, len(train_idx)), replace=False)))
    optimizer.zero_grad(set_to_none=True)
    terms['total'].backward()
    optimizer.step()
    it += 1
    elapsed = time.time() - start
    if it % 50 == 0:
        rate = 50 * batch_size / (time.time() - last)
        last = time.time()
        log.append({'iter': it, 'train': {k: float(v) for k, v in terms.items()}, 'minutes': elapsed / 60})
        print(f'iter {it}: ' + ' '.join(f'{k} {float(v):.4f}' for k, v in terms.items())
              + f', {rate:.0f} samples/s, {elapsed / 60:.1f} min', flush=True)  # fmt: skip
    out_of_time = max_minutes and elapsed > max_minutes * 60
    if it % eval_interval == 0 or it == max_iters or out_of_time:
        val = evaluate()
        log.append({'iter': it, 'val': val, 'minutes': elapsed / 60})
        improved = val['aug_total'] < best_val  # selected on photo-like (augmented) held-out features
        best_val = min(best_val, val['aug_total'])
        print(f'eval {it}: ' + ' '.join(f'{k} {v:.4f}' for k, v in val.items()), flush=True)
        save()
        if improved:
            shutil.copyfile(ckpt_path, out / 'best.pt')
        save_figures()
    if out_of_time:
        print(f'time budget of {max_minutes} min reached at iter {it}', flush=True)
        break
