"""The refine objective: loss terms of a candidate character against an aligned photo, as one module whose inputs
are exactly refine.onnx's (export.py adds d loss / d x and d loss / d style logits)."""
from __future__ import annotations

import torch
from torch import nn

from imitator.losses import WindowCrop, content_loss, identity_loss, landmark_loss
from imitator.model import FoldedGenerator, Imitator

# refine.onnx inputs in order: name, shape (B = batch, D = style slots, S = size), meaning
INPUTS = [
    ('x', 'B,V', 'continuous rig parameters, [0,1] (the optimiser clamps; the graph does not)'),
    ('style_logits', 'B,D', 'discrete groups as logits, concatenated in rig order; one-hot = softmax(beta * logits)'),
    ('beta', '1', 'softmax sharpness (Shi et al.: 100 iterative, 1 one-shot)'),
    ('photo', '1,S,S,3', 'aligned photo crop (FaceAnalyzer.alignedCrop), RGB 0..1, NHWC'),
    ('part_weights', '1,S,S,1', 'content weight per pixel of the aligned frame (e.g. from partLabels)'),
    ('target_embedding', '1,E', "the photo's recogniser embedding (FaceAnalyzer.embed, unit length)"),
    ('target_landmarks', '1,136', "the photo's 68 points in the unit aligned frame"),
    ('loss_weights', '3', 'weights of identity, content, landmark in the total'),
]
OUTPUTS = ['loss', 'identity', 'content', 'landmark', 'grad_x', 'grad_style_logits']


class RefineObjective(nn.Module):
    """Per-candidate terms (B,) each, and the weighted total."""

    def __init__(self, imitator: Imitator, embedder: nn.Module, embed_window: list[float]):
        super().__init__()
        c = imitator.config
        self.style_sizes = c.style_sizes
        self.generator = FoldedGenerator(imitator.generator)
        self.landmarks = imitator.landmarks.eval()
        self.embedder = embedder.eval()
        self.crop = WindowCrop(embed_window, c.size)
        for p in self.parameters():
            p.requires_grad_(False)

    def styles(self, logits: torch.Tensor, beta: torch.Tensor) -> torch.Tensor:
        """softmax(beta * logits) per discrete group, concatenated: the relaxed one-hots G was trained on."""
        parts, start = [], 0
        for n in self.style_sizes:
            parts.append(torch.softmax(logits[:, start : start + n] * beta, 1))
            start += n
        return torch.cat(parts, 1)

    def render(self, x: torch.Tensor, style_logits: torch.Tensor, beta: torch.Tensor):
        """(the imitator's inputs, its image (B, 3, S, S) in [0, 1])."""
        inputs = torch.cat([x, self.styles(style_logits, beta)], 1)
        return inputs, self.generator(inputs)

    def forward(self, x, style_logits, beta, photo, part_weights, target_embedding, target_landmarks, loss_weights):
        inputs, image = self.render(x, style_logits, beta)
        return self.terms(inputs, image, photo, part_weights, target_embedding, target_landmarks, loss_weights)

    def terms(self, inputs, image, photo, part_weights, target_embedding, target_landmarks, loss_weights):
        """forward's terms of a rendered `image` (render's outputs)."""
        identity = identity_loss(self.embedder(self.crop(image))[0], target_embedding)
        content = content_loss(image, photo.permute(0, 3, 1, 2), part_weights.permute(0, 3, 1, 2))
        landmark = landmark_loss(self.landmarks(inputs), target_landmarks)
        total = loss_weights[0] * identity + loss_weights[1] * content + loss_weights[2] * landmark
        return total, identity, content, landmark


def loss_and_gradient(objective: RefineObjective):
    """fn(*INPUTS) -> OUTPUTS with the gradient by autograd (traced by make_fx; also the reference in tests)."""

    def fn(x, style_logits, beta, photo, part_weights, target_embedding, target_landmarks, loss_weights):
        with torch.enable_grad():
            x = x.detach().requires_grad_(True)
            style_logits = style_logits.detach().requires_grad_(True)
            terms = objective(x, style_logits, beta, photo, part_weights, target_embedding, target_landmarks, loss_weights)
            grad_x, grad_s = torch.autograd.grad(terms[0].sum(), [x, style_logits])
        return (*[t.detach() for t in terms], grad_x, grad_s)

    return fn


def example_inputs(objective: RefineObjective, batch: int, continuous: int, embedding: int = 256, seed: int = 0):
    """Random inputs of refine.onnx's shapes (values in their natural ranges)."""
    g = torch.Generator().manual_seed(seed)
    size = objective.crop.rows.shape[1]
    d = sum(objective.style_sizes)
    emb = torch.randn(1, embedding, generator=g)
    return (
        torch.rand(batch, continuous, generator=g),
        torch.randn(batch, d, generator=g) * 0.5,
        torch.tensor([1.0]),
        torch.rand(1, size, size, 3, generator=g),
        torch.rand(1, size, size, 1, generator=g) + 0.5,
        emb / emb.norm(),
        torch.rand(1, 136, generator=g) * 0.4 + 0.3,
        torch.tensor([1.0, 1.0, 1.0]),
    )
