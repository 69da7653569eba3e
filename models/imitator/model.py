"""The imitator: a generator G(x) -> the engine's 128x128 front render, and a landmark head x -> the engine's 68
points in the aligned frame. Shi et al.'s transposed-convolution generator (4x4 kernels, stride 2, BN + ReLU),
scaled to 128 px and to a CPU budget.

Input x is the continuous rig vector (values in [0, 1]) followed by one block per discrete style group holding that
group's one-hot (or, in refinement, a softmax relaxation of it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import nn


@dataclass
class ImitatorConfig:
    continuous: int = 122  # rig VECTOR_LENGTH (read from the dataset index)
    style_sizes: tuple[int, ...] = ()  # options per discrete group (from the dataset index)
    size: int = 128  # output side in pixels; a power of two >= 8
    base: int = 256  # channels at 4x4; halved at every upsampling, never below `min_channels`
    min_channels: int = 16
    landmark_hidden: int = 512
    landmark_template: list[float] = field(default_factory=list)  # 136 unit-frame numbers: the head's bias init

    @property
    def inputs(self) -> int:
        return self.continuous + sum(self.style_sizes)


def one_hot_styles(styles: torch.Tensor, sizes: tuple[int, ...]) -> torch.Tensor:
    """(B, S) int option indices -> (B, sum(sizes)) concatenated one-hots."""
    return torch.cat([nn.functional.one_hot(styles[:, i].long(), n).float() for i, n in enumerate(sizes)], 1)


class Generator(nn.Module):
    """(B, inputs) -> (B, 3, size, size) RGB in [0, 1] (NCHW)."""

    def __init__(self, c: ImitatorConfig):
        super().__init__()
        steps = (c.size // 4).bit_length() - 1  # 4 -> size in doublings
        assert 4 * 2**steps == c.size, 'size must be 4 * 2^k'
        widths = [max(c.min_channels, c.base >> i) for i in range(steps + 1)]
        self.base = widths[0]
        self.fc = nn.Linear(c.inputs, widths[0] * 16)
        self.fc_bn = nn.BatchNorm2d(widths[0])
        layers: list[nn.Module] = []
        for a, b in zip(widths, widths[1:]):
            layers += [nn.ConvTranspose2d(a, b, 4, 2, 1, bias=False), nn.BatchNorm2d(b), nn.ReLU()]
        self.up = nn.Sequential(*layers)
        self.out = nn.Conv2d(widths[-1], 3, 3, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.fc_bn(self.fc(x).view(-1, self.base, 4, 4)))  # (B, base, 4, 4)
        return torch.sigmoid(self.out(self.up(h)))  # (B, 3, size, size)


class LandmarkHead(nn.Module):
    """(B, inputs) -> (B, 136) the engine's iBUG-68 points, unit frame, [x0, y0, x1, y1, ...]."""

    def __init__(self, c: ImitatorConfig):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(c.inputs, c.landmark_hidden),
            nn.ReLU(),
            nn.Linear(c.landmark_hidden, c.landmark_hidden),
            nn.ReLU(),
            nn.Linear(c.landmark_hidden, 136),
        )
        if c.landmark_template:  # start at the mean face: the head then learns offsets
            with torch.no_grad():
                self.net[-1].bias.copy_(torch.tensor(c.landmark_template))
                self.net[-1].weight.mul_(0.1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class Imitator(nn.Module):
    """G and the landmark head side by side; forward returns (image, landmarks)."""

    def __init__(self, c: ImitatorConfig):
        super().__init__()
        self.config = c
        self.generator = Generator(c)
        self.landmarks = LandmarkHead(c)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.generator(x), self.landmarks(x)


def widen_from(new: Generator, old: Generator, noise: float = 0.01, seed: int = 0) -> None:
    """Loads a trained `old` generator into a WIDER `new` one (same depth, each layer at least as wide) so that
    `new` computes the same images (Net2WiderNet, Chen et al. 2016): an added channel copies an existing one
    (weights, batch-norm parameters and statistics), and the next layer splits that channel's input weights evenly
    over the copies. A little noise on the copies lets them learn different things. This warm-starts a sharper
    generator from the released one instead of paying for a CPU run from scratch."""
    gen = torch.Generator().manual_seed(seed)
    assert len(new.up) == len(old.up), 'widen_from needs the same depth (size)'

    def mapping(a: int, b: int) -> torch.Tensor:  # new channel -> old channel it copies
        assert b >= a, f'cannot narrow {a} -> {b} channels'
        return torch.cat([torch.arange(a), torch.randint(0, a, (b - a,), generator=gen)])

    def jitter(t: torch.Tensor, start: int) -> torch.Tensor:
        if start < len(t):
            t[start:] += noise * t.std() * torch.randn(t[start:].shape, generator=gen)
        return t

    def split(w: torch.Tensor, g: torch.Tensor, dim: int) -> torch.Tensor:  # next layer's input side
        counts = torch.bincount(g, minlength=int(g.max()) + 1).float()[g]
        shape = [1] * w.dim()
        shape[dim] = -1
        return w.index_select(dim, g) / counts.view(shape)

    def copy_bn(dst: nn.BatchNorm2d, src: nn.BatchNorm2d, g: torch.Tensor) -> None:
        for name in ('weight', 'bias', 'running_mean', 'running_var'):
            getattr(dst, name).copy_(getattr(src, name)[g])

    with torch.no_grad():
        g = mapping(old.base, new.base)
        rows = (g[:, None] * 16 + torch.arange(16)).reshape(-1)  # fc row r feeds channel r // 16
        new.fc.weight.copy_(jitter(old.fc.weight[rows].clone(), old.base * 16))
        new.fc.bias.copy_(old.fc.bias[rows])
        copy_bn(new.fc_bn, old.fc_bn, g)
        for i in range(0, len(new.up), 3):
            conv_new, conv_old = new.up[i], old.up[i]
            g_out = mapping(conv_old.out_channels, conv_new.out_channels)
            w = split(conv_old.weight, g, 0).index_select(1, g_out)  # ConvTranspose2d weight: (in, out, k, k)
            new.up[i].weight.copy_(jitter(w.transpose(0, 1).clone(), conv_old.out_channels).transpose(0, 1))
            copy_bn(new.up[i + 1], old.up[i + 1], g_out)
            g = g_out
        new.out.weight.copy_(split(old.out.weight, g, 1))  # Conv2d weight: (out, in, k, k)
        new.out.bias.copy_(old.out.bias)


class FoldedGenerator(nn.Module):
    """The eval-mode Generator with every BatchNorm folded into the layer before it (same outputs, fewer nodes,
    and no batch-norm backward in the refine graph)."""

    def __init__(self, g: Generator):
        super().__init__()
        g = g.eval()
        self.base = g.base
        scale, shift = _bn_affine(g.fc_bn)
        rows = torch.arange(g.fc.out_features) // 16  # fc output row r feeds channel r // 16 of the 4x4 map
        self.fc = nn.Linear(g.fc.in_features, g.fc.out_features)
        with torch.no_grad():
            self.fc.weight.copy_(g.fc.weight * scale[rows, None])
            self.fc.bias.copy_(g.fc.bias * scale[rows] + shift[rows])
        layers: list[nn.Module] = []
        for i in range(0, len(g.up), 3):
            conv, bn = g.up[i], g.up[i + 1]
            scale, shift = _bn_affine(bn)
            folded = nn.ConvTranspose2d(conv.in_channels, conv.out_channels, 4, 2, 1)
            with torch.no_grad():
                folded.weight.copy_(conv.weight * scale[None, :, None, None])  # (in, out, k, k)
                folded.bias.copy_(shift)
            layers += [folded, nn.ReLU()]
        self.up = nn.Sequential(*layers)
        self.out = g.out
        for p in self.parameters():
            p.requires_grad_(False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.fc(x).view(-1, self.base, 4, 4))
        return torch.sigmoid(self.out(self.up(h)))


def _bn_affine(bn: nn.BatchNorm2d) -> tuple[torch.Tensor, torch.Tensor]:
    """Eval-mode BatchNorm as y = scale * x + shift per channel."""
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    return scale.detach(), (bn.bias - bn.running_mean * scale).detach()
