"""model.widen_from (Net2WiderNet warm start): a wider generator loaded from a narrower one draws the same images,
in eval and in training mode, and refuses to narrow."""
import pytest
import torch
from conftest import randomise_batchnorm

from imitator.model import Imitator, ImitatorConfig, widen_from


def model(min_channels: int, base: int = 64) -> Imitator:
    return Imitator(ImitatorConfig(continuous=12, style_sizes=(3, 2), size=32, base=base, min_channels=min_channels))


@pytest.fixture(scope='module')
def trained():
    torch.manual_seed(0)
    narrow = model(8)
    randomise_batchnorm(narrow)
    return narrow


@pytest.mark.parametrize('mode', ['eval', 'train'])
def test_wider_generator_draws_the_same_images(trained, mode):
    wide = model(16, base=128)
    x = torch.rand(16, trained.config.inputs)
    widen_from(wide.generator, trained.generator, noise=0.0)
    for m in (trained, wide):
        m.train(mode == 'train')
    assert wide.generator.base == 128 and wide.generator.up[-3].out_channels == 16
    assert torch.allclose(wide.generator(x), trained.generator(x), atol=1e-5)


def test_noise_breaks_symmetry_but_keeps_the_function_close(trained):
    wide = model(16)
    widen_from(wide.generator, trained.generator, noise=0.01)
    def copies(w):  # how many of the added output channels 8..15 equal one of the originals 0..7
        return sum(any(torch.equal(w[:, j], w[:, i]) for i in range(8)) for j in range(8, 16))

    exact = model(16)
    widen_from(exact.generator, trained.generator, noise=0.0)
    assert copies(exact.generator.up[-3].weight.detach()) == 8  # (in, out, k, k): without noise, exact copies
    assert copies(wide.generator.up[-3].weight.detach()) == 0  # with noise, each copy can learn its own thing
    trained.eval(), wide.eval()
    x = torch.rand(8, trained.config.inputs)
    assert (wide.generator(x) - trained.generator(x)).abs().max() < 0.02


def test_refuses_to_narrow(trained):
    with pytest.raises(AssertionError, match='cannot narrow'):
        widen_from(model(4, base=32).generator, trained.generator)
