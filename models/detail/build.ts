/**
 * Builds the skin-detail basis (shared/src/detail) from the TRAIN photos of ../shared/faces: for each photo with a
 * face, the fine detail of its aligned crop in the shape-free frame (detail/read faceDetail), then the mean and the
 * leading principal components (detail/pca), stored over the pixels some face covers (detail/basis). Writes
 * shared/assets/skin-detail/skin-detail-v<version>.bin and a sidecar .json (sha256, bytes, shapes, variance
 * shares, data, licence). London (the evaluation split) is never read. Same photos and models -> same bytes, and
 * a basis of more components extends one of fewer bit for bit (the PCA and each component's quantisation do not
 * depend on the count): that is how a new basis version keeps every earlier one's characters as they were
 * (detail/spec SKIN_DETAIL_COUNTS; detail.test.ts checks the released file against the earlier ones' sha256).
 *
 * Usage (repository root): npx tsx models/detail/build.ts [--size 112] [--count 256] [--coverage 0.1] [--limit N]
 *   [--exclude DIR] [--cache FILE] [--out DIR]
 * About 4 min on one core (851 photos; the PCA of 847 rows of 12,544 values takes ~20 s).
 */
import { createHash } from 'node:crypto'
import { readdirSync, realpathSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeImage } from '@facecraft/shared/decode'
import {
  alignedPoints,
  encodeSkinDetail,
  faceDetail,
  pca,
  READ_SIZE,
  SKIN_DETAIL_COUNT,
  SKIN_DETAIL_VERSION,
  type SkinDetailBasis,
} from '@facecraft/shared/detail'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { facesDir } from '../../cli/src/eval/london.ts'
import { releaseModels } from '../dataset/models.ts'

/**
 * A grid pixel is stored only where at least this share of the train faces has skin or nose: the rim that few
 * faces reach (hairlines, jaw edges, backgrounds the warp pulls in) would cost bytes and carry noise.
 */
const COVERAGE = 0.1

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '112' },
    count: { type: 'string', default: String(SKIN_DETAIL_COUNT) },
    limit: { type: 'string', default: '0' },
    coverage: { type: 'string', default: String(COVERAGE) },
    cache: { type: 'string' },
    exclude: { type: 'string' },
    out: {
      type: 'string',
      default: new URL('../../shared/assets/skin-detail/', import.meta.url).pathname,
    },
  },
})
const size = Number(args.size)
const count = Number(args.count)
const coverage = Number(args.coverage)

// The train split, in file order (index.csv: file, set, split, ...).
const dir = facesDir()
const rows = (await readFile(join(dir, 'index.csv'), 'utf8')).trim().split('\n').slice(1)
// index.csv columns: file, set, split, person, expression, age, gender, ...
const genderOf = new Map(rows.map((l) => l.split(',')).map((c) => [c[0]!, c[6]!]))
let files = rows
  .map((l) => l.split(','))
  .filter((c) => c[2] === 'train')
  .map((c) => c[0]!)
  .sort()
if (Number(args.limit) > 0) files = files.slice(0, Number(args.limit))
// --exclude DIR: leave out the photos a folder links to (e.g. the translator's held-out photos, so that a
// likeness measured on them is not measured on faces the basis has seen).
if (args.exclude) {
  const out = new Set(readdirSync(args.exclude).map((f) => realpathSync(join(args.exclude!, f))))
  files = files.filter((f) => !out.has(realpathSync(join(dir, f))))
}

const details: Float32Array[] = []
/** Per detail row: 1 for a man's photo, 0 a woman's (the source's folder or self-report; only the means use it). */
const male: number[] = []
// --cache FILE keeps the photos' detail images between runs (trying sizes of the stored basis: the photos take
// minutes, the PCA seconds).
const cached = args.cache ? await readFile(args.cache).catch(() => null) : null
if (cached) {
  // each row: the grid, then 1 number (male)
  const all = new Float32Array(cached.buffer, cached.byteOffset, cached.byteLength / 4)
  if (all.length % (size * size + 1))
    throw new Error(`${args.cache} is not a cache of ${size} px details; delete it to rebuild.`)
  for (let o = 0; o < all.length; o += size * size + 1) {
    details.push(all.slice(o, o + size * size))
    male.push(all[o + size * size]!)
  }
} else await readPhotos()
if (args.cache && !cached)
  await writeFile(
    args.cache,
    Buffer.concat(details.map((d, i) => Buffer.from(Float32Array.from([...d, male[i]!]).buffer)))
  )

async function readPhotos(): Promise<void> {
  const analyzer = await FaceAnalyzer.createFromOptions({
    models: await releaseModels(),
    maxFaces: 1,
  })
  for (const [i, file] of files.entries()) {
    process.stderr.write(`\rskin detail: photo ${i + 1}/${files.length}`)
    const { image } = decodeImage(new Uint8Array(await readFile(join(dir, file))))
    const face = (await analyzer.detect(image)).faces[0]
    if (!face) continue // a photo without a face adds nothing
    const source = {
      crop: analyzer.alignedCrop(image, face, READ_SIZE).data,
      labels: analyzer.partLabels(image, face, READ_SIZE).labels,
      points: alignedPoints(face),
    }
    details.push(faceDetail(source, size))
    const g = genderOf.get(file)
    if (g !== 'female' && g !== 'male')
      throw new Error(`${file}: index.csv gives no gender ('${g}')`)
    male.push(g === 'male' ? 1 : 0)
  }
  await analyzer.close()
}
process.stderr.write(`\nPCA of ${details.length} photos (${size} x ${size})...\n`)

// Only pixels some face covers are stored (the rest of the grid is 0 in every photo).
const covered: number[] = []
for (let p = 0; p < size * size; p++) {
  let faces = 0
  for (const d of details) if (d[p] !== 0) faces++
  if (faces >= coverage * details.length) covered.push(p)
}
const rowsIn = details.map((d) => Float32Array.from(covered, (p) => d[p]!))
// One mean per sex (a character's is theirs blended by its gender slider); the components are those of all the
// faces around their pooled mean, so the axis between the sexes stays in the span (components fitted around each
// sex's own mean left it out, and drawing its remainder cost London likeness: refined top-1 0.637 -> 0.578).
const sexMean = (m: number) => {
  const rows = rowsIn.filter((_, i) => male[i] === m)
  return Float32Array.from(covered, (_, j) => rows.reduce((a, r) => a + r[j]!, 0) / rows.length)
}
const means: [Float32Array, Float32Array] = [sexMean(0), sexMean(1)]
const p = pca(rowsIn, count)
const components = new Float32Array(p.components.length * covered.length)
p.components.forEach((c, k) => components.set(c, k * covered.length))
const basis: SkinDetailBasis = {
  version: SKIN_DETAIL_VERSION,
  size,
  count: p.components.length,
  photos: details.length,
  pixels: Uint16Array.from(covered),
  means,
  components,
  spread: Float32Array.from(p.variances, Math.sqrt),
}
const bytes = encodeSkinDetail(basis)
const name = `skin-detail-v${SKIN_DETAIL_VERSION}`
await mkdir(args.out!, { recursive: true })
await writeFile(join(args.out!, `${name}.bin`), bytes)
const share = (k: number) =>
  +(p.variances.slice(0, k).reduce((a, b) => a + b, 0) / p.total).toFixed(4)
const card = {
  file: `${name}.bin`,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  bytes: bytes.length,
  version: SKIN_DETAIL_VERSION,
  shapes: { grid: [size, size], pixels: covered.length, components: basis.count },
  variance_share: Object.fromEntries(
    [...new Set([8, 32, 64, 128, 256, basis.count])]
      .filter((k) => k <= basis.count)
      .map((k) => [k, share(k)])
  ),
  coverage,
  data: `${details.length} of ${files.length} train photos (${male.filter((m) => m === 0).length} women, ${male.filter((m) => m === 1).length} men) of ../shared/faces (canada, pixabay) with a face found; London never`,
  licence:
    'Derived from Pixabay Content License photos (commercial use, modification allowed) and the CC BY 4.0 Canada set: DeBruine & Jones (2017), Young Adult White Faces with Manipulated Versions, doi:10.6084/m9.figshare.4220517.v1',
  rebuild: 'npx tsx models/detail/build.ts',
}
await writeFile(join(args.out!, `${name}.json`), JSON.stringify(card, null, 2) + '\n')
console.log(JSON.stringify(card))
