/**
 * @file How many numbers the likeness that fine detail carries would take (issue #8/#10 diagnostic, after
 * region-swap.ts found that the person's OWN fine detail, added to the render, gains FaceRes +0.2).
 * A basis of skin detail is learnt from TRAIN photos (Canada, then Pixabay in name order: `--train` of them): the
 * luminance band-pass of each aligned crop (224 px) inside its skin and nose labels, for two bands: fine (the photo
 * minus its Gaussian blur at 3 px) and mid (blur 3 px minus blur 8 px: folds, the cheekbones' and nose's shading).
 * Its mean and leading principal components (PCA through the Gram matrix, Jacobi) are the basis.
 *
 * For London people (a seeded subset), the translator's character from the NEUTRAL photo is rendered from the
 * front, and each variant of its aligned render is read by FaceRes against every smiling photo of the subset:
 * - `+own BAND`: the render plus the person's own band-pass (the ceiling of that band);
 * - `+mean BAND`: plus the basis mean (generic detail: any face's average structure);
 * - `+projK BAND`: plus the person's band-pass projected on the mean and the first K components (what K detail
 *   parameters read from the photo could give at best);
 * - `+stranger-proj32 BAND`: plus the previous person's projection (the control);
 * - `swap own BAND`: the render's own band replaced by the person's.
 * Columns: the mean cosine to the person's smiling photo, the margin (that minus the mean cosine to the others'
 * smiling photos) and top-1 retrieval among the subset: a change that lifts every cosine alike is not likeness.
 * Usage (repository root): npx tsx cli/scripts/detail-basis.ts [--people 30] [--train 240]
 */
import { parseArgs } from 'node:util'
import {
  composeAffine,
  cosine,
  embedWindow,
  FaceAnalyzer,
  type PartLabels,
} from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { translatorMethod } from '../src/eval/likeness-translator.ts'
import { facesDir, londonPeople, seededSubset } from '../src/eval/london.ts'
import { analysePhoto } from '../src/eval/photos.ts'
import {
  BANDS,
  type Band,
  type Basis,
  MASK,
  PIXELS,
  SIZE,
  bandPass,
  pca,
  project,
  trainPhotos,
} from './detail-pca.ts'

const { values: args } = parseArgs({
  options: { people: { type: 'string', default: '30' }, train: { type: 'string', default: '240' } },
})
const KS = [8, 32, 128]

const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const engine = engineV2()

/** The crop with `detail` added to R, G and B inside the render's MASK, as an opaque image. */
function withDetail(crop: Uint8ClampedArray, labels: PartLabels, detail: Float32Array): RgbaImage {
  const data = new Uint8ClampedArray(PIXELS * 4)
  for (let i = 0; i < PIXELS; i++) {
    const d = MASK.has(labels.labels[i]!) ? detail[i]! : 0
    for (let c = 0; c < 3; c++) data[i * 4 + c] = crop[i * 4 + c]! + d
    data[i * 4 + 3] = 255
  }
  return { width: SIZE, height: SIZE, data }
}

// The basis, from train photos only.
const trainFiles = trainPhotos(facesDir()).slice(0, Number(args.train))
const rows: Record<Band, Float32Array[]> = { fine: [], mid: [], coarse: [] }
for (const [i, file] of trainFiles.entries()) {
  process.stderr.write(`\rtrain photos ${i + 1}/${trainFiles.length}`)
  const photo = await analysePhoto(analyzer, file).catch(() => null) // a photo without a face adds nothing
  if (!photo) continue
  const crop = analyzer.alignedCrop(photo.image, photo.face, SIZE).data
  const labels = analyzer.partLabels(photo.image, photo.face, SIZE)
  for (const band of Object.keys(BANDS) as Band[]) rows[band].push(bandPass(crop, labels, band))
}
process.stderr.write(`\n`)
const bases = {} as Record<Band, Basis>
for (const band of Object.keys(BANDS) as Band[]) {
  process.stderr.write(`${band} band (${rows[band].length} photos):\n`)
  const basis = pca(rows[band], Math.max(...KS), KS)
  for (const [i, kk] of KS.entries())
    process.stderr.write(
      `  ${kk} components: ${(100 * basis.shares[i]!).toFixed(1)}% of the variance\n`
    )
  bases[band] = basis
}

// London: each variant against every smiling photo of the subset.
const all = londonPeople()
const people = Number(args.people) >= all.length ? all : seededSubset(all, Number(args.people), 1)
const smiling: Float32Array[] = []
for (const p of people) {
  const photo = await analysePhoto(analyzer, p.smiling)
  smiling.push(await analyzer.embed(photo.image, photo.face, 'face-embedder-eval'))
}
const toFrame = composeAffine([SIZE, 0, 0, 0, SIZE, 0], embedWindow())
const scores = new Map<string, { own: number[]; margin: number[]; top1: number[] }>()
let previous: Record<Band, Float32Array> | null = null
for (const [index, p] of people.entries()) {
  process.stderr.write(`\rLondon ${index + 1}/${people.length}`)
  const neutral = await analysePhoto(analyzer, p.neutral)
  const params = await translatorMethod.create({ image: neutral.image, face: neutral.face, index }, { engine, analyzer, models })
  const { image: rendered } = engine.render(params, 512)
  const rface = (await analyzer.detect(rendered)).faces[0]
  if (!rface) throw new Error(`${p.person}: no face found on the render`)
  const photo = analyzer.alignedCrop(neutral.image, neutral.face, SIZE).data
  const photoLabels = analyzer.partLabels(neutral.image, neutral.face, SIZE)
  const render = analyzer.alignedCrop(rendered, rface, SIZE).data
  const renderLabels = analyzer.partLabels(rendered, rface, SIZE)
  const score = async (key: string, detail: Float32Array) => {
    const e = await analyzer.embedWindow(withDetail(render, renderLabels, detail), toFrame, 'face-embedder-eval')
    const own = cosine(smiling[index]!, e)
    const others = smiling.filter((_, j) => j !== index).map((t) => cosine(t, e))
    const s = scores.get(key) ?? { own: [], margin: [], top1: [] }
    s.own.push(own)
    s.margin.push(own - others.reduce((a, b) => a + b, 0) / others.length)
    s.top1.push(others.every((o) => o < own) ? 1 : 0)
    scores.set(key, s)
  }
  await score('render', new Float32Array(PIXELS))
  const own = {} as Record<Band, Float32Array>
  for (const band of Object.keys(BANDS) as Band[]) {
    own[band] = bandPass(photo, photoLabels, band)
    const basis = bases[band]
    await score(`+own ${band}`, own[band])
    await score(`+mean ${band}`, basis.mean)
    for (const k of KS) await score(`+proj${k} ${band}`, project(basis, own[band], k))
    if (previous) await score(`+stranger-proj32 ${band}`, project(basis, previous[band], 32))
    const renderBand = bandPass(render, renderLabels, band)
    await score(`swap own ${band}`, own[band].map((v, i) => v - renderBand[i]!))
  }
  previous = own
} // prettier-ignore
process.stderr.write('\n')
await analyzer.close()

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length
const base = scores.get('render')!
console.log(
  `FaceRes against the smiling photos (${people.length} London people, translator; basis from ${rows.fine.length} train photos)`
)
console.log(
  '| variant | cosine to own | vs render | margin (own - others) | vs render | top-1 | n |'
)
console.log('| --- | --- | --- | --- | --- | --- | --- |')
const signed = (v: number) => (v >= 0 ? '+' : '') + v.toFixed(4)
for (const [key, s] of scores)
  console.log(
    `| ${key} | ${mean(s.own).toFixed(4)} | ${signed(mean(s.own) - mean(base.own))} | ${mean(s.margin).toFixed(4)} | ${signed(mean(s.margin) - mean(base.margin))} | ${mean(s.top1).toFixed(3)} | ${s.own.length} |`
  )
