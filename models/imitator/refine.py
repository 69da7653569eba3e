"""The refine objective: loss terms of a candidate character against an aligned photo, as one module whose inputs
are exactly refine.onnx's (export.py adds d loss / d x and d loss / d style logits)."""
from __future__ import annotations

import torch
from torch import nn

from imitator.losses import DLIB_SIZE, DLIB_WINDOW, WindowCrop, content_loss, identity_loss, landmark_loss
from imitator.model import FoldedGenerator, Imitator

# refine.onnx inputs in order: name, shape (B = batch, D = style slots, S = size), meaning
INPUTS = [
    ('x', 'B,V', 'continuous rig parameters, [0,1] (the optimiser clamps; the graph does not)'),
    ('style_logits', 'B,D', 'discrete groups as logits, concatenated in rig order; one-hot = softmax(beta * logits)'),
    ('beta', '1', 'softmax sharpness (Shi et al.: 100 iterative, 1 one-shot)'),
    ('photo', '1,S,S,3', 'aligned photo crop (FaceAnalyzer.alignedCrop), RGB 0..1, NHWC'),
    ('part_weights', '1,S,S,1', 'content weight per pixel of the aligned frame (e.g. from partLabels)'),
    ('target_embedding', '1,E', "the photo's MobileFace embedding (FaceAnalyzer.embed, unit length); graphs with it"),
    ('target_landmarks', '1,136', "the photo's 68 points in the unit aligned frame"),
    ('target_sex', '1', 'how the render should read: +1 male, -1 female, 0 either (2 * who.gender - 1); graphs with it'),
    ('photo_dlib', '1,128', "the photo's dlib embedding (graphs with dlib): zeros, and the graph computes it from photo and "
     'returns it as photo_dlib_used; feed that back on later steps to skip a dlib forward per step'),
    ('loss_weights', 'T', 'weights of the terms in the total, in term_names order ([identity,] content, landmark[, dlib][, sex])'),
]


def inputs(objective: 'RefineObjective') -> list[tuple[str, str, str]]:
    """refine.onnx's inputs for this objective (INPUTS; target_embedding only with MobileFace's term, target_sex only
    with the sex term, photo_dlib only with dlib's)."""
    needs = {'target_embedding': 'identity', 'target_sex': 'sex', 'photo_dlib': 'dlib'}
    return [i for i in INPUTS if i[0] not in needs or needs[i[0]] in objective.term_names]


# refine.onnx's last output in graphs with dlib: the photo's dlib embedding it used (fed, or computed when fed zeros)
PHOTO_DLIB_USED = 'photo_dlib_used'


def outputs(objective: 'RefineObjective') -> list[str]:
    """The objective's outputs (loss_and_gradient's): the total, each term, then the two gradients. refine.onnx adds
    PHOTO_DLIB_USED after them when it has dlib's term (export.py)."""
    return ['loss', *objective.term_names, 'grad_x', 'grad_style_logits']


class RefineObjective(nn.Module):
    """Per-candidate terms (B,) each, and the weighted total: `identity` (MobileFace, 1 - cos against
    target_embedding) when an `embedder` is given, `content`, `landmark`, and `dlib` when `dlib` is given.

    dlib's term is its identity (1 - cos) of the render against the photo, both seen through dlib's own chip of the
    frame. The photo's dlib embedding is the input photo_dlib; refine.onnx computes it from `photo` when fed zeros
    (export.py), so a caller needs no dlib of its own, and returns it for the later steps.
    Why dlib: MobileFace is blind to the engine's ethnic macros and dlib sees them, on the imitator's renders too
    (docs/likeness.md, session 13), and its weights are public domain.

    With `sex_probe` ((128,) weights, bias: imitator/sex_probe.py, a read of the engine's gender slider from dlib's
    embedding of a render) a `sex` term joins: log(1 + exp(-target_sex * logit)), which holds the render on the side
    of the character's own gender slider (refine holds the slider, but face-shape moves can change the read)."""

    def __init__(self, imitator: Imitator, embedder: nn.Module | None, embed_window: list[float], dlib: nn.Module | None = None,
                 sex_probe: tuple[torch.Tensor, torch.Tensor] | None = None):  # fmt: skip
        super().__init__()
        c = imitator.config
        self.size, self.style_sizes = c.size, c.style_sizes
        self.generator = FoldedGenerator(imitator.generator)
        self.landmarks = imitator.landmarks.eval()
        self.embedder = embedder.eval() if embedder is not None else None
        if embedder is not None:
            self.crop = WindowCrop(embed_window, c.size)
        self.dlib = dlib.eval() if dlib is not None else None
        if dlib is not None:
            self.dlib_crop = WindowCrop(DLIB_WINDOW, c.size, DLIB_SIZE)
        if sex_probe is not None:
            assert dlib is not None, "the sex term reads dlib's embedding: give dlib too"
            self.register_buffer('sex_weights', sex_probe[0].reshape(-1, 1).float())
            self.register_buffer('sex_bias', sex_probe[1].reshape(1).float())
        self.term_names = (['identity'] * (embedder is not None) + ['content', 'landmark'] + ['dlib'] * (dlib is not None)
                           + ['sex'] * (sex_probe is not None))  # fmt: skip
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

    def forward(self, *args):
        """(total, *terms) of the inputs inputs(self) names, in that order."""
        a = dict(zip((name for name, _, _ in inputs(self)), args))
        rendered, image = self.render(a['x'], a['style_logits'], a['beta'])
        return self.terms(rendered, image, a['photo'], a['part_weights'], a.get('target_embedding'),
                          a['target_landmarks'], a['loss_weights'], a.get('target_sex'), a.get('photo_dlib'))  # fmt: skip

    def terms(self, inputs, image, photo, part_weights, target_embedding, target_landmarks, loss_weights, target_sex=None,
              photo_dlib=None):  # fmt: skip
        """forward's terms of a rendered `image` (render's outputs); target_embedding is unused without MobileFace,
        target_sex without the sex term. `photo_dlib`: the photos' dlib_embedding, when the caller has it already
        (training computes it once per photo, the graph every step)."""
        photo = photo.permute(0, 3, 1, 2)
        values = {
            'content': content_loss(image, photo, part_weights.permute(0, 3, 1, 2)),
            'landmark': landmark_loss(self.landmarks(inputs), target_landmarks),
        }
        if self.embedder is not None:
            values['identity'] = identity_loss(self.embedder(self.crop(image))[0], target_embedding)
        if self.dlib is not None:
            seen = self.dlib_embedding(image)
            values['dlib'] = identity_loss(seen, self.dlib_embedding(photo) if photo_dlib is None else photo_dlib)
        if 'sex' in self.term_names:  # log1p(exp(-u)), not softplus: its backward has no rewrite in gradient.py
            values['sex'] = torch.log1p(torch.exp(-target_sex * (seen @ self.sex_weights + self.sex_bias).reshape(-1)))
        terms = [values[name] for name in self.term_names]
        total = sum(w * t for w, t in zip(loss_weights, terms))
        return total, *terms


    def dlib_embedding(self, image: torch.Tensor) -> torch.Tensor:
        """dlib's embedding (B, 128) of aligned frames (B, 3, S, S) in [0, 1], through dlib's own chip."""
        return self.dlib(self.dlib_crop(image))[0]


def loss_and_gradient(objective: RefineObjective):
    """fn(*inputs) -> outputs with the gradient by autograd, in inputs(objective) and outputs(objective) order
    (traced by make_fx; also the reference in tests)."""

    def fn(x, style_logits, *rest):
        with torch.enable_grad():
            x = x.detach().requires_grad_(True)
            style_logits = style_logits.detach().requires_grad_(True)
            terms = objective(x, style_logits, *rest)
            grad_x, grad_s = torch.autograd.grad(terms[0].sum(), [x, style_logits])
        return (*[t.detach() for t in terms], grad_x, grad_s)

    return fn


def example_inputs(objective: RefineObjective, batch: int, continuous: int, embedding: int = 256, seed: int = 0):
    """Random inputs of refine.onnx's shapes in inputs(objective) order (values in their natural ranges)."""
    g = torch.Generator().manual_seed(seed)
    size, d = objective.size, sum(objective.style_sizes)
    emb = torch.randn(1, embedding, generator=g)
    values = {
        'x': torch.rand(batch, continuous, generator=g),
        'style_logits': torch.randn(batch, d, generator=g) * 0.5,
        'beta': torch.tensor([1.0]),
        'photo': torch.rand(1, size, size, 3, generator=g),
        'part_weights': torch.rand(1, size, size, 1, generator=g) + 0.5,
        'target_embedding': emb / emb.norm(),
        'target_landmarks': torch.rand(1, 136, generator=g) * 0.4 + 0.3,
        'target_sex': torch.tensor([-0.8]),
        # not zeros: the traced graph takes photo_dlib as given (export.py adds the branch that computes it)
        'photo_dlib': torch.randn(1, 128, generator=g) * 0.1,
        'loss_weights': torch.ones(len(objective.term_names)),
    }
    return tuple(values[name] for name, _, _ in inputs(objective))
