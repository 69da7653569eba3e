"""Trains the translator T (photo features -> rig parameters x) on engine renders with the loopback loss
T(features(render(x))) ~ x: MSE on the continuous parameters, cross-entropy on each style group, features augmented
toward photo statistics (augment.py), and the facial prior (model.py: SVD whitening of logit(x)).
Reads top to bottom, nanoGPT style: defaults, overrides, data, model, loop. CPU (one thread) or CUDA when present.

With `photo_labels` (translator/photo_labels.py: pseudo-labels made from the train photos' own features, no photo
label read), a batch of real train photos joins every step (photo_losses): the gender slider toward the photo's
pseudo-gender, the style heads into the option sets that read as that gender (hair length, lashes, no beard on a
woman, no lipstick on a man), and hair colour following the predicted brow colour with no grey (hair is not in the
features; renders taught the translator the dataset's mean, a grey-brown). Each term is weighted by the label's
confidence. The loopback loss on renders keeps every parameter in the engine's space.

Next: the identity / content / landmark losses through the frozen imitator (models/imitator) plug into `losses()`
as extra terms: render G(T(f)) and compare with the sample's render and features.

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
split_seed = 1  # the photo hold-out's shuffle: kept when `seed` changes, so every seed holds out the same photos
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
# real train photos with pseudo-labels (translator/photo_labels.py; rows of photo_features/photo-features.npy)
photo_labels = ''  # e.g. .work/photo-features/labels.npz; '' = renders only
photo_weight = 1.0  # the photo terms' share of the total
photo_batch = 64
photo_val = 0.1  # share of the photos held out (the last ones after a seeded shuffle)
gender_target = 0.1  # who.gender toward this for a pseudo-female photo, 1 - this for a pseudo-male one
gender_hinge = False  # True: only past gender_target is penalised (a woman's slider <= it, a man's >= 1 - it)
hair_weight = 0.3  # hair colour follows the predicted brow colour, no grey (relative to the gender term)
photo_terms = 'gender,styles,hair'  # which photo terms train (ablations drop some)
# > 0: this share of the photos in a training batch come as one of their degraded copies (photo-features-aug.npy,
# translator/photo-augment.ts: fewer pixels, exposure, white balance, JPEG) against the clean photo's labels and
# targets, so a poor photo asks for the same character as a good one. Held-out photos stay clean.
photo_aug = 0.0
# the paper's losses on the same photos through the frozen imitator (imitator/refine.py RefineObjective: MobileFace
# identity, part-weighted content, landmark head), targets by translator/photo-targets.ts
imitator_ckpt = ''  # e.g. ../../main/models/.work/imitator-rig2/ckpt.pt; '' = none
imitator_weight = 1.0
imitator_batch = 16
imitator_loss_weights = [1.0, 1.0, 1.0]  # identity, content, landmark (refine's defaults)
# > 0: also dlib's identity (1 - cos) of the imitator's render vs the photo's 128-px aligned crop, both through dlib's
# own chip of the frame (imitator/losses.py DLIB_WINDOW), times this, in the imitator terms. Why: MobileFace is blind
# to the engine's ethnic macros, dlib sees them on imitator renders too (docs/likeness.md, session 13). dlib then
# judges no eval (cli/src/eval/likeness.ts INDEPENDENT).
dlib_weight = 0.0
# > 0: also refine's sex term (imitator/refine.py: log(1 + exp(-t z)), z the sex probe's read of dlib's embedding of
# the render, imitator/sex_probe.py) with t = (1 - 2 * female) * confidence of the photo's pseudo-label, times this,
# in the imitator terms; needs dlib_weight > 0. Why: the photo terms train the gender slider only, not how the face
# reads, and women's characters whose renders read near the boundary flipped to a male read after refine
# (docs/likeness.md, session 17).
sex_weight = 0.0
sex_probe = 'imitator/sex-probe.json'
# False: the imitator terms do not move the style head (its styles go in detached). Through the look2 imitator they
# made bald the most probable hair style for 5 of 16 train photos of people with hair
imitator_styles = True
init_from = ''  # start from this checkpoint's weights (a fine-tune; optimizer and iteration start fresh)
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
data = load_data(features, limit or None)
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

photo_f = photo_y = None
if photo_labels:
    assert photo_features, 'photo_labels needs photo_features (the rows they label)'
    labels = np.load(photo_labels)
    photo_f = torch.from_numpy(np.load(Path(photo_features) / 'photo-features.npy'))
    assert len(labels['female']) == len(photo_f), 'labels made for other photo features; rerun photo_labels'
    photo_y = torch.from_numpy(np.stack([labels['female'], labels['confidence']], 1).astype(np.float32))
    order = np.random.default_rng(split_seed).permutation(len(photo_f))
    n_val = max(1, int(len(order) * photo_val))
    photo_train_idx, photo_val_idx = order[:-n_val], order[-n_val:]
    print(f'photo terms: {len(photo_train_idx)} train / {len(photo_val_idx)} held-out photos, pseudo-female share '
          f'{photo_y[:, 0].mean():.3f}', flush=True)  # fmt: skip
photo_copies = None
if photo_aug > 0:
    assert photo_f is not None, 'photo_aug needs photo_features and photo_labels (the photos it degrades)'
    photo_copies = torch.from_numpy(np.load(Path(photo_features) / 'photo-features-aug.npy'))
    assert photo_copies.shape[0] == len(photo_f) and photo_copies.shape[2] == photo_f.shape[1], \
        'photo-features-aug.npy made for other photo features; rerun translator/photo-features.ts --augment K'
    print(f'photo copies: {photo_copies.shape[1]} per photo, share {photo_aug}', flush=True)


def photo_inputs(ids, train):
    """The translator's inputs for photos `ids`: in training a photo_aug share of them as a random degraded copy,
    then the feature noise of augment.py (the photos are real: no shift toward them)."""
    f = photo_f[ids]
    if train and photo_copies is not None:
        pick = torch.rand(len(ids), generator=aug_gen) < photo_aug
        copy = torch.randint(photo_copies.shape[1], (len(ids),), generator=aug_gen)
        f = torch.where(pick[:, None], photo_copies[torch.as_tensor(ids), copy], f)
    if train and augment_features:
        f = augment(f, aug, aug_gen)
    return f


def batch(ids, train=True):
    f = all_f[ids]
    if train and augment_features:
        f = augment(f, aug, aug_gen, shift, coral_args)
    return f.to(device), all_x[ids].to(device), all_s[ids].to(device)


objective = None
if imitator_ckpt:
    from imitator.export import load_imitator  # noqa: E402
    from imitator.losses import recogniser  # noqa: E402
    from imitator.refine import RefineObjective  # noqa: E402
    from imitator.sex_probe import load as load_sex_probe  # noqa: E402

    assert photo_f is not None, 'imitator_ckpt needs photo_features and photo_labels (the photo rows and split)'
    imitator, _ = load_imitator(Path(imitator_ckpt))
    assert imitator.config.continuous == data.x.shape[1] and tuple(imitator.config.style_sizes) == data.style_sizes, \
        'the imitator was made for another rig'
    window = json.loads((Path(data.meta['dataset']) / 'dataset.json').read_text())['frame']['embedWindow']
    dlib = recogniser('face-embedder-dlib') if dlib_weight > 0 else None
    probe = None
    if sex_weight > 0:
        assert dlib is not None, "sex_weight reads dlib's embedding of the render: set dlib_weight > 0 too"
        probe = load_sex_probe(sex_probe)
    objective = RefineObjective(imitator, recogniser(), window, dlib, probe).to(device)
    targets_dir = Path(photo_features) / 'photo-targets'
    targets = {k: torch.from_numpy(np.load(targets_dir / f'{k}.npy')) for k in ('photo', 'parts', 'embedding', 'landmarks')}
    assert len(targets['photo']) == len(photo_f), 'photo targets of other photos; rerun translator/photo-targets.ts'
    weights = imitator_loss_weights + [w for w in (dlib_weight, sex_weight) if w > 0]  # objective.term_names order
    imitator_weights = torch.tensor(weights, dtype=torch.float32, device=device)
    print(f'imitator terms: {imitator_ckpt}, size {imitator.config.size}', flush=True)
    if dlib_weight > 0:
        with torch.no_grad():  # the photos' targets once: dlib on their aligned crops, as the renders will be seen
            crops = targets['photo'].float().permute(0, 3, 1, 2) / 255
            targets['dlib'] = torch.cat([objective.dlib_embedding(crops[i:i + 64].to(device)).cpu() for i in range(0, len(crops), 64)])
        print(f'dlib identity term, weight {dlib_weight}', flush=True)
    if sex_weight > 0:
        print(f'sex term ({sex_probe}), weight {sex_weight}', flush=True)

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
if init_from:
    start_ckpt = torch.load(init_from, map_location='cpu')
    assert start_ckpt['model_args'] == model_args, 'init_from: a checkpoint of another model/dataset'
    model.load_state_dict(start_ckpt['model'])
    print(f'initialised from {init_from} (iter {start_ckpt["iter"]})', flush=True)
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


# Option sets per pseudo-gender (rig v2 ids; a group or option the rig lacks is skipped): (group, options, who)
STYLE_SETS = [
    # Loose long hair only: set by hand on the gender-only model's characters for the 40 `canada` train photos,
    # `long` read female 0.925 (bob 0.70, long bob / braid / ponytail 0.65) and kept landmark_nme (0.025; bob's
    # fringe 0.039) and identity (id_margin 0.063; bob 0.039) best.
    ('hair.style', ['long'], 'female'),
    # no hair set for men: with one (the short styles and afro) the head gave white men afros (17 of the 40
    # `canada` photos); men's renders read male without it
    ('eyes.lashes', ['full', 'long'], 'female'),
    ('eyes.lashes', ['natural', 'short'], 'male'),
    ('hair.facial', ['none'], 'female'),
    ('makeup.lipstick', ['none'], 'male'),
]
style_sets = []  # (group index, option mask, 1 = female / 0 = male)
for group, options, who in STYLE_SETS:
    if group in data.style_names:
        k = data.style_names.index(group)
        mask = torch.tensor([o in options for o in data.style_options[k]])
        if mask.any():
            style_sets.append((k, mask.to(device), float(who == 'female')))
x_index = {name: i for i, name in enumerate(data.x_names)} if len(data.x_names) == data.x.shape[1] else {}


def photo_losses(ids, train=True):
    """The photo terms on photos `ids` (confidence-weighted means) and their total."""
    f, y = photo_inputs(ids, train).to(device), photo_y[ids].to(device)
    female, conf = y[:, 0], y[:, 1]
    h = model.trunk(f)
    pred = model.heads(h)[0]
    # The style sets train the style head only: through the trunk they moved the photos' continuous outputs (quick
    # London ablation: landmark_nme 0.045 vs 0.031, top5 0.23 vs 0.38), while the same styles set by hand on the
    # gender-only model's characters cost nothing.
    groups = model.styles(h.detach()).split(list(data.style_sizes), -1)
    terms = {}
    use = photo_terms.split(',')
    g = x_index.get('who.gender')
    if g is not None and 'gender' in use:
        target = gender_target + (1 - 2 * gender_target) * (1 - female)
        error = pred[:, g] - target
        if gender_hinge:  # the right side of the target is free: only the wrong side costs
            error = torch.where(female > 0.5, error.clamp_min(0), error.clamp_max(0))
        terms['p_gender'] = (conf * error**2).mean()
    set_terms = []
    for k, mask, who in style_sets:
        log_p = groups[k].log_softmax(-1)
        nll = -torch.logsumexp(log_p.masked_fill(~mask, -1e9), -1)  # -log P(option in the set)
        weight = conf * (female if who else 1 - female)
        set_terms.append((weight * nll).sum() / weight.sum().clamp_min(1e-6))
    if set_terms and 'styles' in use:
        terms['p_styles'] = sum(set_terms) / len(set_terms)
    hc, hg, bc = x_index.get('hair.color'), x_index.get('hair.grey'), x_index.get('brows.color')
    if None not in (hc, hg, bc) and 'hair' in use:
        terms['p_hair'] = hair_weight * ((pred[:, hc] - pred[:, bc].detach()) ** 2 + pred[:, hg] ** 2).mean()
    terms['p_total'] = sum(terms.values())
    with torch.no_grad():
        if g is not None:
            terms['p_gender_acc'] = ((pred[:, g] < 0.5).float() == female).float().mean()
    return terms


def imitator_losses(ids, train=True):
    """Identity, content and landmark terms of photos `ids`: their characters rendered by the frozen imitator
    against each photo's own refine targets (batch means) and the weighted total."""
    pred, style_logits, _ = model(photo_inputs(ids, train).to(device))
    if not imitator_styles:
        style_logits = style_logits.detach()
    inputs, image = objective.render(pred, style_logits, torch.ones(1, device=device))
    total, *values = objective.terms(
        inputs, image, (targets['photo'][ids].float() / 255).to(device),
        targets['parts'][ids].float()[..., None].to(device), targets['embedding'][ids].to(device),
        targets['landmarks'][ids].to(device), imitator_weights,
        target_sex=((1 - 2 * photo_y[ids, 0]) * photo_y[ids, 1]).to(device),
        photo_dlib=targets['dlib'][ids].to(device) if dlib_weight > 0 else None)  # fmt: skip
    terms = {f'i_{name}': v.mean() for name, v in zip(objective.term_names, values)}
    terms['i_total'] = total.mean()
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
        if photo_f is not None:
            terms.update(photo_losses(photo_val_idx, train=train))
        if objective is not None:
            terms.update(imitator_losses(photo_val_idx, train=train))
        result.update({name + k: float(v) for k, v in terms.items()})
    model.train()
    return result


def save_figures():
    evals = [e for e in log if 'val' in e]
    steps = [e for e in log if 'train' in e]
    panels = []
    terms = ['total', 'continuous', 'style', 'mae'] + (['p_gender', 'p_styles', 'p_hair'] if photo_f is not None else [])
    terms += ['i_identity', 'i_content', 'i_landmark', 'i_dlib', 'i_sex'] if objective is not None else []
    for term in terms:
        if term not in evals[-1]['val']:
            continue
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
    loss = terms['total']
    if photo_f is not None:
        terms.update(photo_losses(rng.choice(photo_train_idx, min(photo_batch, len(photo_train_idx)), replace=False)))
        loss = loss + photo_weight * terms['p_total']
    if objective is not None:
        terms.update(imitator_losses(rng.choice(photo_train_idx, min(imitator_batch, len(photo_train_idx)), replace=False)))
        loss = loss + imitator_weight * terms['i_total']
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
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
        # selected on photo-like (augmented) held-out render features, plus the held-out photos' terms
        score = val['aug_total'] + photo_weight * val.get('p_total', 0.0) + imitator_weight * val.get('i_total', 0.0)
        improved = score < best_val
        best_val = min(best_val, score)
        print(f'eval {it}: ' + ' '.join(f'{k} {v:.4f}' for k, v in val.items()), flush=True)
        save()
        if improved:
            shutil.copyfile(ckpt_path, out / 'best.pt')
        save_figures()
    if out_of_time:
        print(f'time budget of {max_minutes} min reached at iter {it}', flush=True)
        break
