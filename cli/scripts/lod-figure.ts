/**
 * @file docs/lod-256.png: the PWA's gallery thumbnail (256 px) at full detail beside the engine's level of detail
 * (RenderOptionsV2.lod, which the PWA's thumbnails ask for: engine/v2/lod), for four plausible characters; the
 * third and fourth columns are the eyes of each at 2x (full, then level of detail). Prints each character's mean
 * absolute difference per channel (of 255). Usage: npx tsx cli/scripts/lod-figure.ts OUT.png [SEED...]
 */
import { writeFileSync } from 'node:fs'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { LOD_MAX_SIZE } from '@facecraft/shared/engine-v2'
import { engineV2, lookShader } from '../src/engine-v2.ts'
import { imageGrid } from '../src/eval/report.ts'

const [out, ...seeds] = process.argv.slice(2)
if (!out) throw new Error('usage: npx tsx cli/scripts/lod-figure.ts OUT.png [SEED...]')
const picked = seeds.length ? seeds.map(Number) : [5000, 5001, 5002, 5003]
const SIZE = LOD_MAX_SIZE
const engine = engineV2()

/** `image`'s band around the eyes (rows 0.36-0.50 of the render), enlarged 2x by pixel repetition. */
function eyes(image: RgbaImage): RgbaImage {
  const x0 = Math.round(SIZE * 0.25)
  const y0 = Math.round(SIZE * 0.36)
  const w = SIZE >> 1
  const h = Math.round(SIZE * 0.14)
  const o = createImage(w * 2, SIZE)
  o.data.fill(255)
  const top = (SIZE - h * 2) >> 1
  for (let y = 0; y < h * 2; y++)
    for (let x = 0; x < w * 2; x++) {
      const s = ((y0 + (y >> 1)) * SIZE + x0 + (x >> 1)) * 4
      o.data.set(image.data.subarray(s, s + 4), ((top + y) * o.width + x) * 4)
    }
  return o
}

const rows: RgbaImage[][] = []
for (const seed of picked) {
  const c = randomPlausibleCharacter(seed)
  const options = { size: SIZE, background: [255, 255, 255] as [number, number, number] }
  const full = engine.render(c, options, lookShader)
  const lod = engine.render(c, { ...options, lod: true }, lookShader)
  let d = 0
  for (let i = 0; i < full.data.length; i += 4)
    for (let k = 0; k < 3; k++) d += Math.abs(full.data[i + k]! - lod.data[i + k]!)
  const mad = d / ((full.data.length / 4) * 3)
  console.log(`seed ${seed}: mean absolute difference ${mad.toFixed(2)}`)
  rows.push([full, lod, eyes(full), eyes(lod)])
}
writeFileSync(out, encodePng(imageGrid(rows)))
console.log(`wrote ${out}`)
