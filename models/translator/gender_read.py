"""The gender read: P(female) of a face from its translator features, a linear model shipped beside the translator
(gender-read.onnx, group create) that the creator consults where the translator's gender slider is unsure
(shared/src/create/gender.ts).

Why a second opinion: the translator learns the pseudo-gender (translator/photo_labels.py) through a deep network
that also fits 18k renders, and it reproduces its training photos' labels (0.99 agreement) but generalises less well
than the labels' own linear boundary: on London (eval split, checked once) its slider put 8 of 102 people on the wrong
side (7 young men read as women, so they got long hair and no beard), where this read puts 4 (all 51 men right).
No photo label is read: it is a confidence-weighted logistic regression on the photos' top 40 embedding, 10
face-shape and 10 part-colour principal components (the view of photo_labels' last self-training round), fitted to
the final pseudo-labels and folded into one linear map of the raw 480 features (the principal maps are linear too).
Since session 15 those labels are photo_labels' relabelled in dlib's view of the photos (translator/dlib_labels.py:
0.909 -> 0.975 agreement with the self-reported gender, checked only), and this read agrees 0.940 five-fold held out
(was 0.909; women 0.852 -> 0.937, men 0.967 -> 0.943).

  /usr/bin/python3 -m translator.gender_read --photos .work/photo-features \
      --labels .work/photo-features/labels-dlib.npz [--release release] [--check ../../shared/faces/index.csv]

`--check` only REPORTS agreement with the index's gender column (the groups check), as photo_labels does.
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from common.onnx_export import finish
from common.release import merge_manifest, release_entry
from translator.photo_labels import SELF_TRAIN_COMPONENTS, apply_maps, feature_maps, fit_logistic


def gender_read(photo_features: np.ndarray, female: np.ndarray, confidence: np.ndarray):
    """(weights (F,), bias): P(female) = sigmoid(features @ weights + bias) for raw feature rows."""
    maps = feature_maps(photo_features, *SELF_TRAIN_COMPONENTS)
    w, b = fit_logistic(apply_maps(photo_features, maps), female.astype(np.float64), confidence.astype(np.float64))
    weights = np.zeros(photo_features.shape[1])
    start = 0
    for part, mean, matrix in maps:  # sum over blocks of (f[part] - mean) @ matrix @ w_block
        block = matrix @ w[start:start + matrix.shape[1]]
        weights[part] += block
        b -= mean @ block
        start += matrix.shape[1]
    return weights, float(b)


def gender_read_onnx(weights: np.ndarray, bias: float) -> onnx.ModelProto:
    """features (1, F) float32 -> female (1, 1) = sigmoid(features @ weights + bias)."""
    f = len(weights)
    graph = helper.make_graph(
        [helper.make_node('MatMul', ['features', 'weights'], ['logit0']),
         helper.make_node('Add', ['logit0', 'bias'], ['logit']),
         helper.make_node('Sigmoid', ['logit'], ['female'])],
        'gender_read',
        [helper.make_tensor_value_info('features', TensorProto.FLOAT, [1, f])],
        [helper.make_tensor_value_info('female', TensorProto.FLOAT, [1, 1])],
        [numpy_helper.from_array(weights.astype(np.float32).reshape(f, 1), 'weights'),
         numpy_helper.from_array(np.array([[bias]], np.float32), 'bias')],
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 17)], producer_name='facecraft')
    model.ir_version = 8
    return model


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--photos', required=True, help='photo features folder (translator/photo-features.ts)')
    p.add_argument('--labels', required=True, help='their pseudo-labels (translator/photo_labels.py --self-train, then '
                   'translator/dlib_labels.py)')
    p.add_argument('--out', default='', help='gender-read.onnx written here (default: beside the labels)')
    p.add_argument('--release', default='', help='also copy it into this release folder and merge its manifest entry')
    p.add_argument('--check', default='', help='faces index.csv: report agreement with its gender column only')
    a = p.parse_args(argv)
    photos = np.load(Path(a.photos) / 'photo-features.npy').astype(np.float64)
    meta = json.loads((Path(a.photos) / 'photo-features.json').read_text())
    labels = np.load(a.labels)
    assert list(labels['files']) == meta['files'], 'labels made for other photo features; rerun photo_labels'
    weights, bias = gender_read(photos, labels['female'], labels['confidence'])
    female = 1 / (1 + np.exp(-(photos @ weights + bias)))
    agree_labels = float(((female > 0.5) == (labels['female'] == 1)).mean())
    data = finish(gender_read_onnx(weights, bias))
    out = Path(a.out) if a.out else Path(a.labels).parent / 'gender-read.onnx'
    out.write_bytes(data)
    print(f'{out}: {len(data)} bytes; agrees with its pseudo-labels on {agree_labels:.3f} of {len(photos)} photos')
    if a.check:
        gender = {r['file']: r['gender'] for r in csv.DictReader(open(a.check))}
        truth = np.array([gender.get(f) == 'female' for f in meta['files']])
        print(f'check against the index gender column: agreement {((female > 0.5) == truth).mean():.3f}')
    if a.release:
        release = Path(a.release)
        (release / 'gender-read.onnx').write_bytes(data)
        entry = release_entry(
            release / 'gender-read.onnx', 'gender-read', 'create', None,
            normalisation=f'features: the raw translator feature vector (shared/src/create/features.ts, FEATURE_VERSION '
            f'{meta["version"]}, {meta["length"]} values), as the translator takes it; female: P(female), 0..1',
            licence='facecraft project weights (a linear map), fitted to the feature vectors of the train-split photos '
            "of ../shared/faces with pseudo-labels made from those features and dlib's embeddings of the photos (no "
            'photo label used) (Pixabay Content '
            'License; CC BY 4.0 DeBruine & Jones 2017; see the card); its input embedding is MobileFace (see '
            'face-embedder card: upstream licence unresolved)',
            source=f'models/translator/gender_read.py on {a.photos} with {a.labels}',
            card='cards/gender-read.md',
            featureVersion=meta['version'],
            check={'agreesWithPseudoLabels': round(agree_labels, 4), 'photos': len(photos)},
        )  # fmt: skip
        manifest = json.loads((release / 'manifest.json').read_text())
        merge_manifest(release / 'manifest.json', [entry], manifest['release'], manifest['rigVersion'])


if __name__ == '__main__':
    main()
