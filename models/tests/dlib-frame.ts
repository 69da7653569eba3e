/**
 * @file For test_dlib_term.py: the rig's default character drawn in the canonical aligned frame at 128 px, dlib's
 * embedding of it as the pipeline takes it (FaceAnalyzer.embed on the frame's own points), and dlib's window of the
 * frame (recogniserWindow). `tsx tests/dlib-frame.ts DIR` writes DIR/image.npy (128, 128, 3) float32 0..255,
 * DIR/embedding.npy (128,) and DIR/window.npy (6,).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { alignTemplate, FaceAnalyzer, recogniserWindow } from '@facecraft/shared/face'
import { createCharacterV2 } from '@facecraft/shared/rig-v2'
import { encodeNpy } from '../convert/npy.ts'
import { datasetEngineV2 } from '../dataset/engines.ts'
import { releaseModels } from '../dataset/models.ts'

const dir = process.argv[2]
if (!dir) throw new Error('usage: tsx tests/dlib-frame.ts DIR')
const SIZE = 128
const { image } = datasetEngineV2().render(createCharacterV2(), SIZE, [255, 255, 255])
const pixels = new Float32Array(SIZE * SIZE * 3)
for (let i = 0; i < SIZE * SIZE; i++)
  for (let c = 0; c < 3; c++) pixels[i * 3 + c] = image.data[i * 4 + c]!
const analyzer = await FaceAnalyzer.createFromOptions({ models: await releaseModels() })
const frame = { ibug68: alignTemplate().map((v) => v * SIZE) }
const embedding = await analyzer.embed(image, frame, 'face-embedder-dlib')
await analyzer.close()
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'image.npy'), encodeNpy({ shape: [SIZE, SIZE, 3], data: pixels }))
writeFileSync(join(dir, 'embedding.npy'), encodeNpy({ shape: [embedding.length], data: embedding }))
const window = Float32Array.from(recogniserWindow('face-embedder-dlib', alignTemplate()))
writeFileSync(join(dir, 'window.npy'), encodeNpy({ shape: [6], data: window }))
