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
