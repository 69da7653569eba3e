/**
 * @file How much of a photo's finest skin detail survives fewer pixels and JPEG coding: the measurement behind
 * detail/reliability (docs/likeness.md, "Session 56"). For TRAIN photos (a seeded subset; never London, never the
 * held-out photos `--exclude` names) turned under 15 degrees, degraded copies are made: shrunk (box filter) so the
 * read's scale (photo px per read px) is 1.1, 0.8, 0.6 or 0.45 where the photo has more, each kept as it is or
 * JPEG-coded at quality 90, 75 or 60, and the photo itself coded at 90, 75 and 60. Each copy's skin detail is read as
 * the creator reads it (detail/read readDetailFocused) and its residual and octave compared with the clean photo's:
 * per copy the read's scale, its blockiness (detail/reliability), and the correlation of each with the clean read
 * (and of the fine and mid bands' weights, for the table).
 * Then least squares of the correlation on [1, ln s, b, b ln s, (ln s)^2], printed as RELIABILITY's weights, and of
 * the clean read's weights' norm over the copy's (fine band, mid band; capped at 2), with the means by scale and
 * quality.
 * Usage (repository root): npx tsx cli/scripts/detail-reliability.ts [--photos 120] [--exclude DIR]
 *   [--rows FILE (each copy's figures, JSON lines; an existing file is fitted without reading photos again)]
 */
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { detailSource } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { blockiness, MID_COUNT, readDetailFocused, readScale } from '@facecraft/shared/detail'
import { FaceAnalyzer, type Face } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import { nodeModelSource } from '../src/commands/detect.ts'
import { skinDetailBasis } from '../src/engine-v2.ts'
import { facesDir, seededSubset } from '../src/eval/london.ts'
import { boxShrunk, jpegCoded } from '../src/eval/photos.ts'

const { values: args } = parseArgs({
  options: {
    photos: { type: 'string', default: '120' },
    exclude: { type: 'string' },
    rows: { type: 'string', default: 'detail-reliability.jsonl' },
  },
})
const SCALES = [1.1, 0.8, 0.6, 0.45]
const QUALITIES = [0, 90, 75, 60]

interface Row {
  file: string
  scale: number
  quality: number
  block: number
  residual: number
  octave: number
  /** The same for the weights: the fine band's and the mid band's (MID_COUNT, last). */
  fine: number
  mid: number
  /** The clean read's weights' norm over the copy's: the fine band's and the mid band's. */
  fineGain: number
  midGain: number
}

const norm = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0))

const correlation = (a: Float32Array, b: Float32Array) => {
  let ab = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!
    aa += a[i]! * a[i]!
    bb += b[i]! * b[i]!
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0
}

async function measure(): Promise<void> {
  const dir = facesDir()
  const held = new Set(
    args.exclude ? readdirSync(args.exclude).map((f) => f.replace('_', '/')) : []
  )
  const files = readFileSync(join(dir, 'index.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((r) => r[2] === 'train' && r[1] !== 'london' && !held.has(r[0]!))
    .map((r) => r[0]!)
  const models = await nodeModelSource()
  const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
  const basis = skinDetailBasis()
  const read = (image: RgbaImage, face: Face) =>
    readDetailFocused(basis, detailSource(analyzer, image, face), 0.5)
  let done = 0
  for (const file of seededSubset(files, Number(args.photos), 7)) {
    const image = decodeImage(new Uint8Array(readFileSync(join(dir, file)))).image
    const face = (await analyzer.detect(image)).faces[0]
    if (!face || Math.abs(face.pose.yaw) > 15) continue
    const s0 = readScale(face.alignToImage)
    const clean = read(image, face)
    for (const target of [0, ...SCALES.filter((s) => s < s0)]) {
      const small = target ? boxShrunk(image, target / s0) : image
      for (const quality of QUALITIES) {
        if (!target && !quality) continue
        const copy = quality ? jpegCoded(small, quality) : small
        const f = (await analyzer.detect(copy)).faces[0]
        if (!f) continue
        const r = read(copy, f)
        const row: Row = {
          file,
          scale: +readScale(f.alignToImage).toFixed(4),
          quality,
          block: +blockiness(copy).toFixed(4),
          residual: +correlation(r.residual, clean.residual).toFixed(4),
          octave: +correlation(r.octave, clean.octave).toFixed(4),
          fine: +correlation(
            r.weights.subarray(0, -MID_COUNT),
            clean.weights.subarray(0, -MID_COUNT)
          ).toFixed(4),
          mid: +correlation(
            r.weights.subarray(-MID_COUNT),
            clean.weights.subarray(-MID_COUNT)
          ).toFixed(4),
          fineGain: +(
            norm(clean.weights.subarray(0, -MID_COUNT)) / norm(r.weights.subarray(0, -MID_COUNT))
          ).toFixed(4),
          midGain: +(
            norm(clean.weights.subarray(-MID_COUNT)) / norm(r.weights.subarray(-MID_COUNT))
          ).toFixed(4),
        }
        appendFileSync(args.rows, `${JSON.stringify(row)}\n`)
      }
    }
    process.stderr.write(`\rdetail-reliability: ${++done} photos`)
  }
  process.stderr.write('\n')
  await analyzer.close()
}

/** Least squares of y on the rows of X (normal equations, Gauss-Jordan with partial pivoting). */
function leastSquares(X: number[][], y: number[]): number[] {
  const k = X[0]!.length
  const A = Array.from({ length: k }, (_, i) => [
    ...Array.from({ length: k }, (_, j) => X.reduce((s, r) => s + r[i]! * r[j]!, 0)),
    X.reduce((s, r, n) => s + r[i]! * y[n]!, 0),
  ])
  for (let c = 0; c < k; c++) {
    const p = A.slice(c).reduce(
      (best, r, i) => (Math.abs(r[c]!) > Math.abs(A[best]![c]!) ? c + i : best),
      c
    )
    ;[A[c], A[p]] = [A[p]!, A[c]!]
    for (let r = 0; r < k; r++) {
      if (r === c) continue
      const m = A[r]![c]! / A[c]![c]!
      for (let j = c; j <= k; j++) A[r]![j]! -= m * A[c]![j]!
    }
  }
  return A.map((r, i) => r[k]! / r[i]!)
}

if (!existsSync(args.rows)) await measure()
const rows = readFileSync(args.rows, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Row)
// the model's terms, as detail/reliability evaluates them (scale and blockiness capped alike)
const terms = (r: Row) => {
  const s = Math.log(Math.min(r.scale, 3))
  const b = Math.min(r.block, 3)
  return [1, s, b, b * s, s * s]
}
const X = rows.map(terms)
// a norm ratio is capped at 2 (a copy whose read came out near empty would weigh as much as a hundred others)
const fit = (key: 'residual' | 'octave' | 'fineGain' | 'midGain') => {
  const y = rows.map((r) => Math.min(r[key], 2))
  const w = leastSquares(X, y)
  const err = y.map((v, i) => v - X[i]!.reduce((s, t, j) => s + t * w[j]!, 0))
  const rms = Math.sqrt(err.reduce((s, e) => s + e * e, 0) / err.length)
  return { weights: w.map((v) => +v.toFixed(4)), rms: +rms.toFixed(4) }
}
const PARTS = ['residual', 'octave', 'fine', 'mid', 'fineGain', 'midGain', 'block'] as const
const table: Record<string, Record<string, number>> = {}
for (const r of rows) {
  const bucket =
    r.scale < 0.5
      ? '<0.5'
      : r.scale < 0.7
        ? '0.5-0.7'
        : r.scale < 0.9
          ? '0.7-0.9'
          : r.scale < 1.2
            ? '0.9-1.2'
            : '>=1.2'
  const cell = (table[`${bucket} q${r.quality || 'png'}`] ??= Object.fromEntries(
    ['n', ...PARTS].map((k) => [k, 0])
  ))
  cell.n!++
  for (const k of PARTS) cell[k]! += r[k]
}
for (const cell of Object.values(table))
  for (const k of PARTS) cell[k] = +(cell[k]! / cell.n!).toFixed(3)
console.log(
  JSON.stringify(
    {
      copies: rows.length,
      residual: fit('residual'),
      octave: fit('octave'),
      fine: fit('fineGain'),
      mid: fit('midGain'),
      by_scale_quality: table,
    },
    null,
    1
  )
)
