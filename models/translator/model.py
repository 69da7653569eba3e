"""The translator T: photo features (shared/src/create/features.ts) -> rig parameters x.

After the paper (TPAMI 2020, section 4.3): FC -> 3 residual-attention blocks [FC-FC-SE] -> a continuous head and
one softmax head per discrete style group, scaled down to fit 1 MB as int8. The feature standardisation (train-set
mean / std) and the facial prior (an SVD whitening of the training parameters) are buffers inside the model, so the
exported graph takes the raw feature vector and returns x directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class TranslatorConfig:
    features: int = 480  # FEATURE_LENGTH of shared/src/create/features.ts
    continuous: int = 167  # VECTOR_LENGTH_V2
    style_sizes: tuple[int, ...] = (12, 12, 4, 6, 6, 5)  # options per style group, rig order
    width: int = 256  # the residual stream
    hidden: int = 384  # the inner FC of each block
    blocks: int = 3
    se_reduction: int = 16
    dropout: float = 0.1
    prior: bool = True  # predict whitened coordinates of logit(x) (the paper's facial prior); else logits directly
    style_names: list[str] = field(default_factory=list)  # for reports only


class SqueezeExcite(nn.Module):
    """Channel attention over a feature vector: x * sigmoid(FC(ReLU(FC(x))))."""

    def __init__(self, width: int, reduction: int):
        super().__init__()
        self.down = nn.Linear(width, width // reduction)
        self.up = nn.Linear(width // reduction, width)

    def forward(self, x):  # (B, W)
        return x * torch.sigmoid(self.up(F.relu(self.down(x))))


class ResidualAttentionBlock(nn.Module):
    """x + SE(FC(ReLU(FC(LN(x))))): the paper's block with a pre-norm for stable training from scratch."""

    def __init__(self, c: TranslatorConfig):
        super().__init__()
        self.norm = nn.LayerNorm(c.width)
        self.fc1 = nn.Linear(c.width, c.hidden)
        self.fc2 = nn.Linear(c.hidden, c.width)
        self.se = SqueezeExcite(c.width, c.se_reduction)
        self.drop = nn.Dropout(c.dropout)

    def forward(self, x):  # (B, W)
        return x + self.drop(self.se(self.fc2(F.relu(self.fc1(self.norm(x))))))


class Translator(nn.Module):
    def __init__(self, c: TranslatorConfig):
        super().__init__()
        self.config = c
        self.register_buffer('feature_mean', torch.zeros(c.features))
        self.register_buffer('feature_std', torch.ones(c.features))
        # facial prior: logit(x) ~ prior_mean + z @ prior_basis, z whitened (unit variance on the training set)
        self.register_buffer('prior_mean', torch.zeros(c.continuous))
        self.register_buffer('prior_basis', torch.eye(c.continuous))
        self.stem = nn.Linear(c.features, c.width)
        self.blocks = nn.ModuleList([ResidualAttentionBlock(c) for _ in range(c.blocks)])
        self.norm = nn.LayerNorm(c.width)
        self.continuous = nn.Linear(c.width, c.continuous)
        self.styles = nn.Linear(c.width, sum(c.style_sizes))

    def set_statistics(self, features: torch.Tensor, x: torch.Tensor) -> None:
        """Standardisation from training features (N, F) and, with the prior, the SVD whitening of logit(x) (N, C)."""
        self.feature_mean.copy_(features.mean(0))
        self.feature_std.copy_(features.std(0).clamp_min(1e-3))
        if self.config.prior:
            logits = torch.logit(x.clamp(0.01, 0.99))
            self.prior_mean.copy_(logits.mean(0))
            # the SVD of the centred logits, via the covariance (defined for any N; the ridge keeps every direction)
            centred = logits - self.prior_mean
            cov = centred.T @ centred / max(len(x) - 1, 1) + 1e-2 * torch.eye(x.shape[1])
            variance, vectors = torch.linalg.eigh(cov)
            self.prior_basis.copy_(torch.diag(variance.sqrt()) @ vectors.T)  # z unit variance -> logit scale

    def trunk(self, features: torch.Tensor) -> torch.Tensor:
        """features (B, F) raw -> the shared representation h (B, width) both heads read."""
        h = F.relu(self.stem((features - self.feature_mean) / self.feature_std))
        for block in self.blocks:
            h = block(h)
        return self.norm(h)

    def heads(self, h: torch.Tensor):
        """h (B, width) -> (x (B, C) in [0,1], style logits (B, sum(style_sizes)), z (B, C) prior coords)."""
        z = self.continuous(h)
        logits = self.prior_mean + z @ self.prior_basis if self.config.prior else z
        return torch.sigmoid(logits), self.styles(h), z

    def forward(self, features: torch.Tensor):
        """features (B, F) raw -> (x (B, C) in [0,1], style logits (B, sum(style_sizes)), z (B, C) prior coords)."""
        return self.heads(self.trunk(features))

    def style_probabilities(self, style_logits: torch.Tensor) -> torch.Tensor:
        """Softmax within each style group, concatenated (B, sum(style_sizes))."""
        return torch.cat([g.softmax(-1) for g in style_logits.split(list(self.config.style_sizes), -1)], -1)
