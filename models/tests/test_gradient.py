"""The rewritten gradient graph (imitator/gradient.py) against autograd and float64 central finite differences, on
a small random imitator (BatchNorm statistics randomised so that folding is exercised) and the real MobileFace."""
import pytest
import torch
from conftest import randomise_batchnorm

from imitator.gradient import GradientGraph, trace_gradient
from imitator.losses import recogniser
from imitator.model import FoldedGenerator, Imitator, ImitatorConfig
from imitator.refine import RefineObjective, example_inputs, loss_and_gradient

# The engine v1 frame's recogniser window (dataset.json frame.embedWindow); any window inside the frame will do.
WINDOW = [0.4462, 0, 0.2769, 0, 0.4462, 0.2586]


def small_objective(seed: int = 0) -> RefineObjective:
    torch.manual_seed(seed)
    model = Imitator(ImitatorConfig(continuous=10, style_sizes=(3, 2), base=32, min_channels=8, landmark_hidden=32))
    randomise_batchnorm(model)
    model.eval()
    return RefineObjective(model, recogniser(), WINDOW)


@pytest.fixture(scope='module')
def traced():
    objective = small_objective()
    example = example_inputs(objective, 2, 10)
    fn = loss_and_gradient(objective)
    gm, weights = trace_gradient(fn, example, objective)
    return objective, example, fn, gm, weights


def test_rewritten_graph_has_no_backward_ops_and_matches_autograd(traced):
    objective, example, fn, gm, weights = traced
    graph = GradientGraph(gm, weights)
    reference = fn(*example)
    got = graph(*example)
    for name, a, b in zip(['loss', 'identity', 'content', 'landmark', 'grad_x', 'grad_style_logits'], reference, got):
        rel = float((a - b).norm() / (a.norm() + 1e-12))
        assert rel <= 1e-5, f'{name}: rel {rel:.2e}'


def test_rewritten_graph_matches_float64_central_differences(traced):
    objective, example, fn, gm, weights = traced
    graph = GradientGraph(gm, weights, dtype=torch.float64)
    inputs = [t.double() for t in example]
    _, _, _, _, grad_x, grad_s = graph(*inputs)
    eps = 1e-6

    def total(x, logits):
        return float(graph(x, logits, *inputs[2:])[0].sum())

    for which, grad in ((0, grad_x), (1, grad_s)):
        fd = torch.zeros_like(grad)
        for idx in [(0, 0), (0, 3), (1, 1), (1, grad.shape[1] - 1), (0, grad.shape[1] // 2)]:
            plus, minus = [t.clone() for t in inputs[:2]], [t.clone() for t in inputs[:2]]
            plus[which][idx] += eps
            minus[which][idx] -= eps
            fd[idx] = (total(*plus) - total(*minus)) / (2 * eps)
        mask = fd != 0
        rel = float((fd[mask] - grad[mask]).norm() / grad[mask].norm())
        assert rel <= 1e-5, f'input {which}: rel {rel:.2e} (fd {fd[mask].tolist()} vs {grad[mask].tolist()})'


def test_folded_generator_equals_the_batchnorm_one():
    model = small_objective(1)  # built from a randomised-BN imitator; rebuild that imitator to compare
    torch.manual_seed(1)
    imitator = Imitator(ImitatorConfig(continuous=10, style_sizes=(3, 2), base=32, min_channels=8, landmark_hidden=32))
    randomise_batchnorm(imitator)
    imitator.eval()
    x = torch.rand(3, 15)
    with torch.no_grad():
        diff = (model.generator(x) - imitator.generator(x)).abs().max()
    assert float(diff) < 1e-5


def test_graph_names_each_backward_op_it_cannot_rewrite():
    def fn(x):
        with torch.enable_grad():
            x = x.detach().requires_grad_(True)
            (g,) = torch.autograd.grad(torch.nn.functional.softplus(x).sum(), [x])
        return g

    gm, weights = trace_gradient(fn, (torch.rand(1, 1, 4, 4),), torch.nn.Module())
    with pytest.raises(AssertionError, match='softplus_backward'):
        GradientGraph(gm, weights)


def pools(x: torch.Tensor) -> torch.Tensor:
    """dlib's pools (convert/dlib_resnet.py) on an odd-sized input: an overlapping 3x3/2 max pool, whose windows share
    inputs, and a 2x2/2 average pool that leaves the last row and column out."""
    y = torch.nn.functional.max_pool2d(x * x, 3, 2)
    return (torch.nn.functional.avg_pool2d(y, 2, 2) ** 2).sum()


def test_pooling_gradients_match_autograd_and_central_differences():
    def fn(x):
        with torch.enable_grad():
            x = x.detach().requires_grad_(True)
            (g,) = torch.autograd.grad(pools(x), [x])
        return g

    torch.manual_seed(3)
    x = torch.randn(2, 3, 13, 13, dtype=torch.float64)
    gm, weights = trace_gradient(fn, (x,), torch.nn.Module())
    got = GradientGraph(gm, weights, dtype=torch.float64)(x)
    reference = fn(x)
    assert float((got - reference).norm() / reference.norm()) <= 1e-12
    winners = (got != 0).sum()  # inputs that won a max: some of them won two windows (their gradients summed)
    assert 0 < winners < x.numel()
    eps = 1e-6
    for idx in [tuple(int(i) for i in torch.nonzero(got)[k]) for k in (0, 7, 20)] + [(1, 2, 12, 12)]:
        plus, minus = x.clone(), x.clone()
        plus[idx] += eps
        minus[idx] -= eps
        fd = (float(pools(plus)) - float(pools(minus))) / (2 * eps)
        assert abs(fd - float(got[idx])) <= 1e-6 * max(1.0, abs(fd)), (idx, fd, float(got[idx]))
