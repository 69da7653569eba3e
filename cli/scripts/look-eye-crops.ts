/**
 * @file Eye close-ups for judging the look (issue #8): for a fixed set of random plausible characters (glasses
 * off), the eye region of a 512 px render and of a 128 px render (nearest-upscaled 4x to the same scale), side by
 * side, one character a row. Usage: npx tsx cli/scripts/look-eye-crops.ts OUT.png [seed ...]
 */
import { writeFileSync } from 'node:fs'
import { encodePng } from '@facecraft/shared/image'
import { createImage, type RgbaImage } from '../../shared/src/image/types.ts'
import { randomPlausibleCharacter } from '../../shared/src/rig/v2/index.ts'
import { engineV2, lookShader } from '../src/engine-v2.ts'

const engine = engineV2()
const shader = lookShader
const out = process.argv[2] ?? 'models/.work/look/eyes.png'
const seeds = process.argv.slice(3).map(Number)
if (seeds.length === 0) seeds.push(1, 3, 4, 5, 9, 12, 14, 16)
const BG: [number, number, number] = [232, 232, 232]
const W = 320
const H = 120

/** A W x H crop of `img` centred on (cx, cy), scaled by `scale` (nearest). */
function crop(img: RgbaImage, cx: number, cy: number, scale: number): RgbaImage {
  const o = createImage(W, H)
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, Math.floor(cx + (x - W / 2) / scale)))
      const sy = Math.min(img.height - 1, Math.max(0, Math.floor(cy + (y - H / 2) / scale)))
      o.data.set(
        img.data.subarray((sy * img.width + sx) * 4, (sy * img.width + sx) * 4 + 4),
        (y * W + x) * 4
      )
    }
  return o
}

const rows: RgbaImage[][] = []
for (const seed of seeds) {
  const base = randomPlausibleCharacter(seed)
  const c = { ...base, styles: { ...base.styles, 'glasses.style': 'none' } }
  const pair: RgbaImage[] = []
  for (const size of [512, 128]) {
    const img = engine.render(c, { size, background: BG }, shader)
    const lm = engine.landmarks(c, { size }).ibug68
    let cx = 0
    let cy = 0
    for (let i = 36; i < 48; i++) {
      cx += lm[i * 2]! / 12
      cy += lm[i * 2 + 1]! / 12
    }
    pair.push(crop(img, cx, cy - 6 * (size / 512), (512 / size) * 2.2))
  }
  rows.push(pair)
}
const sheet = createImage(W * 2 + 4, (H + 4) * rows.length)
sheet.data.fill(255)
rows.forEach((pair, r) =>
  pair.forEach((t, k) => {
    for (let y = 0; y < H; y++)
      sheet.data.set(
        t.data.subarray(y * W * 4, (y + 1) * W * 4),
        ((r * (H + 4) + y) * sheet.width + k * (W + 4)) * 4
      )
  })
)
writeFileSync(out, encodePng(sheet))
console.log(`wrote ${out} (${seeds.join(',')})`)
