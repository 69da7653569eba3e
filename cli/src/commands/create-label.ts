/**
 * @module cli/commands/create-label — a 3x5 pixel font, just enough to print "faceres 0.512" and "dlib 0.915"
 * under the panels of `create --compare` (the CLI has no text renderer; the labels are the point of the sheet).
 */
import { createImage, type RgbaImage } from '@facecraft/shared/image'

/** Glyph rows, 3 bits each (top to bottom), for the characters the labels use. */
const GLYPHS: Record<string, number[]> = {
  '0': [7, 5, 5, 5, 7], '1': [2, 6, 2, 2, 7], '2': [7, 1, 7, 4, 7], '3': [7, 1, 7, 1, 7], '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7], '6': [7, 4, 7, 5, 7], '7': [7, 1, 1, 1, 1], '8': [7, 5, 7, 5, 7], '9': [7, 5, 7, 1, 7],
  '.': [0, 0, 0, 0, 2], '-': [0, 0, 7, 0, 0], ' ': [0, 0, 0, 0, 0], a: [0, 7, 1, 7, 7], b: [4, 4, 7, 5, 7],
  c: [0, 7, 4, 4, 7], d: [1, 1, 7, 5, 7], e: [7, 5, 7, 4, 7], f: [3, 4, 6, 4, 4], i: [2, 0, 2, 2, 2],
  l: [2, 2, 2, 2, 3], n: [0, 6, 5, 5, 5], r: [0, 7, 4, 4, 4], s: [7, 4, 7, 1, 7], o: [0, 7, 5, 5, 7],
  t: [2, 7, 2, 2, 3], p: [7, 5, 7, 4, 4], h: [4, 4, 7, 5, 5], u: [0, 5, 5, 5, 7], m: [0, 7, 7, 5, 5],
} // prettier-ignore

/** `lines` of text drawn black on white, `scale` px per font pixel, in an image `width` wide. */
export function labelImage(lines: string[], width: number, scale = 3): RgbaImage {
  const lineHeight = 7 * scale
  const out = createImage(width, lines.length * lineHeight + 2 * scale)
  out.data.fill(255)
  lines.forEach((line, row) => {
    ;[...line.toLowerCase()].forEach((ch, col) => {
      const glyph = GLYPHS[ch] ?? GLYPHS[' ']!
      glyph.forEach((bits, gy) => {
        for (let gx = 0; gx < 3; gx++) {
          if (!((bits >> (2 - gx)) & 1)) continue
          const x0 = scale * (1 + col * 4 + gx)
          const y0 = scale * (1 + row * 7 + gy)
          for (let y = y0; y < y0 + scale; y++)
            for (let x = x0; x < Math.min(width, x0 + scale); x++) out.data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3)
        }
      })
    })
  })
  return out
} // prettier-ignore
