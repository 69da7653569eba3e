"""End to end in CI time: engine renders (dataset/generate.ts) -> train.py (tiny config) -> export.py ->
onnxruntime-node. The held-out loss must fall, and refine.onnx's loss and gradient must match PyTorch autograd."""
import json
import shutil
import sys

import numpy as np
import onnx
import pytest
import torch

from common.onnx_export import uint8_codes
from convert.face_models import quantisation_grids
from imitator.export import SEX_PROBE, load_imitator, main as export_main, refine_objective
from imitator.refine import example_inputs, inputs, loss_and_gradient, outputs

from node_tools import TSX, ort_run, run


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('imitator')
    dataset, run_dir = tmp / 'dataset', tmp / 'run'
    run([TSX, 'dataset/generate.ts', '--out', str(dataset), '--count', '40', '--size', '32', '--shard-size', '20',
         '--workers', '1', '--seed', '5'])  # fmt: skip
    run([sys.executable, '-m', 'imitator.train', 'imitator/configs/tiny.py', f'--dataset={dataset}',
         f'--out_dir={run_dir}'])  # fmt: skip
    assert export_main(['--ckpt', str(run_dir / 'ckpt.pt'), '--out', str(run_dir / 'export'), '--batch', '2', '--fp32']) == 0
    return tmp, dataset, run_dir


def test_training_lowers_the_held_out_loss(trained):
    _, _, run_dir = trained
    evals = [e for e in map(json.loads, (run_dir / 'log.jsonl').read_text().splitlines()) if 'val' in e]
    assert evals[0]['iter'] == 0 and evals[-1]['iter'] == 40
    assert evals[-1]['val']['total'] < 0.7 * evals[0]['val']['total'], evals
    assert (run_dir / 'curves.png').stat().st_size > 1000 and (run_dir / 'samples.png').stat().st_size > 1000


@pytest.mark.parametrize('batch', [1, 2])
def test_refine_onnx_matches_autograd(trained, batch):
    tmp, dataset, run_dir = trained
    model, _ = load_imitator(run_dir / 'ckpt.pt')
    index = json.loads((dataset / 'dataset.json').read_text())
    objective = refine_objective(model, index['frame']['embedWindow'], fp16=False)
    example = example_inputs(objective, batch, model.config.continuous, seed=7)
    expected = dict(zip(outputs(objective), loss_and_gradient(objective)(*example)))
    name = 'refine.onnx' if batch == 1 else f'refine-b{batch}.onnx'
    feeds = {n: t.numpy() for (n, _, _), t in zip(inputs(objective), example)}
    got = ort_run(run_dir / 'export' / name, feeds, tmp / f'ort-{batch}')
    for key, value in expected.items():
        value = value.numpy()
        assert got[key].shape == value.shape, key
        rel = np.linalg.norm(got[key] - value) / (np.linalg.norm(value) + 1e-12)
        assert rel <= 1e-3, f'{name} {key}: rel {rel:.2e}'


@pytest.mark.parametrize('recognisers, sex', [('dlib', True), ('mobileface+dlib', False)])
def test_refine_onnx_with_dlib_matches_autograd_and_stores_dlib_as_its_uint8_codes(trained, recognisers, sex):
    """The shipped form: float16 storage, and dlib's identity term with dlib's weights as their uint8 codes, which
    must give back the very weights PyTorch uses (so autograd on them is the reference); the sex term on dlib's
    embedding of the render."""
    tmp, dataset, run_dir = trained
    out = tmp / f'export-{recognisers}'
    args = ['--ckpt', str(run_dir / 'ckpt.pt'), '--out', str(out), '--batch', '1', '--recognisers', recognisers]
    assert export_main(args + (['--sex-probe', str(SEX_PROBE)] if sex else [])) == 0
    model, _ = load_imitator(run_dir / 'ckpt.pt')
    index = json.loads((dataset / 'dataset.json').read_text())
    probe = SEX_PROBE if sex else None
    objective = refine_objective(model, index['frame']['embedWindow'], fp16=True, recognisers=recognisers, sex_probe=probe)
    names = [n for n, _, _ in inputs(objective)]
    assert ('target_embedding' in names) == ('mobileface' in recognisers)
    assert ('target_sex' in names) == sex
    example = example_inputs(objective, 1, model.config.continuous, seed=9)
    assert example[-1].shape == (len(recognisers.split('+')) + 2 + sex,)
    # fed photo_dlib: the graph uses it; fed zeros: the graph computes the photo's embedding, as the objective does
    # without one, and returns it (photo_dlib_used) to be fed on later steps
    feeds = {n: t.numpy() for n, t in zip(names, example)}
    photo = example[names.index('photo')]
    computed = objective.dlib_embedding(photo.permute(0, 3, 1, 2))
    for fed, used in ((feeds['photo_dlib'], example[names.index('photo_dlib')]), (np.zeros((1, 128)), computed)):
        inputs_used = [used if n == 'photo_dlib' else t for n, t in zip(names, example)]
        expected = dict(zip(outputs(objective), loss_and_gradient(objective)(*inputs_used)), photo_dlib_used=used)
        got = ort_run(out / 'refine.onnx', {**feeds, 'photo_dlib': fed}, tmp / f'ort-{recognisers}-{int(fed.any())}')
        assert set(got) == set(expected) and 'dlib' in got and ('sex' in got) == sex
        for key, value in expected.items():
            rel = np.linalg.norm(got[key] - value.numpy()) / (np.linalg.norm(value.numpy()) + 1e-12)
            assert rel <= 1e-3, f'{key} (photo_dlib {"fed" if fed.any() else "zeros"}): rel {rel:.2e}'
    graph = onnx.load(str(out / 'refine.onnx')).graph
    codes = sum(int(np.prod(t.dims)) for t in graph.initializer if t.data_type == onnx.TensorProto.UINT8)
    grids = quantisation_grids('face-embedder-dlib')
    on_grid = sum(p.numel() for p in objective.dlib.parameters() if p.numel() >= 1024 and uint8_codes(p.numpy(), grids) is not None)
    assert codes == on_grid > 0.9 * sum(p.numel() for p in objective.dlib.parameters())


def test_imitator_onnx_matches_torch(trained):
    tmp, _, run_dir = trained
    model, _ = load_imitator(run_dir / 'ckpt.pt')
    c = model.config
    x = torch.rand(1, c.continuous)
    styles = torch.cat([torch.nn.functional.one_hot(torch.tensor([n - 1]), n).float() for n in c.style_sizes], 1)
    with torch.no_grad():
        image, points = model(torch.cat([x, styles], 1))
    got = ort_run(run_dir / 'export' / 'imitator.onnx', {'x': x.numpy(), 'styles': styles.numpy()}, tmp / 'ort-g')
    assert np.abs(got['image'] - image.permute(0, 2, 3, 1).numpy()).max() < 1e-4
    assert np.abs(got['landmarks'] - points.numpy()).max() < 1e-4


def test_training_resumes_from_its_checkpoint(trained, tmp_path):
    _, dataset, first = trained
    run_dir = tmp_path / 'run'
    shutil.copytree(first, run_dir)  # the other tests keep the 40-step run and its export
    out = run([sys.executable, '-m', 'imitator.train', 'imitator/configs/tiny.py', f'--dataset={dataset}',
               f'--out_dir={run_dir}', '--max_iters=50', '--eval_interval=10'])  # fmt: skip
    assert 'resumed at iter 40' in out
    iters = [e['iter'] for e in map(json.loads, (run_dir / 'log.jsonl').read_text().splitlines()) if 'val' in e]
    assert iters == [0, 20, 40, 50]


def test_a_released_imitator_fine_tunes_with_dlib_and_frozen_batchnorm(trained, tmp_path):
    """A warm start from imitator.from_release's rebuild (no landmark_template recorded, folded BatchNorms) with
    dlib's identity term (dlib_weight), dlib's inner layers (dlib_feature_weight) and BatchNorm in eval mode
    (bn_eval): both dlib terms are logged, and the BatchNorm statistics are the start's."""
    _, dataset, run_dir = trained
    rebuilt = tmp_path / 'rebuilt.pt'
    run([sys.executable, '-m', 'imitator.from_release', '--onnx', str(run_dir / 'export' / 'imitator.onnx'),
         f'--dataset={dataset}', f'--out={rebuilt}'])  # fmt: skip
    out = run([sys.executable, '-m', 'imitator.train', 'imitator/configs/tiny.py', f'--dataset={dataset}',
               f'--out_dir={tmp_path / "run"}', f'--init_from={rebuilt}', '--dlib_weight=0.5', '--dlib_feature_weight=0.2', '--bn_eval=true',
               '--max_iters=4', '--eval_interval=4'])  # fmt: skip
    assert f'initialised from {rebuilt}' in out and 'eval 4:' in out and ' dlib ' in out and ' dlib_feat ' in out
    start = torch.load(rebuilt, weights_only=False)['model']
    end = torch.load(tmp_path / 'run' / 'ckpt.pt', weights_only=False)['model']
    stats = [k for k in start if k.endswith(('running_mean', 'running_var'))]
    assert stats and all(torch.equal(start[k], end[k]) for k in stats)
    assert any(not torch.equal(start[k], end[k]) for k in start if k.endswith('weight'))


def test_a_studio_dataset_with_only_the_required_fields_trains(trained, tmp_path):
    """x, styles, image and landmarks are all a studio's engine must supply (docs/models.md)."""
    _, dataset, _ = trained
    studio = tmp_path / 'studio'
    shutil.copytree(dataset, studio)
    for extra in studio.glob('shard-*/*.npy'):
        if extra.stem not in ('x', 'styles', 'image', 'landmarks'):
            extra.unlink()
    out = run([sys.executable, '-m', 'imitator.train', 'imitator/configs/tiny.py', f'--dataset={studio}',
               f'--out_dir={tmp_path / "run"}', '--max_iters=10', '--eval_interval=10'])  # fmt: skip
    assert 'eval 10: l1' in out and ' id ' not in out and ' part ' not in out


def test_sex_probe_reads_the_gender_slider_from_dlib_embeddings(trained, tmp_path):
    """imitator/sex_probe.py end to end on the tiny run; the released probe (SEX_PROBE) is well above chance."""
    from imitator.sex_probe import main as probe_main

    _, dataset, run_dir = trained
    out = tmp_path / 'probe.json'
    assert probe_main(['--dataset', str(dataset), '--ckpt', str(run_dir / 'ckpt.pt'), '--count', '40', '--out', str(out)]) == 0
    probe = json.loads(out.read_text())
    assert len(probe['weights']) == 128 and probe['count'] == 40 and set(probe['heldOutAccuracy']) == {'imitator', 'engine'}
    released = json.loads(SEX_PROBE.read_text())
    assert min(released['heldOutAccuracy'].values()) > 0.85
