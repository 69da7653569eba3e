"""translator/gender_read.py: the linear gender read folded from the self-training view into the raw features, and
its ONNX graph run by onnxruntime-node (what the creator runs)."""
import numpy as np

from node_tools import ort_run
from translator.augment import COLORS, EMBEDDING, LANDMARKS
from translator.gender_read import gender_read, gender_read_onnx
from translator.photo_labels import SELF_TRAIN_COMPONENTS, feature_points, logistic


def photos(rng, n=600):
    """(n, 480) features of two groups that differ along one embedding axis and in the lips' colour."""
    female = rng.uniform(size=n) < 0.5
    f = rng.normal(0, 0.05, (n, 480))
    f[:, EMBEDDING.start + 3] += np.where(female, -0.12, 0.12)
    f[:, LANDMARKS] += rng.normal(0, 0.02, (n, LANDMARKS.stop - LANDMARKS.start))
    f[:, COLORS.start + 12] += np.where(female, 0.05, -0.05)
    return f, female


def test_the_folded_map_is_the_fitted_model(tmp_path):
    rng = np.random.default_rng(0)
    f, female = photos(rng)
    confidence = rng.uniform(0.3, 1, len(f))
    weights, bias = gender_read(f, female.astype(np.float32), confidence)
    raw = 1 / (1 + np.exp(-(f @ weights + bias)))
    fitted = logistic(feature_points(f, *SELF_TRAIN_COMPONENTS), female.astype(np.float64), confidence)
    assert np.abs(raw - fitted).max() < 1e-9  # the principal maps fold away exactly
    assert ((raw > 0.5) == female).mean() >= 0.95
    # new rows (not fitted): the same map generalises, and onnxruntime computes it
    g, truth = photos(rng, 64)
    expected = 1 / (1 + np.exp(-(g @ weights + bias)))
    assert ((expected > 0.5) == truth).mean() >= 0.9
    model = tmp_path / 'gender-read.onnx'
    model.write_bytes(gender_read_onnx(weights, bias).SerializeToString())
    for row, want in zip(g[:4].astype(np.float32), expected[:4]):
        got = ort_run(model, {'features': row[None]}, tmp_path)['female']
        assert got.shape == (1, 1) and abs(float(got[0, 0]) - want) < 1e-4
