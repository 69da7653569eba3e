"""dlib's face recognition ResNet (Davis King) as ported to TF.js by face-api, as a readable PyTorch module.

The architecture follows face-api's src/faceRecognitionNet (FaceRecognitionNet.ts, convLayer.ts, residualLayer.ts,
scaleLayer.ts): every convolution is followed by a per-channel affine "scale" layer (dlib's affine_ layer, i.e. a
frozen batch norm). Input (1, 150, 150, 3) NHWC RGB 0..255; inside, NCHW; output a 128-d descriptor.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .tfjs_graph import read_weights

MEAN_RGB = (122.782, 117.001, 104.298)  # face-api's normalisation: (x - mean) / 255


class ConvScale(nn.Module):
    """conv (+bias) -> per-channel x * weight + bias -> optional ReLU; 'same' (stride 1) or 'valid' (stride 2)."""

    def __init__(self, filters: np.ndarray, bias: np.ndarray, scale_w: np.ndarray, scale_b: np.ndarray, down: bool):
        super().__init__()
        self.down = down
        self.weight = nn.Parameter(torch.from_numpy(filters.transpose(3, 2, 0, 1).copy()), requires_grad=False)  # HWIO->OIHW
        self.bias = nn.Parameter(torch.from_numpy(bias.copy()), requires_grad=False)
        self.scale_weight = nn.Parameter(torch.from_numpy(scale_w.reshape(1, -1, 1, 1).copy()), requires_grad=False)
        self.scale_bias = nn.Parameter(torch.from_numpy(scale_b.reshape(1, -1, 1, 1).copy()), requires_grad=False)

    def forward(self, x: torch.Tensor, relu: bool) -> torch.Tensor:  # (1, C, H, W) -> (1, C', H', W')
        k = int(self.weight.shape[-1])
        if self.down:
            y = F.conv2d(x, self.weight, self.bias, stride=2)  # 'valid'
        else:
            y = F.conv2d(x, self.weight, self.bias, stride=1, padding=k // 2)  # 'same' for odd k, stride 1
        y = y * self.scale_weight + self.scale_bias
        return F.relu(y) if relu else y


class Residual(nn.Module):
    """Two 3x3 ConvScales with an identity skip; the 'down' variant halves H, W and may widen C (zero-padded skip)."""

    def __init__(self, conv1: ConvScale, conv2: ConvScale, down: bool):
        super().__init__()
        self.conv1, self.conv2, self.down = conv1, conv2, down

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.conv2(self.conv1(x, relu=True), relu=False)
        if not self.down:
            return F.relu(out + x)
        skip = F.avg_pool2d(x, 2, 2)  # 'valid'
        # face-api appends one zero row (bottom) and one zero column (right) when the strided conv came out smaller
        dh, dw = int(skip.shape[2]) - int(out.shape[2]), int(skip.shape[3]) - int(out.shape[3])
        if dh or dw:
            out = F.pad(out, (0, dw, 0, dh))
        extra = int(out.shape[1]) - int(skip.shape[1])
        if extra:  # wider output: the skip gets zero channels appended
            skip = F.pad(skip, (0, 0, 0, 0, 0, extra))
        return F.relu(skip + out)


class DlibResNet(nn.Module):
    """(1, 150, 150, 3) NHWC RGB 0..255 -> (1, 128) face descriptor."""

    STAGES = [  # (name, downsampling) in face-api's order
        ('conv32_1', False), ('conv32_2', False), ('conv32_3', False),
        ('conv64_down', True), ('conv64_1', False), ('conv64_2', False), ('conv64_3', False),
        ('conv128_down', True), ('conv128_1', False), ('conv128_2', False),
        ('conv256_down', True), ('conv256_1', False), ('conv256_2', False), ('conv256_down_out', True),
    ]  # fmt: skip

    def __init__(self, weights: dict[str, np.ndarray]):
        super().__init__()

        def conv(prefix: str, down: bool) -> ConvScale:
            w = weights
            return ConvScale(
                w[f'{prefix}/conv/filters'], w[f'{prefix}/conv/bias'],
                w[f'{prefix}/scale/weights'], w[f'{prefix}/scale/biases'], down,
            )  # fmt: skip

        self.register_buffer('mean', torch.tensor(MEAN_RGB, dtype=torch.float32).reshape(1, 3, 1, 1))
        self.stem = conv('conv32_down', down=True)
        self.blocks = nn.ModuleList(
            Residual(conv(f'{name}/conv1', down), conv(f'{name}/conv2', False), down) for name, down in self.STAGES
        )
        self.fc = nn.Parameter(torch.from_numpy(weights['fc'].copy()), requires_grad=False)  # (256, 128)

    @classmethod
    def from_face_api(cls, manifest_file: Path) -> 'DlibResNet':
        """Loads face-api's face_recognition_model weights (uint8-quantised manifest + .bin beside it)."""
        manifest = json.loads(Path(manifest_file).read_text())
        return cls(read_weights(manifest, Path(manifest_file).parent))

    def forward(self, image: torch.Tensor) -> tuple[torch.Tensor]:
        x = (image.permute(0, 3, 1, 2) - self.mean) / 255.0  # NHWC 0..255 -> NCHW, face-api's normalisation
        x = self.stem(x, relu=True)  # (1, 32, 72, 72)
        x = F.max_pool2d(x, 3, 2)  # (1, 32, 35, 35), 'valid'
        for block in self.blocks:
            x = block(x)  # ... -> (1, 256, 2, 2)
        return (x.mean((2, 3)) @ self.fc,)  # (1, 128)
