/**
 * @file London as if its second photos came from another session: a person-folder set for `eval likeness --photos`
 * whose first photo is the person's NEUTRAL photo (the creation photo, unchanged) and whose second is the SMILING
 * photo changed as another session would change it. Why: London's two photos share one studio light and camera, so
 * whatever the creator copies from the photo (skin detail, most of all) is favoured; a change that keeps the person
 * and moves the rest says how much of a gain is the person's.
 * - `mirror`: the smiling photo flipped left to right: the light and the face's own asymmetries (moles, a crooked
 *   crease) move to the other side; only what is symmetric in the person still matches.
 * - `relit`: the light from one side (linear light x 0.45 on the left to x 1.45 on the right; x 0.75 to 1.15 across
 *   the face), a warmer white balance and a softer camera (a 3-tap blur): another room and lens, the same face.
 * Usage (repository root): npx tsx cli/scripts/photo-variants.ts --variant mirror|relit --out DIR
 * then: npx facecraft eval likeness --photos DIR ...
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeImage } from '@facecraft/shared/decode'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'
import { facesDir } from '../src/eval/london.ts'
import { mirrored } from '../src/eval/photos.ts'

const { values } = parseArgs({
  options: { variant: { type: 'string', default: 'mirror' }, out: { type: 'string' } },
})
if (!values.out || !['mirror', 'relit'].includes(values.variant!))
  throw new Error('Usage: photo-variants.ts --variant mirror|relit --out DIR')

const toLinear = (v: number) => Math.pow(v / 255, 2.2)
const toByte = (v: number) => Math.round(255 * Math.pow(Math.min(1, Math.max(0, v)), 1 / 2.2))

function relit(image: RgbaImage): RgbaImage {
  const { width: w, height: h } = image
  const lit = createImage(w, h)
  const balance = [1.08, 1, 0.86]
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const light = 0.45 + x / (w - 1)
      const o = (y * w + x) * 4
      for (let c = 0; c < 3; c++)
        lit.data[o + c] = toByte(toLinear(image.data[o + c]!) * light * balance[c]!)
      lit.data[o + 3] = 255
    }
  // a softer lens: [1 2 1] / 4 across and down
  const out = createImage(w, h)
  const at = (x: number, y: number, c: number) =>
    lit.data[(Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))) * 4 + c]!
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 4; c++) {
        let s = 0
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++)
            s += (2 - Math.abs(dx)) * (2 - Math.abs(dy)) * at(x + dx, y + dy, c)
        out.data[(y * w + x) * 4 + c] = Math.round(s / 16)
      }
  return out
}

const london = join(facesDir(), 'london')
const change = values.variant === 'mirror' ? mirrored : relit
let n = 0
for (const file of readdirSync(join(london, 'neutral'))
  .filter((f) => f.endsWith('.jpg'))
  .sort()) {
  const person = join(values.out, file.replace('.jpg', ''))
  mkdirSync(person, { recursive: true })
  copyFileSync(join(london, 'neutral', file), join(person, 'a-neutral.jpg'))
  const { image } = decodeImage(new Uint8Array(readFileSync(join(london, 'smiling', file))))
  writeFileSync(join(person, `b-smiling-${values.variant}.png`), encodePng(change(image)))
  n++
}
console.log(`wrote ${n} people to ${values.out} (neutral photo, smiling photo ${values.variant})`)
