/**
 * @file Draws the app icons (public/icons/*.png): a head over three editor sliders on the app's night purple.
 * Run `npm run icons -w @facecraft/pwa` after changing the design; the PNGs are committed.
 * Shapes are signed-distance tests, 4x4 supersampled for smooth edges. Coordinates are in [0, 1] of the icon.
 */
import { writeFileSync } from 'node:fs'
import { encodePng } from '@facecraft/shared/image'

type Rgb = [number, number, number]
const BG_TOP: Rgb = [58, 48, 102]
const BG_BOTTOM: Rgb = [29, 27, 46]
const SKIN: Rgb = [236, 190, 150]
const HAIR: Rgb = [64, 40, 30]
const ACCENT: Rgb = [255, 179, 71]
const TRACK: Rgb = [110, 100, 160]
const EYE: Rgb = [40, 30, 50]

/** Colour at (x, y) for an icon whose artwork is scaled by `s` around the centre (maskable icons need margin). */
function shade(
  x: number,
  y: number,
  s: number,
  rounded: boolean
): [number, number, number, number] {
  if (rounded && !insideRoundedSquare(x, y, 0.2)) return [0, 0, 0, 0]
  const u = (x - 0.5) / s + 0.5
  const v = (y - 0.5) / s + 0.5
  let c: Rgb = BG_TOP.map((t, i) => t + (BG_BOTTOM[i]! - t) * y) as Rgb
  const head = ((u - 0.5) / 0.2) ** 2 + ((v - 0.38) / 0.25) ** 2
  if (head < 1) c = SKIN
  const hair = ((u - 0.5) / 0.215) ** 2 + ((v - 0.3) / 0.2) ** 2
  if (hair < 1 && v < 0.3 + 0.03 * Math.cos((u - 0.5) * 30)) c = HAIR
  for (const ex of [0.43, 0.57]) if ((u - ex) ** 2 + (v - 0.4) ** 2 < 0.022 ** 2) c = EYE
  // A smile: a ring segment below the eyes.
  const smile = Math.hypot(u - 0.5, v - 0.43)
  if (Math.abs(smile - 0.075) < 0.011 && v > 0.475) c = [200, 110, 100]
  for (const [row, knob] of [
    [0.72, 0.35],
    [0.8, 0.62],
    [0.88, 0.48],
  ] as const) {
    if (Math.abs(v - row) < 0.014 && u > 0.25 && u < 0.75) c = u < knob ? ACCENT : TRACK
    if ((u - knob) ** 2 + (v - row) ** 2 < 0.032 ** 2) c = [255, 255, 255]
  }
  return [c[0], c[1], c[2], 255]
}

function insideRoundedSquare(x: number, y: number, r: number): boolean {
  const dx = Math.max(r - x, x - (1 - r), 0)
  const dy = Math.max(r - y, y - (1 - r), 0)
  return dx * dx + dy * dy <= r * r
}

function draw(size: number, scale: number, rounded: boolean): Uint8Array {
  const data = new Uint8ClampedArray(size * size * 4)
  const n = 4
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0]
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const p = shade((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size, scale, rounded)
          for (let k = 0; k < 3; k++) sum[k]! += p[k]! * p[3]!
          sum[3]! += p[3]!
        }
      }
      const o = (x + y * size) * 4
      const alpha = sum[3]! / (n * n)
      for (let k = 0; k < 3; k++) data[o + k] = alpha ? sum[k]! / sum[3]! : 0
      data[o + 3] = alpha
    }
  }
  return encodePng({ width: size, height: size, data })
}

const out = new URL('../public/icons/', import.meta.url)
writeFileSync(new URL('icon-192.png', out), draw(192, 1, true))
writeFileSync(new URL('icon-512.png', out), draw(512, 1, true))
// Maskable: full-bleed background, artwork inside the central 80% safe zone.
writeFileSync(new URL('icon-maskable-512.png', out), draw(512, 0.78, false))
console.log('wrote public/icons/icon-192.png, icon-512.png, icon-maskable-512.png')
