/**
 * @module translator/photo-dlib — dlib's embedding (face-embedder-dlib, through its own 5-point chip) of each photo
 * that photo-features.ts kept, in its row order: the view translator/dlib_labels.py relabels the photos' sex in.
 * The face is the one photo-features.ts took (the analyzer's first). A photo whose face is not found again gets a
 * row of zeros (dlib_labels.py keeps its labels).
 *
 *   PHOTOS/photo-dlib.npy   (N, 128) float32
 *
 * @example
 * npx tsx translator/photo-dlib.ts --faces ../../shared/faces --photos .work/photo-features   # from models/
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeImage } from '@facecraft/shared/decode'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { encodeNpy } from '../dataset/npy.ts'
import { releaseModels } from '../dataset/models.ts'

const SIZE = 128
const { values } = parseArgs({ options: { faces: { type: 'string' }, photos: { type: 'string' } } })
if (!values.faces || !values.photos) {
  console.error(
    'usage: npx tsx translator/photo-dlib.ts --faces DIR --photos DIR (photo-features.ts --out)'
  )
  process.exit(2)
}
const meta = JSON.parse(await readFile(join(values.photos, 'photo-features.json'), 'utf8'))
const files: string[] = meta.files
const analyzer = await FaceAnalyzer.createFromOptions({ models: await releaseModels() })
const data = new Float32Array(files.length * SIZE)
let missing = 0
for (const [i, file] of files.entries()) {
  const { image } = decodeImage(new Uint8Array(await readFile(join(values.faces, file))))
  const face = (await analyzer.detect(image)).faces[0]
  if (face) data.set(await analyzer.embed(image, face, 'face-embedder-dlib'), i * SIZE)
  else missing++
  process.stdout.write(`\rphoto dlib ${i + 1}/${files.length}`)
}
await analyzer.close()
await writeFile(
  join(values.photos, 'photo-dlib.npy'),
  encodeNpy({ shape: [files.length, SIZE], data })
)
console.log(
  `\n${values.photos}/photo-dlib.npy: ${files.length - missing} of ${files.length} photos (${missing} without a face)`
)
