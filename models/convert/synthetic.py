"""Deterministic synthetic face-like RGB images; bit-identical to synthetic.ts (integer arithmetic only)."""
from __future__ import annotations

import numpy as np

M32 = 0xFFFFFFFF


def _hash(x: int, y: int, c: int, seed: int) -> int:
    h = ((x * 73856093) & M32) ^ ((y * 19349663) & M32) ^ ((c * 83492791) & M32) ^ (seed & M32)
    h = ((h ^ (h >> 16)) * 0x45D9F3B) & M32
    h = ((h ^ (h >> 16)) * 0x45D9F3B) & M32
    return (h ^ (h >> 16)) & M32


def synthetic_image(size: int, seed: int) -> np.ndarray:
    """A (size, size, 3) uint8 image: blocky noise background, a shaded skin ellipse, two eyes, a mouth."""
    out = np.zeros((size, size, 3), dtype=np.uint8)
    cx, cy = size // 2, size * 52 // 100
    rx, ry = size * 30 // 100, size * 38 // 100
    eye_dx, eye_y = size * 12 // 100, cy - size * 8 // 100
    eye_r = max(1, size // 20)
    mouth_y = cy + size * 18 // 100
    skin = (200, 160, 130)
    for y in range(size):
        for x in range(size):
            dx, dy = x - cx, y - cy
            in_face = dx * dx * ry * ry + dy * dy * rx * rx <= rx * rx * ry * ry
            in_eye = any((x - ex) ** 2 + (y - eye_y) ** 2 <= eye_r * eye_r for ex in (cx - eye_dx, cx + eye_dx))
            in_mouth = abs(dx) <= rx // 2 and abs(y - mouth_y) <= eye_r
            for c in range(3):
                v = 64 + (_hash(x >> 3, y >> 3, c, seed) & 127)
                if in_face:
                    v = skin[c] - (x + y) * 40 // (2 * size)
                if in_face and in_eye:
                    v = 40
                if in_face and in_mouth:
                    v = 170 if c == 0 else 60
                out[y, x, c] = v
    return out
