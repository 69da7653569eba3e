"""Loss pieces shared by training (train.py) and the refine graph (export.py): the recogniser's window of the aligned
frame as two constant matrices, the recogniser itself, part weight maps, and the three refine terms."""
from __future__ import annotations

import numpy as np
import torch
from torch import nn

from convert.face_models import build_module, load_specs

EMBED_SIZE = 112  # MobileFace input side
DLIB_SIZE = 150  # dlib's chip side
# dlib's own chip (5 points, 150 px, padding 0.25) of the canonical frame as [side_x, 0, x0, 0, side_y, y0] in unit
# frame coordinates: recogniserWindow('face-embedder-dlib', alignTemplate()) of shared/src/face (its rotation terms,
# 5e-7, dropped). The template is the frame's own points, so every aligned image shares this window.
DLIB_WINDOW = [0.4976175, 0.0, 0.2528091, 0.0, 0.4976175, 0.3022976]


def window_matrix(start: float, side: float, src: int, dst: int) -> np.ndarray:
    """(dst, src) bilinear resampling matrix along one axis, the same sampling as shared/face ImagePyramid.warp at
    level 0: output pixel u reads source index-space position (start + (u + 0.5) * side / dst) * src - 0.5, and
    taps outside the source read 0. `start`, `side` are unit-frame fractions."""
    m = np.zeros((dst, src), np.float64)
    for u in range(dst):
        p = (start + (u + 0.5) * side / dst) * src - 0.5
        i0 = int(np.floor(p))
        f = p - i0
        for i, w in ((i0, 1 - f), (i0 + 1, f)):
            if 0 <= i < src:
                m[u, i] += w
    return m


class WindowCrop(nn.Module):
    """(B, 3, S, S) aligned frame in [0, 1] -> (B, out, out, 3) NHWC 0..255, a recogniser's input (MobileFace's
    112 px by default).

    A constant matmul on each side (bilinear resize of an axis-aligned window): its gradient is two matmuls too,
    so the refine graph needs no resize-backward rule."""

    def __init__(self, embed_window: list[float], size: int, out: int = EMBED_SIZE):
        super().__init__()
        side_x, _, x0, _, side_y, y0 = embed_window
        self.register_buffer('rows', torch.tensor(window_matrix(y0, side_y, size, out), dtype=torch.float32))
        self.register_buffer('cols', torch.tensor(window_matrix(x0, side_x, size, out).T, dtype=torch.float32))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        crop = torch.matmul(torch.matmul(self.rows, image), self.cols)  # (B, 3, out, out)
        return crop.permute(0, 2, 3, 1) * 255.0


def recogniser(model_id: str = 'face-embedder') -> nn.Module:
    """A released recogniser as a frozen module: face-embedder (MobileFace, NHWC 0..255 -> (B, 256), the shipped
    one) or face-embedder-dlib (dlib, 150 px -> (B, 128); training only, see translator/train.py dlib_weight)."""
    module = build_module(load_specs()[model_id])
    for p in module.parameters():
        p.requires_grad_(False)
    return module


def part_weight_map(parts: torch.Tensor, weights: list[float]) -> torch.Tensor:
    """(B, S, S) uint8 labels (0 background, 1 skin, 2 brows, 3 eyes, 4 nose, 5 lips) -> (B, 1, S, S) weights."""
    table = torch.tensor(weights, dtype=torch.float32)
    return table[parts.long()].unsqueeze(1)


def content_loss(image: torch.Tensor, target: torch.Tensor, weight: torch.Tensor, eps: float = 0.01) -> torch.Tensor:
    """Part-weighted Charbonnier difference, per sample (B,): sum(w * sqrt(d^2 + eps^2) - eps) / sum(w) / 3.
    Smooth (no kink at 0), so its gradient is defined everywhere and matches finite differences."""
    d = torch.sqrt((image - target) ** 2 + eps * eps) - eps
    return (d * weight).sum((1, 2, 3)) / (weight.sum((1, 2, 3)) * 3 + 1e-6)


def identity_loss(embedding: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """1 - cosine of the recogniser's embeddings, per sample (B,)."""
    num = (embedding * target).sum(1)
    den = torch.sqrt((embedding * embedding).sum(1) * (target * target).sum(1) + 1e-12)
    return 1 - num / den


# dlib's blocks whose outputs feature_loss compares: the last block of each width (32 x 35 x 35, 64 x 17 x 17,
# 128 x 8 x 8, 256 x 4 x 4 for a 150 px chip), from edges and texture to the parts' shapes.
DLIB_TAPS = (2, 6, 9, 12)


class Taps:
    """Records the outputs of `modules` on every forward (forward hooks): `take()` returns those of the last
    forward, in module order, and clears them."""

    def __init__(self, modules: list[nn.Module]):
        self.outputs: list[torch.Tensor] = []
        for m in modules:
            m.register_forward_hook(lambda _m, _inp, out: self.outputs.append(out))

    def take(self) -> list[torch.Tensor]:
        out, self.outputs = self.outputs, []
        return out


def feature_loss(features: list[torch.Tensor], targets: list[torch.Tensor]) -> torch.Tensor:
    """Mean over layers of the L1 difference of a network's activations, each layer scaled by its target's mean
    magnitude (so every layer counts alike), per sample (B,). A recogniser's inner layers, compared so, ask the
    parts a recogniser relies on (eyes, brows, lips) to be drawn as sharply as the target's, where a pixel L1
    settles for their blur and the final embedding for any image with the same identity."""
    terms = [(f - t).abs().mean((1, 2, 3)) / (t.abs().mean((1, 2, 3)) + 1e-6) for f, t in zip(features, targets)]
    return torch.stack(terms).mean(0)


def landmark_loss(points: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean squared distance of the 68 points (unit frame), per sample (B,), in units of the frame width^2 * 1e3
    (so that a 1% error per point gives 0.1)."""
    d = (points - target).view(points.shape[0], 68, 2)
    return (d * d).sum(2).mean(1) * 1e3
