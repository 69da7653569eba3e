/**
 * @file How much of a character's skin detail the engine's render shows: the detail read from a photo (a difference
 * of sRGB luminance, detail/read), drawn by the engine, measured back on the render. Why: the likeness the detail
 * buys is what a recogniser sees on the render, so the render should carry the photo's detail at the photo's
 * contrast (engine/v2/look/skin.ts DETAIL_LIGHT is set by this script).
 *
 * For each London person (a seeded subset) the creator's character (translator and reads, with its detail) is
 * rendered with and without its detail, and the difference of the two renders' luminance (aligned crop at the read's
 * size, warped to the shape-free frame by the ENGINE's own 68 points, so no landmark noise enters) is regressed on
 * the detail image the engine was asked to draw (detail/basis detailImage), over the skin and nose of the render:
 * - `contrast`: the least-squares slope (1: the render shows the detail as the photo did; the engine's lighting
 *   darkens the face below its albedo, and a detail applied at the albedo's lightness comes out flatter),
 * - `corr`: how well the drawn detail follows the asked one (registration, filtering),
 * - `read_gain`: the same slope through the creator's own read (band-pass and all), which a band-pass applied twice
 *   lowers even for a perfect render: what `readSkinDetail` gives back of its own weights, for reference.
 * Usage (repository root): npx tsx cli/scripts/detail-roundtrip.ts [--people 40] [--size 512]
 */
import { parseArgs } from 'node:util'
import { CharacterCreator, readSkinDetail } from '@facecraft/shared/create'
import { alignmentFor, FaceAnalyzer, type Face } from '@facecraft/shared/face'
import {
  alignedPoints,
  boxAverage,
  DETAIL_LABELS,
  detailImage,
  luminance,
  READ_SIZE,
  toShapeFree,
} from '@facecraft/shared/detail'
import type { RgbaImage } from '@facecraft/shared/image'
import { engineParams } from '../src/commands/create-render.ts'
import { nodeModelSource } from '../src/commands/detect.ts'
import { skinDetailBasis } from '../src/engine-v2.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { londonPeople, seededSubset } from '../src/eval/london.ts'
import { analysePhoto } from '../src/eval/photos.ts'

const { values: args } = parseArgs({
  options: { people: { type: 'string', default: '40' }, size: { type: 'string', default: '512' } },
})
const SIZE = Number(args.size)

const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const basis = skinDetailBasis()
const creator = await CharacterCreator.createFromOptions({ models, analyzer, skinDetail: basis })
const engine = engineV2()
const n = basis.size

/** A render's luminance in the shape-free frame at the basis's size, placed by `face` (engine points). */
function freeLuminance(image: RgbaImage, face: Face): Float32Array {
  const lum = luminance(analyzer.alignedCrop(image, face, READ_SIZE).data)
  return boxAverage(toShapeFree(lum, READ_SIZE, alignedPoints(face)), READ_SIZE, n)
}

/** Least-squares slope of y on x over `at`, and their correlation. */
function fit(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  at: Iterable<number>
): { slope: number; corr: number } {
  let xy = 0
  let xx = 0
  let yy = 0
  for (const i of at) {
    xy += x[i]! * y[i]!
    xx += x[i]! * x[i]!
    yy += y[i]! * y[i]!
  }
  return { slope: xy / xx, corr: xy / Math.sqrt(xx * yy) }
}

const rows: { contrast: number; corr: number; read: number }[] = []
for (const p of seededSubset(londonPeople(), Number(args.people), 1)) {
  const photo = await analysePhoto(analyzer, p.neutral)
  const { character } = await creator.createFromFace(photo.image, photo.face)
  const male = character.sliders['who.gender']!
  const drawn = engine.render(engineParams(character), SIZE)
  const bare = engine.render(engineParams({ ...character, detail: undefined }), SIZE).image
  // the render's own face (for its mesh: the part labels), placed by the engine's exact points
  const seen = (await analyzer.detect(drawn.image)).faces[0]
  if (!seen) throw new Error(`${p.person}: no face found on the render`)
  const face = { ...seen, ibug68: drawn.ibug68, alignToImage: alignmentFor(drawn.ibug68) }
  const labels = analyzer.partLabels(drawn.image, face, READ_SIZE).labels
  const skin = boxAverage(
    toShapeFree(
      Float32Array.from(labels, (l) => (DETAIL_LABELS.includes(l) ? 1 : 0)),
      READ_SIZE,
      alignedPoints(face)
    ),
    READ_SIZE,
    n
  )
  const at = Array.from(basis.pixels).filter((i) => skin[i]! > 0.99)
  const asked = detailImage(basis, character.detail!.weights, male)
  const a = freeLuminance(drawn.image, face)
  const b = freeLuminance(bare, face)
  const shown = fit(
    a.map((v, i) => v - b[i]!),
    asked,
    at
  )
  // through the creator's read: weights back from the two renders, against the weights drawn
  const w = character.detail!.weights
  const wa = readSkinDetail(analyzer, drawn.image, face, basis, male).weights
  const wb = readSkinDetail(analyzer, bare, face, basis, male).weights
  const read = fit(
    wa.map((v, i) => v - wb[i]!),
    w,
    w.keys()
  )
  rows.push({ contrast: shown.slope, corr: shown.corr, read: read.slope })
  process.stderr.write(
    `${p.person}: contrast ${shown.slope.toFixed(3)} corr ${shown.corr.toFixed(3)} read ${read.slope.toFixed(3)}\n`
  )
}
/** The `q` quantile of column `k` over the people. */
const quantile = (k: keyof (typeof rows)[0], q: number) => {
  const v = rows.map((r) => r[k]).sort((x, y) => x - y)
  return +v[Math.floor(q * v.length)]!.toFixed(4)
}
console.log(
  JSON.stringify({
    people: rows.length,
    size: SIZE,
    contrast: { median: quantile('contrast', 0.5), p10: quantile('contrast', 0.1) },
    corr: quantile('corr', 0.5),
    read_gain: quantile('read', 0.5),
  })
)
await creator.close()
await analyzer.close()
