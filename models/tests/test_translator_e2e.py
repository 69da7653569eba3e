"""Translator end to end in CI time: engine renders (dataset/generate.ts) -> features (translator/features.ts, the
function photos use) -> train.py (tiny config) -> export.py -> onnxruntime-node. The held-out loss must fall, the
ONNX outputs must match PyTorch, and int8 must stay within 0.005 of fp32."""
import json
import subprocess
import sys

import numpy as np
import pytest
import torch

from translator.augment import AugmentConfig, augment
from translator.data import load_data
from translator.export import load_translator, main as export_main

from node_tools import MODELS, TSX, ort_run, run


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('translator')
    dataset, features, run_dir = tmp / 'dataset', tmp / 'features', tmp / 'run'
    run([TSX, 'dataset/generate.ts', '--out', str(dataset), '--count', '60', '--shard-size', '30', '--workers', '1',
         '--seed', '9', '--rig', '2'])  # fmt: skip
    run([TSX, 'translator/features.ts', '--dataset', str(dataset), '--out', str(features)])
    run([sys.executable, '-m', 'translator.train', 'translator/configs/tiny.py', f'--features={features}',
         f'--out_dir={run_dir}'])  # fmt: skip
    assert export_main(['--ckpt', str(run_dir / 'ckpt.pt'), '--out', str(run_dir / 'export')]) == 0
    return tmp, features, run_dir


def test_training_lowers_the_held_out_loss(trained):
    _, _, run_dir = trained
    evals = [e for e in map(json.loads, (run_dir / 'log.jsonl').read_text().splitlines()) if 'val' in e]
    assert evals[0]['iter'] == 0 and evals[-1]['iter'] == 150
    # 40 training samples of uniformly random characters: the held-out loss falls a little (toward what the
    # features explain), the training loss a lot
    assert evals[-1]['val']['continuous'] < 0.95 * evals[0]['val']['continuous'], evals
    assert evals[-1]['val']['style'] < evals[0]['val']['style'], evals
    steps = [e for e in map(json.loads, (run_dir / 'log.jsonl').read_text().splitlines()) if 'train' in e]
    assert steps[-1]['train']['continuous'] < 0.6 * evals[0]['val']['continuous'], steps
    assert (run_dir / 'curves.png').stat().st_size > 1000


def test_joined_features_keep_the_last_folder_as_the_held_out_tail(trained):
    _, features, _ = trained
    one, two = load_data(features), load_data(f'{features},{features}')
    assert len(two.x) == 2 * len(one.x) and two.dropped == 2 * one.dropped
    np.testing.assert_array_equal(two.features[-len(one.x):], one.features)
    np.testing.assert_array_equal(two.styles[:len(one.x)], one.styles)
    assert two.meta['joined'] == [one.meta['dataset']] * 2 and two.x_names == one.x_names


def test_onnx_matches_torch_and_int8_stays_close(trained):
    tmp, features, run_dir = trained
    model, _ = load_translator(run_dir / 'ckpt.pt')
    held_out = load_data(features).features[-20:]
    with torch.no_grad():
        x, logits, _ = model(torch.from_numpy(held_out))
        styles = model.style_probabilities(logits).numpy()
    for i, f in enumerate(held_out[:4]):
        fp32 = ort_run(run_dir / 'export' / 'translator-fp32.onnx', {'features': f[None]}, tmp / f'fp32-{i}')
        int8 = ort_run(run_dir / 'export' / 'translator.onnx', {'features': f[None]}, tmp / f'int8-{i}')
        np.testing.assert_allclose(fp32['x'][0], x[i].numpy(), atol=1e-5)
        np.testing.assert_allclose(fp32['styles'][0], styles[i], atol=1e-5)
        assert np.abs(int8['x'] - fp32['x']).mean() <= 0.005
    report = json.loads((run_dir / 'export' / 'export.json').read_text())
    assert report['int8Check']['meanAbsDiff'] <= 0.005 and report['bytes']['translator.onnx'] < 1_000_000


def test_augmentation_keeps_the_layout():
    g = torch.Generator().manual_seed(0)
    f = torch.zeros(8, 480)
    f[:, :256] = torch.nn.functional.normalize(torch.randn(8, 256, generator=g), dim=1)
    f[:, 460:475] = 0.5
    f[:, 475:] = 1
    a = augment(f, AugmentConfig(), g)
    assert torch.allclose(a[:, :256].norm(dim=1), torch.ones(8), atol=1e-5)  # still unit embeddings
    assert (a[:, 460:475] >= 0).all() and (a[:, 460:475] <= 1).all()
    assert set(a[:, 475:].unique().tolist()) <= {0.0, 1.0}
    dropped = a[:, 475:] == 0
    assert (a[:, 460:475].reshape(8, 5, 3)[dropped] == 0).all()  # a missing part has colour 0, as features.ts writes
    assert not torch.equal(a, f) and torch.equal(f[:, 475:], torch.ones(8, 5))  # input untouched


def photo_folder(photos, features):
    """A photo-features folder with pseudo-labels in which engine features stand in for photo features (the real
    ones need ../shared/faces); returns the features."""
    photos.mkdir()
    f = load_data(features).features[:40]
    np.save(photos / 'photo-features.npy', f)
    (photos / 'photo-features.json').write_text(json.dumps({'files': [f'p{i}.jpg' for i in range(len(f))]}))
    run([sys.executable, '-m', 'translator.photo_labels', f'--features={features}', f'--photos={photos}',
         f'--out={photos / "labels.npz"}'])  # fmt: skip
    return f


def test_photo_terms_train_on_pseudo_labels(trained):
    """The photo path of train.py (photo_labels.py's labels, the gender and style-set terms) runs and learns: engine
    features stand in for photo features here (the real ones need ../shared/faces)."""
    tmp, features, _ = trained
    photos, run_dir = tmp / 'photos', tmp / 'photo-run'
    photo_folder(photos, features)
    run([sys.executable, '-m', 'translator.train', 'translator/configs/tiny.py', f'--features={features}',
         f'--out_dir={run_dir}', f'--photo_features={photos}', f'--photo_labels={photos / "labels.npz"}',
         '--photo_terms=gender,styles', '--photo_batch=16'])  # fmt: skip
    evals = [e for e in map(json.loads, (run_dir / 'log.jsonl').read_text().splitlines()) if 'val' in e]
    steps = [e for e in map(json.loads, (run_dir / 'log.jsonl').read_text().splitlines()) if 'train' in e]
    assert 'p_gender' in evals[0]['val'] and 'p_styles' in evals[0]['val']
    assert steps[-1]['train']['p_gender'] < 0.5 * evals[0]['val']['p_gender'], (evals[0], steps[-1])
    assert steps[-1]['train']['p_styles'] < evals[0]['val']['p_styles'], (evals[0], steps[-1])


def test_degraded_photo_copies_join_training_and_a_stale_copy_file_is_refused(trained):
    """photo_aug: a share of each batch's photos comes as a degraded copy (photo-features-aug.npy); training runs,
    logs the copies and learns; copies made for other photo rows stop it with a message that says what to rerun."""
    tmp, features, _ = trained
    photos, run_dir = tmp / 'photos-aug', tmp / 'photo-aug-run'
    f = photo_folder(photos, features)
    copies = f[:, None] + np.random.default_rng(0).normal(0, 0.02, (len(f), 3, f.shape[1])).astype(np.float32)
    np.save(photos / 'photo-features-aug.npy', copies)
    def train(out_dir):
        return [sys.executable, '-m', 'translator.train', 'translator/configs/tiny.py', f'--features={features}',
                f'--out_dir={out_dir}', f'--photo_features={photos}', f'--photo_labels={photos / "labels.npz"}',
                '--photo_terms=gender,styles', '--photo_batch=16', '--photo_aug=0.5']  # fmt: skip

    out = run(train(run_dir))
    assert 'photo copies: 3 per photo, share 0.5' in out
    evals = [e for e in map(json.loads, (run_dir / 'log.jsonl').read_text().splitlines()) if 'val' in e]
    steps = [e for e in map(json.loads, (run_dir / 'log.jsonl').read_text().splitlines()) if 'train' in e]
    assert steps[-1]['train']['p_gender'] < 0.5 * evals[0]['val']['p_gender'], (evals[0], steps[-1])

    np.save(photos / 'photo-features-aug.npy', copies[:30])
    done = subprocess.run(train(tmp / 'stale-run'), cwd=MODELS, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and 'rerun translator/photo-features.ts --augment K' in done.stderr, done.stderr[-800:]
