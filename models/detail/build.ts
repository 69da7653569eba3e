/**
 * Builds the skin-detail basis (shared/src/detail) from the TRAIN photos of ../shared/faces: for each photo with a
 * face, the fine detail of its aligned crop in the shape-free frame (detail/read faceDetail), then the mean and the
 * leading principal components (detail/pca), stored over the pixels some face covers (detail/basis); and the same
 * for the mid band (detail/spec MID_BAND, on a MID_SIZE grid: the basis's `mid`, since v4). Writes
 * shared/assets/skin-detail/skin-detail-v<version>.bin and a sidecar .json (sha256, bytes, shapes, variance
 * shares, data, licence). London (the evaluation split) is never read. Same photos and models -> same bytes, and
 * a basis of more components extends one of fewer bit for bit (the PCA and each component's quantisation do not
 * depend on the count): that is how a new basis version keeps every earlier one's characters as they were
 * (detail/spec SKIN_DETAIL_COUNTS; detail.test.ts checks the released file against the earlier ones' sha256).
 *
 * Usage (repository root): npx tsx models/detail/build.ts [--size 112] [--count 480] [--mid-count 64]
 *   [--coverage 0.1] [--limit N] [--exclude DIR] [--cache FILE] [--out DIR]
 * With --exclude (a basis to measure on photos it has not seen), each band is stored over the released basis's
 * pixels, not over those its own photos cover: a character's residual (detail/residual) is one value per released
 * pixel, so the creator reads one, and the engine draws it, only on that grid.
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
  decodeSkinDetail,
  encodeSkinDetail,
  type EarlierMeans,
  faceDetail,
  MID_BAND,
  MID_COUNT,
  MID_SIZE,
  pca,
  READ_SIZE,
  SKIN_DETAIL_COUNT,
  SKIN_DETAIL_VERSION,
  type SkinDetailBasis,
} from '@facecraft/shared/detail'
import { CharacterCreator } from '@facecraft/shared/create'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { facesDir } from '../../cli/src/eval/london.ts'
import { releaseModels } from '../dataset/models.ts'

/**
 * A grid pixel is stored only where at least this share of the train faces has skin or nose: the rim that few
 * faces reach (hairlines, jaw edges, backgrounds the warp pulls in) would cost bytes and carry noise.
 */
const COVERAGE = 0.1
/** The first basis version with a mid band: reads of it and later carry mid weights (detail/basis `mid`). */
const MID_SINCE = 4

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '112' },
    count: { type: 'string', default: String(SKIN_DETAIL_COUNT - MID_COUNT) },
    'mid-count': { type: 'string', default: String(MID_COUNT) },
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
const midCount = Number(args['mid-count'])
const coverage = Number(args.coverage)

// The train split, in file order (index.csv: file, set, split, ...).
const dir = facesDir()
const rows = (await readFile(join(dir, 'index.csv'), 'utf8')).trim().split('\n').slice(1)
// index.csv columns: file, set, split, person, expression, age, gender, ... The gender column is read only to
// REPORT how often the creator's sex agrees with it (the data's README: labels are for checks, never for fitting).
const genderOf = new Map(rows.map((l) => l.split(',')).map((c) => [c[0]!, c[6]!]))
const trainFiles = rows
  .map((l) => l.split(','))
  .filter((c) => c[2] === 'train')
  .map((c) => c[0]!)
  .sort()
let files = trainFiles
if (Number(args.limit) > 0) files = files.slice(0, Number(args.limit))
// --exclude DIR: leave out the photos a folder links to (e.g. the translator's held-out photos, so that a
// likeness measured on them is not measured on faces the basis has seen).
if (args.exclude) {
  const out = new Set(readdirSync(args.exclude).map((f) => realpathSync(join(args.exclude!, f))))
  files = files.filter((f) => !out.has(realpathSync(join(dir, f))))
}

const details: Float32Array[] = []
/** Per detail row: the photo's mid band (MID_SIZE grid). */
const mids: Float32Array[] = []
/**
 * Per detail row: the gender slider the creator gives the photo (0 female .. 1 male: the released translator and
 * gender read, no photo label), which is what the engine blends the two means by.
 */
const male: number[] = []
/** Per detail row: the photo's file (for the agreement check). */
const rowFiles: string[] = []
// --cache FILE keeps the photos' detail images between runs (trying sizes of the stored basis: the photos take
// minutes, the PCA seconds). Written only by a run that read its photos; a later run with --limit or --exclude
// takes its rows from it.
const cached = args.cache ? await readFile(args.cache).catch(() => null) : null
if (cached) {
  // each row: the grid, the mid band's grid, then the gender slider, then the photo's index in `trainFiles`
  const all = new Float32Array(cached.buffer, cached.byteOffset, cached.byteLength / 4)
  const fine = size * size
  const row = fine + MID_SIZE * MID_SIZE + 2
  if (all.length % row)
    throw new Error(
      `${args.cache} is not a cache of ${size} px details and their mid band; delete it to rebuild.`
    )
  // rows are by the photo's index among ALL train photos, so a cache of them serves --limit and --exclude too
  const wanted = new Set(files)
  for (let o = 0; o < all.length; o += row) {
    const file = trainFiles[all[o + row - 1]!]!
    if (!wanted.has(file)) continue
    details.push(all.slice(o, o + fine))
    mids.push(all.slice(o + fine, o + row - 2))
    male.push(all[o + row - 2]!)
    rowFiles.push(file)
  }
} else await readPhotos()
if (args.cache && !cached)
  await writeFile(
    args.cache,
    Buffer.concat(
      details.map((d, i) =>
        Buffer.from(
          Float32Array.from([...d, ...mids[i]!, male[i]!, trainFiles.indexOf(rowFiles[i]!)]).buffer
        )
      )
    )
  )

async function readPhotos(): Promise<void> {
  const models = await releaseModels()
  const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
  // only the sex is wanted: the translator and the gender read, no hair, skin, iris or detail reads
  const creator = await CharacterCreator.createFromOptions({
    models,
    analyzer,
    measureHair: false,
    measureSkin: false,
    measureIris: false,
    measureFacialHair: false,
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
    mids.push(faceDetail(source, MID_SIZE, undefined, MID_BAND))
    const { character } = await creator.createFromFace(image, face)
    male.push(character.sliders['who.gender']!)
    rowFiles.push(file)
  }
  await creator.close()
  await analyzer.close()
}
process.stderr.write(`\nPCA of ${details.length} photos (${size} x ${size})...\n`)

// --exclude: the released basis's pixels (above); else those at least `coverage` of the faces cover
const released = args.exclude ? await releasedBasis() : null
if (released && released.size !== size)
  throw new Error(
    `--exclude keeps the released basis's ${released.size} px grid; drop --size ${size}.`
  )
const fine = bandBasis(details, size, count, SKIN_DETAIL_VERSION, released?.pixels)
const agree = rowFiles.filter((f, i) => male[i]! >= 0.5 === (genderOf.get(f) === 'male')).length
process.stderr.write(
  `the creator's sex agrees with the index's gender column (checked only) on ${agree} of ${rowFiles.length} photos\n`
)
process.stderr.write(`PCA of the mid band (${MID_SIZE} x ${MID_SIZE})...\n`)
const mid =
  midCount > 0 ? bandBasis(mids, MID_SIZE, midCount, MID_SINCE, released?.mid?.pixels) : null
const basis: SkinDetailBasis = { ...fine.basis, ...(mid ? { mid: mid.basis } : {}) }
basis.earlierMeans = await earlierMeans(basis)
const bytes = encodeSkinDetail(basis)
const name = `skin-detail-v${SKIN_DETAIL_VERSION}`
await mkdir(args.out!, { recursive: true })
await writeFile(join(args.out!, `${name}.bin`), bytes)
const shares = (p: { variances: Float32Array | number[]; total: number }, n: number) =>
  Object.fromEntries(
    [...new Set([8, 32, 64, 128, 256, n])]
      .filter((k) => k <= n)
      .map((k) => [k, +(p.variances.slice(0, k).reduce((a, b) => a + b, 0) / p.total).toFixed(4)])
  )
const card = {
  file: `${name}.bin`,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  bytes: bytes.length,
  version: SKIN_DETAIL_VERSION,
  shapes: {
    grid: [size, size],
    pixels: basis.pixels.length,
    components: basis.count,
    ...(mid
      ? {
          mid: {
            band: MID_BAND,
            grid: [MID_SIZE, MID_SIZE],
            pixels: mid.basis.pixels.length,
            components: mid.basis.count,
            since: MID_SINCE,
          },
        }
      : {}),
  },
  variance_share: shares(fine.pca, basis.count),
  ...(mid ? { mid_variance_share: shares(mid.pca, mid.basis.count) } : {}),
  coverage,
  data: `${details.length} of ${files.length} train photos (${male.filter((m) => m < 0.5).length} women, ${male.filter((m) => m >= 0.5).length} men by the creator's gender slider, which the two means are fitted on; no photo label) of ../shared/faces (canada, pixabay) with a face found; London never`,
  licence:
    'Derived from Pixabay Content License photos (commercial use, modification allowed) and the CC BY 4.0 Canada set: DeBruine & Jones (2017), Young Adult White Faces with Manipulated Versions, doi:10.6084/m9.figshare.4220517.v1',
  rebuild: 'npx tsx models/detail/build.ts',
}
await writeFile(join(args.out!, `${name}.json`), JSON.stringify(card, null, 2) + '\n')
console.log(JSON.stringify(card))

/**
 * One band's basis from its rows (size x size grids): over `pixels` when given, else the pixels at least `coverage`
 * of the faces cover; the women's and men's means fitted on the creator's gender sliders, and `k` principal
 * components.
 */
function bandBasis(
  grids: Float32Array[],
  size: number,
  k: number,
  version: number,
  pixels?: ArrayLike<number>
): { basis: SkinDetailBasis; pca: ReturnType<typeof pca> } {
  const covered = pixels ? Array.from(pixels) : coveredPixels(grids, size)
  const rowsIn = grids.map((d) => Float32Array.from(covered, (p) => d[p]!))
  // Two means, women's and men's: the engine draws a character's mean as the two blended by its gender slider g,
  // so they are fitted that way, by least squares of each photo's detail on (1 - g) * women's + g * men's, with g
  // the slider the creator gives the photo. No photo label enters (the data's README keeps the gender column for
  // checks). The components are those of all the faces around their pooled mean, so the axis between the sexes
  // stays in the span (components fitted around each sex's own mean left it out, and drawing its remainder cost
  // London likeness: refined top-1 0.637 -> 0.578).
  const means = sliderMeans(rowsIn, male)
  const p = pca(rowsIn, k)
  const components = new Float32Array(p.components.length * covered.length)
  p.components.forEach((c, j) => components.set(c, j * covered.length))
  const basis: SkinDetailBasis = {
    version,
    size,
    count: p.components.length,
    photos: grids.length,
    pixels: Uint16Array.from(covered),
    means,
    earlierMeans: [],
    components,
    spread: Float32Array.from(p.variances, Math.sqrt),
  }
  return { basis, pca: p }
}

/**
 * Women's and men's means (over each row's values) such that (1 - g) * women's + g * men's fits the rows, g being
 * each row's gender slider: per value the 2 x 2 normal equations of that least-squares fit.
 */
function sliderMeans(rows: Float32Array[], g: number[]): [Float32Array, Float32Array] {
  let aa = 0
  let ab = 0
  let bb = 0
  for (const m of g) {
    aa += (1 - m) * (1 - m)
    ab += (1 - m) * m
    bb += m * m
  }
  const det = aa * bb - ab * ab
  if (!(det > 1e-9 * aa * bb))
    throw new Error(
      'The photos give too few sliders of each sex to fit two means; check the release models.'
    )
  const n = rows[0]!.length
  const women = new Float32Array(n)
  const men = new Float32Array(n)
  for (let j = 0; j < n; j++) {
    let ad = 0
    let bd = 0
    rows.forEach((r, i) => {
      ad += (1 - g[i]!) * r[j]!
      bd += g[i]! * r[j]!
    })
    women[j] = (bb * ad - ab * bd) / det
    men[j] = (aa * bd - ab * ad) / det
  }
  return [women, men]
}

/**
 * The pixels at least `coverage` of the faces cover: only those are stored (the rest of the grid is 0 in every
 * photo).
 */
function coveredPixels(grids: Float32Array[], size: number): number[] {
  const covered: number[] = []
  for (let p = 0; p < size * size; p++) {
    let faces = 0
    for (const d of grids) if (d[p] !== 0) faces++
    if (faces >= coverage * grids.length) covered.push(p)
  }
  return covered
}

/** The released basis (shared/assets/skin-detail, this build's version). */
async function releasedBasis(): Promise<SkinDetailBasis> {
  const file = new URL(
    `../../shared/assets/skin-detail/skin-detail-v${SKIN_DETAIL_VERSION}.bin`,
    import.meta.url
  )
  return decodeSkinDetail(new Uint8Array(await readFile(file)))
}

/**
 * The means earlier versions' reads are around, carried from the newest released basis file (they cannot be
 * rebuilt: v1 and v2's were fitted on the photo set's gender column, which is kept for checks now): its own earlier
 * means, plus its means when they serve an older version than `basis` and differ from `basis`'s.
 */
async function earlierMeans(basis: SkinDetailBasis): Promise<EarlierMeans[]> {
  const dir = new URL('../../shared/assets/skin-detail/', import.meta.url)
  const released = readdirSync(dir)
    .map((f) => /^skin-detail-v(\d+)\.bin$/.exec(f))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .filter((v) => v <= basis.version)
    .sort((a, b) => b - a)[0]
  if (released === undefined) return []
  const previous = decodeSkinDetail(
    new Uint8Array(await readFile(new URL(`skin-detail-v${released}.bin`, dir)))
  )
  // A basis over other pixels (one built without some photos, to measure on them) cannot carry the released
  // means: they are stored over the released pixels. It serves no saved character, so it goes without.
  const samePixels =
    previous.pixels.length === basis.pixels.length &&
    previous.pixels.every((p, i) => p === basis.pixels[i])
  if (!samePixels) {
    process.stderr.write(
      `this basis covers other pixels than the released v${released}: written without earlier means (not for release)\n`
    )
    return []
  }
  // equal to within the int8 step the file stores them at
  const same = (a: Float32Array, b: Float32Array) => {
    const step = Math.max(...b.map(Math.abs)) / 127
    return a.every((v, i) => Math.abs(v - b[i]!) <= step)
  }
  if (
    previous.version === basis.version ||
    previous.means.every((m, k) => same(m, basis.means[k]!))
  )
    return [...previous.earlierMeans]
  return [...previous.earlierMeans, { through: previous.version, means: previous.means }]
}
