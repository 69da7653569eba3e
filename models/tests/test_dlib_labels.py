"""translator/dlib_labels.py: pseudo-labels relabelled in a second view of the same photos (dlib's embedding). A
view that separates the two groups well must correct start labels that are partly wrong; photos without an
embedding keep their start labels."""
import numpy as np

from translator.dlib_labels import dlib_labels


def test_a_clearer_view_corrects_wrong_start_labels_and_leaves_photos_without_one_alone():
    rng = np.random.default_rng(0)
    n = 400
    truth = rng.uniform(size=n) < 0.5  # female
    view = rng.normal(0, 1, (n, 128))
    view[:, 7] += np.where(truth, -2.5, 2.5)  # one direction carries the sex, as dlib's first component does
    start = truth.copy()
    wrong = rng.choice(n, 60, replace=False)  # 15% of the start labels wrong, at middling confidence
    start[wrong] = ~start[wrong]
    confidence = np.full(n, 0.6)
    view[:10] = 0  # no face found for these: no embedding
    female, conf = dlib_labels(view, start.astype(np.float32), confidence, components=10, rounds=5)
    assert ((female == 1) == truth)[10:].mean() >= 0.97 > (start == truth)[10:].mean()
    assert np.array_equal(female[:10], start[:10].astype(np.float32)) and np.array_equal(conf[:10], confidence[:10].astype(np.float32))
    assert conf.min() >= 0 and conf.max() <= 1
