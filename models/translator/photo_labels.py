"""Pseudo-labels for the train-split photos, made from their features alone (no photo label is read: the faces
README keeps the gender / ethnicity columns for checking groups, never for training).

Why: a gender probe fitted on engine renders (MobileFace embedding -> the rig's `who.gender`) does not transfer to
photos (correlation with the photos' self-reported gender -0.07 on the 847 train photos), so the loopback-trained
translator gave women and men nearly the same gender slider and styles (London: gender_agree 0.62; 0.27 for the
women). Among the photos themselves, though, gender is the largest direction of the embeddings (the first
principal component alone correlates 0.61 with the labels). So: a two-component Gaussian mixture with a shared
covariance (EM, started from 2-means) on the photos' top 20 principal components splits them into two clusters;
which cluster is `female` is decided by the render probe (the cluster with the lower mean predicted `who.gender`:
one bit, from renders). Each photo's confidence is |2 p - 1| of its cluster posterior p. Measured against the index
(check only): 2-means on 5 components agreed 0.778, the mixture on 5 / 10 / 20 / 40 components 0.825 / 0.826 /
0.841 / 0.832 (20 is kept); 0.95 on the more confident half. Adding the photos' face shape (top 5 principal
components of the pose-normalised landmarks) and part colours (top 5 of the 15 skin/brow/eye/nose/lip colours) to
the 20 embedding components: 0.900 (women recalled 0.84, was 0.72; men 0.96); shape alone 0.839, colours alone
0.856; 0.88-0.90 for 15-30 embedding and 3-8 shape/colour components (--shape-components 5 --colour-components
5). Session 5's translator trained on those labels (configs/v5.py, v6.py) agreed worse with the independent judge on
London (gender_agree 0.71 vs 0.88), when the look, not the slider, decided how characters read.

Self-training (--self-train N, session 11): the mixture's Gaussian clusters are a coarse boundary. N rounds of a
confidence-weighted logistic regression, fitted to the current labels on a richer view of the same features (top 40
embedding, 10 shape, 10 colour components), relabel the photos with the boundary they support: agreement 0.909
from the embedding + shape + colour mixture (0.900), women recalled 0.85, men 0.96 (--shape-components 5
--colour-components 5 --self-train 5; checked only, as above).

  python -m translator.photo_labels --features .work/features-rig2-s1 --photos .work/photo-features \
      --out .work/photo-features/labels.npz [--shape-components 5 --colour-components 5 --self-train 5] \
      [--check ../../shared/faces/index.csv]

`--check` only REPORTS the pseudo-labels' agreement with the index's gender column (the groups check).
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
import torch

from translator.augment import COLORS, EMBEDDING, LANDMARKS, coral_map
from translator.data import load_data

GENDER = 0  # x index of `who.gender` in rig v2 (0 = female end, 1 = male end)


def two_means(points: np.ndarray, iters: int = 100) -> np.ndarray:
    """Cluster index (0/1) of each row; seeded at the quartiles of the first coordinate (deterministic)."""
    order = np.argsort(points[:, 0])
    centres = points[order[[len(points) // 4, 3 * len(points) // 4]]]
    for _ in range(iters):
        assign = ((points[:, None] - centres[None]) ** 2).sum(-1).argmin(1)
        new = np.stack([points[assign == k].mean(0) for k in range(2)])
        if np.allclose(new, centres):
            break
        centres = new
    return assign


def mixture(points: np.ndarray, assign: np.ndarray, iters: int = 200) -> np.ndarray:
    """Posterior (N, 2) of a two-Gaussian mixture with one shared covariance (EM from the hard `assign`)."""
    post = np.stack([assign == 0, assign == 1], 1).astype(np.float64)
    for _ in range(iters):
        weight = post.sum(0)
        means = (post.T @ points) / weight[:, None]
        cov = sum((post[:, k:k + 1] * (points - means[k])).T @ (points - means[k]) for k in range(2)) / len(points)
        inv = np.linalg.inv(cov + 1e-6 * np.eye(points.shape[1]))
        log = np.stack([-0.5 * np.einsum('ij,jk,ik->i', points - means[k], inv, points - means[k])
                        + np.log(weight[k] / len(points)) for k in range(2)], 1)  # fmt: skip
        log -= log.max(1, keepdims=True)
        new = np.exp(log)
        new /= new.sum(1, keepdims=True)
        done = np.abs(new - post).max() < 1e-6
        post = new
        if done:
            break
    return post


def render_gender_probe(render_embeddings: np.ndarray, gender: np.ndarray, photo_embeddings: np.ndarray):
    """Ridge regression embedding -> who.gender on renders re-coloured (CORAL) to the photos' statistics."""
    renders = torch.from_numpy(render_embeddings).float()
    mr, matrix, mp = coral_map(renders, torch.from_numpy(photo_embeddings).float())
    moved = torch.nn.functional.normalize((renders - mr) @ matrix + mp, dim=1).double().numpy()
    mean = moved.mean(0)
    centred = moved - mean
    w = np.linalg.solve(centred.T @ centred + np.eye(centred.shape[1]), centred.T @ (gender - gender.mean()))
    return lambda e: (e - mean) @ w


def principal_map(block: np.ndarray, components: int) -> tuple[np.ndarray, np.ndarray]:
    """(mean, matrix): the block's top principal coordinates are (block - mean) @ matrix, scaled so that the first
    has unit spread (a constant block maps to no coordinates: it says nothing)."""
    mean = block.mean(0)
    _, _, vt = np.linalg.svd(block - mean, full_matrices=False)
    matrix = vt[:components].T
    spread = ((block - mean) @ matrix[:, :1]).std() if matrix.size else 0.0
    return mean, matrix / spread if spread > 1e-9 else matrix[:, :0]


def feature_maps(photo_features: np.ndarray, components: int, shape_components: int, colour_components: int):
    """[(feature slice, mean, matrix)]: principal_map of the embedding, face shape and part colours."""
    blocks = [(EMBEDDING, components), (LANDMARKS, shape_components), (COLORS, colour_components)]
    return [(part, *principal_map(photo_features[:, part].astype(np.float64), n)) for part, n in blocks if n]


def apply_maps(photo_features: np.ndarray, maps) -> np.ndarray:
    """The rows' coordinates under feature_maps' `maps`, side by side."""
    return np.concatenate([(photo_features[:, part] - mean) @ matrix for part, mean, matrix in maps], 1)


def feature_points(photo_features: np.ndarray, components: int, shape_components: int, colour_components: int):
    """The photos' top principal coordinates of the embedding, face shape and part colours, side by side."""
    return apply_maps(photo_features, feature_maps(photo_features, components, shape_components, colour_components))


def fit_logistic(points: np.ndarray, target: np.ndarray, weight: np.ndarray, l2: float = 1.0, iters: int = 50):
    """(w, b) of an L2-regularised, sample-weighted logistic regression (Newton steps): P(1) = sigmoid(points @ w + b)."""
    xb = np.concatenate([points, np.ones((len(points), 1))], 1)
    ridge = l2 * np.diag(np.r_[np.ones(points.shape[1]), 0.0])  # the bias is free
    w = np.zeros(xb.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-xb @ w))
        step = np.linalg.solve((xb * (weight * p * (1 - p))[:, None]).T @ xb + ridge, xb.T @ (weight * (p - target)) + ridge @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], w[-1]


def logistic(points: np.ndarray, target: np.ndarray, weight: np.ndarray, l2: float = 1.0, iters: int = 50):
    """P(target = 1) of each row under fit_logistic's model of the same rows."""
    w, b = fit_logistic(points, target, weight, l2, iters)
    return 1 / (1 + np.exp(-(points @ w + b)))


def self_train(points: np.ndarray, female: np.ndarray, confidence: np.ndarray, rounds: int):
    """Relabels the photos `rounds` times with a logistic regression fitted to the current labels (weighted by their
    confidence): a mixture's Gaussian clusters give way to the boundary the photos themselves support."""
    for _ in range(rounds):
        p = logistic(points, female.astype(np.float64), confidence.astype(np.float64))
        female, confidence = (p > 0.5).astype(np.float32), np.abs(2 * p - 1).astype(np.float32)
    return female, confidence


# the richer view self-training fits (its cluster start stays the mixture's; see the module docstring)
SELF_TRAIN_COMPONENTS = (40, 10, 10)  # embedding, face shape, part colours


def photo_labels(render_features: np.ndarray, render_x: np.ndarray, photo_features: np.ndarray, components: int = 20,
                 shape_components: int = 0, colour_components: int = 0, self_train_rounds: int = 0):  # fmt: skip
    """{'female': (N,) 0/1, 'confidence': (N,) 0..1} for the photos."""
    photos = photo_features[:, EMBEDDING].astype(np.float64)
    points = feature_points(photo_features, components, shape_components, colour_components)
    post = mixture(points, two_means(points))
    assign = post.argmax(1)
    probe = render_gender_probe(render_features[:, EMBEDDING].astype(np.float64), render_x[:, GENDER], photos)
    score = probe(photos)
    female_cluster = int(np.argmin([score[assign == k].mean() for k in range(2)]))
    female = (assign == female_cluster).astype(np.float32)
    confidence = np.abs(2 * post[:, 0] - 1).astype(np.float32)
    if self_train_rounds:
        female, confidence = self_train(feature_points(photo_features, *SELF_TRAIN_COMPONENTS), female, confidence,
                                        self_train_rounds)  # fmt: skip
    return {'female': female, 'confidence': confidence}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--features', required=True, help='render features folder (translator/features.ts)')
    p.add_argument('--photos', required=True, help='photo features folder (translator/photo-features.ts)')
    p.add_argument('--out', required=True)
    p.add_argument('--check', default='', help='faces index.csv: report agreement with its gender column only')
    p.add_argument('--shape-components', type=int, default=0, help='face-shape components clustered (0: none)')
    p.add_argument('--colour-components', type=int, default=0, help='part-colour components clustered (0: none)')
    p.add_argument('--self-train', type=int, default=0, help='rounds of logistic relabelling (0: the mixture as is)')
    a = p.parse_args(argv)
    data = load_data(Path(a.features))
    photos = np.load(Path(a.photos) / 'photo-features.npy')
    files = json.loads((Path(a.photos) / 'photo-features.json').read_text())['files']
    labels = photo_labels(data.features, data.x, photos, shape_components=a.shape_components,
                          colour_components=a.colour_components, self_train_rounds=a.self_train)  # fmt: skip
    np.savez(a.out, **labels, files=np.array(files))
    print(f'{a.out}: {len(files)} photos, female share {labels["female"].mean():.3f}, '
          f'median confidence {np.median(labels["confidence"]):.3f}')  # fmt: skip
    if a.check:
        gender = {r['file']: r['gender'] for r in csv.DictReader(open(a.check))}
        truth = np.array([gender.get(f) == 'female' for f in files])
        agree = (labels['female'] == 1) == truth
        confident = labels['confidence'] >= np.median(labels['confidence'])
        print(f'check against the index gender column: agreement {agree.mean():.3f}, '
              f'on the more confident half {agree[confident].mean():.3f}')  # fmt: skip


if __name__ == '__main__':
    main()
