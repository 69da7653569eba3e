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
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
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
import { gaussianBlur } from './gaussian-blur.ts'

const { values: args } = parseArgs({
  options: { people: { type: 'string', default: '30' }, train: { type: 'string', default: '240' } },
})
const SIZE = 224
const PIXELS = SIZE * SIZE
/** Part labels the detail lives in: skin and nose (eyes, brows and lips cost little: region-swap.ts). */
const MASK = new Set([1, 4])
const BANDS = { fine: [0, 3], mid: [3, 8] } as const
type Band = keyof typeof BANDS
const KS = [8, 32, 128]

const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const engine = engineV2()

/** The luminance band-pass of an aligned crop, zero outside MASK. */
function bandPass(crop: Uint8ClampedArray, labels: PartLabels, band: Band): Float32Array {
  const [lo, hi] = BANDS[band]
  const lum = new Float32Array(PIXELS)
  for (let i = 0; i < PIXELS; i++)
    lum[i] = 0.299 * crop[i * 4]! + 0.587 * crop[i * 4 + 1]! + 0.114 * crop[i * 4 + 2]!
  const a = lo > 0 ? gaussianBlur(lum, SIZE, lo) : lum
  const b = gaussianBlur(lum, SIZE, hi)
  const out = new Float32Array(PIXELS)
  for (let i = 0; i < PIXELS; i++) if (MASK.has(labels.labels[i]!)) out[i] = a[i]! - b[i]!
  return out
}

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

/** Eigenvalues and eigenvectors (columns of `vectors`, row-major n x n) of a symmetric matrix, cyclic Jacobi. */
function jacobi(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  const rotate = (m: Float64Array, i: number, j: number, c: number, s: number, rows: boolean) => {
    for (let k = 0; k < n; k++) {
      const [p, q] = rows ? [i * n + k, j * n + k] : [k * n + i, k * n + j]
      const mp = m[p]!
      const mq = m[q]!
      m[p] = c * mp - s * mq
      m[q] = s * mp + c * mq
    }
  }
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2
    if (off < 1e-18) break
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!
        if (Math.abs(apq) < 1e-30) continue
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        rotate(a, p, q, c, t * c, false)
        rotate(a, p, q, c, t * c, true)
        rotate(v, p, q, c, t * c, false)
      }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]!), vectors: v }
} // prettier-ignore

interface Basis {
  mean: Float32Array
  /** Unit-length components, largest variance first. */
  components: Float32Array[]
}

/** Mean and the first `k` principal components of `rows` (through their Gram matrix: rows << pixels). */
function pca(rows: Float32Array[], k: number): Basis {
  const n = rows.length
  const mean = new Float32Array(PIXELS)
  for (const r of rows) for (let i = 0; i < PIXELS; i++) mean[i] = mean[i]! + r[i]! / n
  const centred = rows.map((r) => r.map((v, i) => v - mean[i]!))
  const gram = new Float64Array(n * n)
  for (let a = 0; a < n; a++)
    for (let b = a; b < n; b++) {
      let s = 0
      for (let i = 0; i < PIXELS; i++) s += centred[a]![i]! * centred[b]![i]!
      gram[a * n + b] = gram[b * n + a] = s
    }
  const { values, vectors } = jacobi(gram, n)
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, k)
  const total = values.reduce((a, b) => a + b, 0)
  const components = order.map((j) => {
    const c = new Float32Array(PIXELS)
    for (let a = 0; a < n; a++) for (let i = 0; i < PIXELS; i++) c[i] = c[i]! + vectors[a * n + j]! * centred[a]![i]!
    let norm = 0
    for (let i = 0; i < PIXELS; i++) norm += c[i]! ** 2
    norm = Math.sqrt(norm)
    return c.map((v) => v / norm)
  })
  for (const kk of KS) {
    const share = order.slice(0, kk).reduce((a, j) => a + values[j]!, 0) / total
    process.stderr.write(`  ${kk} components: ${(100 * share).toFixed(1)}% of the variance\n`)
  }
  return { mean, components }
} // prettier-ignore

/** `detail` projected on the basis mean and its first k components. */
function project(basis: Basis, detail: Float32Array, k: number): Float32Array {
  const out = Float32Array.from(basis.mean)
  const r = detail.map((v, i) => v - basis.mean[i]!)
  for (const c of basis.components.slice(0, k)) {
    let s = 0
    for (let i = 0; i < PIXELS; i++) s += c[i]! * r[i]!
    for (let i = 0; i < PIXELS; i++) out[i] = out[i]! + s * c[i]!
  }
  return out
}

// The basis, from train photos only.
const dir = facesDir()
const jpgs = (set: string) =>
  readdirSync(join(dir, set))
    .filter((f) => f.endsWith('.jpg'))
    .sort()
    .map((f) => join(dir, set, f))
const trainFiles = [...jpgs('canada'), ...jpgs('pixabay')].slice(0, Number(args.train))
const rows: Record<Band, Float32Array[]> = { fine: [], mid: [] }
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
  bases[band] = pca(rows[band], Math.max(...KS))
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
