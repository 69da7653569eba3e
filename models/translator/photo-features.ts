/**
 * @module translator/photo-features — faceFeatures (the path CharacterCreator runs) of the real photos
 * of the `train` split of ../shared/faces (never `eval`: London is the evaluation set). Training uses their
 * statistics only (no labels exist for photos): augment.py moves render features toward them.
 *
 *   OUT/photo-features.npy   (N, FEATURE_LENGTH) float32, one row per photo with a usable face
 *   OUT/photo-features.json  { format, version, length, files: [...] } (the rows' photo files, relative to faces/)
 *   OUT/photo-features-aug.npy (N, K, FEATURE_LENGTH) float32 with --augment K: features of K degraded copies of each
 *     row's photo (photo-augment.ts; a copy whose face is not found keeps the clean row), seeded by --seed
 *
 * @example
 * npx tsx translator/photo-features.ts --faces ../../shared/faces --out .work/photo-features [--augment 3]   # from models/
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { FEATURE_LENGTH, FEATURE_VERSION, faceFeatures } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { encodeNpy } from '../dataset/npy.ts'
import { releaseModels } from '../dataset/models.ts'
import { createRng } from '@facecraft/shared/utils'
import { degradePhoto } from './photo-augment.ts'

/** The `train` photo files listed in faces/index.csv (the first column; split is the third). */
export async function trainPhotos(faces: string): Promise<string[]> {
  const rows = (await readFile(join(faces, 'index.csv'), 'utf8')).trim().split('\n').slice(1)
  const files = rows.map((r) => r.split(',')).filter((c) => c[2] === 'train').map((c) => c[0]!)
  if (files.some((f) => f.startsWith('london/'))) throw new Error('index.csv lists a london photo as train; refusing')
  return files
} // prettier-ignore

/** A stable 31-bit hash of a file name (FNV-1a). */
function hashName(name: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  return (h >>> 0) & 0x7fffffff
}

const { values } = parseArgs({
  options: {
    faces: { type: 'string' },
    out: { type: 'string' },
    augment: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
  },
})
const copies = Number(values.augment)
const seed = Number(values.seed)
if (
  !values.faces ||
  !values.out ||
  !Number.isInteger(copies) ||
  copies < 0 ||
  !Number.isInteger(seed)
) {
  console.error(
    'usage: npx tsx translator/photo-features.ts --faces DIR --out DIR [--augment K] [--seed S]'
  )
  process.exit(2)
}
const analyzer = await FaceAnalyzer.createFromOptions({ models: await releaseModels() })
const files = await trainPhotos(values.faces)
const rows: Float32Array[] = []
const augmented: Float32Array[] = []
const used: string[] = []
let missed = 0
for (const [i, file] of files.entries()) {
  const { image } = decodeImage(new Uint8Array(await readFile(join(values.faces, file))))
  const face = (await analyzer.detect(image)).faces[0]
  if (face) {
    const clean = await faceFeatures(analyzer, image, face)
    rows.push(clean)
    used.push(file)
    // Seeded per photo file, so a copy does not change when other photos come or go.
    const random = createRng(seed * 1_000_003 + hashName(file))
    for (let k = 0; k < copies; k++) {
      const copy = degradePhoto(image, face.box.width, random)
      const found = (await analyzer.detect(copy)).faces[0]
      if (!found) missed++
      augmented.push(found ? await faceFeatures(analyzer, copy, found) : clean)
    }
  }
  process.stdout.write(`\rphoto features ${i + 1}/${files.length}`)
}
await analyzer.close()
await mkdir(values.out, { recursive: true })
/** Feature rows written as one float32 .npy of `shape` (its last axis FEATURE_LENGTH). */
function writeRows(name: string, features: Float32Array[], shape: number[]) {
  const data = new Float32Array(features.length * FEATURE_LENGTH)
  features.forEach((r, i) => data.set(r, i * FEATURE_LENGTH))
  return writeFile(join(values.out!, name), encodeNpy({ shape, data }))
}
await writeRows('photo-features.npy', rows, [rows.length, FEATURE_LENGTH])
if (copies > 0) {
  await writeRows('photo-features-aug.npy', augmented, [rows.length, copies, FEATURE_LENGTH])
  console.log(
    `\n${augmented.length} degraded copies, ${missed} without a face found (clean row kept)`
  )
}
const meta = {
  format: 'facecraft-translator-photo-features',
  version: FEATURE_VERSION,
  length: FEATURE_LENGTH,
  files: used,
  ...(copies > 0 ? { augment: { copies, seed, missed } } : {}),
}
await writeFile(join(values.out, 'photo-features.json'), JSON.stringify(meta, null, 2) + '\n')
console.log(`\n${values.out}: ${rows.length} of ${files.length} train photos`)
