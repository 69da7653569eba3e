/**
 * @file Would a skin-detail texture read from the photo make characters more like their person to recognisers the
 * detail never saw, and on a photo whose light differs? (issue #8/#10 diagnostic, after detail-basis.ts measured
 * +0.034 FaceRes margin for the person's fine detail projected on 128 components of a 240-photo basis.)
 *
 * A basis of fine skin detail (detail-pca.ts: the 224 px aligned crop minus its 3 px blur, inside skin and nose) is
 * learnt from ALL train photos (Canada and Pixabay; never London). For each London person the creator's REFINED
 * character (the product's best, release models) is rendered at 512 px, and variants of the render get a detail
 * image added to the skin and nose in the image (mapped through the render's own alignment, so every recogniser
 * reads the result with its own alignment):
 * - `render` (nothing), `+mean` (the basis mean: generic detail), `+projK` (the person's detail projected on the
 *   mean and K components: what K detail parameters read from the photo could carry), `+own` (all of it: the
 *   ceiling), `+stranger-projK` (the previous person's projection on 128 components: the control).
 * Each variant is read by FaceRes (the likeness eval's judge), dlib and MobileFace (the creator's own, but blind to
 * where the pasted detail came from) against every person's SMILING photo, and against every smiling photo MIRRORED:
 * London's two photos share one studio light, so detail copied from the neutral photo could match the smiling one
 * by its light alone; the mirrored photo keeps the person and moves the light (and the face's own asymmetries) to
 * the other side. Columns: cosine to own, margin (own minus the mean of the others), top-1 and top-5.
 * Usage (repository root): npx tsx cli/scripts/detail-transfer.ts [--people 102] [--train 0 (all)]
 *   [--ks 32,128,256,512] [--frame aligned|shape] [--grid-size 224|112] [--grid out.png]
 * `--frame shape` warps every detail image to the template's 68 points (thin-plate spline) before the PCA and back
 * onto the render's own 68 points when pasting: the detail then follows each face's features, as an engine texture
 * on the mesh would. `--grid-size 112` keeps the detail at half resolution (a quarter of the asset bytes).
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  alignTemplate,
  cosine,
  FaceAnalyzer,
  invertAffine,
  type Face,
} from '@facecraft/shared/face'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { refineMethod } from '../src/eval/likeness-translator.ts'
import { facesDir, londonPeople, seededSubset } from '../src/eval/london.ts'
import { analysePhoto, embedAll, mirrored } from '../src/eval/photos.ts'
import { alignedPoints, bilinear, boxAverage, thinPlate } from '@facecraft/shared/detail'
import { bandPass, BANDS, MASK, pca, project, SIZE, trainPhotos, type Band } from './detail-pca.ts'

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '102' },
    train: { type: 'string', default: '0' },
    ks: { type: 'string', default: '32,128,256,512' },
    grid: { type: 'string' },
    frame: { type: 'string', default: 'aligned' },
    'grid-size': { type: 'string', default: '224' },
    band: { type: 'string', default: 'fine' },
  },
})
const KS = args.ks!.split(',').map(Number)
/** `aligned`: detail in the aligned frame (a similarity fit); `shape`: warped to the template's 68 points. */
const FRAME = args.frame as 'aligned' | 'shape'
if (!['aligned', 'shape'].includes(FRAME)) throw new Error('--frame is aligned or shape')
const G = Number(args['grid-size'])
if (![SIZE, SIZE / 2, SIZE / 4].includes(G))
  throw new Error(`--grid-size is ${SIZE}, ${SIZE / 2} or ${SIZE / 4}`)
/** `fine` (what the engine draws since session 30) or `mid` (blur 3 minus blur 8: folds and the features' shading). */
const BAND = args.band as Band
if (!(BAND in BANDS)) throw new Error('--band is fine, mid or coarse')
const TEMPLATE = alignTemplate()
const SMOOTH = 1e-4
const RENDER = 512
const RECOGNISERS = ['face-embedder-eval', 'face-embedder-dlib', 'face-embedder'] as const
const NAMES: Record<string, string> = {
  'face-embedder-eval': 'FaceRes',
  'face-embedder-dlib': 'dlib',
  'face-embedder': 'MobileFace',
}

const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const engine = engineV2()
const refined = refineMethod('refined', '', 'translator')

/** The photo's fine detail in the detail frame (G x G): the aligned band-pass, warped to the template if `shape`. */
function photoDetail(image: RgbaImage, face: Face): Float32Array {
  const crop = analyzer.alignedCrop(image, face, SIZE).data
  let band = bandPass(crop, analyzer.partLabels(image, face, SIZE), BAND)
  if (FRAME === 'shape') {
    const toPhoto = thinPlate(TEMPLATE, alignedPoints(face), SMOOTH)
    const warped = new Float32Array(SIZE * SIZE)
    for (let j = 0; j < SIZE; j++)
      for (let i = 0; i < SIZE; i++) {
        const [x, y] = toPhoto((i + 0.5) / SIZE, (j + 0.5) / SIZE)
        warped[j * SIZE + i] = bilinear(band, SIZE, x * SIZE - 0.5, y * SIZE - 0.5)
      }
    band = warped
  }
  return G === SIZE ? band : boxAverage(band, SIZE, G)
}

const minus = (a: Float32Array, b: Float32Array) => a.map((v, i) => v - b[i]!)

/** Where each skin or nose pixel of a render reads the detail frame: pixel indices and (x, y) in G-grid pixels. */
function pasteMap(
  image: RgbaImage,
  face: Face,
  labels: Uint8Array
): { pixels: Int32Array; at: Float32Array } {
  const toFrame = invertAffine(face.alignToImage)!
  const toTemplate = FRAME === 'shape' ? thinPlate(alignedPoints(face), TEMPLATE, SMOOTH) : null
  const pixels: number[] = []
  const at: number[] = []
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const u = toFrame[0]! * (x + 0.5) + toFrame[1]! * (y + 0.5) + toFrame[2]!
      const v = toFrame[3]! * (x + 0.5) + toFrame[4]! * (y + 0.5) + toFrame[5]!
      const li = Math.round(u * SIZE - 0.5)
      const lj = Math.round(v * SIZE - 0.5)
      if (li < 0 || lj < 0 || li >= SIZE || lj >= SIZE || !MASK.has(labels[lj * SIZE + li]!))
        continue
      const [p, q] = toTemplate ? toTemplate(u, v) : [u, v]
      pixels.push(y * image.width + x)
      at.push(p * G - 0.5, q * G - 0.5)
    }
  return { pixels: Int32Array.from(pixels), at: Float32Array.from(at) }
}

/** The render with `detail` (G x G detail frame, luminance units) added to R, G and B where `map` says. */
function paste(
  image: RgbaImage,
  map: ReturnType<typeof pasteMap>,
  detail: Float32Array
): RgbaImage {
  const out = createImage(image.width, image.height)
  out.data.set(image.data)
  for (let n = 0; n < map.pixels.length; n++) {
    const d = bilinear(detail, G, map.at[2 * n]!, map.at[2 * n + 1]!)
    const p = map.pixels[n]! * 4
    for (let c = 0; c < 3; c++) out.data[p + c] = image.data[p + c]! + d
  }
  return out
}

// The basis, from every train photo (a photo without a face adds nothing).
let trainFiles = trainPhotos(facesDir())
if (Number(args.train) > 0) trainFiles = trainFiles.slice(0, Number(args.train))
const rows: Float32Array[] = []
for (const [i, file] of trainFiles.entries()) {
  process.stderr.write(`\rtrain photos ${i + 1}/${trainFiles.length}`)
  const photo = await analysePhoto(analyzer, file).catch(() => null)
  if (!photo) continue
  rows.push(photoDetail(photo.image, photo.face))
}
process.stderr.write(`\nPCA of ${rows.length} photos...\n`)
const basis = pca(rows, Math.max(...KS), KS)
for (const [i, k] of KS.entries())
  process.stderr.write(
    `  ${k} components: ${(100 * basis.shares[i]!).toFixed(1)}% of the variance\n`
  )
rows.length = 0

// London: targets (smiling, and smiling mirrored) per recogniser.
const all = londonPeople()
const people = Number(args.people) >= all.length ? all : seededSubset(all, Number(args.people), 1)
const targets: Record<'smiling' | 'mirrored', Record<string, Float32Array>[]> = {
  smiling: [],
  mirrored: [],
}
for (const [i, p] of people.entries()) {
  process.stderr.write(`\rsmiling photos ${i + 1}/${people.length}`)
  const photo = await analysePhoto(analyzer, p.smiling)
  targets.smiling.push(await embedAll(analyzer, photo, RECOGNISERS))
  const flipped = mirrored(photo.image)
  const face = (await analyzer.detect(flipped)).faces[0]
  if (!face) throw new Error(`${p.person}: no face on the mirrored smiling photo`)
  targets.mirrored.push(await embedAll(analyzer, { image: flipped, face }, RECOGNISERS))
}
process.stderr.write('\n')

// embeddings[variant][person] = { recogniser: embedding }
const embeddings = new Map<string, Record<string, Float32Array>[]>()
const gridRows: RgbaImage[][] = []
let previous: Float32Array | null = null
const ctx = { engine, analyzer, models }
const t0 = performance.now()
for (const [index, p] of people.entries()) {
  const eta = index ? (((performance.now() - t0) / index) * (people.length - index)) / 60000 : 0
  process.stderr.write(`\rLondon ${index + 1}/${people.length} (${eta.toFixed(1)} min left)`)
  const neutral = await analysePhoto(analyzer, p.neutral)
  const params = await refined.create({ image: neutral.image, face: neutral.face, index }, ctx)
  const r = engine.render(params, RENDER)
  const rface = (await analyzer.detect(r.image)).faces[0]
  if (!rface) throw new Error(`${p.person}: no face found on the render`)
  const labels = analyzer.partLabels(r.image, rface, SIZE).labels
  const own = photoDetail(neutral.image, neutral.face)
  const map = pasteMap(r.image, rface, labels)
  const variants: [string, Float32Array][] = [
    ['render', new Float32Array(G * G)],
    ['+mean', basis.mean],
    ...KS.map((k): [string, Float32Array] => [`+proj${k}`, project(basis, own, k)]),
    ['+own', own],
    // the projection without the basis mean: the person's departure from the average face's band, which a
    // render already draws from its geometry in the mid band
    ...KS.map((k): [string, Float32Array] => [
      `+dev${k}`,
      minus(project(basis, own, k), basis.mean),
    ]),
  ]
  const strangerK = KS.includes(128) ? 128 : Math.max(...KS)
  if (previous) {
    variants.push([`+stranger-proj${strangerK}`, project(basis, previous, strangerK)])
    variants.push([
      `+stranger-dev${strangerK}`,
      minus(project(basis, previous, strangerK), basis.mean),
    ])
  }
  previous = own
  const shown: RgbaImage[] = []
  for (const [key, detail] of variants) {
    const image = key === 'render' ? r.image : paste(r.image, map, detail)
    const list = embeddings.get(key) ?? []
    list[index] = await embedAll(analyzer, { image, face: r }, RECOGNISERS)
    embeddings.set(key, list)
    if (
      args.grid &&
      gridRows.length < 8 &&
      ['render', '+proj128', `+proj${Math.max(...KS)}`, '+own'].includes(key)
    )
      shown.push(analyzer.alignedCrop(image, rface, 192))
  }
  if (args.grid && gridRows.length < 8)
    gridRows.push([analyzer.alignedCrop(neutral.image, neutral.face, 192), ...shown])
}
process.stderr.write('\n')
await analyzer.close()

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length
const n = people.length
console.log(
  `Skin detail pasted on the refined render (${n} London people; ${FRAME} frame at ${G} px; basis: ${basis.components.length} components from ${trainFiles.length} train photos)`
)
for (const set of ['smiling', 'mirrored'] as const) {
  console.log(`\n### against the ${set} photos\n`)
  console.log('| variant | recogniser | cosine to own | margin | vs render | top-1 | top-5 |')
  console.log('| --- | --- | --- | --- | --- | --- | --- |')
  for (const rec of RECOGNISERS) {
    let baseMargin = 0
    for (const [key, list] of embeddings) {
      const own: number[] = []
      const margin: number[] = []
      const ranks: number[] = []
      for (const [i, e] of list.entries()) {
        if (!e) continue
        const cos = targets[set].map((t) => cosine(t[rec]!, e[rec]!))
        const others = cos.filter((_, j) => j !== i)
        own.push(cos[i]!)
        margin.push(cos[i]! - mean(others))
        ranks.push(1 + others.filter((c) => c >= cos[i]!).length)
      }
      if (key === 'render') baseMargin = mean(margin)
      const diff = mean(margin) - baseMargin
      console.log(
        `| ${key} | ${NAMES[rec]} | ${mean(own).toFixed(4)} | ${mean(margin).toFixed(4)} | ${diff >= 0 ? '+' : ''}${diff.toFixed(4)} | ${mean(ranks.map((r) => +(r === 1))).toFixed(3)} | ${mean(ranks.map((r) => +(r <= 5))).toFixed(3)} |`
      )
    }
  }
}

if (args.grid && gridRows.length) {
  const cell = 192
  const cols = gridRows[0]!.length
  const grid = createImage(cell * cols, cell * gridRows.length)
  for (const [j, row] of gridRows.entries())
    for (const [i, img] of row.entries())
      for (let y = 0; y < cell; y++)
        grid.data.set(
          img.data.subarray(y * cell * 4, (y + 1) * cell * 4),
          ((j * cell + y) * grid.width + i * cell) * 4
        )
  writeFileSync(args.grid, encodePng(grid))
  console.log(
    `\ngrid (neutral photo | render | +proj128 | +proj${Math.max(...KS)} | +own): ${args.grid}`
  )
}
