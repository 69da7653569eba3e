/**
 * @file How faithfully a character carries its photo's skin detail, band by band, from the read to the render
 * (issue #10 diagnostic; docs/likeness.md "Session 52"). For London people (a seeded subset) the creator's
 * character (translator or `--method refined`) is rendered from the front with and without its detail, and each
 * image's band (`--band fine`: 0-3 px, `mid`: 3-8 px, at the read's 224 px) is taken in the shape-free frame the
 * detail lives in (detail/read faceDetail: skin and nose only). Correlation with the photo's own band (the
 * person's truth), and RMS against it, over the pixels all of them cover:
 * - `stored`: the image the engine is asked to draw (its layer: weights, residual, octave; sharpened) — what
 *   the saved character holds;
 * - `drawn (exact)`: the render with its detail minus without it, read back through the engine's own 68 points —
 *   what drawing it on the head keeps; `vs stored`: the same against the stored image instead of the photo;
 * - `drawn (FaceMesh)`: the same through the points FaceMesh finds on the render (as a recogniser would see it);
 * - `render (FaceMesh)`: the render's whole band, the engine's own shading included.
 * Usage (repository root): npx tsx cli/scripts/detail-fidelity.ts [--people 30] [--method translator|refined]
 *   [--band fine|mid]
 */
import { parseArgs } from 'node:util'
import { characterFromVectorV2 } from '@facecraft/shared/rig-v2'
import {
  alignedPoints,
  FINE_BAND,
  faceDetail,
  gaussianBlur,
  MID_BAND,
  READ_SIZE,
  type DetailSource,
} from '@facecraft/shared/detail'
import type { Face } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import { engineV2 as loadEngineV2 } from '../src/engine-v2.ts'
import { analysePhoto } from '../src/eval/photos.ts'
import { openLondonStudy } from './london-study.ts'

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '30' },
    method: { type: 'string', default: 'translator' },
    band: { type: 'string', default: 'fine' },
  },
})
if (args.band !== 'fine' && args.band !== 'mid') throw new Error('--band is fine or mid.')
const BAND = args.band === 'fine' ? FINE_BAND : MID_BAND
const S = READ_SIZE
const { models, analyzer, engine, method, people } = await openLondonStudy(args)
// the engine behind the study's, for the layer it is asked to draw (Engine.appearance)
const layers = loadEngineV2()

/** What detail is read from in `image`: its aligned crop, part labels and (by default `face`'s) points. */
function source(image: RgbaImage, face: Face, points = alignedPoints(face)): DetailSource {
  return {
    crop: analyzer.alignedCrop(image, face, S).data,
    labels: analyzer.partLabels(image, face, S).labels,
    points,
  }
}

/** The band of an image already in the shape-free frame (the stored layer): its blurs' difference. */
function bandOf(image: Float32Array): Float32Array {
  const sharp = BAND[0] > 0 ? gaussianBlur(image, S, BAND[0]) : image
  const blur = gaussianBlur(image, S, BAND[1])
  return sharp.map((v, i) => v - blur[i]!)
}

const sums = new Map<string, { corr: number[]; rms: number[] }>()
/** Correlation and RMS ratio of `a` against `b` where `mask` is set. */
function compare(key: string, a: Float32Array, b: Float32Array, mask: Uint8Array): void {
  let ab = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < a.length; i++)
    if (mask[i]) {
      ab += a[i]! * b[i]!
      aa += a[i]! * a[i]!
      bb += b[i]! * b[i]!
    }
  const s = sums.get(key) ?? { corr: [], rms: [] }
  s.corr.push(ab / Math.sqrt(aa * bb))
  s.rms.push(Math.sqrt(aa / bb))
  sums.set(key, s)
}

for (const [index, p] of people.entries()) {
  process.stderr.write(`\rdetail-fidelity ${index + 1}/${people.length}`)
  const photo = await analysePhoto(analyzer, p.neutral)
  const params = await method.create(
    { image: photo.image, face: photo.face, index },
    { engine, analyzer, models }
  )
  if (!params.detail) continue // a face turned too far carries none
  const character = characterFromVectorV2(params.x, params.styles)
  character.detail = params.detail
  const stored = bandOf(layers.appearance(character).detail!.image)
  const withDetail = engine.render(params, 512)
  const without = engine.render({ ...params, detail: undefined }, 512).image
  const seen = (await analyzer.detect(withDetail.image)).faces[0]
  if (!seen) throw new Error(`${p.person}: no face found on the render`)
  const truth = faceDetail(source(photo.image, photo.face), S, undefined, BAND)
  const exact = alignedPoints({ ibug68: withDetail.ibug68, alignToImage: seen.alignToImage })
  const mask = Uint8Array.from(truth, (v, i) => (v !== 0 && stored[i] !== 0 ? 1 : 0))
  compare('stored', stored, truth, mask)
  for (const [name, points] of [
    ['exact', exact],
    ['FaceMesh', alignedPoints(seen)],
  ] as const) {
    const a = faceDetail(source(withDetail.image, seen, points), S, undefined, BAND)
    const b = faceDetail(source(without, seen, points), S, undefined, BAND)
    const drawn = a.map((v, i) => v - b[i]!)
    const covered = mask.map((m, i) => (m && a[i] !== 0 && b[i] !== 0 ? 1 : 0))
    compare(`drawn (${name})`, drawn, truth, covered)
    if (name === 'exact') compare('drawn (exact) vs stored', drawn, stored, covered)
    else compare('render (FaceMesh)', a, truth, covered)
  }
}
process.stderr.write('\n')
await analyzer.close()

const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length
console.log(
  `The ${args.band} band (${BAND[0]}-${BAND[1]} px at ${S}), shape-free frame: ${people.length} London people, ${args.method}`
)
console.log('| stage | correlation | RMS ratio | n |\n| --- | --- | --- | --- |')
for (const [key, s] of sums)
  console.log(
    `| ${key} | ${mean(s.corr).toFixed(3)} | ${mean(s.rms).toFixed(3)} | ${s.corr.length} |`
  )
