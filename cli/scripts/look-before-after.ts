/**
 * @file A before/after contact sheet of a look change (issue #8): for each seed, the face of a 256 px render
 * (the size `eval engine` judges) and a close-up of the eyes and mouth from a 768 px render, before (top rows)
 * and after (bottom rows). The renders come from `facecraft render` run in the two trees:
 *   for s in SEEDS; do npx facecraft render --engine 2 --random $s --size 256 --out DIR/$s.png
 *                      npx facecraft render --engine 2 --random $s --size 768 --out DIR/L$s.png; done
 * Usage: npx tsx cli/scripts/look-before-after.ts BEFORE_DIR AFTER_DIR OUT.png SEED...
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeImage } from '@facecraft/shared/decode'
import { encodePng } from '@facecraft/shared/image'
import { createImage, type RgbaImage } from '../../shared/src/image/types.ts'
import { imageGrid } from '../src/eval/report.ts'

const [before, after, out, ...seeds] = process.argv.slice(2)
if (!before || !after || !out || seeds.length === 0)
  throw new Error('usage: look-before-after.ts BEFORE_DIR AFTER_DIR OUT.png SEED...')
const T = 160 // tile side
const GAP = 4

/** A T x T tile: the square of `img` at (x0, y0) of side `side`, resampled (nearest) to T. */
function tile(img: RgbaImage, x0: number, y0: number, side: number): RgbaImage {
  const t = createImage(T, T)
  for (let y = 0; y < T; y++)
    for (let x = 0; x < T; x++) {
      const sx = Math.min(img.width - 1, x0 + Math.floor((x * side) / T))
      const sy = Math.min(img.height - 1, y0 + Math.floor((y * side) / T))
      const i = (sy * img.width + sx) * 4
      const o = (y * T + x) * 4
      // Transparent background over white.
      const a = img.data[i + 3]! / 255
      for (let c = 0; c < 3; c++) t.data[o + c] = Math.round(img.data[i + c]! * a + 255 * (1 - a))
      t.data[o + 3] = 255
    }
  return t
}

const read = (dir: string, name: string) =>
  decodeImage(new Uint8Array(readFileSync(join(dir, name)))).image
const rows: RgbaImage[][] = [[], [], [], []]
for (const s of seeds) {
  rows[0]!.push(tile(read(before, `${s}.png`), 38, 30, 180))
  rows[1]!.push(tile(read(after, `${s}.png`), 38, 30, 180))
  rows[2]!.push(tile(read(before, `L${s}.png`), 249, 294, 270))
  rows[3]!.push(tile(read(after, `L${s}.png`), 249, 294, 270))
}
const sheet = imageGrid(rows, GAP)
writeFileSync(out, encodePng(sheet))
console.log(`wrote ${out}`)
