"""translator.soup: the weight mean of runs from one start, and refusals of runs it cannot average."""
from dataclasses import asdict

import pytest
import torch

from translator.model import Translator, TranslatorConfig
from translator.soup import provenance, soup


def run(seed: int, width: int = 32, init_from: str = '.work/stage1/best.pt') -> dict:
    torch.manual_seed(seed)
    cfg = TranslatorConfig(width=width, hidden=48)
    return {'model': Translator(cfg).state_dict(), 'model_args': asdict(cfg), 'iter': 100 * seed,
            'config': {'seed': seed, 'init_from': init_from}, 'best_val_loss': 0.1 * seed}


def test_weights_are_the_mean_and_the_model_loads():
    a, b = run(1), run(2)
    mixed = soup([a, b])
    for k, v in mixed['model'].items():
        if v.is_floating_point():
            assert torch.allclose(v, (a['model'][k] + b['model'][k]) / 2)
    Translator(TranslatorConfig(**mixed['model_args'])).load_state_dict(mixed['model'])
    assert [s['seed'] for s in mixed['soup']] == [1, 2] and mixed['iter'] == 200
    assert provenance(mixed) == 'soup of seeds [1, 2] at iters [100, 200]' and provenance(a) == 'iter 100'


def test_refuses_other_shapes_and_other_starts():
    with pytest.raises(ValueError, match='different shapes'):
        soup([run(1), run(2, width=64)])
    with pytest.raises(ValueError, match='one start'):
        soup([run(1), run(2, init_from='.work/other/best.pt')])
