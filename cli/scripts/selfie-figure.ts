/**
 * @file docs/selfie-distance.png: engine characters seen from 100 cm (a portrait) and from 30 cm (a selfie at arm's
 * length, through a phone front camera's 26 mm lens), and the characters the creator makes from the selfie without
 * and with its lens (create/perspective), beside the one it makes from the portrait; columns in that order. Under
 * each created character, the FaceRes cosine of its portrait render to the target's. Usage: npx tsx cli/scripts/selfie-figure.ts OUT.png [SEED...]
 */
import { writeFileSync } from 'node:fs'
import { CharacterCreator, DEFAULT_CREATOR_OPTIONS, rigCodec } from '@facecraft/shared/create'
import { cosine, FaceAnalyzer } from '@facecraft/shared/face'
import { encodePng, type RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { nodeModelSource } from '../src/commands/detect.ts'
import { labelImage } from '../src/commands/create-label.ts'
import { engineV2 as loadEngineV2, lookShader } from '../src/engine-v2.ts'
import { BACKGROUND, engineV2 } from '../src/eval/engines.ts'
import { SYNTHETIC_SEED } from '../src/eval/likeness.ts'
import { embedAll } from '../src/eval/photos.ts'
import { renderFocalLength } from '../src/eval/perspective-field.ts'
import { imageGrid } from '../src/eval/report.ts'

const [out, ...seeds] = process.argv.slice(2)
if (!out) throw new Error('usage: npx tsx cli/scripts/selfie-figure.ts OUT.png [SEED...]')
const picked = seeds.length
  ? seeds.map(Number)
  : [SYNTHETIC_SEED + 2, SYNTHETIC_SEED + 5, SYNTHETIC_SEED + 8, SYNTHETIC_SEED + 11]
const NEAR = 30
const SIZE = 512
const CELL = 192
const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({
  models,
  detectorGrids: DEFAULT_CREATOR_OPTIONS.detectorGrids,
})
const creator = await CharacterCreator.createFromOptions({ models, analyzer })
const ev = engineV2()
const engine = loadEngineV2()
const rig = rigCodec(2)
const FACERES = 'face-embedder-eval'

/** Every `step`-th pixel of `image` from a centred square of `side` (a plain crop and downscale for the sheet). */
function cell(image: RgbaImage): RgbaImage {
  const step = image.width / CELL
  const data = new Uint8ClampedArray(CELL * CELL * 4)
  for (let y = 0; y < CELL; y++)
    for (let x = 0; x < CELL; x++) {
      const s = (Math.floor(y * step) * image.width + Math.floor(x * step)) * 4
      data.set(image.data.subarray(s, s + 4), (y * CELL + x) * 4)
    }
  return { width: CELL, height: CELL, data }
}
const portrait = (c: Character) => ev.render({ x: Float64Array.from(rig.toVector(c)), styles: rig.toStyles(c), detail: c.detail }, SIZE) // prettier-ignore

/** `image` with `text` written across its bottom. */
function labelled(image: RgbaImage, text: string): RgbaImage {
  const label = labelImage([text], CELL, 2)
  const out = { width: image.width, height: image.height, data: image.data.slice() }
  out.data.set(label.data, (image.height - label.height) * image.width * 4)
  return out
}
const rows: RgbaImage[][] = []
for (const seed of picked) {
  const c = ev.character(ev.random(seed)) as Character
  const far = engine.render(c, { size: SIZE, background: BACKGROUND }, lookShader)
  const near = engine.render(c, { size: SIZE, background: BACKGROUND, distance: NEAR }, lookShader)
  const truth = ev.render(ev.random(seed), SIZE)
  const target = (await embedAll(analyzer, { image: truth.image, face: truth }, [FACERES]))[
    FACERES
  ]!
  const faceNear = (await analyzer.detect(near)).faces[0]!
  const faceFar = (await analyzer.detect(far)).faces[0]!
  const made = [
    (await creator.createFromFace(near, faceNear)).character,
    (await creator.createFromFace(near, faceNear, { focalLength35mm: renderFocalLength(NEAR) }))
      .character,
    (await creator.createFromFace(far, faceFar)).character,
  ]
  const renders = made.map(portrait)
  const sims: number[] = []
  for (const r of renders)
    sims.push(
      cosine((await embedAll(analyzer, { image: r.image, face: r }, [FACERES]))[FACERES]!, target)
    )
  rows.push([cell(far), cell(near), ...renders.map((r, k) => labelled(cell(r.image), `faceres ${sims[k]!.toFixed(3)}`))]) // prettier-ignore
  console.log(
    `seed ${seed}: FaceRes no lens ${sims[0]!.toFixed(3)}, lens ${sims[1]!.toFixed(3)}, portrait ${sims[2]!.toFixed(3)}`
  )
}
writeFileSync(out, encodePng(imageGrid(rows)))
console.log(`wrote ${out}`)
await creator.close()
await analyzer.close()
