"""imitator.from_release: an Imitator rebuilt from folded weights (imitator.onnx's initializers) draws the same
images and landmarks as the folded graph, and re-folds to exactly the released weights."""
from pathlib import Path

import torch
from conftest import randomise_batchnorm

from imitator.from_release import onnx_weights, unfold
from imitator.model import FoldedGenerator, Imitator, ImitatorConfig

RELEASE = Path(__file__).resolve().parents[1] / 'release' / 'imitator.onnx'


def test_unfolded_imitator_draws_what_the_folded_one_draws():
    torch.manual_seed(0)
    trained = Imitator(ImitatorConfig(continuous=12, style_sizes=(3, 2), size=32, base=64, min_channels=8)).eval()
    randomise_batchnorm(trained)
    folded = FoldedGenerator(trained.generator)
    weights = {f'generator.{k}': v for k, v in folded.state_dict().items()}
    weights.update({f'landmarks.{k}': v for k, v in trained.landmarks.state_dict().items()})
    rebuilt = unfold(weights, (3, 2))
    x = torch.rand(8, trained.config.inputs)
    assert torch.allclose(rebuilt.generator(x), trained.generator(x), atol=1e-5)
    assert torch.allclose(rebuilt.landmarks(x), trained.landmarks(x))
    assert rebuilt.config.size == 32 and rebuilt.config.continuous == 12


def test_the_released_imitator_refolds_to_its_own_weights():
    weights = onnx_weights(RELEASE)
    rebuilt = unfold(weights, (1,))  # how the inputs split into sliders and style one-hots leaves the weights alone
    for name, value in FoldedGenerator(rebuilt.generator).state_dict().items():
        assert torch.equal(value, weights[f'generator.{name}']), name
