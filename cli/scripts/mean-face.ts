/**
 * @file The mean face of the TRAIN photos beside the mean face of the characters created from them: what separates
 * renders from photos on average (issue #8's photo gap), where a recogniser looks. For every Nth photo of
 * ../shared/faces/canada and pixabay (train split; London is never read), the aligned 128 px crop of the photo and of
 * the front render of `facecraft create`'s character (as `eval likeness` renders it: 512 px, studio backdrop), both
 * in the canonical frame (create/targets.ts refineTargets). Writes one PNG: mean photo | mean render |
 * 128 + 2 x (render - photo), each mean taken only where the photo has pixels (tight crops leave the frame's edges
 * black), shown at 2x. Prints the regional means (sRGB average, photo / render).
 * Usage: nice -n 10 npx tsx cli/scripts/mean-face.ts [--n 120] [--out docs/mean-face.png]   (about 2 minutes)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { CharacterCreator, refineTargets } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { createImage, encodePng } from '@facecraft/shared/image'
import { characterToStyleIndicesV2, characterToVectorV2 } from '@facecraft/shared/rig-v2'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { facesDir } from '../src/eval/london.ts'

const { values } = parseArgs({ options: { n: { type: 'string', default: '120' }, out: { type: 'string', default: 'mean-face.png' } } }) // prettier-ignore
const N = Number(values.n)
const S = 128
const ZOOM = 2
const models = await nodeModelSource()
const creator = await CharacterCreator.createFromOptions({ models })
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const engine = engineV2()
const photos = (set: string) =>
  readdirSync(`${facesDir()}/${set}`)
    .filter((f) => f.endsWith('.jpg'))
    .map((f) => `${set}/${f}`)
const files = [...photos('canada'), ...photos('pixabay')]
const sum = { photo: new Float64Array(S * S * 3), render: new Float64Array(S * S * 3) }
const seen = new Float64Array(S * S)
let n = 0
for (let i = 0; i < files.length && n < N; i += Math.max(1, Math.floor(files.length / N))) {
  const { image } = decodeImage(new Uint8Array(readFileSync(`${facesDir()}/${files[i]}`)))
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) continue
  const photo = (await refineTargets(analyzer, image, face, S)).photo
  const made = await creator.create(image).catch(() => null) // a photo the creator turns down is skipped
  if (!made) continue
  const c = made.character as Parameters<typeof characterToVectorV2>[0]
  const params = {
    x: Float64Array.from(characterToVectorV2(c)),
    styles: characterToStyleIndicesV2(c),
  }
  const r = engine.render(params, 512)
  const rf = (await analyzer.detect(r.image)).faces[0]
  if (!rf) continue
  const render = (await refineTargets(analyzer, r.image, rf, S)).photo
  for (let p = 0; p < S * S; p++) {
    if (photo[p * 3]! + photo[p * 3 + 1]! + photo[p * 3 + 2]! < 0.02) continue // outside the photo
    seen[p] = seen[p]! + 1
    for (let k = 0; k < 3; k++) {
      sum.photo[p * 3 + k] = sum.photo[p * 3 + k]! + 255 * photo[p * 3 + k]!
      sum.render[p * 3 + k] = sum.render[p * 3 + k]! + 255 * render[p * 3 + k]!
    }
  }
  n++
}

const figure = createImage(S * 3 * ZOOM, S * ZOOM)
for (let y = 0; y < S * ZOOM; y++)
  for (let x = 0; x < S * ZOOM; x++) {
    const p = Math.floor(y / ZOOM) * S + Math.floor(x / ZOOM)
    const count = Math.max(1, seen[p]!)
    for (let k = 0; k < 3; k++) {
      const a = sum.photo[p * 3 + k]! / count
      const b = sum.render[p * 3 + k]! / count
      const row = y * figure.width
      figure.data[(row + x) * 4 + k] = a
      figure.data[(row + x + S * ZOOM) * 4 + k] = b
      figure.data[(row + x + 2 * S * ZOOM) * 4 + k] = 128 + 2 * (b - a)
    }
    for (let t = 0; t < 3; t++) figure.data[(y * figure.width + x + t * S * ZOOM) * 4 + 3] = 255
  }
writeFileSync(values.out, encodePng(figure))

/** Photo / render mean over a box of the frame (unit coordinates), photo pixels only. */
function region(x0: number, x1: number, y0: number, y1: number): string {
  let a = 0,
    b = 0,
    m = 0
  for (let y = Math.round(y0 * S); y < y1 * S; y++)
    for (let x = Math.round(x0 * S); x < x1 * S; x++) {
      const p = y * S + x
      for (let k = 0; k < 3; k++) {
        a += sum.photo[p * 3 + k]!
        b += sum.render[p * 3 + k]!
      }
      m += 3 * seen[p]!
    }
  return `${(a / m).toFixed(0)} / ${(b / m).toFixed(0)}`
}
console.log(`${values.out}: ${n} train photos and their characters`)
console.log(`photo / render means: forehead ${region(0.35, 0.65, 0.05, 0.2)}, eyes ${region(0.25, 0.75, 0.3, 0.45)}, cheeks ${region(0.2, 0.35, 0.5, 0.7)}, mouth ${region(0.4, 0.6, 0.72, 0.82)}, chin ${region(0.4, 0.6, 0.88, 0.98)}`) // prettier-ignore
