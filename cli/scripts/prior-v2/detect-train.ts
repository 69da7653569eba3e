/**
 * @file Step 1 of the rig v2 face prior (see fit-prior.ts): runs the face pipeline on every TRAIN photo of
 * ../shared/faces (Pixabay and Canada; never London, the evaluation set) and caches, per near-frontal face, the
 * 68 iBUG points of FaceMesh's pose-normalised 3D mesh (centred, frontal, inter-ocular 1), the pose, the
 * median skin colour and the labels. Writes models/.work/prior/train-faces.json (git-ignored: derived from
 * photos, never committed).
 * Usage: nice -n 10 npx tsx cli/scripts/prior-v2/detect-train.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FaceAnalyzer, IBUG68_FROM_MESH } from '@facecraft/shared/face'
import { nodeModelSource } from '../../src/commands/detect.ts'
import { facesDir, readIndex } from '../../src/eval/london.ts'
import { analysePhoto } from '../../src/eval/photos.ts'

const dir = facesDir()
const rows = readIndex(dir).filter((r) => r.split === 'train')
const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource() })
const out: unknown[] = []
let skipped = 0
for (const [i, r] of rows.entries()) {
  try {
    const photo = await analysePhoto(analyzer, join(dir, r.file))
    const f = photo.face
    const p3 = IBUG68_FROM_MESH.flatMap((m) => [
      f.normalisedMesh[3 * m]!,
      f.normalisedMesh[3 * m + 1]!,
      f.normalisedMesh[3 * m + 2]!,
    ])
    const colors = analyzer.partColors(photo.image, f)
    out.push({
      file: r.file,
      set: r.set,
      gender: r.gender,
      age: r.age,
      pose: f.pose,
      meshScore: f.meshScore,
      interOcular: f.interOcular,
      ibug3d: p3.map((v) => Math.round(v * 1e5) / 1e5),
      colors,
    })
  } catch {
    skipped++
  }
  if ((i + 1) % 50 === 0)
    console.error(`detect-train: ${i + 1}/${rows.length} (skipped ${skipped})`)
}
await analyzer.close()
mkdirSync('models/.work/prior', { recursive: true })
writeFileSync('models/.work/prior/train-faces.json', JSON.stringify(out))
console.error(`detect-train: wrote ${out.length} faces (${skipped} photos without a face)`)
