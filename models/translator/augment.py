"""Feature augmentation: pushes engine-render features toward what photos give (photos have other lighting,
recogniser embeddings off the render manifold, noisier landmarks and part colours). Works on the raw feature vector
in the layout of shared/src/create/features.ts."""
from __future__ import annotations

from dataclasses import dataclass

import torch

# the layout of shared/src/create/features.ts (FEATURE_OFFSETS)
EMBEDDING = slice(0, 256)
LANDMARKS = slice(256, 460)
COLORS = slice(460, 475)
MASK = slice(475, 480)


@dataclass
class AugmentConfig:
    embedding_noise: float = 0.5  # max std of per-dimension noise, relative to a unit vector's per-dim scale
    embedding_dropout: float = 0.1
    landmark_jitter: float = 0.01  # std, inter-ocular units
    color_gain: float = 0.15  # per-sample lighting gain 1 +- this (all parts)
    color_shift: float = 0.04  # per-sample, per-channel offset (white balance), 0..1 units
    color_noise: float = 0.02  # per part and channel
    part_drop: float = 0.05  # chance that a part's colour goes missing (mask 0)
    domain_shift: float = 1.0  # max share of the photo-minus-render mean moved onto each sample (when given)
    coral: float = 0.5  # chance that a sample's embedding is re-coloured to the photos' covariance (when given)


def augment(
    features: torch.Tensor,
    c: AugmentConfig,
    generator: torch.Generator | None = None,
    shift: torch.Tensor | None = None,
    coral: tuple[torch.Tensor, torch.Tensor, torch.Tensor] | None = None,
) -> torch.Tensor:
    """A new (B, F) tensor; `features` is left as it was. `shift` (F,): the mean of real photos' features minus the
    renders' (embedding and landmark blocks; zero elsewhere); each sample moves a random share of it toward photos.
    `coral` (render mean, map, photo mean) from coral_map() replaces the embedding shift with a full re-colouring."""
    f = features.clone()
    b = len(f)
    if coral is not None:  # CORAL (Sun et al. 2016): render embeddings with the photos' mean and covariance
        mean_r, matrix, mean_p = coral
        moved = torch.nn.functional.normalize((f[:, EMBEDDING] - mean_r) @ matrix + mean_p, dim=1)
        pick = torch.rand(b, 1, generator=generator) < c.coral
        f[:, EMBEDDING] = torch.where(pick, moved, f[:, EMBEDDING])
    elif shift is not None:
        f += torch.rand(b, 1, generator=generator) * c.domain_shift * shift

    def rand(*shape):
        return torch.rand(*shape, generator=generator)

    def randn(*shape):
        return torch.randn(*shape, generator=generator)

    e = f[:, EMBEDDING]
    scale = rand(b, 1) * c.embedding_noise / e.shape[1] ** 0.5
    e = (e + randn(*e.shape) * scale) * (rand(*e.shape) >= c.embedding_dropout)
    f[:, EMBEDDING] = e / e.norm(dim=1, keepdim=True).clamp_min(1e-6)
    f[:, LANDMARKS] += randn(b, LANDMARKS.stop - LANDMARKS.start) * c.landmark_jitter
    colors = f[:, COLORS].reshape(b, 5, 3)
    mask = f[:, MASK].clone()
    gain = 1 + (rand(b, 1, 1) * 2 - 1) * c.color_gain
    shift = (rand(b, 1, 3) * 2 - 1) * c.color_shift
    colors = (colors * gain + shift + randn(b, 5, 3) * c.color_noise).clamp(0, 1)
    mask = mask * (rand(b, 5) >= c.part_drop)
    f[:, COLORS] = (colors * mask[:, :, None]).reshape(b, 15)
    f[:, MASK] = mask
    return f


def coral_map(renders: torch.Tensor, photos: torch.Tensor, shrink: float = 0.1):
    """(render mean, C_r^-1/2 C_p^1/2, photo mean) of two sets of embeddings (N, E); covariances shrunk toward
    their mean variance by `shrink` (847 photos for a 256-d covariance)."""

    def cov_power(x, power):
        c = torch.cov(x.T.double())
        c = (1 - shrink) * c + shrink * c.diagonal().mean() * torch.eye(len(c), dtype=c.dtype)
        w, v = torch.linalg.eigh(c)
        return v @ torch.diag(w.clamp_min(1e-12) ** power) @ v.T

    matrix = (cov_power(renders, -0.5) @ cov_power(photos, 0.5)).float()
    return renders.mean(0), matrix, photos.mean(0)
