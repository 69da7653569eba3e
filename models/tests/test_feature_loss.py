"""imitator/losses.py feature_loss and Taps: the inner-layer term of the imitator's training (train.py
dlib_feature_weight) compares what a network's chosen layers saw of two images."""
import torch
from torch import nn

from imitator.losses import DLIB_TAPS, Taps, feature_loss, recogniser


def test_feature_loss_is_zero_for_equal_features_and_weighs_each_layer_by_its_scale():
    torch.manual_seed(0)
    small, large = torch.rand(2, 4, 5, 5), 100 * torch.rand(2, 8, 3, 3)
    assert torch.equal(feature_loss([small, large], [small, large]), torch.zeros(2))
    # a 10% error counts the same in a layer of small activations as in one of large activations
    a = feature_loss([1.1 * small, large], [small, large])
    b = feature_loss([small, 1.1 * large], [small, large])
    assert torch.allclose(a, b) and torch.allclose(a, torch.full((2,), 0.05))
    # per sample: only the changed sample's loss moves
    changed = small.clone()
    changed[1] += 1
    loss = feature_loss([changed, large], [small, large])
    assert loss[0] == 0 and loss[1] > 0


def test_taps_record_the_last_forward_in_module_order_and_carry_gradients():
    net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    taps = Taps([net[0], net[2]])
    x = torch.rand(5, 3, requires_grad=True)
    y = net(x)
    first, last = taps.take()
    assert first.shape == (5, 4) and torch.equal(last, y) and taps.take() == []
    net(x)
    (sum(t.sum() for t in taps.take())).backward()
    assert x.grad is not None and x.grad.abs().sum() > 0


def test_dlib_taps_are_the_last_block_of_each_width():
    dlib = recogniser('face-embedder-dlib')
    taps = Taps([dlib.blocks[i] for i in DLIB_TAPS])
    with torch.no_grad():
        dlib(torch.rand(1, 150, 150, 3) * 255)
    assert [tuple(t.shape[1:]) for t in taps.take()] == [(32, 35, 35), (64, 17, 17), (128, 8, 8), (256, 4, 4)]
