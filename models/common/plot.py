"""Loss curves as a PNG without matplotlib: log-y line plots with a 5x7 pixel font for labels."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from .png import write_png

# 5x7 glyphs, one string of 7 rows of 5 bits per character (1 = ink)
_FONT = {
    '0': '01110100011001110101110011000101110', '1': '00100011000010000100001000010001110',
    '2': '01110100010000100010001000100011111', '3': '11111000100010000010000011000101110',
    '4': '00010001100101010010111110001000010', '5': '11111100001111000001000011000101110',
    '6': '00110010001000011110100011000101110', '7': '11111000010001000100010000100001000',
    '8': '01110100011000101110100011000101110', '9': '01110100011000101111000010001001100',
    '.': '00000000000000000000000000110001100', '-': '00000000000000011111000000000000000',
    ':': '00000011000110000000011000110000000', '/': '00000000010001000100010001000000000',
    ' ': '0' * 35, '=': '00000000001111100000111110000000000', '+': '00000001000010011111001000010000000',
    'e': '00000000000111010001111111000001110', 'a': '00000000000111000001011111000101111',
    'b': '10000100001011011001100011000111110', 'c': '00000000000111010000100001000101110',
    'd': '00001000010110110011100011000101111', 'f': '00110010010100011100010000100001000',
    'g': '00000011111000110001011110000101110', 'h': '10000100001011011001100011000110001',
    'i': '00100000000110000100001000010001110', 'k': '10000100001001010100110001010010010',
    'l': '01100001000010000100001000010001110', 'm': '00000000001101010101101011000110001',
    'n': '00000000001011011001100011000110001', 'o': '00000000000111010001100011000101110',
    'p': '00000000001111010001111101000010000', 'r': '00000000001011011001100001000010000',
    's': '00000000000111010000011100000111110', 't': '01000010001110001000010000100100110',
    'u': '00000000001000110001100011001101101', 'v': '00000000001000110001100010101000100',
    'w': '00000000001000110001101011010101010', 'x': '00000000001000101010001000101010001',
    'y': '00000000001000110001011110000101110', 'z': '00000000001111100010001000100011111',
}  # fmt: skip
COLOURS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75)]


def draw_text(img: np.ndarray, x: int, y: int, text: str, colour=(0, 0, 0), scale: int = 1) -> None:
    """Draws `text` (lower case, digits, . - : / = +) with its top-left corner at (x, y)."""
    for k, ch in enumerate(text.lower()):
        bits = _FONT.get(ch, _FONT[' '])
        for r in range(7):
            for c in range(5):
                if bits[r * 5 + c] == '1':
                    yy, xx = y + r * scale, x + (k * 6 + c) * scale
                    img[yy : yy + scale, xx : xx + scale] = colour


def _line(img: np.ndarray, x0: float, y0: float, x1: float, y1: float, colour) -> None:
    n = int(max(abs(x1 - x0), abs(y1 - y0)) * 2) + 1
    xs = np.clip(np.round(np.linspace(x0, x1, n)).astype(int), 0, img.shape[1] - 1)
    ys = np.clip(np.round(np.linspace(y0, y1, n)).astype(int), 0, img.shape[0] - 1)
    img[ys, xs] = colour
    img[np.clip(ys + 1, 0, img.shape[0] - 1), xs] = colour  # 2 px thick


def plot_panels(path: Path, panels: list[dict], width: int = 420, height: int = 260) -> None:
    """One log-y panel per dict {title, series: {name: (steps, values)}}, side by side, written as a PNG."""
    margin_l, margin_b, margin_t, margin_r = 52, 22, 22, 10
    img = np.full((height, width * len(panels), 3), 255, np.uint8)
    for p, panel in enumerate(panels):
        ox = p * width
        series = {k: (np.asarray(s, float), np.asarray(v, float)) for k, (s, v) in panel['series'].items() if len(s)}
        values = np.concatenate([v[np.isfinite(v) & (v > 0)] for _, v in series.values()] or [np.array([1.0])])
        steps = np.concatenate([s for s, _ in series.values()] or [np.array([0.0, 1.0])])
        lo, hi = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
        hi = max(hi, lo + 1)
        x_max = max(steps.max(), 1.0)
        pw, ph = width - margin_l - margin_r, height - margin_t - margin_b

        def to_px(s, v):
            return ox + margin_l + s / x_max * pw, margin_t + (hi - np.log10(v)) / (hi - lo) * ph

        for d in range(lo, hi + 1):  # decade grid lines and labels
            _, y = to_px(0, 10.0**d)
            img[int(y), ox + margin_l : ox + width - margin_r] = (220, 220, 220)
            draw_text(img, ox + 4, int(y) - 3, f'1e{d}')
        img[margin_t : margin_t + ph + 1, ox + margin_l] = 0
        img[margin_t + ph, ox + margin_l : ox + width - margin_r] = 0
        draw_text(img, ox + margin_l, 6, panel['title'])
        draw_text(img, ox + width - margin_r - 6 * len(f'{int(x_max)} it'), height - 14, f'{int(x_max)} it')
        draw_text(img, ox + margin_l, height - 14, '0')
        for k, (name, (s, v)) in enumerate(series.items()):
            colour = COLOURS[k % len(COLOURS)]
            ok = np.isfinite(v) & (v > 0)
            px, py = to_px(s[ok], v[ok])
            for i in range(len(px) - 1):
                _line(img, px[i], py[i], px[i + 1], py[i + 1], colour)
            lx = ox + width - margin_r - 96
            ly = margin_t + 6 + 11 * k
            img[ly + 2 : ly + 5, lx : lx + 10] = colour
            draw_text(img, lx + 14, ly, name, colour)
    write_png(path, img)
