/**
 * @module translator/photo-targets — the refine targets (refineTargets, shared/src/create: what refine.onnx
 * compares a character with) of the train photos that translator/photo-features.ts kept, in its row order, so that
 * train.py can put the imitator's identity, content and landmark losses on real photos (the paper's training).
 *
 *   OUT/photo-targets/photo.npy        (N, S, S, 3) uint8   aligned crop (S = the imitator's 128 px frame)
 *   OUT/photo-targets/parts.npy        (N, S, S) uint8      content weight per pixel (PART_WEIGHTS: 0, 1, 2 or 4)
 *   OUT/photo-targets/embedding.npy    (N, 256) float32     MobileFace, unit length
 *   OUT/photo-targets/landmarks.npy    (N, 136) float32     68 points in the unit aligned frame
 *
 * @example
 * npx tsx translator/photo-targets.ts --faces ../../shared/faces --photos .work/photo-features   # from models/
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { refineTargets } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { encodeNpy } from '../dataset/npy.ts'
import { releaseModels } from '../dataset/models.ts'

const SIZE = 128 // the imitator's frame (refine.onnx's photo input)

const { values } = parseArgs({
  options: { faces: { type: 'string' }, photos: { type: 'string' } },
})
if (!values.faces || !values.photos) {
  console.error(
    'usage: npx tsx translator/photo-targets.ts --faces DIR --photos PHOTO_FEATURES_DIR'
  )
  process.exit(2)
}
const meta = JSON.parse(await readFile(join(values.photos, 'photo-features.json'), 'utf8')) as {
  files: string[]
}
const n = meta.files.length
const photo = new Uint8Array(n * SIZE * SIZE * 3)
const parts = new Uint8Array(n * SIZE * SIZE)
const embedding = new Float32Array(n * 256)
const landmarks = new Float32Array(n * 136)
const analyzer = await FaceAnalyzer.createFromOptions({ models: await releaseModels() })
for (const [i, file] of meta.files.entries()) {
  const { image } = decodeImage(new Uint8Array(await readFile(join(values.faces, file))))
  // the same face photo-features.ts used (the detector's first), so the rows stay aligned with the features
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) throw new Error(`${file}: no face now, though photo-features.ts found one; rerun both`)
  const t = await refineTargets(analyzer, image, face, SIZE)
  for (let k = 0; k < SIZE * SIZE * 3; k++)
    photo[i * SIZE * SIZE * 3 + k] = Math.round(t.photo[k]! * 255)
  parts.set(t.partWeights, i * SIZE * SIZE)
  embedding.set(t.embedding, i * 256)
  landmarks.set(t.landmarks, i * 136)
  process.stdout.write(`\rphoto targets ${i + 1}/${n}`)
}
await analyzer.close()
const out = join(values.photos, 'photo-targets')
await mkdir(out, { recursive: true })
await writeFile(join(out, 'photo.npy'), encodeNpy({ shape: [n, SIZE, SIZE, 3], data: photo }))
await writeFile(join(out, 'parts.npy'), encodeNpy({ shape: [n, SIZE, SIZE], data: parts }))
await writeFile(join(out, 'embedding.npy'), encodeNpy({ shape: [n, 256], data: embedding }))
await writeFile(join(out, 'landmarks.npy'), encodeNpy({ shape: [n, 136], data: landmarks }))
console.log(`\n${out}: targets of ${n} photos`)
