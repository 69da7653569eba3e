"""translator/photo_labels.py: the pseudo-gender of train photos from their features alone. Synthetic embeddings
with a known split: the mixture must recover it, and the render probe must name the right cluster `female`."""
import numpy as np

from translator.augment import COLORS, EMBEDDING
from translator.photo_labels import mixture, photo_labels, self_train, two_means

DIRECTION = 3  # the embedding axis that carries gender in these fixtures


def embeddings(rng, n, shift):
    """(n, 256) unit vectors around a common mean, moved by `shift` (per row) along DIRECTION."""
    e = rng.normal(0, 0.03, (n, 256)) + 0.06
    e[:, DIRECTION] += shift
    return e / np.linalg.norm(e, axis=1, keepdims=True)


def test_mixture_recovers_two_clusters():
    rng = np.random.default_rng(0)
    points = np.concatenate([rng.normal(-1, 0.4, (60, 3)), rng.normal(1, 0.4, (40, 3))])
    truth = np.r_[np.zeros(60), np.ones(40)]
    hard = two_means(points)
    post = mixture(points, hard)
    assert np.allclose(post.sum(1), 1)
    assign = post.argmax(1)
    agree = max((assign == truth).mean(), (assign != truth).mean())  # cluster ids are arbitrary
    assert agree >= 0.97


def test_the_render_probe_names_the_female_cluster():
    rng = np.random.default_rng(1)
    # renders: gender slider g in [0, 1] (0 = female end) moves the embedding along DIRECTION
    g = rng.uniform(0, 1, 2000).astype(np.float32)
    renders = np.zeros((2000, 480), np.float32)
    renders[:, EMBEDDING] = embeddings(rng, 2000, 0.08 * (g - 0.5))
    x = np.zeros((2000, 167), np.float32)
    x[:, 0] = g
    # photos: two groups, the "female" one on the low side of DIRECTION, like low-g renders
    female = np.r_[np.ones(150), np.zeros(250)].astype(bool)
    photos = np.zeros((400, 480), np.float32)
    photos[:, EMBEDDING] = embeddings(rng, 400, np.where(female, -0.06, 0.06))
    labels = photo_labels(renders, x, photos)
    assert ((labels['female'] == 1) == female).mean() >= 0.95
    assert labels['confidence'].min() >= 0 and labels['confidence'].max() <= 1
    # flipping the renders' meaning flips the naming (the one bit really comes from the renders)
    x[:, 0] = 1 - g
    flipped = photo_labels(renders, x, photos)
    assert ((flipped['female'] == 1) == ~female).mean() >= 0.95


def test_part_colours_join_the_embedding_in_the_split():
    """A split the embedding shows only weakly is found once the part colours, which show it too, join in."""
    rng = np.random.default_rng(2)
    g = rng.uniform(0, 1, 2000).astype(np.float32)
    renders = np.zeros((2000, 480), np.float32)
    renders[:, EMBEDDING] = embeddings(rng, 2000, 0.08 * (g - 0.5))
    x = np.zeros((2000, 167), np.float32)
    x[:, 0] = g
    female = np.r_[np.ones(200), np.zeros(200)].astype(bool)
    photos = np.zeros((400, 480), np.float32)
    photos[:, EMBEDDING] = embeddings(rng, 400, np.where(female, -0.012, 0.012))  # weak: about the noise
    photos[:, 256:460] = rng.normal(0, 0.05, (400, 204))  # shape: no signal
    colours = rng.normal(0.5, 0.03, (400, 15))
    colours[:, 12] += np.where(female, 0.06, -0.06)  # lips redder
    photos[:, COLORS] = colours
    alone = photo_labels(renders, x, photos)
    joined = photo_labels(renders, x, photos, shape_components=5, colour_components=5)
    agree = lambda lab: ((lab['female'] == 1) == female).mean()  # noqa: E731
    assert agree(joined) >= 0.95
    assert agree(joined) > agree(alone) + 0.1


def test_self_training_repairs_a_noisy_start():
    """A start with a fifth of its labels wrong (as a mixture fitted to a poor view gives) is relabelled toward the
    boundary the points support; a start that is all noise stays noise (nothing is invented)."""
    rng = np.random.default_rng(3)
    truth = np.r_[np.ones(200), np.zeros(200)].astype(bool)
    points = rng.normal(0, 0.6, (400, 6))
    points[:, 0] += np.where(truth, -1.2, 1.2)
    start = truth ^ (rng.uniform(size=400) < 0.2)
    female, confidence = self_train(points, start.astype(np.float32), np.full(400, 0.5, np.float32), rounds=5)
    agree = ((female == 1) == truth).mean()
    assert agree >= 0.95 and agree > (start == truth).mean() + 0.1
    assert confidence.min() >= 0 and confidence.max() <= 1
    noise = rng.uniform(size=400) < 0.5
    relabelled, _ = self_train(points, noise.astype(np.float32), np.full(400, 0.5, np.float32), rounds=5)
    assert abs(((relabelled == 1) == truth).mean() - 0.5) < 0.15
