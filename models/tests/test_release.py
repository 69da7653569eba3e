"""The released models: the PyTorch modules reproduce the committed TF.js fixtures, and rebuilding the detector
reproduces the manifest's sha256 byte for byte."""
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from convert.export_onnx import export_onnx
from convert.face_models import build_module, load_specs
from convert.synthetic import synthetic_image

MODELS_DIR = Path(__file__).resolve().parent.parent
FIXTURES = MODELS_DIR / 'tests' / 'fixtures'
MANIFEST = json.loads((MODELS_DIR / 'release' / 'manifest.json').read_text())
FIXTURE_INDEX = json.loads((FIXTURES / 'index.json').read_text())
TOLERANCE = 1e-3


def released(model_id):
    return next(m for m in MANIFEST['models'] if m['id'] == model_id)


def test_rebuilding_the_detector_reproduces_its_sha256():
    spec = load_specs()['face-detector']
    data = export_onnx(build_module(spec), 'image', [1, 128, 128, 3], list(spec['outputs']))
    assert hashlib.sha256(data).hexdigest() == released('face-detector')['sha256']
    assert len(data) == released('face-detector')['bytes']


@pytest.mark.parametrize('model_id', sorted(FIXTURE_INDEX))
def test_module_matches_tfjs_fixture(model_id):
    fixture = FIXTURE_INDEX[model_id]
    image = synthetic_image(fixture['size'], fixture['seed'])
    assert hashlib.sha256(image.tobytes()).hexdigest() == fixture['imageSha256'], 'synthetic.py != synthetic.ts'
    x = torch.from_numpy(image.astype(np.float32))[None]
    if fixture['scale'] == 'unit':
        x = x / 255.0
    spec = load_specs()[model_id]
    with torch.no_grad():
        outputs = dict(zip(spec['outputs'], build_module(spec)(x)))
    for name, file in fixture['outputs'].items():
        expected = np.load(FIXTURES / file)
        got = outputs[name].numpy()
        assert got.shape == expected.shape
        assert np.max(np.abs(got - expected)) <= TOLERANCE, f'{model_id}.{name}'


def test_a_full_face_model_rebuild_keeps_the_release_name_and_rig_version():
    from convert.model_docs import RELEASE, RIG_VERSION
    from convert.release import full_manifest

    entries = [{'id': 'face-detector'}]
    kept = full_manifest({'release': 'models-2026.12.01d', 'rigVersion': 2, 'models': []}, entries)
    assert (kept['release'], kept['rigVersion'], kept['models']) == ('models-2026.12.01d', 2, entries)
    fresh = full_manifest({}, entries)
    assert (fresh['release'], fresh['rigVersion']) == (RELEASE, RIG_VERSION)
