/**
 * @file Calibrates the reach search's facial-hair evidence (cli/src/eval/reach-prior darkChin) on TRAIN photos:
 * the ratio of the darker of the chin and upper-lip patches to the skin's median luminance, for Pixabay women
 * (who show no facial hair) and men. The threshold is set so few women pass. Prints percentiles.
 * Usage: nice -n 10 npx tsx cli/scripts/prior-v2/chin-threshold.ts
 */
import { join } from 'node:path'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { nodeModelSource } from '../../src/commands/detect.ts'
import { facesDir, readIndex } from '../../src/eval/london.ts'
import { analysePhoto } from '../../src/eval/photos.ts'
import { chinRatio } from '../../src/eval/reach-prior.ts'

const dir = facesDir()
const rows = readIndex(dir).filter((r) => r.set === 'pixabay')
const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource() })
const ratios: Record<string, number[]> = { female: [], male: [] }
for (const r of rows.filter((_, i) => i % 2 === 0)) {
  try {
    const p = await analysePhoto(analyzer, join(dir, r.file))
    if (Math.abs(p.face.pose.yaw) > 20) continue
    const skin = analyzer.partColors(p.image, p.face).skin
    if (!skin) continue
    ratios[r.gender]?.push(chinRatio(p.image, p.face, skin))
  } catch {
    // no face: skip
  }
}
await analyzer.close()
const pct = (v: number[], q: number) =>
  [...v].sort((a, b) => a - b)[Math.floor(q * (v.length - 1))]!
for (const [g, v] of Object.entries(ratios))
  console.log(g, v.length, [0.05, 0.1, 0.25, 0.5, 0.75].map((q) => pct(v, q).toFixed(3)).join(' '))
