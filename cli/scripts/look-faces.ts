/**
 * @file Face crops of random plausible characters under variants (tuning aid for the look, issue #8): one row
 * per seed, one column per variant, each the face of a 256 px render (square around the 68 landmarks).
 * Variants: VARIANTS='name:json;...' where json is a partial Character ({"sliders":{...}}); 'as drawn' first.
 * ROWS='json;json' gives one row per partial Character (applied before the variant) on the first SEED.
 * Usage: npx tsx cli/scripts/look-faces.ts OUT.png SEED...
 */
import { writeFileSync } from 'node:fs'
import { encodePng } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { createImage } from '../../shared/src/image/types.ts'
import { randomPlausibleCharacter } from '../../shared/src/rig/v2/index.ts'
import { engineV2, lookShader } from '../src/engine-v2.ts'

const engine = engineV2()
const shader = lookShader
const out = process.argv[2] ?? 'models/.work/look/faces.png'
let seeds = process.argv.slice(3).map(Number)
const rowParts = (process.env.ROWS ?? '')
  .split(';')
  .filter(Boolean)
  .map((j) => JSON.parse(j) as Partial<Character>)
if (rowParts.length) seeds = rowParts.map(() => seeds[0]!)
const SIZE = Number(process.env.SIZE ?? 256)
const T = 200
const variants: [string, Partial<Character>][] = [['as drawn', {}]]
for (const v of (process.env.VARIANTS ?? '').split(';').filter(Boolean)) {
  const k = v.indexOf(':')
  variants.push([v.slice(0, k), JSON.parse(v.slice(k + 1)) as Partial<Character>])
}
function merge(c: Character, p: Partial<Character>): Character {
  return {
    ...c,
    sliders: { ...c.sliders, ...(p.sliders ?? {}) },
    colors: { ...c.colors, ...(p.colors ?? {}) },
    styles: { ...c.styles, ...(p.styles ?? {}) },
  }
}
const sheet = createImage((T + 4) * variants.length, (T + 4) * seeds.length)
sheet.data.fill(255)
seeds.forEach((seed, r) => {
  const base = merge(randomPlausibleCharacter(seed), rowParts[r] ?? {})
  variants.forEach(([, p], k) => {
    const c = merge(base, p)
    const img = engine.render(c, { size: SIZE, background: [232, 232, 232] }, shader)
    const lm = engine.landmarks(c, { size: SIZE }).ibug68
    let x0 = 1e9,
      x1 = -1e9,
      y0 = 1e9,
      y1 = -1e9
    for (let i = 0; i < 68; i++) {
      x0 = Math.min(x0, lm[i * 2]!)
      x1 = Math.max(x1, lm[i * 2]!)
      y0 = Math.min(y0, lm[i * 2 + 1]!)
      y1 = Math.max(y1, lm[i * 2 + 1]!)
    }
    const side = Math.max(x1 - x0, y1 - y0) * 1.15
    const cx = (x0 + x1) / 2,
      cy = (y0 + y1) / 2 - side * 0.08
    for (let y = 0; y < T; y++)
      for (let x = 0; x < T; x++) {
        const sx = Math.min(img.width - 1, Math.max(0, Math.floor(cx - side / 2 + (x * side) / T)))
        const sy = Math.min(img.height - 1, Math.max(0, Math.floor(cy - side / 2 + (y * side) / T)))
        const i = (sy * img.width + sx) * 4
        const o = ((r * (T + 4) + y) * sheet.width + k * (T + 4) + x) * 4
        sheet.data[o] = img.data[i]!
        sheet.data[o + 1] = img.data[i + 1]!
        sheet.data[o + 2] = img.data[i + 2]!
        sheet.data[o + 3] = 255
      }
  })
})
writeFileSync(out, encodePng(sheet))
console.log(`wrote ${out}: ${variants.map((v) => v[0]).join(' | ')}`)
