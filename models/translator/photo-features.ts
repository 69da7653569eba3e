/**
 * @module translator/photo-features — faceFeatures (the path CharacterCreator runs) of the real photos
 * of the `train` split of ../shared/faces (never `eval`: London is the evaluation set). Training uses their
 * statistics only (no labels exist for photos): augment.py moves render features toward them.
 *
 *   OUT/photo-features.npy   (N, FEATURE_LENGTH) float32, one row per photo with a usable face
 *   OUT/photo-features.json  { format, version, length, files: [...] } (the rows' photo files, relative to faces/)
 *
 * @example
 * npx tsx translator/photo-features.ts --faces ../../shared/faces --out .work/photo-features   # from models/
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { FEATURE_LENGTH, FEATURE_VERSION, faceFeatures } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { encodeNpy } from '../dataset/npy.ts'
import { releaseModels } from '../dataset/models.ts'

/** The `train` photo files listed in faces/index.csv (the first column; split is the third). */
export async function trainPhotos(faces: string): Promise<string[]> {
  const rows = (await readFile(join(faces, 'index.csv'), 'utf8')).trim().split('\n').slice(1)
  const files = rows.map((r) => r.split(',')).filter((c) => c[2] === 'train').map((c) => c[0]!)
  if (files.some((f) => f.startsWith('london/'))) throw new Error('index.csv lists a london photo as train; refusing')
  return files
} // prettier-ignore

const { values } = parseArgs({ options: { faces: { type: 'string' }, out: { type: 'string' } } })
if (!values.faces || !values.out) {
  console.error('usage: npx tsx translator/photo-features.ts --faces DIR --out DIR')
  process.exit(2)
}
const analyzer = await FaceAnalyzer.createFromOptions({ models: await releaseModels() })
const files = await trainPhotos(values.faces)
const rows: Float32Array[] = []
const used: string[] = []
for (const [i, file] of files.entries()) {
  const { image } = decodeImage(new Uint8Array(await readFile(join(values.faces, file))))
  const face = (await analyzer.detect(image)).faces[0]
  if (face) {
    rows.push(await faceFeatures(analyzer, image, face))
    used.push(file)
  }
  process.stdout.write(`\rphoto features ${i + 1}/${files.length}`)
}
await analyzer.close()
await mkdir(values.out, { recursive: true })
const data = new Float32Array(rows.length * FEATURE_LENGTH)
rows.forEach((r, i) => data.set(r, i * FEATURE_LENGTH))
await writeFile(
  join(values.out, 'photo-features.npy'),
  encodeNpy({ shape: [rows.length, FEATURE_LENGTH], data })
)
const meta = {
  format: 'facecraft-translator-photo-features',
  version: FEATURE_VERSION,
  length: FEATURE_LENGTH,
  files: used,
}
await writeFile(join(values.out, 'photo-features.json'), JSON.stringify(meta, null, 2) + '\n')
console.log(`\n${values.out}: ${rows.length} of ${files.length} train photos`)
